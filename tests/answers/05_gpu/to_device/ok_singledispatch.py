import functools


@functools.singledispatch
def to_device(obj, device):
    return obj


@to_device.register
def _(obj: torch.Tensor, device):
    return obj.to(device)


@to_device.register(list)
@to_device.register(tuple)
def _(obj, device):
    return type(obj)(to_device(item, device) for item in obj)


@to_device.register
def _(obj: dict, device):
    return {key: to_device(value, device) for key, value in obj.items()}

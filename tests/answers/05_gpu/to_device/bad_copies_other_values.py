# expect: In to_device(a plain object, device(type='meta')) the result is
# returns a deep copy of every value that is not a tensor or a container, not the value itself
import copy


def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, dict):
        return {key: to_device(value, device) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(item, device) for item in obj)
    return copy.deepcopy(obj)

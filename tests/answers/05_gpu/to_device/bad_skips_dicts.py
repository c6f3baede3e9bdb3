# expect: the result['x'] should be on meta
# walks lists and tuples but leaves dicts (and the tensors in them) untouched
def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(item, device) for item in obj)
    return obj

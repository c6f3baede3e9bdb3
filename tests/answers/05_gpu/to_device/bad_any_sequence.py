# expect: the result[1] is b'raw bytes'
# walks every Sequence but str, so bytes and ranges are rebuilt instead of coming back unchanged
from collections.abc import Mapping, Sequence


def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, Mapping):
        return {key: to_device(value, device) for key, value in obj.items()}
    if isinstance(obj, Sequence) and not isinstance(obj, str):
        return type(obj)(to_device(item, device) for item in obj)
    return obj

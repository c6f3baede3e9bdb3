# expect: the result['label'] is 'cat'
# treats every Sequence as a container, so a string is taken apart and rebuilt as the text of a generator
from collections.abc import Mapping, Sequence


def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, Mapping):
        return {key: to_device(value, device) for key, value in obj.items()}
    if isinstance(obj, Sequence):
        return type(obj)(to_device(item, device) for item in obj)
    return obj

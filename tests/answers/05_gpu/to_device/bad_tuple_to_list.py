# expect: should be a tuple like the input, found a list
# tuples come back as lists
def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, (list, tuple)):
        return [to_device(item, device) for item in obj]
    if isinstance(obj, dict):
        return {key: to_device(value, device) for key, value in obj.items()}
    return obj

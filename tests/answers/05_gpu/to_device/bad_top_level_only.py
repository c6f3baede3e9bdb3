# expect: the result['inputs'][0] should be on meta
# moves only the tensors at the top level, not those in nested containers
def to_device(obj, device):
    def move(x):
        return x.to(device) if isinstance(x, torch.Tensor) else x
    if isinstance(obj, dict):
        return {key: move(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move(item) for item in obj)
    return move(obj)

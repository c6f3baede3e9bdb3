from torch.utils import _pytree as pytree


def to_device(obj, device):
    # PyTorch's own tree utilities walk lists, tuples and dicts and rebuild them
    return pytree.tree_map(lambda leaf: leaf.to(device) if isinstance(leaf, torch.Tensor) else leaf, obj)

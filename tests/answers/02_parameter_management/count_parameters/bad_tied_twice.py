# expect: a tied layer is one set of parameters
def count_parameters(net):
    # counts a tied parameter once for every place it is used
    return sum(p.numel() for _, p in net.named_parameters(remove_duplicate=False) if p.requires_grad)

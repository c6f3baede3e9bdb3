def count_parameters(net):
    # net.parameters() yields each Parameter once, even when it is used in several places.
    return sum(p.numel() for p in net.parameters() if p.requires_grad)

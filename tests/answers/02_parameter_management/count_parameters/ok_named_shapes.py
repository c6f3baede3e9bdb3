import math


def count_parameters(net):
    return sum(math.prod(p.shape) for _, p in net.named_parameters() if p.requires_grad)

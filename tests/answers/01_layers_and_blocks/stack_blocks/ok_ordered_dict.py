from collections import OrderedDict


def stack_blocks(factory, n):
    return nn.Sequential(OrderedDict((f"block{i}", factory()) for i in range(n)))

# expect: should return an nn.Sequential
def stack_blocks(factory, n):
    return nn.ModuleList(factory() for _ in range(n))

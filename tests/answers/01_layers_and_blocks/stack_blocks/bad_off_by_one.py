# expect: should hold 3 modules, got 2
def stack_blocks(factory, n):
    return nn.Sequential(*[factory() for _ in range(1, n)])

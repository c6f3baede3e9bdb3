# expect: stack_blocks(factory, 0) should return an nn.Sequential
def stack_blocks(factory, n):
    if n == 0:
        return None
    return nn.Sequential(*[factory() for _ in range(n)])

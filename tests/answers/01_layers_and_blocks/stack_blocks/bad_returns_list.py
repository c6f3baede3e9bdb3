# expect: should return an nn.Sequential
def stack_blocks(factory, n):
    return [factory() for _ in range(n)]

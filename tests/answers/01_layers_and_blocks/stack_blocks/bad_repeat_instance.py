# expect: repeats one module instance
def stack_blocks(factory, n):
    return nn.Sequential(*[factory()] * n)

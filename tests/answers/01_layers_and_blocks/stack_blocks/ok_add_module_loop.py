def stack_blocks(factory, n):
    net = nn.Sequential()
    for i in range(n):
        net.add_module(str(i), factory())
    return net

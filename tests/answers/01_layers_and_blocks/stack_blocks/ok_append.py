def stack_blocks(factory, n):
    net = nn.Sequential()
    while len(net) < n:
        net.append(factory())
    return net

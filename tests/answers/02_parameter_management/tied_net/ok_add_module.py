def make_tied_net():
    net = nn.Sequential()
    net.add_module("0", nn.Linear(4, 8))
    net.add_module("1", nn.ReLU())
    shared = nn.Linear(8, 8)
    net.add_module("2", shared)
    net.add_module("3", nn.ReLU())
    net.add_module("4", shared)
    net.add_module("5", nn.ReLU())
    net.add_module("6", nn.Linear(8, 1))
    return net

# expect: share only some of their parameters
def make_tied_net():
    first, second = nn.Linear(8, 8), nn.Linear(8, 8)
    second.weight = first.weight  # the biases stay separate
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(),
                         first, nn.ReLU(),
                         second, nn.ReLU(),
                         nn.Linear(8, 1))

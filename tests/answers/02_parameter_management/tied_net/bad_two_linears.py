# expect: two separate nn.Linear(8, 8) layers
def make_tied_net():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(),
                         nn.Linear(8, 8), nn.ReLU(),
                         nn.Linear(8, 8), nn.ReLU(),
                         nn.Linear(8, 1))

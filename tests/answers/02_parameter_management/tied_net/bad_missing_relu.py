# expect: should return 7 modules
def make_tied_net():
    shared = nn.Linear(8, 8)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(),
                         shared, shared, nn.ReLU(),  # no ReLU between the two uses
                         nn.Linear(8, 1))

# expect: each call should build a new network
shared = nn.Linear(8, 8)  # made once: every net from make_tied_net() shares it


def make_tied_net():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(),
                         shared, nn.ReLU(),
                         shared, nn.ReLU(),
                         nn.Linear(8, 1))

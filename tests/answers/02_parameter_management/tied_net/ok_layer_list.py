def make_tied_net():
    shared = nn.Linear(8, 8)
    layers = [nn.Linear(4, 8), nn.ReLU()]
    for _ in range(2):
        layers += [shared, nn.ReLU()]
    layers.append(nn.Linear(8, 1))
    return nn.Sequential(*layers)

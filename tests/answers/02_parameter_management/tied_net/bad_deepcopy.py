# expect: merely hold equal values
import copy


def make_tied_net():
    shared = nn.Linear(8, 8)
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(),
                         shared, nn.ReLU(),
                         copy.deepcopy(shared), nn.ReLU(),  # equal values, separate parameters
                         nn.Linear(8, 1))

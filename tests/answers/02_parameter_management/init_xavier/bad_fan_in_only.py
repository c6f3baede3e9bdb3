# expect: outside [-a, a]
import math


def init_xavier(m):
    if isinstance(m, nn.Linear):
        a = math.sqrt(6 / m.in_features)  # fan_in only (He-style), not fan_in + fan_out
        nn.init.uniform_(m.weight, -a, a)
        nn.init.zeros_(m.bias)

import math


def init_xavier(m):
    if isinstance(m, nn.Linear):
        fan_out, fan_in = m.weight.shape
        a = math.sqrt(6 / (fan_in + fan_out))
        with torch.no_grad():
            m.weight.uniform_(-a, a)
            m.bias.zero_()

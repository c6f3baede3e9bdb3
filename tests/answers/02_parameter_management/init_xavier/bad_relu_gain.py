# expect: outside [-a, a]
def init_xavier(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight, gain=nn.init.calculate_gain("relu"))  # a is sqrt(2) too big
        nn.init.zeros_(m.bias)

# expect: the standard deviation is 0.01, the variance 0.0001
def init_normal(m):
    if isinstance(m, nn.Linear):
        # squares the std: N(0, 0.0001²) instead of N(0, 0.01²)
        nn.init.normal_(m.weight, mean=0, std=0.01 ** 2)
        nn.init.zeros_(m.bias)

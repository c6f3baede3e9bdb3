# expect: a subclass of nn.Linear is an nn.Linear too
def init_normal(m):
    if type(m) == nn.Linear:  # misses subclasses of nn.Linear
        nn.init.normal_(m.weight, mean=0, std=0.01)
        nn.init.zeros_(m.bias)

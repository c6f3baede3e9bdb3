# expect: expected 0.01
def init_normal(m):
    if isinstance(m, nn.Linear):
        nn.init.uniform_(m.weight, -0.01, 0.01)  # uniform, not normal
        nn.init.zeros_(m.bias)

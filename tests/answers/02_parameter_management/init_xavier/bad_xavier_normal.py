# expect: outside [-a, a]
def init_xavier(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight)  # the normal variant: right spread, wrong distribution
        nn.init.zeros_(m.bias)

# expect: should be all zeros
def init_constant(m):
    if isinstance(m, nn.Linear):
        for p in m.parameters():  # the bias becomes 1 too
            nn.init.constant_(p, 1)

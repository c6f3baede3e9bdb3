def init_constant(m):
    if isinstance(m, nn.Linear):
        nn.init.ones_(m.weight)
        m.bias.data.zero_()

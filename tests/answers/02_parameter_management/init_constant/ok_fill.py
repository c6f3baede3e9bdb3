def init_constant(m):
    if isinstance(m, nn.Linear):
        with torch.no_grad():
            m.weight.fill_(1.0)
            m.bias.fill_(0.0)

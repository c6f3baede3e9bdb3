def init_normal(m):
    if isinstance(m, nn.Linear):
        with torch.no_grad():
            m.weight.copy_(torch.randn_like(m.weight) * 0.01)
            m.bias.fill_(0.0)

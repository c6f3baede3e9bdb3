def init_xavier(m):
    if isinstance(m, nn.Linear):
        a = (6 / (m.in_features + m.out_features)) ** 0.5
        with torch.no_grad():
            m.weight.copy_((torch.rand_like(m.weight) * 2 - 1) * a)
            m.bias.zero_()

def init_normal(m):
    if not isinstance(m, nn.Linear):
        return
    with torch.no_grad():
        m.weight.normal_(0, 0.01)
        if m.bias is not None:
            m.bias.zero_()

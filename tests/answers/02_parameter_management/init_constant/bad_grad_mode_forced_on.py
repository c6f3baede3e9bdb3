# expect: switched gradient tracking on when it was called with tracking off
def init_constant(m):
    # switches tracking off, then on again at the end: wrong whenever it was off before the call
    torch.set_grad_enabled(False)
    if isinstance(m, nn.Linear):
        m.weight.fill_(1)
        m.bias.zero_()
    torch.set_grad_enabled(True)

# expect: frozen parameters (requires_grad=False) are not trainable
def count_parameters(net):
    # forgets that frozen parameters are not trainable
    return sum(p.numel() for p in net.parameters())

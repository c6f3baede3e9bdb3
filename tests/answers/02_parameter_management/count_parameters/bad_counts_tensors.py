# expect: count every scalar
def count_parameters(net):
    # counts parameter tensors, not the scalar values inside them
    return len([p for p in net.parameters() if p.requires_grad])

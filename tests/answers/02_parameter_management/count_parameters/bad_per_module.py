# expect: counts once and the buffer not at all
def count_parameters(net):
    total = 0
    for module in net.modules():
        # each use of a shared module adds its parameters again (modules() lists it once, but
        # a tied Parameter inside two different modules is still counted twice)
        total += sum(p.numel() for p in module.parameters(recurse=False) if p.requires_grad)
    return total

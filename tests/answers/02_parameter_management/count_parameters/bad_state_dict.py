# expect: a tied layer is one set of parameters
def count_parameters(net):
    # the state dict also holds buffers, and lists a tied parameter under each of its names
    return sum(t.numel() for t in net.state_dict().values())

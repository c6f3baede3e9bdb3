# expect: with tensors on several devices it should raise a ValueError
# looks only at the first parameter (or buffer)
def model_device(net):
    for tensor in [*net.parameters(), *net.buffers()]:
        return tensor.device
    return torch.device("cpu")

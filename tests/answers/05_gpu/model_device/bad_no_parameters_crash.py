# expect: model_device(nn.ReLU() (no parameters)) raised StopIteration
# next() on an empty generator: a module without parameters raises StopIteration
def model_device(net):
    first = next(net.parameters()).device
    for tensor in [*net.parameters(), *net.buffers()]:
        if tensor.device != first:
            raise ValueError(f"tensors on {first} and {tensor.device}")
    return first

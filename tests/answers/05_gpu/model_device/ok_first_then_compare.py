import itertools


def model_device(net):
    found = None
    for tensor in itertools.chain(net.parameters(), net.buffers()):
        if found is None:
            found = tensor.device
        elif tensor.device != found:
            raise ValueError(f"the model is spread over {found} and {tensor.device}")
    return found if found is not None else torch.device("cpu")

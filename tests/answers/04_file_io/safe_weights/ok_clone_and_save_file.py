from safetensors.torch import load_file, save_file


def save_safe(net, path):
    # Cloning gives every name its own storage: tied tensors are written twice, which safetensors allows.
    save_file({name: value.detach().clone().contiguous() for name, value in net.state_dict().items()}, path)


def load_safe(net, path):
    net.load_state_dict(load_file(path))  # copies into the net's own parameters, so ties stay tied
    return net

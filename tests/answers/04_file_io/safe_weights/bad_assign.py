# expect: layer 6's weight is no longer layer 2's weight
# assign=True puts a separate tensor under each name: the tie is broken after loading.
from safetensors.torch import load_file, save_file


def save_safe(net, path):
    save_file({name: value.detach().clone().contiguous() for name, value in net.state_dict().items()}, path)


def load_safe(net, path):
    net.load_state_dict(load_file(path), assign=True)
    return net

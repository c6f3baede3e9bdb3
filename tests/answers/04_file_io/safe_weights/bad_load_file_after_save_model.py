# expect: load_safe(net, path) for a net with tied parameters raised RuntimeError
# save_model stores each tied tensor once; load_state_dict(load_file(...)) then misses the dropped names.
from safetensors.torch import load_file, save_model


def save_safe(net, path):
    save_model(net, path)


def load_safe(net, path):
    net.load_state_dict(load_file(path))
    return net

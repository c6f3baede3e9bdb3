# expect: load_safe accepted a file that lacks
# load_model with strict=False: a file that does not match the net loads silently.
from safetensors.torch import load_model, save_model


def save_safe(net, path):
    save_model(net, path)


def load_safe(net, path):
    load_model(net, path, strict=False)
    return net

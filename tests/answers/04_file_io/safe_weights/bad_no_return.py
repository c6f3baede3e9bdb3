# expect: load_safe(net, path) should load into the given net and return it
# Loads correctly but forgets to return the net.
from safetensors.torch import load_model, save_model


def save_safe(net, path):
    save_model(net, path)


def load_safe(net, path):
    load_model(net, path)

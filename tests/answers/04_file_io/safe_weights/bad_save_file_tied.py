# expect: save_safe(net, path) for a net with tied parameters raised RuntimeError
# save_file of the state_dict: safetensors refuses tensors that share memory (tied weights).
from safetensors.torch import load_file, save_file


def save_safe(net, path):
    save_file(net.state_dict(), path)


def load_safe(net, path):
    net.load_state_dict(load_file(path))
    return net

# expect: is not a safetensors file
# Uses torch.save (a pickle in a zip), not the safetensors format.
def save_safe(net, path):
    torch.save(net.state_dict(), path)


def load_safe(net, path):
    net.load_state_dict(torch.load(path, weights_only=True))
    return net

# expect: load_params accepted a file that lacks the key '4.bias'
# strict=False hides missing and unexpected keys.
def save_params(net, path):
    torch.save(net.state_dict(), path)


def load_params(net, path):
    net.load_state_dict(torch.load(path, weights_only=True), strict=False)
    net.eval()
    return net

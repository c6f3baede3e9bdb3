# expect: is still in training mode
# Forgets net.eval(): dropout stays on and BatchNorm uses batch statistics.
def save_params(net, path):
    torch.save(net.state_dict(), path)


def load_params(net, path):
    net.load_state_dict(torch.load(path, weights_only=True))
    return net

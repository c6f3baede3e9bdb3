# expect: load_params loaded a file whose pickle calls a function
# Loads with weights_only=False: a file whose pickle runs code is accepted.
def save_params(net, path):
    torch.save(net.state_dict(), path)


def load_params(net, path):
    net.load_state_dict(torch.load(path, weights_only=False))
    net.eval()
    return net

# expect: A weights-only torch.load cannot read the file save_params wrote
# Pickles the whole model object instead of its state_dict.
def save_params(net, path):
    torch.save(net, path)


def load_params(net, path):
    saved = torch.load(path, weights_only=False)
    net.load_state_dict(saved.state_dict())
    net.eval()
    return net

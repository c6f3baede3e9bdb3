# expect: load_params(net, path) should load into the given net and return that net
# Loads correctly but forgets to return the net.
def save_params(net, path):
    torch.save(net.state_dict(), path)


def load_params(net, path):
    net.load_state_dict(torch.load(path, weights_only=True))
    net.eval()

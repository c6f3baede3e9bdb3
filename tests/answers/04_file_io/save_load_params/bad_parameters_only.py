# expect: The file save_params wrote lacks '1.running_mean'
# Saves only the parameters, losing buffers such as BatchNorm's running statistics.
def save_params(net, path):
    torch.save(dict(net.named_parameters()), path)


def load_params(net, path):
    net.load_state_dict(torch.load(path, weights_only=True), strict=False)
    net.eval()
    return net

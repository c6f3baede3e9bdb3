def save_params(net, path):
    torch.save(dict(net.state_dict()), path)


def load_params(net, path):
    state = torch.load(path, weights_only=True)
    own = net.state_dict()
    missing = sorted(set(own) - set(state))
    unexpected = sorted(set(state) - set(own))
    if missing or unexpected:
        raise KeyError(f"missing keys {missing}, unexpected keys {unexpected}")
    with torch.no_grad():
        for name, value in state.items():
            own[name].copy_(value)
    for module in net.modules():
        module.training = False
    return net

def save_params(net, path):
    with open(path, "wb") as f:
        torch.save(net.state_dict(), f)


def load_params(net, path):
    with open(path, "rb") as f:
        state = torch.load(f, map_location="cpu", weights_only=True)
    result = net.load_state_dict(state, strict=True)
    assert not result.missing_keys and not result.unexpected_keys
    return net.train(False)

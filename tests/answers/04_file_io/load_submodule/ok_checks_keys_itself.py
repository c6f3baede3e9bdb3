def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    n = len(prefix) + 1
    mine = {key[n:]: value for key, value in whole.items() if key[:n] == prefix + "."}
    own = module.state_dict()
    missing = [key for key in own if key not in mine]
    unexpected = [key for key in mine if key not in own]
    if missing or unexpected:
        raise KeyError(f"missing keys: {missing}; unexpected keys: {unexpected}")
    with torch.no_grad():
        for key, value in mine.items():
            own[key].copy_(value)
    return module

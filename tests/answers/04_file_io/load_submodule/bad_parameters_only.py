# expect: load_submodule(module, path, 'enc') raised KeyError
# matches and copies the parameters only: the block's buffers (BatchNorm's running statistics) are not loaded
def load_submodule(module, path, prefix):
    state = torch.load(path, weights_only=True)
    start = prefix + "."
    part = {key[len(start):]: value for key, value in state.items() if key.startswith(start)}
    own = dict(module.named_parameters())
    missing, unexpected = sorted(set(own) - set(part)), sorted(set(part) - set(own))
    if missing or unexpected:
        raise KeyError(f"missing keys {missing}, unexpected keys {unexpected}")
    with torch.no_grad():
        for name, parameter in own.items():
            parameter.copy_(part[name])
    return module

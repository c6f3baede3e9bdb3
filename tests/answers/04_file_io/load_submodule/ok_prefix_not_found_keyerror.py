def load_submodule(module, path, prefix):
    state = torch.load(path, weights_only=True)
    start = prefix + "."
    part = {key[len(start):]: value for key, value in state.items() if key.startswith(start)}
    if not part:
        raise KeyError(f"no key in {path} starts with {start!r}")
    module.load_state_dict(part)
    return module

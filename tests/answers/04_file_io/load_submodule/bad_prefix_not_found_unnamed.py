# expect: names neither the prefix nor the missing keys
# raises when the prefix matches nothing, but the error names neither the prefix nor the missing keys
def load_submodule(module, path, prefix):
    state = torch.load(path, weights_only=True)
    start = prefix + "."
    part = {key[len(start):]: value for key, value in state.items() if key.startswith(start)}
    if not part:
        raise KeyError("nothing to load")
    module.load_state_dict(part)
    return module

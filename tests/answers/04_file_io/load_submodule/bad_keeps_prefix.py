# expect: differ from the saved enc.* entries
# Selects the right entries but keeps the prefix on their names (and strict=False hides it).
def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    mine = {key: value for key, value in whole.items() if key.startswith(prefix + ".")}
    module.load_state_dict(mine, strict=False)
    return module

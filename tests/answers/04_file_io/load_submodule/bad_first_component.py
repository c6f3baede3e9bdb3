# expect: load_submodule(module, path, 'dec.enc') raised RuntimeError
# Compares only the first component of each key: a dotted prefix such as "dec.enc" never matches.
def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    mine = {}
    for key, value in whole.items():
        head, _, rest = key.partition(".")
        if head == prefix:
            mine[rest] = value
    module.load_state_dict(mine)
    return module

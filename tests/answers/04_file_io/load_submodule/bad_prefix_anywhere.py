# expect: differ from the saved enc.* entries
# Matches the prefix anywhere in the key: "dec.enc.0.weight" is taken for prefix "enc".
def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    mine = {key.split(prefix + ".", 1)[1]: value for key, value in whole.items() if prefix + "." in key}
    module.load_state_dict(mine)
    return module

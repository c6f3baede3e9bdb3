# expect: the module's '2.weight', '2.bias' differ from the saved enc.* entries
# startswith(prefix) then lstrip("."): "enc2.weight" becomes "2.weight" and overwrites "enc.2.weight".
def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    mine = {}
    for key, value in whole.items():
        if key.startswith(prefix):
            mine[key[len(prefix):].lstrip(".")] = value
    module.load_state_dict(mine)
    return module

# expect: Unexpected key(s) in state_dict: ".weight"
# startswith(prefix) without the dot: prefix "1" also takes "10.weight", "enc" takes "enc2.weight".
def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    mine = {key[len(prefix) + 1:]: value for key, value in whole.items() if key.startswith(prefix)}
    module.load_state_dict(mine)
    return module

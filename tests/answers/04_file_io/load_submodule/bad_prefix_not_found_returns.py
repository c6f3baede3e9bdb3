# expect: returned although no key in the file starts with 'encoder.'
# treats a prefix that matches nothing as nothing to do, and returns the module untouched
def load_submodule(module, path, prefix):
    state = torch.load(path, weights_only=True)
    start = prefix + "."
    part = {key[len(start):]: value for key, value in state.items() if key.startswith(start)}
    if not part:
        return module
    module.load_state_dict(part)
    return module

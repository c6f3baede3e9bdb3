# expect: accepted a module that does not match the saved entries (missing key '4.weight')
# Right selection, but strict=False: a module that does not match loads silently.
def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    start = prefix + "."
    module.load_state_dict({k[len(start):]: v for k, v in whole.items() if k.startswith(start)}, strict=False)
    return module

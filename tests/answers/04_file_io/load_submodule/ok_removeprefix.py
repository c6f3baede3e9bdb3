def load_submodule(module, path, prefix):
    whole = torch.load(path, map_location="cpu", weights_only=True)
    start = f"{prefix}."
    mine = {}
    for key, value in whole.items():
        if key.startswith(start):
            mine[key.removeprefix(start)] = value
    module.load_state_dict(mine, strict=True)
    return module

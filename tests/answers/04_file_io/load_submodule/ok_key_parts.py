def load_submodule(module, path, prefix):
    whole = torch.load(path, weights_only=True)
    head = prefix.split(".")
    mine = {}
    for key, value in whole.items():
        parts = key.split(".")
        if parts[: len(head)] == head and len(parts) > len(head):
            mine[".".join(parts[len(head):])] = value
    module.load_state_dict(mine)
    return module

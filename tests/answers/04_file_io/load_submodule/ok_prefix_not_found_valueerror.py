def load_submodule(module, path, prefix):
    state = torch.load(path, weights_only=True)
    part = {}
    for key, value in state.items():
        head, dot, rest = key.partition(".")
        while dot and head != prefix and head.count(".") < prefix.count("."):
            more, dot, rest = rest.partition(".")
            head = head + "." + more
        if dot and head == prefix:
            part[rest] = value
    if not part:
        raise ValueError(f"the saved model has no submodule named {prefix}")
    module.load_state_dict(part)
    return module

from safetensors import safe_open
from safetensors.torch import load_file, save_file


def save_safe(net, path):
    kept, aliases = {}, {}
    first_name = {}
    for name, value in net.state_dict().items():
        key = (value.untyped_storage().data_ptr(), value.storage_offset(), tuple(value.shape), value.stride())
        if key in first_name:
            aliases[name] = first_name[key]  # a tied tensor: store it once, remember the alias
        else:
            first_name[key] = name
            kept[name] = value.detach().contiguous()
    save_file(kept, path, metadata=aliases)


def load_safe(net, path):
    with safe_open(path, framework="pt") as f:
        aliases = f.metadata() or {}
    state = load_file(path)
    for alias, name in aliases.items():
        state[alias] = state[name]
    net.load_state_dict(state, strict=True)
    return net

# expect: the file's keys must be the state_dict names
# stores the distinct tensors under its own names ("t0", "t1", ...) and loads them back by position
from safetensors.torch import load_file, save_file


def _distinct(net):
    seen, tensors = set(), []
    for parameter in [*net.parameters(), *net.buffers()]:
        if id(parameter) not in seen:
            seen.add(id(parameter))
            tensors.append(parameter)
    return tensors


def save_safe(net, path):
    save_file({f"t{i}": t.detach().contiguous() for i, t in enumerate(_distinct(net))}, path)


def load_safe(net, path):
    stored = load_file(path)
    with torch.no_grad():
        for i, t in enumerate(_distinct(net)):
            t.copy_(stored[f"t{i}"])
    return net

def count_parameters(net):
    seen = set()
    total = 0
    for module in net.modules():
        for p in module.parameters(recurse=False):
            if p.requires_grad and id(p) not in seen:
                seen.add(id(p))
                total += p.numel()
    return total

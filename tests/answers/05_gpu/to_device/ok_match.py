def to_device(obj, device):
    match obj:
        case torch.Tensor():
            return obj if obj.device == torch.device(device) else obj.to(device)
        case list():
            return [to_device(x, device) for x in obj]
        case tuple():
            return tuple([to_device(x, device) for x in obj])
        case dict():
            moved = {}
            for key in obj:
                moved[key] = to_device(obj[key], device)
            return moved
        case _:
            return obj

def model_device(net):
    # the state dict holds every parameter and (persistent) buffer
    devices = sorted({str(t.device) for t in net.state_dict().values()})
    if len(devices) > 1:
        raise ValueError("tensors on more than one device: " + " and ".join(devices))
    return torch.device(devices[0]) if devices else torch.device("cpu")

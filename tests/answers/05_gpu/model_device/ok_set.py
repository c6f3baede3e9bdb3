def model_device(net):
    devices = set()
    for tensor in net.parameters():
        devices.add(tensor.device)
    for tensor in net.buffers():
        devices.add(tensor.device)
    if len(devices) > 1:
        raise ValueError(f"parameters and buffers on several devices: {devices}")
    return devices.pop() if devices else torch.device("cpu")

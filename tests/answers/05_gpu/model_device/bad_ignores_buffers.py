# expect: buffers are the module's tensors as much as parameters are
# looks at the parameters but not at the buffers
def model_device(net):
    devices = {p.device for p in net.parameters()}
    if len(devices) > 1:
        raise ValueError(f"parameters on several devices: {sorted(map(str, devices))}")
    return devices.pop() if devices else torch.device("cpu")

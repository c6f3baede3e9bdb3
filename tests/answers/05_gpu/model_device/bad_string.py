# expect: returned 'cpu' (a str)
# returns the device's name as a string instead of a torch.device
def model_device(net):
    devices = {str(t.device) for t in [*net.parameters(), *net.buffers()]}
    if len(devices) > 1:
        raise ValueError(f"tensors on several devices: {sorted(devices)}")
    return devices.pop() if devices else "cpu"

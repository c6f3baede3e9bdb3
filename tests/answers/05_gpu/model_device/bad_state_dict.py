# expect: a buffer registered with persistent=False is left out of state_dict()
# reads net.state_dict(), which leaves out buffers registered with persistent=False
def model_device(net):
    devices = sorted({str(t.device) for t in net.state_dict().values()})
    if len(devices) > 1:
        raise ValueError("tensors on more than one device: " + " and ".join(devices))
    return torch.device(devices[0]) if devices else torch.device("cpu")

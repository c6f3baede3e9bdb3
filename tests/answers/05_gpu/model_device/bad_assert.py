# expect: raised AssertionError: tensors on several devices
# an assert instead of a ValueError when the tensors are spread
def model_device(net):
    devices = {t.device for t in [*net.parameters(), *net.buffers()]}
    assert len(devices) <= 1, f"tensors on several devices: {devices}"
    return devices.pop() if devices else torch.device("cpu")

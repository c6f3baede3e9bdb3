# expect: the message should name the devices it found
# the ValueError does not say which devices it found
def model_device(net):
    devices = {t.device for t in [*net.parameters(), *net.buffers()]}
    if len(devices) > 1:
        raise ValueError("the model is on more than one device")
    return devices.pop() if devices else torch.device("cpu")

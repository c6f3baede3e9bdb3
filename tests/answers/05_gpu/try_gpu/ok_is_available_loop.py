def try_gpu(i=0):
    if torch.cuda.is_available() and 0 <= i < torch.cuda.device_count():
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")


def try_all_gpus():
    devices = []
    i = 0
    while try_gpu(i).type == "cuda":
        devices.append(try_gpu(i))
        i += 1
    if not devices:
        devices.append(torch.device("cpu"))
    return devices

# expect: On a machine without a CUDA device, try_gpu() returned device(type='cuda', index=0)
# off by one: cuda:i needs i + 1 devices, this accepts i devices
def try_gpu(i=0):
    if torch.cuda.device_count() >= i:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")


def try_all_gpus():
    devices = [torch.device(f"cuda:{i}") for i in range(torch.cuda.device_count())]
    return devices if devices else [torch.device("cpu")]

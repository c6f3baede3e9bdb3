# expect: On a machine with 4 CUDA devices, try_all_gpus() returned [device(type='cuda', index=0)];
# try_all_gpus lists only the first GPU
def try_gpu(i=0):
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f"cuda:{i}")
    return torch.device("cpu")


def try_all_gpus():
    return [try_gpu()]

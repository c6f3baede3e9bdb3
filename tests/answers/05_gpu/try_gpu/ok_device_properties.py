def try_gpu(i=0):
    # asking for the properties of a GPU that does not exist raises
    try:
        torch.cuda.get_device_properties(i)
    except Exception:
        return torch.device("cpu")
    return torch.device("cuda", i)


def try_all_gpus():
    gpus = []
    for i in range(torch.cuda.device_count()):
        gpus.append(try_gpu(i))
    return gpus or [torch.device("cpu")]

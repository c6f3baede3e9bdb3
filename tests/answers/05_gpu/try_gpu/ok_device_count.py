def try_gpu(i=0):
    if i < torch.cuda.device_count():
        return torch.device("cuda", i)
    return torch.device("cpu")


def try_all_gpus():
    count = torch.cuda.device_count()
    if count == 0:
        return [torch.device("cpu")]
    return [torch.device("cuda", i) for i in range(count)]

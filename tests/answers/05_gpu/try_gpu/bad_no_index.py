# expect: try_gpu() returned device(type='cuda');
# returns torch.device('cuda') without the index: the current GPU, whatever i asks for
def try_gpu(i=0):
    if torch.cuda.device_count() >= i + 1:
        return torch.device("cuda")
    return torch.device("cpu")


def try_all_gpus():
    return [try_gpu(i) for i in range(torch.cuda.device_count())] or [torch.device("cpu")]

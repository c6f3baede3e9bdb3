def _cuda_count():
    accelerator = torch.accelerator.current_accelerator(check_available=True)
    if accelerator is None or accelerator.type != "cuda":
        return 0
    return torch.accelerator.device_count()


def try_gpu(i=0):
    return torch.device(f"cuda:{i}") if _cuda_count() > i else torch.device("cpu")


def try_all_gpus():
    return [torch.device(f"cuda:{i}") for i in range(_cuda_count())] or [torch.device("cpu")]

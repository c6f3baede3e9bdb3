import numpy as np


def benchmark(fn, device, repeat=10):
    on_gpu = str(device).startswith("cuda")
    if on_gpu:
        torch.cuda.synchronize(device)
    times = np.empty(repeat)
    for k in range(repeat):
        t0 = time.monotonic()
        fn()
        if on_gpu:
            torch.cuda.synchronize(device)
        times[k] = time.monotonic() - t0
    return float(np.median(times))

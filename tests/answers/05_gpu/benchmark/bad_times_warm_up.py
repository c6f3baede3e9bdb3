# expect: that median includes the warm-up call
# makes a warm-up call but times it too, so the median is over repeat + 1 calls
def benchmark(fn, device, repeat=10):
    on_gpu = device.type == "cuda"
    if on_gpu:
        torch.cuda.synchronize(device)
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        fn()
        if on_gpu:
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

# expect: it should call it exactly 7 times, or 8 times when the first call is an untimed warm-up
# warms up with three untimed calls, where one is allowed
def benchmark(fn, device, repeat=10):
    on_gpu = device.type == "cuda"
    for _ in range(3):
        fn()
    if on_gpu:
        torch.cuda.synchronize(device)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if on_gpu:
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

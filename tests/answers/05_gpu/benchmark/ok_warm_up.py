def benchmark(fn, device, repeat=10):
    on_gpu = device.type == "cuda"
    fn()  # one untimed warm-up call: caches, lazy initialisation
    if on_gpu:
        torch.cuda.synchronize(device)  # the warm-up's GPU work and anything queued before it
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if on_gpu:
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

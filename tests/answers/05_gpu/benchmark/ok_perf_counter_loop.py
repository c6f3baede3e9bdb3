def benchmark(fn, device, repeat=10):
    sync = device.type == "cuda"
    if sync:
        torch.cuda.synchronize(device)
    times = []
    for _ in range(repeat):
        if sync:
            torch.cuda.synchronize(device)
        start = time.perf_counter()
        fn()
        if sync:
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

# expect: it must wait for the GPU before starting the clock
# does not synchronise before starting the clock, so earlier queued GPU work lands in the first call
def benchmark(fn, device, repeat=10):
    cuda = device.type == "cuda"
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

# expect: it synchronised another GPU but never cuda:2
# torch.cuda.synchronize() without the device waits for the current GPU, not necessarily the one timed
def benchmark(fn, device, repeat=10):
    cuda = device.type == "cuda"
    if cuda:
        torch.cuda.synchronize()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

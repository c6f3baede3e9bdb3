# expect: (that is the mean; return the median)
# returns the mean, which one slow call pulls up
def benchmark(fn, device, repeat=10):
    cuda = device.type == "cuda"
    if cuda:
        torch.cuda.synchronize(device)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if cuda:
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return sum(times) / len(times)

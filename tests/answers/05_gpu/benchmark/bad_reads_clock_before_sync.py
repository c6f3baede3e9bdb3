# expect: after each call of fn it must wait for the GPU
# reads the clock first and synchronises after, so the wait is outside the timed window
def benchmark(fn, device, repeat=10):
    cuda = device.type == "cuda"
    times = []
    for _ in range(repeat):
        if cuda:
            torch.cuda.synchronize(device)
        start = time.perf_counter()
        fn()
        end = time.perf_counter()
        if cuda:
            torch.cuda.synchronize(device)
        times.append(end - start)
    return statistics.median(times)

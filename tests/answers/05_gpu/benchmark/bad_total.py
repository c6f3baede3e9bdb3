# expect: that is the total of all calls
# returns the total time of all the calls, not the time of one
def benchmark(fn, device, repeat=10):
    cuda = device.type == "cuda"
    if cuda:
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
        if cuda:
            torch.cuda.synchronize(device)
    return time.perf_counter() - start

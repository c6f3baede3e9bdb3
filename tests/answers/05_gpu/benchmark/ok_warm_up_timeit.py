import timeit


def benchmark(fn, device, repeat=10):
    def call_and_wait():
        fn()
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    if device.type == "cuda":
        torch.cuda.synchronize(device)
    call_and_wait()  # warm-up, not timed
    times = []
    for _ in range(repeat):
        start = timeit.default_timer()
        call_and_wait()
        times.append(timeit.default_timer() - start)
    times.sort()
    middle = len(times) // 2
    return times[middle] if len(times) % 2 else (times[middle - 1] + times[middle]) / 2

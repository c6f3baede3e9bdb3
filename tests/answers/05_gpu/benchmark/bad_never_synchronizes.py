# expect: it never waited for the GPU
# never synchronises: on a GPU it times only the launch of the work
def benchmark(fn, device, repeat=10):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

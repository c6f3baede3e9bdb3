# expect: torch.cuda.synchronize was called on a machine without a CUDA device
# synchronises whatever the device: crashes on a machine without CUDA
def benchmark(fn, device, repeat=10):
    torch.cuda.synchronize()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

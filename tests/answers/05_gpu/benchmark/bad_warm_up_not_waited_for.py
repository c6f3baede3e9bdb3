# expect: after the warm-up call it must wait for the GPU
# makes a warm-up call but starts the clock without waiting for its GPU work
def benchmark(fn, device, repeat=10):
    on_gpu = device.type == "cuda"
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        if on_gpu:
            torch.cuda.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

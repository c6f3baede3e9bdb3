# expect: it never read a wall clock
# times with time.process_time, the process's CPU time, which does not count waiting (a GPU, I/O, sleep)
def benchmark(fn, device, repeat=10):
    on_gpu = device.type == "cuda"
    if on_gpu:
        torch.cuda.synchronize(device)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        if on_gpu:
            torch.cuda.synchronize(device)
        times.append(time.process_time() - start)
    return statistics.median(times)

from time import perf_counter_ns


def benchmark(fn, device, repeat=10):
    def wait():
        if torch.device(device).type == "cuda":
            torch.accelerator.synchronize(device)

    wait()
    stamps = [perf_counter_ns()]
    for _ in range(repeat):
        fn()
        wait()
        stamps.append(perf_counter_ns())
    durations = torch.tensor([b - a for a, b in zip(stamps, stamps[1:])], dtype=torch.float64) / 1e9
    return durations.median().item()

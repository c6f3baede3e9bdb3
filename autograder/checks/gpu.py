"""Hidden checks for section 5, GPU (assignment ``05_gpu``).

The checks grade fairly on a machine without a GPU. They simulate machines with 0, 1 or 4 CUDA
devices by patching ``torch.cuda`` and ``torch.accelerator`` consistently (every patch is a
``unittest.mock.patch`` context manager, undone when the check ends), and they use the ``meta``
device wherever a second real device would be needed. ``benchmark`` is timed on a fake clock:
the patched ``time`` functions return simulated seconds to the checking thread, the work function
advances that clock, and a simulated GPU keeps queued work until ``torch.cuda.synchronize``
(also patched) waits for it, so the check sees exactly what a real asynchronous GPU would do,
without timing anything for real.
"""
import contextlib
import threading
import time
import timeit
import types
import warnings
from unittest import mock

import torch
from torch import nn

from autograder.checks._support import call, describe, expect, fail, t

CPU = torch.device("cpu")
META = torch.device("meta")


# ----------------------------------------------------------------------------- a simulated machine


class _Machine:
    """A machine with ``n`` simulated CUDA devices, each with a queue of unfinished work."""

    def __init__(self, n, clock=None):
        self.n = n
        self.clock = clock
        self.pending = [0.0] * n   # seconds of queued work per device
        self.log = clock.log if clock is not None else []

    def _index(self, device, what):
        """The CUDA device index that ``what`` (e.g. torch.cuda.synchronize) would use for ``device``."""
        if self.n == 0:
            raise RuntimeError(
                f"{what} was called on a machine without a CUDA device "
                "(use CUDA only when the device is a CUDA device)"
            )
        if device is None:
            return 0  # the current device
        if isinstance(device, int):
            index = device
        else:
            device = torch.device(device)
            if device.type != "cuda":
                raise ValueError(f"Expected a cuda device, but got: {device}")
            index = 0 if device.index is None else device.index
        if not 0 <= index < self.n:
            raise RuntimeError(f"CUDA error: invalid device ordinal {index}")
        return index

    def synchronize(self, device=None):
        index = self._index(device, "torch.cuda.synchronize")
        if threading.get_ident() == getattr(self.clock, "thread", None):
            self.log.append(("sync", index))
            self.clock.now += self.pending[index]
        self.pending[index] = 0.0

    def current_accelerator(self, check_available=False):
        return torch.device("cuda") if self.n else None

    def current_device(self):
        if self.n == 0:
            raise RuntimeError("no CUDA device")
        return 0

    def get_device_name(self, device=None):
        return f"Simulated GPU {self._index(device, 'torch.cuda.get_device_name')}"

    def get_device_properties(self, device=None):
        index = self._index(device, "torch.cuda.get_device_properties")
        return types.SimpleNamespace(name=f"Simulated GPU {index}", index=index, total_memory=16 * 2**30,
                                     major=9, minor=0, multi_processor_count=132)

    def patches(self):
        n = self.n
        return [
            mock.patch.object(torch.cuda, "is_available", lambda: n > 0),
            mock.patch.object(torch.cuda, "device_count", lambda: n),
            mock.patch.object(torch.cuda, "current_device", self.current_device),
            mock.patch.object(torch.cuda, "get_device_name", self.get_device_name),
            mock.patch.object(torch.cuda, "get_device_properties", self.get_device_properties),
            mock.patch.object(torch.cuda, "synchronize", self.synchronize),
            mock.patch.object(torch.accelerator, "is_available", lambda: n > 0),
            mock.patch.object(torch.accelerator, "device_count", lambda: n),
            mock.patch.object(torch.accelerator, "current_accelerator", self.current_accelerator),
            mock.patch.object(torch.accelerator, "current_device_index", self.current_device),
            mock.patch.object(torch.accelerator, "synchronize", self.synchronize),
            mock.patch.object(torch.backends.mps, "is_available", lambda: False),
        ]


def _machine_name(n):
    if n == 0:
        return t("a machine without a CUDA device")
    return t("a machine with 1 CUDA device") if n == 1 else t("a machine with {n} CUDA devices", n=n)


@contextlib.contextmanager
def _simulated(machine, extra=()):
    with contextlib.ExitStack() as stack:
        for patch in [*machine.patches(), *extra]:
            stack.enter_context(patch)
        yield machine


# ----------------------------------------------------------------------------- try_gpu


def _expect_device(got, expected, what, why=""):
    expect(
        isinstance(got, torch.device),
        t("{what} returned {got!r} ({got_desc}); it should return a torch.device such as {expected!r}.",
          what=what, got=got, got_desc=describe(got), expected=expected),
    )
    if why:
        expect(got == expected, t("{what} returned {got!r}; expected {expected!r}; {why}.",
                                  what=what, got=got, expected=expected, why=why))
    expect(got == expected, t("{what} returned {got!r}; expected {expected!r}.", what=what, got=got, expected=expected))


def try_gpu(try_gpu, try_all_gpus):
    """try_gpu(i): cuda:i when at least i + 1 CUDA devices exist, else cpu; try_all_gpus(): all, or [cpu]."""
    for n in (0, 1, 4):
        where = _machine_name(n)
        with _simulated(_Machine(n)):
            _expect_device(call("try_gpu()", try_gpu), torch.device("cuda:0") if n else CPU,
                           t("On {where}, try_gpu()", where=where))
            for i in (0, 1, 2, 3, 4, 7):
                expected = torch.device(f"cuda:{i}") if i < n else CPU
                _expect_device(call(f"try_gpu({i})", try_gpu, i), expected,
                               t("On {where}, try_gpu({i})", where=where, i=i))
            got = call("try_all_gpus()", try_all_gpus)
            expected = [torch.device(f"cuda:{i}") for i in range(n)] or [CPU]
            expect(
                isinstance(got, list),
                t("On {where}, try_all_gpus() returned {got_desc}; it should return a list of torch.device.",
                  where=where, got_desc=describe(got)),
            )
            for device in got:
                expect(
                    isinstance(device, torch.device),
                    t("On {where}, try_all_gpus() returned a list holding {device!r} ({device_desc}); "
                      "its items should be torch.device objects.",
                      where=where, device=device, device_desc=describe(device)),
                )
            expect(got == expected, t("On {where}, try_all_gpus() returned {got}; expected {expected}.",
                                      where=where, got=got, expected=expected))


# ----------------------------------------------------------------------------- to_device


def _expect_moved(got, original, device, where):
    """``got`` is ``original`` with every tensor on ``device``, containers and other values kept."""
    if isinstance(original, torch.Tensor):
        expect(isinstance(got, torch.Tensor), t("{where} should be a tensor, found {got_desc}.",
                                                where=where, got_desc=describe(got)))
        expect(got.device == device, t("{where} should be on {device}, found it on {got_device}.",
                                       where=where, device=device, got_device=got.device))
        expect(
            got.shape == original.shape and got.dtype == original.dtype,
            t("{where} should keep shape {original_shape} and dtype {original_dtype}, "
              "found {got_shape} and {got_dtype}.",
              where=where, original_shape=tuple(original.shape), original_dtype=original.dtype,
              got_shape=tuple(got.shape), got_dtype=got.dtype),
        )
        if original.device == device:
            expect(
                got is original,
                t("{where} should be the very same tensor object: the input was already on {device}, and a tensor "
                  "already on the device comes back unchanged, not copied (tensor.to(device) behaves this way).",
                  where=where, device=device),
            )
        return
    for kind in (list, tuple, dict):
        if type(original) is kind:
            expect(
                type(got) is kind,
                t("{where} should be a {kind} like the input, found {got_desc}.",
                  where=where, kind=kind.__name__, got_desc=describe(got)),
            )
            if kind is dict:
                expect(
                    list(got) == list(original),
                    t("{where} should keep the keys {keys}, found {got_keys}.",
                      where=where, keys=list(original), got_keys=list(got)),
                )
                for key in original:
                    _expect_moved(got[key], original[key], device, f"{where}[{key!r}]")
            else:
                expect(
                    len(got) == len(original),
                    t("{where} should have {n_original} items, found {n_got}.",
                      where=where, n_original=len(original), n_got=len(got)),
                )
                for index, (g, o) in enumerate(zip(got, original)):
                    _expect_moved(g, o, device, f"{where}[{index}]")
            return
    if got is not original:
        copy = type(got) is type(original) and _equal(got, original)
        if copy:
            fail(t("{where} is {original!r}, neither a tensor nor a list, tuple or dict, so it should come back "
                   "unchanged: the very same object, not an equal copy.", where=where, original=original))
        fail(t("{where} is {original!r}, neither a tensor nor a list, tuple or dict, so it should come back "
               "unchanged: the very same object, found {got!r}.", where=where, original=original, got=got))


def _equal(a, b):
    try:
        return bool(a == b)
    except Exception:  # a comparison that cannot answer is no copy
        return False


def to_device(to_device):
    """Every tensor in nested lists, tuples and dicts moves; containers keep their types; any other value,
    other sequences (str, bytes, range) included, comes back as the very same object."""
    a = torch.arange(6.0).reshape(2, 3)
    b = torch.tensor([1, 2, 3])
    c = torch.tensor([True, False])
    m = torch.zeros(4, device=META)
    label, marker = "cat", object()
    cases = [
        (a, META, t("a tensor")),
        (a, CPU, t("a tensor already on the CPU")),
        (m, META, t("a tensor already on meta")),
        ([a, b], META, t("a list of tensors")),
        ((a, b), META, t("a tuple of tensors")),
        ({"x": a, "y": b}, META, t("a dict of tensors")),
        ([a, m], META, t("a list holding one tensor already on meta")),
        (
            {"inputs": [a, (b, {"mask": c})], "label": label, "count": 3, "none": None, "ids": (1, 2.5)},
            META,
            t("a nested dict of lists, tuples and dicts"),
        ),
        (((a,), [[b]], {"k": (c, label)}), CPU, t("nested containers already on the CPU")),
        (label, META, t("a string")),
        (7, META, t("an int")),
        (None, META, "None"),
        (marker, META, t("a plain object")),
        ([label, marker, 1.5], META, t("a list without tensors")),
        # sequences that are neither lists nor tuples are values like any other, not containers to walk
        ([a, b"raw bytes"], META, t("a list holding a tensor and a bytes value")),
        ((range(3), a), META, t("a tuple holding a range and a tensor")),
    ]
    for obj, device, what in cases:
        got = call(f"to_device({what}, {device!r})", to_device, obj, device)
        _expect_moved(got, obj, device, t("In to_device({what}, {device!r}) the result", what=what, device=device))


# ----------------------------------------------------------------------------- model_device


class _BufferOnly(nn.Module):
    """No parameters, one buffer; a non-persistent one is left out of ``state_dict()``."""

    def __init__(self, device, persistent=True):
        super().__init__()
        self.register_buffer("scale", torch.ones(3, device=device), persistent=persistent)

    def forward(self, x):
        return x * self.scale


def _cpu_weights_meta_buffer():
    bn = nn.BatchNorm1d(3)
    bn.running_mean = bn.running_mean.to(META)  # one buffer elsewhere, parameters on the CPU
    return bn


def _cpu_weights_meta_hidden_buffer():
    layer = nn.Linear(4, 3)
    layer.register_buffer("mask", torch.ones(3, device=META), persistent=False)
    return layer


def model_device(model_device):
    """The one device of all parameters and buffers (non-persistent ones included); cpu when there are none;
    ValueError when spread."""
    buffers = t("buffers are the module's tensors as much as parameters are (module.buffers() lists them)")
    not_saved = t("a buffer registered with persistent=False is left out of state_dict() but is still one of the "
                  "module's tensors (module.buffers() lists it)")
    single = [
        (lambda: nn.Linear(4, 3), CPU, "nn.Linear(4, 3)", ""),
        (lambda: nn.ReLU(), CPU, t("nn.ReLU() (no parameters)"), ""),
        (lambda: nn.Sequential(), CPU, t("an empty nn.Sequential()"), ""),
        (lambda: nn.Linear(4, 3, device=META), META, t("nn.Linear(4, 3) on meta"), ""),
        (
            lambda: nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 2))).to(META),
            META,
            t("a nested nn.Sequential moved to meta"),
            "",
        ),
        (lambda: _BufferOnly(META), META, t("a module whose only tensor is a buffer on meta"), buffers),
        (
            lambda: nn.BatchNorm1d(3, affine=False, device=META),
            META,
            t("nn.BatchNorm1d(3, affine=False) on meta (buffers, no parameters)"),
            buffers,
        ),
        (
            lambda: _BufferOnly(META, persistent=False),
            META,
            t("a module whose only tensor is a non-persistent buffer on meta"),
            not_saved,
        ),
    ]
    for build, expected, what, why in single:
        got = call(f"model_device({what})", model_device, build())
        _expect_device(got, expected, f"model_device({what})", why)

    spread = [
        (lambda: nn.Sequential(nn.Linear(4, 3), nn.Linear(3, 2, device=META)),
         t("an nn.Sequential whose first layer is on cpu and second on meta"), ""),
        (lambda: nn.Sequential(nn.Linear(4, 3, device=META), nn.ReLU(), nn.Linear(3, 2)),
         t("an nn.Sequential whose first layer is on meta and last on cpu"), ""),
        (_cpu_weights_meta_buffer,
         t("an nn.BatchNorm1d whose parameters are on cpu and running_mean buffer on meta"), ""),
        (_cpu_weights_meta_hidden_buffer,
         t("an nn.Linear on cpu with a non-persistent buffer on meta"), not_saved),
    ]
    for build, what, why in spread:
        net = build()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got = model_device(net)
        except ValueError as error:
            message = str(error)
            expect(
                "cpu" in message and "meta" in message,
                t("model_device({what}) raised ValueError({message!r}); the message should name the "
                  "devices it found (cpu and meta).", what=what, message=message),
            )
        except Exception as error:
            said = " ".join(str(error).split())
            fail(t("model_device({what}) raised {error_type}: {said}; expected a ValueError "
                   "naming the devices.", what=what, error_type=type(error).__name__, said=said))
        else:
            if why:
                fail(t("model_device({what}) returned {got!r}; with tensors on several devices it should "
                       "raise a ValueError naming them (cpu and meta); {why}.", what=what, got=got, why=why))
            fail(t("model_device({what}) returned {got!r}; with tensors on several devices it should "
                   "raise a ValueError naming them (cpu and meta).", what=what, got=got))


# ----------------------------------------------------------------------------- benchmark


class _Clock:
    """Simulated seconds, moved only by the work function and by waiting for a simulated GPU.

    Reads from the checking thread get the simulated time and are logged; other threads (a
    kernel's I/O threads) keep the real clock.
    """

    START = 5000.0

    def __init__(self):
        self.now = self.START
        self.log = []
        self.thread = threading.get_ident()

    def reader(self, real, ns=False):
        def read():
            if threading.get_ident() != self.thread:
                return real()
            self.log.append("clock")
            return int(round(self.now * 1e9)) if ns else self.now
        return read

    def patches(self, student_globals):
        clocks = {
            "perf_counter": False, "monotonic": False, "time": False,
            "perf_counter_ns": True, "monotonic_ns": True, "time_ns": True,
        }
        fakes = {getattr(time, name): self.reader(getattr(time, name), ns) for name, ns in clocks.items()}
        patches = [mock.patch.object(time, name, fakes[getattr(time, name)]) for name in clocks]
        patches.append(mock.patch.object(timeit, "default_timer", fakes[time.perf_counter]))
        # names the student's notebook bound itself, e.g. `from time import perf_counter`
        bound = {name: fakes[value] for name, value in student_globals.items()
                 if callable(value) and _hashable(value) and value in fakes}
        if bound:
            patches.append(mock.patch.dict(student_globals, bound))
        return patches


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


LAUNCH = 1 / 1024  # seconds the host spends launching GPU work before fn() returns
CPU_TIMES = [0.25, 0.5, 4.0, 0.375, 0.125, 0.75, 0.625, 2.0, 0.875, 1.0]
GPU_TIMES = [0.5, 0.25, 3.0, 0.125, 0.375, 1.5]
EARLIER_WORK = 8.0  # seconds of GPU work still queued when benchmark is called


def _medians(values):
    """The interval of medians: any value between the two middle ones (one value when the count is odd)."""
    ordered = sorted(values)
    k = len(ordered)
    return ordered[(k - 1) // 2], ordered[k // 2]


def _as_seconds(result, what):
    if isinstance(result, torch.Tensor) and result.numel() == 1 and result.is_floating_point():
        return float(result)
    expect(
        isinstance(result, (int, float)) and not isinstance(result, bool),
        t("{what} returned {result_desc}; it should return the median time in seconds, a number.",
          what=what, result_desc=describe(result)),
    )
    return float(result)


def _diagnose_gpu(log, index, warm):
    """Why a CUDA timing came out wrong, read from the order of clock reads, syncs and calls."""
    calls = [k for k, event in enumerate(log) if event == "call"]
    syncs = [k for k, event in enumerate(log) if event == ("sync", index)]
    other_syncs = [k for k, event in enumerate(log) if isinstance(event, tuple) and event[1] != index]
    if not syncs:
        if other_syncs:
            return t("it synchronised another GPU but never cuda:{index}, the device being timed; "
                     "torch.cuda.synchronize waits for the device it is given (without an argument, only for "
                     "the current device)", index=index)
        return t("it never waited for the GPU (torch.cuda.synchronize), so it timed only the launch of the GPU "
                 "work, which runs asynchronously")
    clocks = [k for k, event in enumerate(log) if event == "clock"]
    for number, (start, end) in enumerate(zip(calls, calls[1:] + [len(log)])):
        first_read = next((k for k in clocks if start < k < end), None)
        if first_read is None or not any(start < k < first_read for k in syncs):
            if number < warm:
                return t("after the warm-up call it must wait for the GPU before starting the clock, or the "
                         "warm-up's GPU work is counted in the first timed call")
            return t("after each call of fn it must wait for the GPU (torch.cuda.synchronize) before reading the "
                     "clock, or the queued GPU work is not counted")
    if calls and not warm and not any(k < calls[0] for k in syncs):
        return t("it must wait for the GPU before starting the clock, so GPU work queued earlier is not counted "
                 "in the first call")
    return t("check that the clock is read right after synchronising, once before and once after each timed call")


def _run_benchmark(benchmark, n, device, repeat):
    """Run the student's benchmark on a simulated machine.

    Returns (seconds, the timed calls' true times, those of every call, the event log, warm-ups, what).
    """
    clock = _Clock()
    machine = _Machine(n, clock)
    index = device.index if device.type == "cuda" else None
    calls = []
    if index is None:
        def fn():
            if threading.get_ident() == clock.thread:
                clock.log.append("call")
                clock.now += CPU_TIMES[len(calls) % len(CPU_TIMES)]
            calls.append(1)
        times = CPU_TIMES
    else:
        machine.pending[index] = EARLIER_WORK
        def fn():
            if threading.get_ident() == clock.thread:
                clock.log.append("call")
                clock.now += LAUNCH
                machine.pending[index] += GPU_TIMES[len(calls) % len(GPU_TIMES)]
            calls.append(1)
        times = [LAUNCH + t for t in GPU_TIMES]
    args = (fn, device) if repeat is None else (fn, device, repeat)
    count = 10 if repeat is None else repeat
    call_text = f"benchmark(fn, {device!r}{'' if repeat is None else f', repeat={repeat}'})"
    what = t("{call} on {machine}", call=call_text, machine=_machine_name(n))
    student_globals = getattr(benchmark, "__globals__", {})
    with _simulated(machine, clock.patches(student_globals)):
        result = call(what, benchmark, *args)
    expect(
        len(calls) in (count, count + 1),
        t("{what} called fn {n_calls} times; it should call it exactly {count} times, or {with_warm_up} times "
          "when the first call is an untimed warm-up.",
          what=what, n_calls=len(calls), count=count, with_warm_up=count + 1),
    )
    warm = len(calls) - count
    every = [times[k % len(times)] for k in range(len(calls))]
    return _as_seconds(result, what), every[warm:], every, clock.log, warm, what


def _near(value, target, tolerance):
    return abs(value - target) <= tolerance + 1e-6 * abs(target)


def benchmark(benchmark):
    """Median wall time of one call, after an optional untimed warm-up call; on CUDA, synchronise before
    starting the clock and before each read."""
    cases = [
        (0, CPU, 7),
        (0, CPU, None),             # the default repeat=10
        (1, CPU, 5),                # a GPU is present, but the CPU is timed
        (1, torch.device("cuda:0"), 5),
        (4, torch.device("cuda:2"), 4),
        (4, torch.device("cuda:1"), 1),
    ]
    for n, device, repeat in cases:
        result, times, every, log, warm, what = _run_benchmark(benchmark, n, device, repeat)
        low, high = _medians(times)
        tolerance = 1e-6 * high + 1e-9
        if low - tolerance <= result <= high + tolerance:
            continue
        expected = t("{low:g} s", low=low) if low == high else t("between {low:g} and {high:g} s", low=low, high=high)
        wrong = t("{what} returned {result:g} s, but the median time of one call was {expected}",
                  what=what, result=result, expected=expected)
        if "clock" not in log:
            fail(t("{wrong}; it never read a wall clock such as time.perf_counter() (time.process_time() counts "
                   "only this process's own CPU time, not the time spent waiting).", wrong=wrong))
        if device.type == "cuda":
            fail(t("{wrong}; {why}.", wrong=wrong, why=_diagnose_gpu(log, device.index, warm)))
        if warm and _medians(every)[0] - tolerance <= result <= _medians(every)[1] + tolerance:
            fail(t("{wrong} (that median includes the warm-up call; leave the first call out of the timing).",
                   wrong=wrong))
        if _near(result, sum(times) / len(times), tolerance):
            fail(t("{wrong} (that is the mean; return the median).", wrong=wrong))
        if _near(result, sum(times), tolerance):
            fail(t("{wrong} (that is the total of all calls; return the median time of one call).", wrong=wrong))
        fail(t("{wrong}.", wrong=wrong))

"""What every check module needs: failing with a message, calling student code, seeds, comparisons."""
import contextlib
import warnings

import torch


class CheckFailed(AssertionError):
    """A hidden check found a problem; the message is one plain sentence for the student."""


def fail(message):
    raise CheckFailed(message)


def expect(condition, message):
    """Fail with ``message`` unless ``condition`` holds."""
    if not condition:
        fail(message)


def call(what, fn, *args, **kwargs):
    """Run student code; any exception becomes a CheckFailed that says what was being done.

    ``what`` names the exercise's class or function and the call, e.g. "MySequential(...)[-1]".

    Warnings the student code raises are silenced so a right answer never writes to stderr.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)
    except CheckFailed:
        raise
    except Exception as error:  # the student's bug, reported in words
        detail = " ".join(str(error).split())
        fail(f"{what} raised {type(error).__name__}" + (f": {detail}" if detail else "."))


@contextlib.contextmanager
def seeded(seed=0):
    """Run a block with torch's CPU random state set to ``seed``, restoring the caller's state after."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


def same_values(actual, expected, atol=1e-5, rtol=1e-4):
    """True when two tensors have the same shape and close values (no broadcasting)."""
    return (
        isinstance(actual, torch.Tensor)
        and actual.shape == expected.shape
        and torch.allclose(actual.to(expected.dtype), expected, atol=atol, rtol=rtol)
    )


def describe(value):
    """A short description of a value for a failure message: a tensor's shape, else its type."""
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    return f"a {type(value).__name__}"

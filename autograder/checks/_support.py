"""What every check module needs: failing with a message, calling student code, seeds, comparisons."""
import contextlib
import importlib
import os
import warnings

import torch


class CheckFailed(AssertionError):
    """A hidden check found a problem; the message is one plain sentence for the student."""


def t(msgid, **fields):
    """The message ``msgid`` (its English text, a str.format template) in the language of the submission being
    graded (the environment variable COURSE_LANGUAGE, "en" when unset, read on each call), with ``fields`` filled
    in. A language without a catalogue, or a msgid missing from it, gives the English text."""
    language = os.environ.get("COURSE_LANGUAGE", "en")
    return (catalogue(language).get(msgid, msgid) if language != "en" else msgid).format(**fields)


def catalogue(language):
    """{msgid: translation} of ``language``: MESSAGES of the module autograder/checks/messages_<language>.py."""
    name = f"{__package__}.messages_{language}"
    try:
        return importlib.import_module(name).MESSAGES
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return {}


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
        if detail:
            fail(t("{what} raised {error_type}: {detail}", what=what, error_type=type(error).__name__, detail=detail))
        fail(t("{what} raised {error_type}.", what=what, error_type=type(error).__name__))


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
        return t("a tensor of shape {shape}", shape=tuple(value.shape))
    return t("a {type}", type=type(value).__name__)

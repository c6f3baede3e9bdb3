"""Hidden checks for section 4, file I/O (assignment ``04_file_io``).

Each public function takes the student's functions and returns None when they behave as the
exercise asks, or raises CheckFailed with one plain sentence. Every check works in a temporary
folder of its own and removes it; anything it patches (``torch.save``, ``tempfile.tempdir``)
is restored before it returns. Saved values are compared bit for bit with ``torch.equal``:
saving and loading must not change a single bit.
"""
import contextlib
import io
import os
import shutil
import tempfile
import warnings
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import PurePosixPath

import torch
from torch import nn

from autograder.checks._support import call, describe, expect, fail, seeded, t


# ----------------------------------------------------------------------------- helpers


@contextlib.contextmanager
def _workdir():
    """A fresh temporary folder, removed with everything in it afterwards."""
    folder = tempfile.mkdtemp(prefix="file-io-check-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _raises(fn, *args):
    """The exception ``fn(*args)`` raises (warnings silenced), or None when it returns."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn(*args)
    except Exception as error:  # refusing is what is asked for; how is up to the student
        return error
    return None


def _said(error):
    """What an exception says, on one line and at most 200 characters."""
    return " ".join(str(error).split())[:200]


def _names(keys):
    return ", ".join(repr(k) for k in keys)


def _differing(module, expected):
    """Names of entries of ``expected`` (a state_dict) that ``module`` does not hold bit for bit."""
    actual = module.state_dict()
    return [
        key for key, value in expected.items()
        if key not in actual or actual[key].shape != value.shape or not torch.equal(actual[key], value)
    ]


def _snapshot(module):
    return OrderedDict((k, v.detach().clone()) for k, v in module.state_dict().items())


def _buffered_net(seed, extra_layer=False):
    """Linear, BatchNorm (with non-trivial running statistics), ReLU, Dropout, Linear."""
    with seeded(seed):
        layers = [nn.Linear(6, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 3)]
        if extra_layer:
            layers += [nn.ReLU(), nn.Linear(3, 3)]
        net = nn.Sequential(*layers)
        with torch.no_grad():
            net[1].weight.uniform_(0.5, 1.5)
            net[1].bias.normal_()
            net[1].running_mean.normal_()
            net[1].running_var.uniform_(0.5, 2.0)
            net[1].num_batches_tracked.fill_(seed + 7)
    return net


def _ran_on_load(state):
    """Called by the unpickler when the booby-trapped file is loaded: arbitrary code running."""
    return state


class _CodeOnLoad:
    """Pickles as a call to ``_ran_on_load``: loading it runs a function, as a malicious file would."""

    def __init__(self, state):
        self.state = OrderedDict(state)

    def __reduce__(self):
        return (_ran_on_load, (self.state,))


# ----------------------------------------------------------------------------- save_load_params


def save_load_params(save_params, load_params):
    with _workdir() as folder:
        original = _buffered_net(0)
        expected = _snapshot(original)
        path = os.path.join(folder, "net.params")
        call("save_params(net, path)", save_params, original, path)
        expect(os.path.isfile(path), t("save_params(net, path) wrote no file at path."))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                stored = torch.load(path, weights_only=True)
        except Exception as error:
            fail(
                t("A weights-only torch.load cannot read the file save_params wrote "
                  "({error_type}); save the net's state_dict (its named tensors), not the model object.",
                  error_type=type(error).__name__)
            )
        expect(
            isinstance(stored, Mapping),
            t("save_params should save the net's state_dict (a dict of tensors), but the file holds {stored_desc}.",
              stored_desc=describe(stored)),
        )
        missing = [k for k in expected if k not in stored]
        extra = [k for k in stored if k not in expected]
        expect(
            not missing,
            t("The file save_params wrote lacks {missing_names}; save the net's whole state_dict, "
              "buffers (such as BatchNorm's running statistics) included.", missing_names=_names(missing)),
        )
        expect(not extra, t("The file save_params wrote holds {extra_names}, which are not in net.state_dict().",
                            extra_names=_names(extra)))
        for key, value in expected.items():
            expect(
                isinstance(stored[key], torch.Tensor) and stored[key].shape == value.shape
                and torch.equal(stored[key], value),
                t("The entry {key!r} in the file save_params wrote differs from net.state_dict()[{key!r}].", key=key),
            )

        fresh = _buffered_net(1)
        loaded = call("load_params(net, path)", load_params, fresh, path)
        expect(
            loaded is fresh,
            t("load_params(net, path) should load into the given net and return that net, "
              "but it returned {loaded_desc}.", loaded_desc=describe(loaded)),
        )
        wrong = _differing(fresh, expected)
        expect(not wrong, t("After load_params, the net's {wrong_names} differ from the saved ones.",
                            wrong_names=_names(wrong)))
        training = [name for name, module in fresh.named_modules() if module.training]
        if training:
            which = t("the returned net") if training[0] == "" else t("its submodule {name!r}", name=training[0])
            fail(t("load_params should put the net in evaluation mode before returning it, but {which} is still "
                   "in training mode.", which=which))
        with seeded(2):
            X = torch.randn(5, 6)
        original.eval()
        with torch.no_grad():
            want = original(X)
            got = call(t("The net that load_params returned, run on a batch,"), fresh, X)
        expect(
            isinstance(got, torch.Tensor) and torch.equal(got, want),
            t("The loaded net's outputs are not bit for bit those of the saved net."),
        )

        short = OrderedDict(expected)
        del short["4.bias"]
        torch.save(short, os.path.join(folder, "short.params"))
        expect(
            _raises(load_params, _buffered_net(3), os.path.join(folder, "short.params")) is not None,
            t("load_params accepted a file that lacks the key '4.bias'; a load with strict key matching refuses "
              "a file whose keys differ from the net's."),
        )
        long = OrderedDict(expected)
        long["5.weight"] = torch.zeros(3, 3)
        torch.save(long, os.path.join(folder, "long.params"))
        expect(
            _raises(load_params, _buffered_net(4), os.path.join(folder, "long.params")) is not None,
            t("load_params accepted a file with the unexpected key '5.weight'; a load with strict key matching "
              "refuses a file whose keys differ from the net's."),
        )

        torch.save(_CodeOnLoad(expected), os.path.join(folder, "trap.params"))
        expect(
            _raises(load_params, _buffered_net(5), os.path.join(folder, "trap.params")) is not None,
            t("load_params loaded a file whose pickle calls a function while it is read (the way a malicious "
              "file runs code); a weights-only load (torch.load's weights_only option) refuses such files."),
        )


# ----------------------------------------------------------------------------- checkpoint


def _regression_net(seed):
    """Linear, BatchNorm (whose running statistics are buffers that training changes), Tanh, Linear."""
    with seeded(seed):
        return nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.Tanh(), nn.Linear(8, 1))


def _adam(model):
    return torch.optim.Adam(model.parameters(), lr=0.05)


def _train(model, optimizer, steps):
    with seeded(11):
        X = torch.randn(32, 4)
        y = X @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]]) + 0.1 * torch.randn(32, 1)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((model(X) - y) ** 2).mean()
        loss.backward()
        optimizer.step()


@contextlib.contextmanager
def _failing_torch_save():
    """torch.save that writes the first half of the file, then raises OSError as a full disk would."""
    real_save, real_serialization_save = torch.save, torch.serialization.save
    calls = []

    def broken_save(obj, f, *args, **kwargs):
        calls.append(f)
        buffer = io.BytesIO()
        real_save(obj, buffer, *args, **kwargs)
        half = buffer.getvalue()[: len(buffer.getvalue()) // 2]
        if isinstance(f, (str, os.PathLike)):
            with open(f, "wb") as out:
                out.write(half)
        else:
            f.write(half)
        raise OSError("No space left on device (a failure simulated by the grader)")

    torch.save = torch.serialization.save = broken_save
    try:
        yield calls
    finally:
        torch.save, torch.serialization.save = real_save, real_serialization_save


@contextlib.contextmanager
def _tempdir(folder):
    """Point the tempfile module's default folder at ``folder``, so temporary files made there can be seen."""
    before = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        yield
    finally:
        tempfile.tempdir = before


def _poisoned(value):
    """``value`` with its dict (or the dicts inside a top-level list/tuple) wrapped so loading runs code."""
    if isinstance(value, Mapping):
        return _CodeOnLoad(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_poisoned(item) if isinstance(item, Mapping) else item for item in value)
    return value


def checkpoint(save_checkpoint, load_checkpoint):
    with _workdir() as folder:
        # Training for 6 steps without a break ...
        straight = _regression_net(0)
        _train(straight, _adam(straight), 6)

        # ... must end exactly where 3 steps, a checkpoint, a fresh model and 3 more steps end.
        first = _regression_net(0)
        first_optimizer = _adam(first)
        _train(first, first_optimizer, 3)
        path = os.path.join(folder, "run.ckpt")
        call("save_checkpoint(path, model, optimizer, 3)", save_checkpoint, path, first, first_optimizer, 3)
        expect(os.path.isfile(path), t("save_checkpoint(path, model, optimizer, epoch) wrote no file at path."))
        leftovers = sorted(set(os.listdir(folder)) - {"run.ckpt"})
        expect(
            not leftovers,
            t("save_checkpoint left {leftovers_names} beside the checkpoint; remove or rename every temporary file.",
              leftovers_names=_names(leftovers)),
        )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                stored = torch.load(path, weights_only=True)
        except Exception as error:
            fail(
                t("A weights-only torch.load cannot read the checkpoint ({error_type}); "
                  "save the state_dicts of the model and the optimizer and the epoch number, "
                  "not the objects themselves.", error_type=type(error).__name__)
            )

        resumed = _regression_net(1)
        resumed_optimizer = _adam(resumed)
        epoch = call("load_checkpoint(path, model, optimizer)", load_checkpoint, path, resumed, resumed_optimizer)
        expect(
            isinstance(epoch, int) and not isinstance(epoch, bool) and epoch == 3,
            t("load_checkpoint should return the saved epoch 3 (an int), but returned {epoch!r}.", epoch=epoch),
        )
        wrong = _differing(resumed, first.state_dict())
        expect(
            not wrong,
            t("After load_checkpoint, the model's {wrong_names} differ from the saved ones; the model's "
              "state_dict holds its buffers (BatchNorm's running statistics) as well as its parameters.",
              wrong_names=_names(wrong)),
        )
        held = [p for group in resumed_optimizer.param_groups for p in group["params"]]
        expect(
            len(held) == len(list(resumed.parameters()))
            and all(a is b for a, b in zip(held, resumed.parameters())),
            t("After load_checkpoint the optimizer no longer holds the model's parameters; restore the model "
              "in place, copying the saved values into the parameters it already has, so the optimizer keeps "
              "updating the same tensors."),
        )
        expect(
            len(resumed_optimizer.state) > 0,
            t("After load_checkpoint the optimizer has no state; the checkpoint must hold the optimizer's "
              "state_dict too, and load_checkpoint must restore it into the optimizer."),
        )
        _train(resumed, resumed_optimizer, 3)
        wrong = _differing(resumed, straight.state_dict())
        expect(
            not wrong,
            t("Training resumed from the checkpoint ended with different {wrong_names} than training that was "
              "never interrupted; restore the optimizer's state (Adam's moments and step count) as well as the "
              "model's.",
              wrong_names=_names(wrong)),
        )

        # The checkpoint must hold plain data only: a file whose pickle runs code must be refused.
        trap = os.path.join(folder, "trap.ckpt")
        torch.save(_poisoned(stored), trap)
        model = _regression_net(2)
        expect(
            _raises(load_checkpoint, trap, model, _adam(model)) is not None,
            t("load_checkpoint loaded a file whose pickle calls a function while it is read (the way a malicious "
              "file runs code); a weights-only load (torch.load's weights_only option) refuses such files."),
        )

        # Atomic saving: a write that fails part-way leaves the previous checkpoint intact, and no litter.
        keep = os.path.join(folder, "atomic")
        scratch = os.path.join(folder, "scratch")
        os.mkdir(keep)
        os.mkdir(scratch)
        path = os.path.join(keep, "run.ckpt")
        model = _regression_net(3)
        optimizer = _adam(model)
        _train(model, optimizer, 2)
        call("save_checkpoint(path, model, optimizer, 2)", save_checkpoint, path, model, optimizer, 2)
        saved = _snapshot(model)
        _train(model, optimizer, 1)
        with _failing_torch_save() as calls, _tempdir(scratch):
            _raises(save_checkpoint, path, model, optimizer, 3)
        expect(
            calls,
            t("save_checkpoint never called torch.save, so a failure part-way through writing could not be "
              "simulated; write the checkpoint with torch.save."),
        )
        expect(
            os.path.isfile(path),
            t("When writing failed part-way, the checkpoint previously at path was gone; write a temporary "
              "file beside it first, and replace path (os.replace) only once that file is complete."),
        )
        restored = _regression_net(4)
        restored_optimizer = _adam(restored)
        error = _raises(load_checkpoint, path, restored, restored_optimizer)
        expect(
            error is None,
            t("When writing failed part-way, the checkpoint previously at path was left damaged "
              "(loading it raised {error_type}); write a temporary file beside it first, and replace "
              "path (os.replace) only once that file is complete.", error_type=type(error).__name__),
        )
        wrong = _differing(restored, saved)
        expect(
            not wrong,
            t("When writing failed part-way, the checkpoint at path no longer held the previous one; write a "
              "temporary file beside it first, and replace path (os.replace) only once that file is complete."),
        )
        litter = sorted(set(os.listdir(keep)) - {"run.ckpt"}) + sorted(os.listdir(scratch))
        expect(
            not litter,
            t("When writing failed part-way, save_checkpoint left the temporary file {litter_names} behind; "
              "remove it when saving fails (try/except or finally), then let the error propagate.",
              litter_names=_names(litter)),
        )


# ----------------------------------------------------------------------------- load_submodule


def _block(seed, layers=3):
    """Linear, BatchNorm (buffers, so a load must carry more than the parameters), Linear, ReLU, Linear."""
    with seeded(seed):
        return nn.Sequential(nn.Linear(5, 8), nn.BatchNorm1d(8), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8))[:layers]


def _trained_block(seed):
    block = _block(seed)
    with seeded(seed), torch.no_grad():
        block[1].running_mean.normal_()
        block[1].running_var.uniform_(0.5, 2.0)
        block[1].num_batches_tracked.fill_(seed + 3)
    return block


class _Trunk(nn.Module):
    """Submodule names chosen to trip prefix mistakes: 'enc' vs 'enc2', and 'enc' inside 'dec'."""

    def __init__(self):
        super().__init__()
        self.enc = _trained_block(0)
        self.enc2 = nn.Linear(8, 8)
        self.dec = nn.ModuleDict({"enc": _trained_block(1)})


def _expect_loaded(load_submodule, module, path, prefix, expected):
    what = f"load_submodule(module, path, {prefix!r})"
    result = call(what, load_submodule, module, path, prefix)
    expect(result is module, t("{what} should return the module it loaded into, but returned {result_desc}.",
                               what=what, result_desc=describe(result)))
    wrong = _differing(module, expected)
    expect(
        not wrong,
        t("After {what}, the module's {wrong_names} differ from the saved {prefix}.* entries; take exactly the "
          "entries whose keys start with {dotted!r}, buffers included, and strip that prefix.",
          what=what, wrong_names=_names(wrong), prefix=prefix, dotted=prefix + "."),
    )


def _expect_mismatch_named(load_submodule, module, path, prefix, key, kind):
    error = _raises(load_submodule, module, path, prefix)
    expect(
        error is not None,
        t("load_submodule(module, path, {prefix!r}) accepted a module that does not match the saved entries "
          "({kind} key {key!r}); a load with strict key matching refuses it.", prefix=prefix, kind=kind, key=key),
    )
    expect(
        key in str(error),
        t("When the module does not match, the error should name the {kind} key {key!r}, but it said: "
          "{error_type}: {said}", kind=kind, key=key, error_type=type(error).__name__, said=_said(error)),
    )


def _expect_prefix_not_found(load_submodule, module, path, prefix, key):
    """No key starts with ``prefix + '.'``: an error that names the prefix, or the strict load's missing keys."""
    what = f"load_submodule(module, path, {prefix!r})"
    error = _raises(load_submodule, module, path, prefix)
    expect(
        error is not None,
        t("{what} returned although no key in the file starts with {dotted!r}; when the prefix matches "
          "nothing it should raise an error.", what=what, dotted=prefix + "."),
    )
    expect(
        prefix in str(error) or key in str(error),
        t("{what}, whose prefix matches no key in the file, raised an error that names neither the prefix nor the "
          "missing keys (such as {key!r}): {error_type}: {said}",
          what=what, key=key, error_type=type(error).__name__, said=_said(error)),
    )


def load_submodule(load_submodule):
    with _workdir() as folder:
        with seeded(0):
            trunk = _Trunk()
        path = os.path.join(folder, "trunk.params")
        torch.save(trunk.state_dict(), path)

        _expect_loaded(load_submodule, _block(1), path, "enc", trunk.enc.state_dict())
        _expect_loaded(load_submodule, _block(2), path, "dec.enc", trunk.dec["enc"].state_dict())
        with seeded(3):
            single = nn.Linear(8, 8)
        _expect_loaded(load_submodule, single, path, "enc2", trunk.enc2.state_dict())

        # The first block of a trained net, into a new net's first block (keys '1' vs '10', '11').
        with seeded(4):
            deep = nn.Sequential(*[nn.Linear(3, 3) for _ in range(12)])
            fresh = nn.Linear(3, 3)
        deep_path = os.path.join(folder, "deep.params")
        torch.save(deep.state_dict(), deep_path)
        _expect_loaded(load_submodule, fresh, deep_path, "1", deep[1].state_dict())

        _expect_mismatch_named(load_submodule, _block(5, layers=5), path, "enc", "4.weight", t("missing"))
        _expect_mismatch_named(load_submodule, _block(6, layers=1), path, "enc", "2.weight", t("unexpected"))
        _expect_prefix_not_found(load_submodule, _block(7), path, "encoder", "0.weight")
        _expect_prefix_not_found(load_submodule, nn.Linear(3, 3), deep_path, "12", "weight")


# ----------------------------------------------------------------------------- archive_members


def _zip(path, names):
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, b"stand-in bytes")


def _members_reference(path):
    """Member names of a torch.save archive below its top folder, found with PurePosixPath."""
    with zipfile.ZipFile(path) as archive:
        return sorted(str(PurePosixPath(*PurePosixPath(info.filename).parts[1:])) for info in archive.infolist())


def archive_members(archive_members):
    with _workdir() as folder:
        with seeded(0):
            x = torch.arange(4)
            net = nn.Sequential(*[nn.Linear(2, 2) for _ in range(6)])  # 12 tensors: data/0 ... data/11
        saved = {
            "x-file": x,
            "tensors.pt": [x, torch.zeros(4)],
            "mlp.params": net.state_dict(),
        }
        for name, value in saved.items():
            path = os.path.join(folder, name)
            torch.save(value, path)
            expected = _members_reference(path)
            got = call(f"archive_members({name!r})", archive_members, path)
            expect(
                isinstance(got, (list, tuple)) and all(isinstance(n, str) for n in got),
                t("archive_members should return a list of member names (strings), but returned {got_desc}.",
                  got_desc=describe(got)),
            )
            got = list(got)
            top = name.split(".")[0]
            expect(
                not any(n.startswith(top + "/") for n in got),
                t("archive_members({name!r}) kept the archive's top-level folder {folder!r} in the names; "
                  "return 'data.pkl', not '{top}/data.pkl'.", name=name, folder=top + '/', top=top),
            )
            expect(
                sorted(got) == expected,
                t("archive_members({name!r}) should return {expected}, but returned {got}.",
                  name=name, expected=expected, got=got),
            )
            expect(got == expected, t("archive_members({name!r}) should return the names sorted: {expected}.",
                                      name=name, expected=expected))

        hand_made = os.path.join(folder, "hand-made.zip")
        _zip(hand_made, ["model/data/0", "model/notes/readme.txt", "model/data.pkl"])
        got = call(t("archive_members on a zip holding model/data.pkl"), archive_members, hand_made)
        expected = ["data.pkl", "data/0", "notes/readme.txt"]
        expect(
            isinstance(got, (list, tuple)) and list(got) == expected,
            t("For a zip holding model/data.pkl, model/data/0 and model/notes/readme.txt, archive_members should "
              "return {expected}, but returned {got!r}.", expected=expected, got=got),
        )

        refused = {}
        path = os.path.join(folder, "notes.txt")
        with open(path, "w") as out:
            out.write("not an archive\n")
        refused[t("a text file")] = path
        path = os.path.join(folder, "legacy.pt")
        torch.save(x, path, _use_new_zipfile_serialization=False)
        refused[t("a file in torch's legacy (non-zip) format")] = path
        cases = {
            t("a zip with members under two top-level folders"): ["a/data.pkl", "a/data/0", "b/data/0"],
            t("a zip with a member outside any folder"): ["a/data.pkl", "a/data/0", "README"],
            t("a zip whose top-level folder holds no data.pkl"): ["a/data/0", "a/version"],
            t("a zip whose data.pkl sits one folder too deep"): ["a/inner/data.pkl", "a/inner/data/0"],
            t("an empty zip"): [],
        }
        for index, (what, names) in enumerate(cases.items()):
            path = os.path.join(folder, f"case{index}.zip")
            _zip(path, names)
            refused[what] = path
        for what, path in refused.items():
            error = _raises(archive_members, path)
            expect(error is not None, t("archive_members should raise ValueError for {what}, but it returned.",
                                        what=what))
            expect(
                isinstance(error, ValueError),
                t("archive_members should raise ValueError for {what}, but raised "
                  "{error_type}: {said}", what=what, error_type=type(error).__name__, said=_said(error)),
            )


# ----------------------------------------------------------------------------- safe_weights


def _tied_net(seed):
    """Ties of both kinds: layers 2 and 4 are one nn.Linear (as in the lesson), and layer 6,
    a module of its own, uses layer 2's weight as its weight (as tied embeddings do)."""
    with seeded(seed):
        shared = nn.Linear(8, 8)
        net = nn.Sequential(
            nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(),
            nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2),
        )
        net[6].weight = shared.weight
    return net


def _read_safetensors(path, what):
    from safetensors.torch import load_file

    try:
        return load_file(path)
    except Exception as error:
        fail(
            t("The file save_safe wrote for {what} is not a safetensors file (safetensors.torch.load_file "
              "raised {error_type}); save with safetensors, not torch.save.",
              what=what, error_type=type(error).__name__)
        )


def _expect_file_holds(stored, net, what):
    """Every stored tensor is the net's entry of that name; every tensor (or one of its aliases) is stored."""
    state = net.state_dict()
    for key, value in stored.items():
        expect(
            key in state,
            t("The safetensors file for {what} holds {key!r}, which is not a name in the net's state_dict; the file's "
              "keys must be the state_dict names.", what=what, key=key),
        )
        expect(
            value.shape == state[key].shape and torch.equal(value, state[key]),
            t("The safetensors file for {what} holds a value for {key!r} that differs from net.state_dict()[{key!r}].",
              what=what, key=key),
        )
    groups = {}
    for key, value in state.items():
        groups.setdefault(value.untyped_storage().data_ptr(), []).append(key)
    for keys in groups.values():
        expect(
            any(key in stored for key in keys),
            t("The safetensors file for {what} lacks {first_key!r}; save every tensor of the net.",
              what=what, first_key=keys[0]),
        )


def _expect_round_trip(save_safe, load_safe, make, folder, name, what):
    original = make(0)
    path = os.path.join(folder, name)
    call(t("save_safe(net, path) for {what}", what=what), save_safe, original, path)
    expect(os.path.isfile(path), t("save_safe(net, path) wrote no file at path for {what}.", what=what))
    _expect_file_holds(_read_safetensors(path, what), original, what)
    fresh = make(1)
    loaded = call(t("load_safe(net, path) for {what}", what=what), load_safe, fresh, path)
    expect(
        loaded is fresh,
        t("load_safe(net, path) should load into the given net and return it, but returned {loaded_desc}.",
          loaded_desc=describe(loaded)),
    )
    wrong = _differing(fresh, original.state_dict())
    expect(not wrong, t("After load_safe for {what}, the net's {wrong_names} differ from the saved ones.",
                        what=what, wrong_names=_names(wrong)))
    return original, fresh, path


def safe_weights(save_safe, load_safe):
    with _workdir() as folder:
        _, _, path = _expect_round_trip(
            save_safe, load_safe, _buffered_net, folder, "plain.safetensors", t("a net with BatchNorm buffers"))

        original, fresh, _ = _expect_round_trip(
            save_safe, load_safe, _tied_net, folder, "tied.safetensors", t("a net with tied parameters"))
        expect(
            fresh[2].weight is fresh[4].weight and fresh[6].weight is fresh[2].weight,
            t("After load_safe, layer 6's weight is no longer layer 2's weight (they were one tied parameter); "
              "copy the saved values into the net's own parameters, instead of replacing them, so the tie survives."),
        )
        with seeded(2):
            X = torch.randn(3, 4)
        with torch.no_grad():
            got = call(t("The tied net that load_safe returned, run on a batch,"), fresh, X)
            expect(
                isinstance(got, torch.Tensor) and torch.equal(got, original(X)),
                t("After load_safe, the tied net's outputs differ from the saved net's."),
            )

        error = _raises(load_safe, _buffered_net(3, extra_layer=True), path)
        expect(
            error is not None,
            t("load_safe accepted a file that lacks the net's '6.weight' and '6.bias'; a load with strict key "
              "matching refuses a file whose keys differ from the net's."),
        )
        error = _raises(load_safe, nn.Sequential(nn.Linear(6, 16)), path)
        expect(
            error is not None,
            t("load_safe accepted a file holding keys the net does not have (such as '4.weight'); a load with "
              "strict key matching refuses a file whose keys differ from the net's."),
        )

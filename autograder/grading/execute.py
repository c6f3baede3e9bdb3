"""The one step that runs on a Dask worker: execute a sanitized notebook in a sandboxed kernel.

The notebook arrives with nbgrader's locked and hidden cells already restored (by the instructor's process) and
leaves executed by nbgrader's own Execute preprocessor, so it scores exactly as `nbgrader autograde` scores it.
Around that step: the kernel starts in the sandbox; each graded test cell is preceded by a guard that undoes
monkeypatching of builtins, torch and the checks; test cells and guards run without a place in IPython's history;
the output kept per cell is capped; a kernel that dies (exit, crash, memory limit) is replaced by a fresh one that
first re-runs the earlier cells silently, then goes on; the whole notebook has a wall-time budget.
The worker never touches the gradebook or the course folder.
"""
import copy
import json
import os
import signal
import subprocess
import threading
import time
import uuid

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import DeadKernelError
from nbgrader.preprocessors import Execute

from .. import i18n
from . import guard
from .sandbox import Limits, Sandbox

MAX_RESTARTS = 3


def _kernel_manager(sandbox):
    class SandboxedKernelManager(AsyncKernelManager):
        """Starts the kernel inside `sandbox`, talking over IPC sockets in its run folder; interrupts by message
        (a signal sent to bubblewrap would not reach a kernel in its own session and PID namespace)."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.connection_file = str(sandbox.run / f"kernel-{uuid.uuid4().hex[:8]}.json")
            self.ip = str(sandbox.run / "ipc")

        def format_kernel_cmd(self, extra_arguments=None):
            self.kernel_spec.interrupt_mode = "message"
            return sandbox.command(["-f", self.connection_file, "--HistoryManager.hist_file=:memory:"])

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw.update(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # the kernel's own console chatter
            return await super()._async_launch_kernel(kernel_cmd, **kw)

        def write_connection_file(self, **kwargs):
            super().write_connection_file(**kwargs)
            if os.geteuid() == 0:
                os.chown(self.connection_file, sandbox.uid, sandbox.uid)

    return SandboxedKernelManager


class SandboxedExecute(Execute):
    """nbgrader's Execute with the kernel in a sandbox and the output of each cell capped."""

    def __init__(self, sandbox, **kwargs):
        self.sandbox = sandbox
        # immediate: the outputs are in; the sandbox's end kills whatever the kernel left running anyway
        super().__init__(kernel_manager_class=_kernel_manager(sandbox), shutdown_kernel="immediate", **kwargs)
        self._sizes = {}

    def preprocess_cell(self, cell, resources, index):
        """As nbconvert's, except that hidden cells (graded tests, guards) are not recorded in IPython's history
        (`In`, `_ih`, `_i<n>`, the history manager), where a later cell could print them."""
        hidden = guard.is_guard(cell) or guard.is_test(cell)
        return self.execute_cell(cell, index, store_history=not hidden), self.resources

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {})))
        total = self._sizes.get(cell_index, 0)
        self._sizes[cell_index] = total + size
        cap = self.sandbox.limits.output
        if total + size > cap:
            if total <= cap:
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout", text=f"\n[output truncated: more than {cap} bytes]\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)


def _error(text):
    return nbformat.v4.new_output("error", ename="GradingError", evalue=text, traceback=[f"GradingError: {text}"])


def run(job):
    """Execute one submission. `job`: key, notebook (JSON text), files ({path: bytes}), limits (dict), skip (bool).

    Returns {"key", "notebook" (JSON text), "events" (list of sentences for the report), "seconds", "worker"}.
    """
    limits = Limits(**job["limits"])
    nb = nbformat.reads(job["notebook"], as_version=4)
    started = time.monotonic()
    events = []
    if job.get("skip"):
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [_error(job["skip"])]
        return {"key": job["key"], "notebook": nbformat.writes(nb), "events": events, "seconds": 0.0,
                "worker": os.getpid()}
    nonce = uuid.uuid4().hex
    guarded, positions = guard.insert(nb, nonce)
    sandbox = Sandbox(job["key"], limits, i18n.language_of(nb))
    try:
        sandbox.put_files(job.get("files", {}))
        _execute_with_restarts(guarded, sandbox, limits, started, events)
    finally:
        sandbox.cleanup()
    events += guard.collect(guarded, positions, nonce)
    nb.cells = [cell for i, cell in enumerate(guarded.cells) if i not in positions]
    return {"key": job["key"], "notebook": nbformat.writes(nb), "events": events,
            "seconds": time.monotonic() - started, "worker": os.getpid()}


def _execute_with_restarts(nb, sandbox, limits, started, events):
    """Run the notebook. After a kernel death, mark that cell and go on in a fresh kernel from the next one.

    The fresh kernel first re-runs, with outputs discarded, every code cell before the one that died except those
    that killed a kernel or hit the time limit: setup, the student's solutions, and the guards and test cells too
    (a guard records the originals before any student code, a test cell may define what a later one uses), so it
    holds what the first kernel held. A re-run cell that kills the kernel is left out of the next re-run. At most
    MAX_RESTARTS restarts, all within the notebook's time budget."""
    first, lost = 0, set()  # next cell to run for the record; cells never to re-run
    for attempt in range(MAX_RESTARTS + 1):
        left = limits.submission_timeout - (time.monotonic() - started)
        if left <= 0:
            break
        if not any(cell.cell_type == "code" for cell in nb.cells[first:]):
            return
        replay = [i for i, cell in enumerate(nb.cells[:first])
                  if cell.cell_type == "code" and i not in lost and not _timed_out(cell)]
        order = replay + list(range(first, len(nb.cells)))
        part = nbformat.v4.new_notebook(metadata=nb.metadata)
        part.cells = [copy.deepcopy(nb.cells[i]) for i in replay] + nb.cells[first:]
        ep = SandboxedExecute(sandbox, timeout=limits.cell_timeout, interrupt_on_timeout=True, allow_errors=True)
        current = {"index": None}
        ep.on_cell_start = lambda cell, cell_index: current.update(index=cell_index)
        # a guard's first run imports torch: give it room even when the cell limit is tight
        ep.timeout_func = lambda cell: max(limits.cell_timeout, 120) if guard.is_guard(cell) else limits.cell_timeout
        watchdog = threading.Timer(left, _kill, args=(ep,))
        watchdog.start()
        try:
            ep.preprocess(part, {"metadata": {"path": str(sandbox.work)}})
            return
        except Exception as error:  # a dead kernel, or nbclient giving up on it
            if current["index"] is None:
                break
            dead = order[current["index"]]
            late = time.monotonic() - started >= limits.submission_timeout
            if current["index"] < len(replay):  # a cell being re-run: `first` stays
                if late:
                    events.append("the notebook ran past its time limit")
                    break
                lost.add(dead)
                events.append("a cell killed the kernel when it was re-run after a restart; the rest ran without it")
                continue
            if guard.is_guard(nb.cells[dead]) and dead + 1 < len(nb.cells) and guard.is_test(nb.cells[dead + 1]):
                lost.add(dead)
                dead += 1  # a guard dies only of what student code left behind: its test cell goes with it
            reason = (f"the notebook ran past its time limit of {limits.submission_timeout} s" if late else
                      "the kernel died while running this cell (exit, crash, or memory/process limit)"
                      if isinstance(error, DeadKernelError) else f"execution failed: {type(error).__name__}")
            nb.cells[dead].outputs.append(_error(reason))
            lost.add(dead)
            events.append("the notebook ran past its time limit" if late else
                          "the kernel died (exit, crash, or memory/process limit)" if isinstance(error, DeadKernelError)
                          else f"a cell stopped answering ({type(error).__name__})")
            first = dead + 1
            if late:
                break
            if attempt < MAX_RESTARTS and first < len(nb.cells):
                events.append("the rest ran in a fresh kernel, after the cells before the one that died were re-run")
        finally:
            watchdog.cancel()
    for cell in nb.cells[first:]:
        if cell.cell_type == "code" and not cell.outputs:
            cell.outputs = [_error("not run: the kernel died too often or the time limit was reached")]
    if first < len(nb.cells):
        events.append("some cells were not run (the kernel died too often, or time ran out)")


def _timed_out(cell):
    """Whether the cell was interrupted at its time limit (nbgrader's Execute records a CellTimeoutError)."""
    return any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError"
               for o in cell.get("outputs", []))


def _kill(ep):
    """Deadline reached: kill the kernel's process, bubblewrap or the fork server's client; either way everything the
    submission started dies with it (bubblewrap's PID namespace, or the fork server's sweep of its user id)."""
    km = getattr(ep, "km", None)
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None:
        try:  # the kernel leads its own process group (jupyter_client starts a new session)
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            try:
                os.kill(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

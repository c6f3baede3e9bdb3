"""Tamper guards: cells the worker slips in before every graded test cell (and removes again afterwards).

The first guard, run before any student code, remembers the objects hidden checks rely on: builtins, torch and
numpy namespaces, torch.Tensor / nn.Module, sys's streams and import machinery, IPython's shell and its hooks.
Each later guard puts back whatever student code replaced, drops every `autograder` module so the hidden cell
imports the checks afresh, and prints one line, tagged with a secret, listing what it repaired. A repair, or a
guard whose line is missing (its cell was hijacked), becomes a flag for a human in the report.
Student code can still defeat an in-process guard with enough effort; that is why it flags rather than trusts.

Guards also keep the text of hidden cells (test cells and guards; the worker runs both without recording them in
IPython's history) away from later student code: the first guard registers an IPython AST transformer which, for
the cell after a guard that armed it, drops that cell's source from `linecache` after IPython cached it and
before it runs (no hidden line in tracebacks or in a frame's code context), and clears the last execution result
and `sys.last_*` before the next cell runs. Each guard drops its own source from `linecache` too.
"""
import json
import re

import nbformat

TAG = "GRADING-GUARD"

_KERNEL_CODE = r'''
def _grading_guard(nonce, first, hide_next):
    import builtins, importlib, json, linecache, sys
    repairs = []
    try:
        store = sys.modules.get("_grading_guard_store")
        ip = get_ipython()
        def targets():
            out = {"builtins": builtins}
            for name in ("torch", "torch.nn", "torch.nn.functional", "torch.nn.init", "torch.testing", "numpy",
                         "numpy.testing", "math"):
                try:
                    out[name] = importlib.import_module(name)
                except Exception:
                    pass
            return out
        def classes():
            import torch
            out = {"torch.Tensor": torch.Tensor, "torch.nn.Module": torch.nn.Module,
                   "torch.nn.Parameter": torch.nn.Parameter}
            for k in type(ip).__mro__[:-1]:
                out["shell:" + k.__qualname__] = k
            return out
        _VOLATILE = {("builtins", "input"), ("builtins", "raw_input"), ("builtins", "getpass")}
        def libraries_own(value):
            """A replacement made by an installed library itself: a module, or a function whose code lives in
            the Python environment (student code lives in cells, under the working folder)."""
            import types
            if isinstance(value, types.ModuleType):
                return True
            function = getattr(value, "__func__", value)
            code = getattr(function, "__code__", None)
            if code is None:
                return False
            return code.co_filename.startswith((sys.prefix + "/", sys.base_prefix + "/"))
        sys_names = ("stdout", "stderr", "displayhook")
        if first or store is None:  # first guard, or the first in a kernel restarted after a crash
            import types
            store = types.ModuleType("_grading_guard_store")
            store.modules = {n: dict(vars(m)) for n, m in targets().items()}
            store.classes = {n: (c, dict(vars(c))) for n, c in classes().items()}
            store.sys = {n: getattr(sys, n) for n in sys_names}
            store.lists = {"meta_path": list(sys.meta_path), "path_hooks": list(sys.path_hooks), "path": list(sys.path)}
            class Hider:
                """AST transformer: forgets the source of the cell after an armed guard, and that cell's traces."""
                armed, ran = None, False
                def visit(self, node):
                    if self.armed is not None or self.ran:
                        ip.last_execution_result = None
                        for name in ("last_type", "last_value", "last_traceback", "last_exc"):
                            if hasattr(sys, name):
                                setattr(sys, name, None)
                    self.ran = self.armed is not None
                    if self.ran:
                        for name, entry in list(linecache.cache.items()):
                            if name not in self.armed and len(entry) == 4 and entry[1] is None:  # IPython's cells
                                del linecache.cache[name]
                    self.armed = None
                    return node
            store.hider = Hider()
            ip.ast_transformers.append(store.hider)
            store.shell = {k: v for k, v in vars(ip).items() if callable(v)}
            store.events = {k: list(v) for k, v in ip.events.callbacks.items()}
            store.transformers = (list(ip.input_transformers_cleanup), list(ip.input_transformers_post),
                                  list(ip.ast_transformers))
            sys.modules["_grading_guard_store"] = store
        else:
            for name, module in targets().items():
                saved = store.modules.get(name)
                if saved is None:
                    continue
                for key, value in saved.items():
                    if (key.startswith("__") and name != "builtins") or (name, key) in _VOLATILE:
                        continue
                    if key in vars(module) and vars(module)[key] is not value and libraries_own(vars(module)[key]):
                        saved[key] = vars(module)[key]  # the library rewrapped its own function (torch._dynamo)
                    elif key not in vars(module) or vars(module)[key] is not value:
                        setattr(module, key, value)
                        repairs.append(f"{name}.{key} was replaced")
            for name, (cls, saved) in store.classes.items():
                for key in list(vars(cls)):
                    if key not in saved:
                        if key == "__slotnames__" or libraries_own(vars(cls)[key]):  # copyreg's cache, torch's own
                            saved[key] = vars(cls)[key]
                            continue
                        delattr(cls, key)
                        repairs.append(f"{name}.{key} was added")
                for key, value in saved.items():
                    if key in ("__dict__", "__weakref__", "__doc__", "_abc_impl"):
                        continue
                    if key in vars(cls) and vars(cls)[key] is not value and libraries_own(vars(cls)[key]):
                        saved[key] = vars(cls)[key]
                    elif key not in vars(cls) or vars(cls)[key] is not value:
                        try:
                            setattr(cls, key, value)
                            repairs.append(f"{name}.{key} was replaced")
                        except (TypeError, AttributeError):
                            pass
            for key, value in store.sys.items():
                if getattr(sys, key) is not value:
                    setattr(sys, key, value)
                    repairs.append(f"sys.{key} was replaced")
            for key, value in store.lists.items():
                if getattr(sys, key) != value:
                    getattr(sys, key)[:] = value
                    if key != "path":
                        repairs.append(f"sys.{key} was changed")
            sys.path_importer_cache.clear()
            for key, value in list(vars(ip).items()):
                if callable(value) and store.shell.get(key) is not value:
                    if key in store.shell:
                        setattr(ip, key, store.shell[key])
                    else:
                        delattr(ip, key)
                    repairs.append(f"the IPython shell's {key} was patched")
            for key, value in store.events.items():
                if list(ip.events.callbacks[key]) != value:
                    ip.events.callbacks[key][:] = value
                    repairs.append(f"an IPython {key} hook was registered")
            for current, saved in zip((ip.input_transformers_cleanup, ip.input_transformers_post, ip.ast_transformers),
                                      store.transformers):
                if list(current) != saved:
                    current[:] = saved
                    repairs.append("an IPython input/AST transformer was registered")
            if sys.gettrace() is not None or sys.getprofile() is not None:
                sys.settrace(None)
                sys.setprofile(None)
                repairs.append("a trace/profile hook was set")
        for name in [m for m in sys.modules if m == "autograder" or m.startswith("autograder.")]:
            del sys.modules[name]
    except Exception as error:
        repairs.append(f"the guard failed: {type(error).__name__}: {error}")
    linecache.cache.pop(sys._getframe().f_code.co_filename, None)
    hider = getattr(sys.modules.get("_grading_guard_store"), "hider", None)
    if hide_next and hider is not None:
        hider.armed = set(linecache.cache)
    print("%s %s %s" % ("''' + TAG + r'''", nonce, json.dumps(repairs)))
'''


def _cell(nonce, first, hide_next):
    source = f"{_KERNEL_CODE}\n_grading_guard({nonce!r}, {first}, {hide_next})\ndel _grading_guard\n"
    return nbformat.v4.new_code_cell(source, metadata={"grading_guard": True})


def is_guard(cell):
    return bool(cell.metadata.get("grading_guard"))


def is_test(cell):
    """A graded test cell (its hidden tests restored by nbgrader)."""
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")


def insert(nb, nonce):
    """A copy of `nb` with a guard before the first cell and before each graded test cell; the guards' indices."""
    out = nbformat.v4.new_notebook(metadata=nb.metadata)
    positions = set()
    for i, cell in enumerate(nb.cells):
        if i == 0 or is_test(cell):
            positions.add(len(out.cells))
            out.cells.append(_cell(f"{nonce}-{i}", first=(i == 0), hide_next=bool(is_test(cell))))
        out.cells.append(cell)
    return out, positions


def collect(nb, positions, nonce):
    """The sentences the guards reported (repairs, or a guard whose tagged line never appeared)."""
    events = []
    for position in sorted(positions):
        cell = nb.cells[position]
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        match = re.search(rf"{TAG} ({re.escape(nonce)}-\d+) (\[.*\])", text)
        if not match:
            if cell.get("outputs") is not None and cell.execution_count is not None:
                events.append("a tamper guard was silenced (its output is missing)")
            continue
        events += [f"tampering repaired: {r}" for r in json.loads(match.group(2))]
    return sorted(set(events), key=events.index)

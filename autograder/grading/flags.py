"""Flags for a human: what the report lists next to the grades, and a static look at student code.

Some attempts cannot be blocked from inside a Python process (a determined student can reach the checks'
objects, rewrite IPython's machinery, or read bytecode). The guard (guard.py) repairs and reports what it
sees at run time; this scan reports, before anything runs, code in the student's cells that reaches for those
means at all. Both only flag: the grade stays nbgrader's, a person decides.
"""
import csv
import re

from .. import course

FILE = "flags.csv"  # in the course's reports folder, next to grades.csv

_SUSPICIOUS = {
    r"\bautograder\b": "refers to the autograder package (the hidden checks)",
    r"\b_grading_guard": "refers to the grader's tamper guard",
    r"\bget_ipython\b|\bIPython\b|\bipykernel\b": "reaches into the IPython kernel",
    r"\bsys\.(modules|meta_path|path_hooks|settrace|setprofile|stdout|stderr|_getframe)\b|\bsys\.exit\b": "changes interpreter machinery",
    r"\bbuiltins\b|__builtins__": "touches builtins",
    r"\b(ctypes|gc|inspect|importlib|dis|marshal|subprocess|socket|signal|multiprocessing)\b": "imports a module a solution does not need",
    r"\bos\.(_exit|fork|kill|system|popen|exec\w*|spawn\w*)\b": "starts, stops or kills processes",
    r"(?<![\w.])(exec|eval|compile|__import__)\s*\(": "runs code built at run time",
    r"\bsetattr\s*\(\s*(torch|np|numpy|nn|F)\b|^\s*(torch|np|numpy|nn|F)(\.\w+)+\s*=[^=]": "replaces a library function",
    r"\.ipynb\b": "looks for notebooks",
    r"\blinecache\b|(?<![\w.'\"])(In|Out)\b(?!\s+\w)|(?<![\w.])(_ih|_oh|_ii|_iii|_i\d+)\b":
        "reads the kernel's record of earlier cells (input history, cached cell sources)",
    r"""['"](/[A-Za-z]|\.\./)""": "names files outside its folder",
}


def scan(nb):
    """Reasons to look at the student-editable code cells of a (sanitized) notebook."""
    reasons = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("locked") or (meta.get("grade") and not meta.get("solution")):
            continue
        for pattern, why in _SUSPICIOUS.items():
            if re.search(pattern, cell.source, re.M) and f"code {why}" not in reasons:
                reasons.append(f"code {why}")
    return reasons


REVIEW, NOTE = "review", "note"  # a person should look / handled automatically, said for the record


def tampered_cells(submitted, release):
    """Notes on locked or test cells the student deleted or edited (nbgrader restores them from the gradebook)."""
    notes = []
    mine = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in submitted.cells}
    for cell in release.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not (meta.get("locked") or meta.get("grade")):
            continue
        grade_id = meta["grade_id"]
        theirs = mine.get(grade_id)
        if theirs is None:
            notes.append(f"cell {grade_id} was deleted")
        elif theirs.source != cell.source:
            notes.append(f"cell {grade_id} was edited (nbgrader restored it)")
        elif theirs.metadata.get("nbgrader") != meta:
            notes.append(f"metadata of cell {grade_id} was edited (nbgrader restored it)")
    return notes


def outcome_notes(executed):
    """Notes on limits a run hit, read from the executed notebook's error outputs."""
    notes = []
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.output_type == "stream" else ""
            if output.output_type == "error":
                text = f"{output.ename}: {output.evalue}"
            for pattern, note in _LIMITS.items():
                if re.search(pattern, text) and note not in notes:
                    notes.append(note)
    return notes


_LIMITS = {
    r"^(KeyboardInterrupt|CellTimeoutError)": "a cell ran past the time limit and was interrupted",
    r"^MemoryError|can't allocate memory|Cannot allocate memory": "a cell hit the memory limit",
    r"^BlockingIOError.*Resource temporarily unavailable": "a cell hit the process limit",
    r"\[output truncated": "output beyond the limit was dropped",
    r"^SystemExit": "a cell called sys.exit()",
}


def write(root, flags, graded=None):
    """flags.csv: student, assignment, kind (review or note), reason; one row per reason.

    `graded`: the submissions whose lines `flags` replaces (default: all); the other submissions' lines are kept.
    """
    if graded is not None:
        graded = set(graded)
        flags = {**{k: v for k, v in read(root).items() if k not in graded}, **flags}
    with open(course.reports(root) / FILE, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "assignment", "kind", "reason"])
        for (student, assignment), lines in sorted(flags.items()):
            for kind, reason in lines:
                writer.writerow([student, assignment, kind, reason])


def read(root):
    """{(student, assignment): [(kind, reason)]} from flags.csv (empty if grading never wrote one)."""
    path = course.reports(root) / FILE
    flags = {}
    if path.exists():
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                flags.setdefault((row["student"], row["assignment"]), []).append((row["kind"], row["reason"]))
    return flags


def replace(root, marker, found):
    """Rewrite flags.csv with its `review` lines that start with `marker` replaced by `found`:
    {(student, assignment): [reason]}, each reason starting with `marker` (the class-wide reviews: manual
    overrides, near-identical solutions, whose earlier lines a new run takes back)."""
    kept = {k: [(kind, r) for kind, r in v if not r.startswith(marker)] for k, v in read(root).items()}
    for key, reasons in found.items():
        kept.setdefault(key, []).extend((REVIEW, r) for r in reasons)
    write(root, {k: v for k, v in kept.items() if v})


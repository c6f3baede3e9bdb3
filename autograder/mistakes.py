"""What the class got wrong: the failure messages of each exercise, counted, and statistics per graded test cell.

Read from the autograded notebooks (`autograded/<student>/<assignment>/<notebook>.ipynb`): a graded test cell
passed when it holds no error, which is how nbgrader scores it. A message is normalised so that what is specific to
one student does not split one mistake into many: only its first sentence is kept, numbers become `#` and quoted
names `'…'`.
"""
import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import course, report

FILE = "mistakes.csv"
CHECKS_FILE = "checks.csv"
MIN_CLASS_FOR_CORRELATION = 20

_QUOTED = re.compile(r"""'[^']*'|"[^"]*"|`[^`]*`""")
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(\.\d+)?(e[-+]?\d+)?(?![\w])", re.I)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s")
_ASSERTIONS = ("AssertionError", "CheckFailed")


def normalise(ename, evalue):
    """One mistake's name: the first sentence of the message, numbers and quoted names masked."""
    text = next((line.strip() for line in str(evalue).splitlines() if line.strip()), "")
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(";:, ")
    sentence = _NUMBER.sub("#", _QUOTED.sub("'…'", sentence)) or "(no message)"
    return sentence if ename in _ASSERTIONS else f"{ename}: {sentence}"


@dataclass
class Cell:
    """One graded test cell of an assignment, across the class."""
    assignment: str
    name: str
    exercise: str
    points: float
    results: dict = field(default_factory=dict)  # student -> normalised message, or None when it passed


def cells(root=course.ROOT):
    """Every graded test cell of every assignment, with each submitting student's result, in course order."""
    found = {}
    for assignment in course.assignments(root):
        ids = report.exercises(assignment, root)
        name = course.notebook_name(assignment, root)
        for path in sorted(Path(root, "autograded").glob(f"*/{assignment}/{name}")):
            student = path.parent.parent.name
            for cell in json.loads(path.read_text())["cells"]:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if cell.get("cell_type") != "code" or not meta.get("grade") or meta.get("solution"):
                    continue
                key = assignment, meta["grade_id"]
                if key not in found:
                    found[key] = Cell(assignment, meta["grade_id"], report.exercise_of(meta["grade_id"], ids),
                                      float(meta.get("points", 0)))
                error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
                found[key].results[student] = normalise(error["ename"], error["evalue"]) if error else None
    return list(found.values())


def mistakes(graded):
    """{(assignment, exercise): {message: sorted students}}, most frequent message first."""
    found = defaultdict(lambda: defaultdict(set))
    for cell in graded:
        for student, message in cell.results.items():
            if message is not None:
                found[cell.assignment, cell.exercise][message].add(student)
    return {key: dict(sorted(((m, sorted(s)) for m, s in messages.items()), key=lambda kv: (-len(kv[1]), kv[0])))
            for key, messages in found.items()}


def pass_rates(graded):
    """{(assignment, exercise): (students who passed every test cell of it, students who submitted it)}."""
    passed, seen = defaultdict(set), defaultdict(set)
    for cell in graded:
        key = cell.assignment, cell.exercise
        seen[key] |= set(cell.results)
        passed[key] |= {s for s, m in cell.results.items() if m is None}
    for cell in graded:  # a student who failed any cell of the exercise did not pass it
        passed[cell.assignment, cell.exercise] -= {s for s, m in cell.results.items() if m is not None}
    return {key: (len(passed[key]), len(seen[key])) for key in seen}


def check_statistics(graded):
    """Per graded test cell: (cell, passed, submitted, note, correlation or None).

    The correlation is the point-biserial correlation between passing the cell and the student's rest score (the
    points of every other graded cell), computed only for classes of MIN_CLASS_FOR_CORRELATION or more: near 0 or
    negative means the cell does not separate strong from weak students.
    """
    students = sorted({s for cell in graded for s in cell.results})
    index = {s: i for i, s in enumerate(students)}
    earned = np.zeros((len(graded), len(students)))
    for row, cell in enumerate(graded):
        for student, message in cell.results.items():
            earned[row, index[student]] = cell.points if message is None else 0.0
    total = earned.sum(axis=0)
    rows = []
    for row, cell in enumerate(graded):
        passed = sum(m is None for m in cell.results.values())
        submitted = len(cell.results)
        note = ("every submitted answer passed it: a check too weak?" if passed == submitted else
                "every submitted answer failed it: a check no one could meet?" if passed == 0 else "")
        correlation = None
        if submitted >= MIN_CLASS_FOR_CORRELATION and 0 < passed < submitted:
            who = [index[s] for s in cell.results]
            outcome = np.array([cell.results[s] is None for s in cell.results], dtype=float)
            rest = total[who] - earned[row, who]
            if rest.std() > 0:
                correlation = float(np.corrcoef(outcome, rest)[0, 1])
        rows.append((cell, passed, submitted, note, correlation))
    return rows


def write(root, graded):
    """reports/mistakes.csv (one row per assignment, exercise and message) and reports/checks.csv."""
    folder = course.reports(root)
    with open(folder / FILE, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["assignment", "exercise", "message", "students", "who"])
        for (assignment, exercise), messages in mistakes(graded).items():
            for message, students in messages.items():
                writer.writerow([assignment, exercise, message, len(students), " ".join(students)])
    with open(folder / CHECKS_FILE, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["assignment", "cell", "exercise", "passed", "submitted", "pass_rate", "correlation", "note"])
        for cell, passed, submitted, note, correlation in check_statistics(graded):
            writer.writerow([cell.assignment, cell.name, cell.exercise, passed, submitted,
                             f"{passed / submitted:.2f}", "" if correlation is None else f"{correlation:.2f}", note])
    return folder / FILE


def summary(graded, top=3):
    """The terminal report: each exercise's pass rate and most common mistakes, then notes on the checks."""
    found, rates = mistakes(graded), pass_rates(graded)
    lines = [f"what the class got wrong (pass rate per exercise; its {top} most common mistakes):"]
    for key, (passed, submitted) in rates.items():
        lines.append(f"  {key[0]}/{key[1]}: {passed}/{submitted} passed ({passed / submitted:.0%})")
        for message, students in list(found.get(key, {}).items())[:top]:
            lines.append(f"      {len(students):>4}  {message}")
    statistics = check_statistics(graded)
    lines.append("graded test cells (pass rate" + (", correlation with the rest of the score" if any(
        c is not None for *_, c in statistics) else "") + "):")
    for cell, passed, submitted, note, correlation in statistics:
        extra = "" if correlation is None else f"  r={correlation:+.2f}"
        lines.append(f"  {cell.assignment}/{cell.name}: {passed}/{submitted}{extra}" + (f"  NOTE: {note}" if note
                                                                                          else ""))
    return "\n".join(lines)

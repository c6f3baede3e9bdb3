"""Scores per student and exercise, read from nbgrader's gradebook: reports/grades.csv and the terminal table,
with the grades and comments entered by hand (Formgrader) marked."""
import csv

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from . import course
from .submissions import solution_cells


def exercises(assignment, root=course.ROOT):
    """Exercise ids of an assignment, in notebook order (the grade_ids of its solution cells)."""
    nb = nbformat.read(course.notebook_path("source", assignment, root), as_version=4)
    return list(solution_cells(nb))


def exercise_of(test_id, exercise_ids):
    """The exercise a graded cell belongs to: the longest id such that the cell's id starts with test_<id>."""
    owners = [e for e in exercise_ids if test_id.startswith(f"test_{e}")]
    if not owners:
        raise ValueError(f"graded cell {test_id!r} is not named test_<exercise id>")
    return max(owners, key=len)


def scores(root=course.ROOT):
    """Return (columns, maxima, rows): columns are (assignment, exercise); rows map student -> {column: score}.

    A student with no graded submission of an assignment scores 0 on its exercises.
    """
    columns, maxima, rows = [], {}, {}
    ids_of = {assignment: exercises(assignment, root) for assignment in course.assignments(root)}
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        for assignment, ids in ids_of.items():
            columns += [(assignment, e) for e in ids]
            for e in ids:
                maxima[assignment, e] = 0.0
            try:
                cells = gradebook.find_notebook(course.notebook_name(assignment, root)[:-6], assignment).grade_cells
            except MissingEntry:
                continue  # not released into this gradebook yet
            for cell in cells:
                maxima[assignment, exercise_of(cell.name, ids)] += cell.max_score
        for student in sorted(s.id for s in gradebook.students):
            row = rows[student] = dict.fromkeys(columns, 0.0)
            for assignment, ids in ids_of.items():
                try:
                    submission = gradebook.find_submission(assignment, student)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        row[assignment, exercise_of(grade.name, ids)] += grade.score
    return columns, maxima, rows


def manual(root=course.ROOT):
    """What was graded by hand (nbgrader's Formgrader), from the gradebook: {(student, assignment): [entry]}.

    An entry names the cell: `assignment/cell: 1 of 2 by hand (autograded 2)`, `... +0.5 extra credit`,
    `... comment "..."`. Manual scores are kept by nbgrader when it re-grades; they count in the scores.
    """
    found = {}
    for student, assignment, notebook in _submitted_notebooks(root):
        entries = found.setdefault((student, assignment), [])
        for grade in notebook.grades:
            where = f"{assignment}/{grade.name}"
            if grade.manual_score is not None:
                auto = "not autograded" if grade.auto_score is None else f"autograded {_num(grade.auto_score)}"
                entries.append(f"{where}: {_num(grade.manual_score)} of {_num(grade.max_score)} by hand ({auto})")
            if grade.extra_credit:
                entries.append(f"{where}: {grade.extra_credit:+g} extra credit")
        for comment in notebook.comments:
            if comment.manual_comment:
                text = " ".join(comment.manual_comment.split())
                entries.append(f'{assignment}/{comment.name}: comment "{text[:60]}{"…" if len(text) > 60 else ""}"')
    return {k: v for k, v in found.items() if v}


MANUAL_OVERRIDE = "manual score overrides the checks:"  # start of the flags.csv reasons manual_reviews() writes


def manual_reviews(root=course.ROOT):
    """{(student, assignment): [reason]}: manual scores below full marks on cells the current checks pass."""
    found = {}
    for student, assignment, notebook in _submitted_notebooks(root):
        for grade in notebook.grades:
            if grade.manual_score is not None and grade.manual_score < grade.max_score == grade.auto_score:
                found.setdefault((student, assignment), []).append(
                    f"{MANUAL_OVERRIDE} {_num(grade.manual_score)} of {_num(grade.max_score)} on {grade.name}, "
                    "which the current checks pass")
    return found


def _submitted_notebooks(root):
    """(student, assignment, submitted notebook) for every graded submission in the gradebook, in order."""
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        for assignment in course.assignments(root):
            for student in sorted(s.id for s in gradebook.students):
                try:
                    submission = gradebook.find_submission(assignment, student)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    yield student, assignment, notebook


def write_csv(path, columns, maxima, rows, manual_entries=None):
    """grades.csv: one row per student, one column per exercise ('assignment/exercise'), the total, and `manual`:
    the cells graded, credited or commented by hand (see `manual`)."""
    by_hand = {}  # student -> entries, in assignment order (one pass, not one scan of all entries per student)
    for (student, _), entries in sorted((manual_entries or {}).items()):
        by_hand.setdefault(student, []).extend(entries)
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", *(f"{a}/{e}" for a, e in columns), "total", "manual"])
        writer.writerow(["(max)", *(_num(maxima[c]) for c in columns), _num(sum(maxima.values())), ""])
        for student, row in rows.items():
            writer.writerow([student, *(_num(row[c]) for c in columns), _num(sum(row.values())),
                             "; ".join(by_hand.get(student, []))])


def table(columns, maxima, rows, manual_entries=None):
    """The score table as text: one block per assignment, students down, exercises across; a `*` after a total
    marks a submission graded partly by hand (listed under the table)."""
    manual_entries = manual_entries or {}
    blocks = []
    for assignment in dict.fromkeys(a for a, _ in columns):
        cols = [c for c in columns if c[0] == assignment]
        header = ["student", *(e for _, e in cols), "total"]
        lines = [header, ["(max)", *(_num(maxima[c]) for c in cols), _num(sum(maxima[c] for c in cols))]]
        for student, row in rows.items():
            mark = "*" if (student, assignment) in manual_entries else ""
            lines.append([student, *(_num(row[c]) for c in cols), _num(sum(row[c] for c in cols)) + mark])
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        text = "\n".join("  ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(line, widths)))
                         for line in lines)
        blocks.append(f"{assignment}\n{text}")
    if manual_entries:
        blocks.append("* graded partly by hand (Formgrader):\n" + "\n".join(
            f"  {student} / {assignment}: " + "; ".join(entries)
            for (student, assignment), entries in sorted(manual_entries.items())))
    return "\n\n".join(blocks)


def _num(x):
    return f"{x:g}"


def flagged(root=course.ROOT):
    """The submissions to look at by hand (from flags.csv), as text."""
    from .grading import flags
    found = flags.read(root)
    if not found:
        return "flagged submissions: none"
    review = {k: [r for kind, r in v if kind == flags.REVIEW] for k, v in found.items()}
    review = {k: v for k, v in review.items() if v}
    lines = [f"flagged submissions ({len(review)}) — look at these by hand:"]
    lines += [f"  {s} / {a}: " + "; ".join(reasons) for (s, a), reasons in sorted(review.items())] or ["  none"]
    lines.append("notes (handled automatically, graded as the notebook stood):")
    for (student, assignment), entries in sorted(found.items()):
        notes = [r for kind, r in entries if kind == flags.NOTE]
        if notes:
            lines.append(f"  {student} / {assignment}: " + "; ".join(notes))
    return "\n".join(lines)


def record_manual_reviews(root=course.ROOT):
    """Put the current `manual_reviews` into flags.csv as `review` lines, replacing those of an earlier run."""
    from .grading import flags
    flags.replace(root, MANUAL_OVERRIDE, manual_reviews(root))

"""Scores per student and exercise, read from nbgrader's gradebook: grades.csv and the terminal table."""
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
    with Gradebook(course.api(root).coursedir.db_url) as gradebook:
        for assignment in course.assignments(root):
            ids = exercises(assignment, root)
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
            for assignment in course.assignments(root):
                ids = exercises(assignment, root)
                try:
                    submission = gradebook.find_submission(assignment, student)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        row[assignment, exercise_of(grade.name, ids)] += grade.score
    return columns, maxima, rows


def write_csv(path, columns, maxima, rows):
    """grades.csv: one row per student, one column per exercise ('assignment/exercise'), then the total."""
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", *(f"{a}/{e}" for a, e in columns), "total"])
        writer.writerow(["(max)", *(_num(maxima[c]) for c in columns), _num(sum(maxima.values()))])
        for student, row in rows.items():
            writer.writerow([student, *(_num(row[c]) for c in columns), _num(sum(row.values()))])


def table(columns, maxima, rows):
    """The score table as text: one block per assignment, students down, exercises across."""
    blocks = []
    for assignment in dict.fromkeys(a for a, _ in columns):
        cols = [c for c in columns if c[0] == assignment]
        header = ["student", *(e for _, e in cols), "total"]
        lines = [header, ["(max)", *(_num(maxima[c]) for c in cols), _num(sum(maxima[c] for c in cols))]]
        for student, row in rows.items():
            lines.append([student, *(_num(row[c]) for c in cols), _num(sum(row[c] for c in cols))])
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        text = "\n".join("  ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(line, widths)))
                         for line in lines)
        blocks.append(f"{assignment}\n{text}")
    return "\n\n".join(blocks)


def _num(x):
    return f"{x:g}"

"""What must never reach a student, and the text a student sees in a file, for the tests that look for leaks."""
import html
import re

import nbformat

from autograder import course
from answers_catalogue import ANSWERS

MARKERS = ("BEGIN SOLUTION", "HIDDEN TESTS", "autograder.checks")
MIN_LINE = 20


def notebook_text(nb):
    """Everything a notebook shows: cell sources and every text of every output."""
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.extend(v for v in output.get("data", {}).values() if isinstance(v, str))
            parts.extend(output.get("traceback", []))
            parts.append(output.get("evalue", ""))
    return "\n".join(parts)


def text(path):
    """The text a student reads in ``path``: a notebook's cells and outputs, an HTML page without its tags."""
    if path.suffix == ".ipynb":
        return notebook_text(nbformat.read(path, as_version=4))
    if path.suffix == ".html":
        return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))
    return path.read_text()


def _blocks(source, name):
    return re.findall(rf"### BEGIN {name}\n(.*?)### END {name}", source, re.S)


def secret_lines(solutions=True):
    """Stripped lines of MIN_LINE+ characters from the hidden tests, the checks, the answer catalogue and (unless
    ``solutions`` is false) the reference solutions, less those public already in a lesson or the release."""
    secret = set()
    for assignment in course.assignments():
        source = nbformat.read(course.notebook_path("source", assignment), as_version=4)
        for cell in source.cells:
            blocks = _blocks(cell.source, "HIDDEN TESTS") + (_blocks(cell.source, "SOLUTION") if solutions else [])
            for block in blocks:
                secret.update(block.splitlines())
    for path in [*(course.ROOT / "autograder" / "checks").glob("*.py"), *(ANSWERS.rglob("*.py") if solutions else [])]:
        secret.update(path.read_text().splitlines())
    public = "\n".join(text(p) for p in [*(course.ROOT / "notebooks").glob("*.ipynb"),
                                          *(course.ROOT / "release").rglob("*.ipynb")])
    lines = {line.strip() for line in secret if len(line.strip()) >= MIN_LINE}
    assert len(lines) > 300, "too few secret lines found: a leak test would prove nothing"
    return {line for line in lines if line not in public}


def leaks(paths, secret):
    """(path, what) for every marker and secret line found in the files ``paths``."""
    found = []
    for path in paths:
        shown = text(path)
        found += [(path, marker) for marker in MARKERS if marker in shown]
        found += [(path, line) for line in sorted(secret) if line in shown]
    return found

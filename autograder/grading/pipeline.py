"""nbgrader's own converters around the execution of one submission, in a course folder `api` is set up for (on
a worker: the assignment's snapshot, `snapshot.course_folder`).

`prepare` runs the sanitizing preprocessors of nbgrader's Autograde (clear outputs, restore locked and hidden
cells from the gradebook, check metadata) on the submitted notebook: what nbgrader would execute.
The sandbox executes that notebook (`execute.run`). `finish` runs nbgrader's Autograde converter (student and
submission records, files, missing notebooks) with its own list of autograde preprocessors in which only Execute
is replaced, by `InjectExecuted`, and its sanitizing list emptied (already applied), so SaveAutoGrades and the
rest score the executed notebook exactly as `nbgrader autograde` scores its own.

A submission without a readable notebook (missing, renamed, not JSON, rejected by nbgrader) is graded from a
shadow copy of the release in which nothing runs: every cell carries an error, so it scores what an empty
submission deserves, and the report says why.
"""
import copy
import shutil
import warnings
from pathlib import Path

import nbformat
from nbgrader.apps import NbGraderAPI
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from sqlalchemy.exc import SAWarning

from .. import course
from . import flags

SHADOW = ".grading/shadow"  # course-relative folder of stand-in submissions
MAX_FILE_BYTES = 16 * 1024 ** 2  # other files of a submission sent to the worker (each)


class _Registry(NbGraderPreprocessor):
    """Notebooks handed between this process and nbgrader's converter, by (student, assignment, notebook)."""
    notebooks = {}

    @staticmethod
    def key(resources):
        info = resources["nbgrader"]
        return info["student"], info["assignment"], info["notebook"]


class InjectExecuted(_Registry):
    """Stands in for nbgrader's Execute: returns the notebook the worker executed (the sanitized one, with
    outputs)."""

    def preprocess(self, nb, resources):
        sanitized, executed = self.notebooks.pop(self.key(resources))
        if [c.source for c in executed.cells] != [c.source for c in sanitized.cells]:
            raise RuntimeError("the executed notebook does not match the sanitized one")
        return executed, resources


def _api(api, preprocessors, shadow=False):
    config = copy.deepcopy(api.config)
    config.Autograde.sanitize_preprocessors = []  # done once already, by `prepare`
    config.Autograde.autograde_preprocessors = preprocessors
    if shadow:
        config.CourseDirectory.submitted_directory = SHADOW
    api = NbGraderAPI(config=config)
    api.coursedir.submitted_directory = SHADOW if shadow else "submitted"
    return api


def _finish_preprocessors():
    return [InjectExecuted if pp is Execute else pp for pp in Autograde.class_traits()["autograde_preprocessors"].default()]


def _problem(root, student, assignment):
    """Why the submission has no notebook nbgrader can read, or None."""
    expected = course.notebook_path("submitted", assignment, root, student)
    if not expected.exists():
        others = sorted(p.name for p in expected.parent.glob("*.ipynb"))
        return (f"notebook {expected.name} is missing" + (f" (found {', '.join(others)})" if others else ""))
    try:
        nbformat.validate(nbformat.read(expected, as_version=4))
    except Exception as error:  # not JSON, not a notebook
        return f"notebook {expected.name} is not a valid notebook ({type(error).__name__})"
    return None


def _repaired(root, student, assignment):
    """The student's notebook with every cell's nbgrader metadata put back as released (by grade_id)."""
    release = nbformat.read(course.notebook_path("release", assignment, root), as_version=4)
    known = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] for c in release.cells
             if "nbgrader" in c.metadata}
    nb = nbformat.read(course.notebook_path("submitted", assignment, root, student), as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in known:
            cell.metadata["nbgrader"] = copy.deepcopy(known[grade_id])
        else:
            cell.metadata.pop("nbgrader", None)
    return nb


def _make_shadow(root, student, assignment, nb=None):
    """A stand-in submission folder: `nb` (default: the untouched release) and the student's timestamp."""
    folder = Path(root, SHADOW, student, assignment)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / course.notebook_name(assignment, root)
    if nb is None:
        shutil.copy(course.notebook_path("release", assignment, root), path)
    else:
        nbformat.write(nb, path)
    stamp = Path(root, "submitted", student, assignment, "timestamp.txt")
    if stamp.exists():
        shutil.copy(stamp, folder)


class Unprepared(RuntimeError):
    """nbgrader rejected the notebook even as an empty submission."""


class Prepared:
    """A submission ready for a worker: the sanitized notebook, its other files, and what the report should say."""

    def __init__(self, student, assignment, notebook, files, shadow, problem, notes, empty):
        self.student, self.assignment = student, assignment
        self.notebook, self.files, self.shadow, self.problem, self.notes = notebook, files, shadow, problem, notes
        self.empty = empty  # no usable notebook: nothing runs, every cell is an error

    @property
    def key(self):
        return f"{self.student}/{self.assignment}"


def sanitize(api, student, assignment, folder="submitted"):
    """nbgrader's own sanitizing preprocessors (those `nbgrader autograde` runs before executing), applied to the
    submitted notebook in memory: outputs cleared, locked cells, hidden tests and metadata restored from the
    gradebook. Raises what nbgrader raises for a notebook it rejects."""
    root = api.coursedir.root
    name = course.notebook_name(assignment, root)
    nb = nbformat.read(Path(root, folder, student, assignment, name), as_version=4)
    resources = {"nbgrader": {"student": student, "assignment": assignment, "notebook": name[:-6],
                              "db_url": api.coursedir.db_url}}
    for preprocessor in Autograde.class_traits()["sanitize_preprocessors"].default():
        nb, resources = preprocessor(parent=api)(nb, resources)
    return nb


def _files(root, student, assignment, folder):
    """The submission's other files, with the assignment's own files from source/ on top (as nbgrader copies)."""
    return files_in(Path(root, folder, student, assignment), Path(root, "source", assignment))


def files_in(*folders):
    """{relative path: bytes} of the files other than notebooks in `folders` (a later folder's file wins); a file
    larger than MAX_FILE_BYTES, and a symbolic link (it could point anywhere on this machine), are left out."""
    files = {}
    for base in folders:
        for path in sorted(base.rglob("*")):
            if plain(path) and path.suffix != ".ipynb" and path.stat().st_size <= MAX_FILE_BYTES:
                files[str(path.relative_to(base))] = path.read_bytes()
    return files


def plain(path):
    """A file, not a symbolic link."""
    return path.is_file() and not path.is_symlink()


def prepare(api, student, assignment):
    """Sanitize with nbgrader; if nbgrader rejects the notebook, retry with its cell metadata put back as
    released, and failing that grade it as empty (nothing runs)."""
    root = api.coursedir.root
    problem = _problem(root, student, assignment)
    attempts = ["empty"] if problem else ["as submitted", "repaired", "empty"]
    notes = []
    for attempt in attempts:
        shadow = attempt != "as submitted"
        if shadow:
            _make_shadow(root, student, assignment, _repaired(root, student, assignment) if attempt == "repaired"
                         else None)
        try:
            sanitized = sanitize(api, student, assignment, SHADOW if shadow else "submitted")
            break
        except Exception as error:
            if attempt == "empty":
                raise Unprepared(f"nbgrader could not prepare {student}/{assignment}: {error!r}") from error
            reason = f"{type(error).__name__}: {error}"[:300]
            if attempt == "as submitted":
                notes.append(f"nbgrader rejected the notebook ({reason}); graded with the cells' metadata put "
                             "back as released")
            else:
                problem = f"nbgrader rejected the notebook even with its metadata repaired ({reason})"
    files = _files(root, student, assignment, SHADOW if shadow else "submitted")
    empty = attempt == "empty"
    if not empty:
        notes += flags.tampered_cells(
            nbformat.read(course.notebook_path("submitted", assignment, root, student), as_version=4),
            nbformat.read(course.notebook_path("release", assignment, root), as_version=4))
    return Prepared(student, assignment, sanitized, files, shadow, problem, notes, empty)


def finish(api, prepared, executed):
    """Score the executed notebook with nbgrader (gradebook and autograded/); returns nbgrader's result."""
    root = api.coursedir.root
    name = course.notebook_name(prepared.assignment, root)[:-6]
    _Registry.notebooks[prepared.student, prepared.assignment, name] = (prepared.notebook, executed)
    api = _api(api, _finish_preprocessors(), prepared.shadow)
    try:
        with warnings.catch_warnings():  # nbgrader's own, harmless, on every autograde of a new submission
            warnings.filterwarnings("ignore", r"Object of type <Submitted", SAWarning)
            result = api.autograde(prepared.assignment, prepared.student, force=True, create=True)
    finally:
        _Registry.notebooks.pop((prepared.student, prepared.assignment, name), None)
    if prepared.shadow:
        shutil.rmtree(Path(root, SHADOW, prepared.student, prepared.assignment), ignore_errors=True)
    return result

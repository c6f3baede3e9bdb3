"""Where the course's pieces are: assignments, notebooks, and nbgrader's API over a course folder."""
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
STUDENT_FOLDERS = ("submitted", "autograded", "feedback")


def assignments(root=ROOT):
    """Assignment ids: the folders under source/ that hold a notebook, in course order."""
    return sorted(p.name for p in (Path(root) / "source").iterdir() if any(p.glob("*.ipynb")))


def section(assignment):
    """The section name of an assignment id: '01_layers_and_blocks' -> 'layers_and_blocks'."""
    return assignment.split("_", 1)[1]


def notebook_name(assignment, root=ROOT):
    """The notebook's file name inside the assignment folder (one notebook per assignment)."""
    (path,) = (Path(root) / "source" / assignment).glob("*.ipynb")
    return path.name


def notebook_path(step, assignment, root=ROOT, student=None):
    """Path of an assignment's notebook at a step: 'source', 'release', or a student's 'submitted' etc."""
    parts = [step] if student is None else [step, student]
    return Path(root).joinpath(*parts, assignment, notebook_name(assignment, root))


def api(root=ROOT):
    """nbgrader's API over the course folder ``root``, configured by the repository's nbgrader_config.py."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    config.CourseDirectory.root = str(Path(root).resolve())
    return NbGraderAPI(config=config)


def reports(root=ROOT):
    """Folder of the course's own reports (grades, flags, mistakes, figure)."""
    path = Path(root, "reports")
    path.mkdir(exist_ok=True)
    return path

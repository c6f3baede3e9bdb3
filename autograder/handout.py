"""The student handout: what a student receives, built from this (private) repository.

`build` writes the lessons (in the handout's language), the release's assignments (in the layout nbgrader's
fetch_assignment gives), a student README, a student requirements.txt (the course's own pins, student packages
only) and nothing else, as a folder and a zip archive. The student's JupyterLab set-up (nbgrader's instructor
tools turned off in the student's own environment) is part of the README's set-up command, `SETUP`.
"""
import re
import shutil
import string
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import course, i18n

TEMPLATES = Path(__file__).parent / "student"
LESSONS = "notebooks"  # the folder name the assignments cite

# What a student's environment needs: run the lessons and assignments, JupyterLab, Validate (nbgrader and the
# notebook tools it runs). Not the grading cluster, the test suite or the browser tests.
STUDENT_PACKAGES = ("torch", "numpy", "matplotlib", "safetensors", "nbgrader", "nbformat", "nbclient", "ipykernel",
                    "jupyterlab")

# nbgrader's JupyterLab tools a handout student must not see: the instructor's (Formgrader, Create Assignment,
# Course List) and the exchange's Assignment List with the Nbgrader menu that opens it (a handout student has no
# exchange). Validate stays.
INSTRUCTOR_LAB_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                          "@jupyter/nbgrader:course-list")
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
EXCHANGE_LAB_PLUGINS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu")
EXCHANGE_SERVER_EXTENSIONS = ("nbgrader.server_extensions.assignment_list",)


def disable_tools(exchange=False):
    """The commands that turn nbgrader's instructor tools off in the active environment (and the Assignment List
    too unless the student uses nbgrader's exchange), as nbgrader's installation guide documents."""
    plugins = INSTRUCTOR_LAB_PLUGINS + (() if exchange else EXCHANGE_LAB_PLUGINS)
    servers = INSTRUCTOR_SERVER_EXTENSIONS + (() if exchange else EXCHANGE_SERVER_EXTENSIONS)
    return [f"jupyter labextension disable --level=sys_prefix {' '.join(plugins)}",
            f"jupyter server extension disable --sys-prefix {' '.join(servers)}"]


# The student's one set-up command, run in the handout folder (the README shows it; the tests run it).
SETUP = " && ".join(["python3 -m venv .venv", ". .venv/bin/activate", "pip install -r requirements.txt",
                     *disable_tools()])

_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)$")


def student_requirements(root=course.ROOT):
    """The student requirements.txt: the course's exact pins of STUDENT_PACKAGES, in the course's order."""
    pins = {}
    for line in (Path(root) / "requirements.txt").read_text().splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[match[1].lower()] = line.strip()
    missing = [name for name in STUDENT_PACKAGES if name not in pins]
    if missing:
        raise ValueError(f"requirements.txt pins no exact version of {', '.join(missing)}")
    lines = [pins[name] for name in pins if name in STUDENT_PACKAGES]
    return "# The course's exact versions. Set-up: see README.md.\n" + "\n".join(lines) + "\n"


def files(root=course.ROOT):
    """What the handout holds: relative path -> the course file it is copied from."""
    root = Path(root)
    chosen = {f"{LESSONS}/{path.name}": path for path in sorted((root / "notebooks").glob("*.ipynb"))}
    for assignment in course.assignments(root):
        path = course.notebook_path("release", assignment, root)
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run python -m autograder release")
        chosen[f"{assignment}/{path.name}"] = path
    return chosen


def readme(root=course.ROOT, language=i18n.DEFAULT):
    """The student README in ``language``, filled in from autograder/student/README.md (README.<language>.md)."""
    lessons = [f"{LESSONS}/{path.name}" for path in sorted((Path(root) / "notebooks").glob("*.ipynb"))]
    assignments = [f"{a}/{course.notebook_name(a, root)}" for a in course.assignments(root)]
    rows = "\n".join(f"| `{lesson}` | `{work}` |" for lesson, work in zip(lessons, assignments))
    template = string.Template(_template(language).read_text())
    return template.substitute(setup=SETUP.replace(" && ", " && \\\n    "), sections=rows,
                               example=assignments[0])


def _template(language):
    return TEMPLATES / ("README.md" if language == i18n.DEFAULT else f"README.{language}.md")


def lesson(path, language=i18n.DEFAULT):
    """A lesson notebook's edition in ``language``, as the bytes of the handout's file: the file itself when the
    edition is the notebook as it is; else the picked notebook, executed again (nbclient, in a scratch folder)
    when its code changed (translated printed text), so its stored outputs are what its code prints."""
    original = nbformat.read(path, as_version=4)
    picked = i18n.pick(original, language)
    if picked == original:
        return Path(path).read_bytes()
    code = [[c.source for c in nb.cells if c.cell_type == "code"] for nb in (original, picked)]
    if code[0] != code[1]:
        with tempfile.TemporaryDirectory(prefix="lesson-") as scratch:
            NotebookClient(picked, timeout=600, kernel_name="python3", record_timing=False,
                           extra_arguments=["--log-level=ERROR"],  # not the kernel's start-up chatter
                           resources={"metadata": {"path": scratch}}).execute()
    text = nbformat.writes(picked)
    return (text if text.endswith("\n") else text + "\n").encode()


def build(out, root=course.ROOT, language=i18n.DEFAULT):
    """Write the handout in ``language`` into folder ``out`` (replacing an earlier handout there) and ``out``.zip;
    return both. The assignments are release/'s, which must be in that language."""
    out = Path(out).resolve()
    released = i18n.release_language(root)
    if released != language:
        raise ValueError(f"release/ is in {released}, not {language}: run python -m autograder release "
                         f"--language {language} first")
    if out.exists():
        if any(out.iterdir()) and not _is_handout(out):
            raise FileExistsError(f"{out} exists and is not a handout: choose another --out")
        shutil.rmtree(out)
    for relative, source in files(root).items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative.startswith(f"{LESSONS}/"):
            target.write_bytes(lesson(source, language))
        else:
            shutil.copyfile(source, target)
    (out / "README.md").write_text(readme(root, language))
    (out / "requirements.txt").write_text(student_requirements(root))
    archive = shutil.make_archive(str(out), "zip", root_dir=out.parent, base_dir=out.name)
    return out, Path(archive)


def _is_handout(folder):
    titles = [_template(language).read_text().splitlines()[:1] for language in i18n.LANGUAGES
              if _template(language).exists()]
    readme_path = folder / "README.md"
    return readme_path.exists() and readme_path.read_text().splitlines()[:1] in titles

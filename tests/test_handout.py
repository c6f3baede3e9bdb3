"""The student handout (`python -m autograder handout`): exactly the student's files, nothing secret, and it works
in an environment made by its own README's set-up command."""
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import course, grading, handout, i18n, report, submissions
from autograder.__main__ import main

import leaks
from student_env import clean_environ, student_env

ASSIGNMENTS = ["01_layers_and_blocks/layers_and_blocks.ipynb", "02_parameter_management/parameter_management.ipynb",
               "03_custom_layers/custom_layers.ipynb", "04_file_io/file_io.ipynb", "05_gpu/gpu.ipynb"]
LESSONS = ["notebooks/01_layers_and_blocks.ipynb", "notebooks/02_parameter_management.ipynb",
           "notebooks/03_custom_layers.ipynb", "notebooks/04_file_io.ipynb", "notebooks/05_gpu.ipynb"]
ALLOWED = {"README.md", "requirements.txt", *LESSONS, *ASSIGNMENTS}
STUDENT_PACKAGES = {"torch", "numpy", "matplotlib", "safetensors", "nbgrader", "nbformat", "nbclient", "ipykernel",
                    "jupyterlab"}
INSTRUCTOR_ONLY = {"dask", "distributed", "pytest", "nbval", "playwright"}
SUCCESS = "Success! Your notebook passes all the tests."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("built") / "handout"
    assert main(["handout", "--out", str(out)]) == 0
    return out


def _files(folder):
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_file_list_is_the_allow_list(built):
    assert _files(built) == ALLOWED
    with zipfile.ZipFile(built.with_suffix(".zip")) as archive:
        members = {name for name in archive.namelist() if not name.endswith("/")}
        assert members == {f"handout/{name}" for name in ALLOWED}
        for name in ALLOWED:
            assert archive.read(f"handout/{name}") == (built / name).read_bytes(), f"{name} differs in the zip"


def test_notebooks_are_the_release_and_the_lessons(built):
    for name in ASSIGNMENTS:
        assert (built / name).read_bytes() == (course.ROOT / "release" / name).read_bytes()
    for name in LESSONS:  # the English edition of each lesson (twin cells of other languages left out)
        lesson = nbformat.read(course.ROOT / name, as_version=4)
        assert nbformat.read(built / name, as_version=4) == i18n.pick(lesson, i18n.DEFAULT)


def _leaks(folder, secret):
    return [(path.relative_to(folder).as_posix(), what)
            for path, what in leaks.leaks(sorted(folder / name for name in _files(folder)), secret)]


def test_no_secret_line(built):
    found = _leaks(built, leaks.secret_lines())
    assert not found, f"the handout gives away solutions, hidden tests, checks or answers: {found[:5]}"


def test_the_leak_search_finds_leaks(built, tmp_path):
    """Put a reference solution into an assignment and a check's line into the README: both are found."""
    secret = leaks.secret_lines()
    copy = tmp_path / "handout"
    shutil.copytree(built, copy)
    assignment, name = ASSIGNMENTS[1].split("/")
    nb = submissions.fill(nbformat.read(copy / assignment / name, as_version=4),
                          submissions.reference_answers(assignment))
    nbformat.write(nb, copy / assignment / name)
    check = next(line.strip() for line in (course.ROOT / "autograder/checks/layers_and_blocks.py").read_text()
                 .splitlines() if line.strip() in secret)
    with open(copy / "README.md", "a") as readme:
        readme.write(check + "\n")
    files = {name for name, _ in _leaks(copy, secret)}
    assert files == {"README.md", ASSIGNMENTS[1]}


def test_no_checks_code_and_no_gradebook(built):
    names = _files(built)
    assert not [n for n in names if n.endswith((".py", ".pyc"))]
    assert not [n for n in names if "gradebook" in n or n.endswith(".db") or "nbgrader_config" in n]


def test_student_requirements_are_the_course_pins(built):
    course_pins = {line.strip() for line in (course.ROOT / "requirements.txt").read_text().splitlines()}
    pins = [line for line in (built / "requirements.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    names = {line.split("==")[0].lower() for line in pins}
    assert names == STUDENT_PACKAGES
    assert not names & INSTRUCTOR_ONLY
    for line in pins:
        assert line in course_pins, f"{line} is not the course's pin"


def test_readme_gives_two_commands(built):
    text = (built / "README.md").read_text()
    commands = re.findall(r"```bash\n(.*?)```", text, re.S)
    assert len(commands) == 2
    assert commands[0].replace(" && \\\n    ", " && ").strip() == handout.SETUP
    assert commands[1].strip() == "jupyter lab"
    for name in ASSIGNMENTS + LESSONS:
        assert f"`{name}`" in text, f"the README does not name {name}"


def test_course_readme_gives_the_student_commands():
    """The course README shows the handout's set-up and, for the exchange, the commands that keep Assignment List."""
    text = (course.ROOT / "README.md").read_text().replace(" && \\\n    ", " && ")
    assert handout.SETUP in text
    for command in handout.disable_tools(exchange=True):
        assert command in text
        assert "assignment-list" not in command and "assignment_list" not in command, "the exchange needs it"


def test_refuses_to_replace_another_folder(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["handout", "--out", str(tmp_path)]) == 2
    assert "is not a handout" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"


# --- the handout works, in the environment its README's set-up command makes -----------------------------------

@pytest.fixture(scope="module")
def student(built, tmp_path_factory):
    """(student's python bin folder, a copy of the handout to work in)."""
    work = tmp_path_factory.mktemp("student") / "course"
    shutil.copytree(built, work)
    return student_env() / ".venv" / "bin", work


def _validate(bin_dir, path):
    result = subprocess.run([str(bin_dir / "nbgrader"), "validate", str(path)], cwd=path.parent,
                            env=clean_environ(), capture_output=True, text=True, timeout=600)
    return result.stdout + result.stderr


def test_student_setup_turns_instructor_tools_off(student):
    bin_dir, _ = student
    env = clean_environ()
    labs, servers = (subprocess.run([str(bin_dir / "jupyter"), *command, "list"], env=env, capture_output=True,
                                    text=True) for command in (["labextension"], ["server", "extension"]))
    labs, servers = labs.stdout + labs.stderr, servers.stdout + servers.stderr
    disabled = labs.split("Disabled extensions:")[-1].split()
    assert set(disabled) == set(handout.INSTRUCTOR_LAB_PLUGINS + handout.EXCHANGE_LAB_PLUGINS)
    for extension in handout.INSTRUCTOR_SERVER_EXTENSIONS + handout.EXCHANGE_SERVER_EXTENSIONS:
        assert re.search(rf"{re.escape(extension)}\s+\S*disabled", servers), f"{extension} is not disabled"
    assert re.search(r"nbgrader\.server_extensions\.validate_assignment\s+\S*enabled", servers)


def test_lessons_pass_nbval_with_the_student_kernel(student, tmp_path):
    bin_dir, work = student
    subprocess.run([str(bin_dir / "python"), "-m", "ipykernel", "install", "--prefix", str(tmp_path / "kernel"),
                    "--name", "python3"], env=clean_environ(), check=True, capture_output=True)
    env = {**clean_environ(), "JUPYTER_PATH": str(tmp_path / "kernel" / "share" / "jupyter")}
    kernel = subprocess.run([sys.executable, "-c", "from jupyter_client.kernelspec import get_kernel_spec;"
                             "print(get_kernel_spec('python3').argv[0])"], env=env, capture_output=True, text=True)
    assert Path(kernel.stdout.strip()).parent == bin_dir, "nbval would not use the student's Python"
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-q",
                             *(str(work / name) for name in LESSONS)],
                            cwd=work, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-5000:]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_untouched_assignment_fails_validation(student, name):
    bin_dir, work = student
    output = _validate(bin_dir, work / name)
    assert "VALIDATION FAILED" in output, output[-3000:]
    assert SUCCESS not in output


@pytest.fixture(scope="module")
def filled(student):
    """The handout's assignments filled with the reference answers, as a student would hand them in."""
    _, work = student
    paths = {}
    for name in ASSIGNMENTS:
        assignment = name.split("/")[0]
        nb = submissions.fill(nbformat.read(work / name, as_version=4), submissions.reference_answers(assignment))
        path = work.parent / "filled" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        paths[assignment] = path
    return paths


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_reference_answers_validate(student, filled, name):
    bin_dir, _ = student
    output = _validate(bin_dir, filled[name.split("/")[0]])
    assert SUCCESS in output, output[-3000:]


def test_reference_submission_gets_full_marks(filled, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(course.ROOT / "source", root / "source")
    grading.release(root)
    for assignment, path in filled.items():
        target = course.notebook_path("submitted", assignment, root, "handout-student")
        target.parent.mkdir(parents=True)
        shutil.copyfile(path, target)
    assert main(["--root", str(root), "grade", "--jobs", "2"]) == 0
    columns, maxima, rows = report.scores(root)
    assert set(rows) == {"handout-student"}
    assert len(columns) == sum(len(report.exercises(a, root)) for a in course.assignments(root))
    for column in columns:
        assert maxima[column] > 0 and rows["handout-student"][column] == maxima[column], column

"""The student's JupyterLab in a real browser: Debian's chromium driven by Playwright (never a downloaded browser).

JupyterLab runs from the student's environment (made by the handout README's set-up command) on a copy of the
handout, with a fresh home and Jupyter config folder, as a student would start it; the only addition is
`--LabApp.expose_app_in_browser`, which lets the test list the registered commands. The instructor's environment,
for comparison, keeps nbgrader's instructor tools.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import sync_playwright

from autograder import course, handout
from answers_catalogue import answers
from student_env import clean_environ, student_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-gpu", *(["--no-sandbox"] if os.getuid() == 0 else [])]  # chromium's sandbox refuses root
ASSIGNMENT = "01_layers_and_blocks"
PASSED = "visible checks passed; more checks run when your work is graded"
SUCCESS = "Success! Your notebook passes all the tests."
TOKEN = "browser-test"
SHOWN = {"Nbgrader", "Create Assignment"}  # the Nbgrader menu (Formgrader, Course List, ...), the side panel
INSTRUCTOR_COMMANDS = {"nbgrader:open-formgrader", "nbgrader:open-course-list", "nbgrader:open-create-assignment"}
WAIT_MS = 240_000  # a loaded 2-core machine: kernels importing torch, JupyterLab's first load


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """`jupyter lab` of the environment whose bin folder is ``bin_dir``, serving ``folder``."""

    def __init__(self, bin_dir, folder, home):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        home.mkdir(parents=True)
        env = clean_environ(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"))
        root = ["--allow-root"] if os.getuid() == 0 else []
        self.log = open(home / "lab.log", "w")
        self.process = subprocess.Popen(
            [str(bin_dir / "jupyter"), "lab", "--no-browser", f"--port={self.port}", "--ServerApp.ip=127.0.0.1",
             f"--IdentityProvider.token={TOKEN}", "--LabApp.expose_app_in_browser=True", *root],
            cwd=folder, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + WAIT_MS / 1000
        while self.status("/api/status") != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"JupyterLab did not start:\n{(home / 'lab.log').read_text()[-3000:]}")
            time.sleep(1)

    def status(self, path):
        try:
            with urllib.request.urlopen(f"{self.url}{path}?token={TOKEN}", timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def stop(self):
        """Stop the server by its process id, then whatever it started (its own session: its kernels)."""
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.log.close()


@pytest.fixture(scope="module")
def student_lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("student-lab")
    folder, _ = handout.build(base / "handout")
    lab = Lab(student_env() / ".venv" / "bin", folder, base / "home")
    yield lab, folder
    lab.stop()


@pytest.fixture(scope="module")
def instructor_lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("instructor-lab")
    folder = base / "course"
    shutil.copytree(course.ROOT / "release", folder)
    lab = Lab(Path(sys.executable).parent, folder, base / "home")
    yield lab
    lab.stop()


def _right_answers():
    """One right answer per exercise of the assignment, not the reference solution: (exercise, code)."""
    chosen = {}
    for answer in answers(ASSIGNMENT):
        if answer.correct:
            chosen.setdefault(answer.exercise, answer.code)
    return chosen


def _open(browser, lab, path):
    page = browser.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{lab.url}/lab/tree/{path}?token={TOKEN}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    return page


def _run_active_cell(page, expect):
    """Shift+Enter on the active cell (it runs, the next one becomes active); wait for ``expect`` in its output."""
    cell = page.locator(".jp-Notebook .jp-Cell.jp-mod-active").element_handle()
    page.keyboard.press("Shift+Enter")
    if expect:
        try:
            page.wait_for_function("([cell, text]) => cell.querySelector('.jp-OutputArea') &&"
                                   " cell.querySelector('.jp-OutputArea').innerText.includes(text)", arg=[cell, expect])
        except Exception:
            pytest.fail(f"the cell never showed {expect!r}; it shows:\n{cell.inner_text()}")
        return cell.query_selector(".jp-OutputArea").inner_text()


def _type_answer(page, code):
    """Enter the active cell's editor, select its code and type ``code`` over it (no auto-indent: as pasted)."""
    page.keyboard.press("Enter")
    page.wait_for_selector(".jp-Notebook .jp-Cell.jp-mod-active .cm-editor.cm-focused")
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    first = code.strip().splitlines()[0].strip()
    page.locator(".jp-Notebook .jp-Cell.jp-mod-active .cm-content", has_text=first).wait_for()


def _tools(page):
    """nbgrader's tools in this JupyterLab: (those shown as menus or side panels, nbgrader's registered commands)."""
    commands = page.evaluate("async () => { await window.jupyterapp.restored;"
                             " return window.jupyterapp.commands.listCommands(); }")
    shown = set(page.locator(".lm-MenuBar-itemLabel").all_inner_texts())
    shown |= set(page.locator(".lm-TabBar-tab").evaluate_all("tabs => tabs.map(t => t.title)"))
    shown |= set(page.locator(".lm-TabBar-tabLabel").all_inner_texts())
    return shown & SHOWN, {c for c in commands if c.startswith("nbgrader:")}


def test_student_works_the_assignment_and_validates(chromium, student_lab):
    """Cell by cell from the top, as a student: type a right answer into each solution cell, run it and its test
    cell and read the test's line; then Kernel -> Restart Kernel and Run All Cells…, and Validate."""
    lab, folder = student_lab
    name = f"{ASSIGNMENT}/{course.notebook_name(ASSIGNMENT)}"
    nb = nbformat.read(folder / name, as_version=4)
    right = _right_answers()
    page = _open(chromium, lab, name)
    page.locator(".jp-Notebook .jp-Cell").first.click()  # the title cell, selected in command mode
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            _type_answer(page, right.pop(meta["grade_id"]))
        output = _run_active_cell(page, PASSED if meta.get("grade") else None)
        if meta.get("grade"):
            assert "Error" not in output, output
    assert not right, f"no solution cell for {sorted(right)}"

    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").click()
    page.locator(".lm-Menu-itemLabel", has_text="Restart Kernel and Run All Cells…").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()

    page.locator(".validate-button").click()  # it saves the notebook, then validates the saved file
    dialog = page.locator(".jp-Dialog", has_text="Validation Results")
    dialog.wait_for()
    assert SUCCESS in dialog.inner_text()
    page.close()


def test_student_lab_has_no_instructor_tools(chromium, student_lab):
    lab, _ = student_lab
    page = _open(chromium, lab, f"{ASSIGNMENT}/{course.notebook_name(ASSIGNMENT)}")
    assert page.locator(".validate-button").count() == 1, "the student's notebook toolbar has no Validate"
    shown, commands = _tools(page)
    assert shown == set(), f"the student's JupyterLab shows {shown}"
    assert not commands & (INSTRUCTOR_COMMANDS | {"nbgrader:open-assignment-list"}), commands
    page.close()
    assert lab.status("/formgrader") == 404 and lab.status("/formgrader/api/courses") == 404


def test_instructor_lab_keeps_its_tools(chromium, instructor_lab):
    """The same look-up finds every tool in the instructor's environment, which keeps them all."""
    page = _open(chromium, instructor_lab, f"{ASSIGNMENT}/{course.notebook_name(ASSIGNMENT)}")
    shown, commands = _tools(page)
    assert shown == SHOWN
    assert INSTRUCTOR_COMMANDS | {"nbgrader:open-assignment-list"} <= commands
    assert instructor_lab.status("/formgrader") == 200
    page.close()

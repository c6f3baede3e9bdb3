"""A student's environment, made by the handout README's own set-up command, shared by the handout tests.

Making it installs the student requirements with pip (torch and the rest: minutes), so it is kept in the
temporary folder under a name derived from what makes it (the student requirements and the set-up command): a
later run with the same requirements and command reuses it, any change to them makes a new one.
"""
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from autograder import handout


def clean_environ(**extra):
    """os.environ without the instructor's activated venv (its bin/ on PATH), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH")}
    venv = os.environ.get("VIRTUAL_ENV")
    if venv:
        env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(venv))
    env.update(extra)
    return env


def student_env():
    """The folder holding the student's `.venv`, made by running `handout.SETUP` there (once per content)."""
    requirements = handout.student_requirements()
    key = hashlib.sha256((requirements + handout.SETUP).encode()).hexdigest()[:12]
    home = Path(tempfile.gettempdir()) / f"dlcomp-student-env-{key}"
    if (home / "ready").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)  # an earlier attempt that did not finish
    home.mkdir()
    (home / "requirements.txt").write_text(requirements)
    result = subprocess.run(["bash", "-c", handout.SETUP], cwd=home, env=clean_environ(), capture_output=True,
                            text=True)
    if result.returncode:
        raise RuntimeError(f"the student set-up command failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    (home / "ready").touch()
    return home

"""The right and wrong answers kept under tests/answers/<assignment>/<exercise>/{ok,bad}_<what>.py."""
from dataclasses import dataclass
from pathlib import Path

ANSWERS = Path(__file__).parent / "answers"


@dataclass(frozen=True)
class Answer:
    assignment: str
    exercise: str
    path: Path

    @property
    def correct(self):
        return self.path.name.startswith("ok_")

    @property
    def code(self):
        return self.path.read_text()

    def __str__(self):
        return f"{self.assignment}/{self.exercise}/{self.path.stem}"


def answers(assignment=None):
    """Every answer file, sorted, optionally of one assignment only."""
    pattern = f"{assignment or '*'}/*/*.py"
    return [
        Answer(path.parent.parent.name, path.parent.name, path)
        for path in sorted(ANSWERS.glob(pattern))
        if path.name.startswith(("ok_", "bad_"))
    ]

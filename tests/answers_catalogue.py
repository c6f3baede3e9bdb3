"""The right and wrong answers kept under tests/answers/<assignment>/<exercise>/{ok,bad}_<what>.py.

A wrong answer's first line names a fragment of the message its hidden check must give: ``# expect: <fragment>``.
"""
from dataclasses import dataclass
from pathlib import Path

ANSWERS = Path(__file__).parent / "answers"
EXPECT = "# expect:"


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

    @property
    def expected(self):
        """The message fragment named on the first line (``# expect: <fragment>``), or None."""
        first = self.code.partition("\n")[0].strip()
        if first.startswith(EXPECT):
            return first[len(EXPECT):].strip() or None
        return None

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

"""The class report: common mistakes per exercise, statistics per graded test cell, near-identical solutions.

One real `grade` of assignment 1 for a small class with known mistakes and two copiers.
"""
import contextlib
import csv
import io
import re
import shutil
import warnings

import nbformat
import pytest

from autograder import course, grading, mistakes, plots, similarity, submissions
from autograder.__main__ import main
from autograder.grading import flags
from answers_catalogue import answers

pytestmark = pytest.mark.slow
ASSIGNMENT = "01_layers_and_blocks"


def _answer(exercise, name):
    (found,) = [a for a in answers(ASSIGNMENT) if a.exercise == exercise and a.path.stem == name]
    return found


def _disguised(code):
    """The copier's version: other names, other comments, other layout."""
    renamed = {"i": "k", "m": "layer", "block": "b", "X": "inputs", "count": "n"}
    for old, new in renamed.items():
        code = re.sub(rf"\b{old}\b", new, code)
    code = re.sub(r"#.*", "", code)
    return "# my own solution, written alone\n" + code.replace("    ", "  ").replace('"""', "'''")


# the same classic mistakes written three and two different ways, as honest students would
PLAIN_ATTRIBUTE = (
    _answer("fixed_hidden_mlp", "bad_plain_attribute").code,
    _answer("fixed_hidden_mlp", "ok_einsum_norm").code.replace(
        'self.register_buffer("rand_weight", weight, persistent=True)', "self.rand_weight = weight"),
    """class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(20, 20)
        self.rand_weight = torch.rand(20, 20)

    def forward(self, X):
        out = F.relu(self.linear(X) @ self.rand_weight + 1)
        out = self.linear(out)
        size = out.abs().sum()
        while size > 1:
            out, size = out / 2, size / 2
        return out.sum()
""")
ADDS = (
    _answer("parallel_block", "bad_add").code,
    _answer("parallel_block", "ok_module_list_concat").code.replace(
        "torch.concat([branch(X) for branch in self.branches], dim=X.dim() - 1)",
        "sum(branch(X) for branch in self.branches)"),
)


def _class():
    """{student: answers}: two honest students with different right answers, 3 + 2 known mistakes, two copiers."""
    reference = submissions.reference_answers(ASSIGNMENT)
    ok = {e: [a for a in answers(ASSIGNMENT) if a.exercise == e and a.correct] for e in reference}
    copied = _answer("my_sequential", "ok_setattr").code
    return {
        "honest-1": {e: kept[0].code for e, kept in ok.items()},
        "honest-2": {e: kept[1].code for e, kept in ok.items()},
        **{f"plain-{i}": {**reference, "fixed_hidden_mlp": code} for i, code in enumerate(PLAIN_ATTRIBUTE, 1)},
        **{f"adds-{i}": {**reference, "parallel_block": code} for i, code in enumerate(ADDS, 1)},
        # the copiers share a long my_sequential, and a short stack_blocks that right answers necessarily share
        "copier-1": {**reference, "my_sequential": copied,
                     "stack_blocks": _answer("stack_blocks", "ok_ordered_dict").code},
        "copier-2": {**reference, "my_sequential": _disguised(copied),
                     "stack_blocks": _answer("stack_blocks", "ok_ordered_dict").code},
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    shutil.copytree(course.ROOT / "source" / ASSIGNMENT, root / "source" / ASSIGNMENT)
    grading.release(root)
    for student, filled in _class().items():
        submissions.write_submission(root, student, ASSIGNMENT, filled)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["--root", str(root), "grade", "--jobs", "2", "--no-feedback"])
    assert status == 0, printed.getvalue()
    return root, printed.getvalue()


def _rows(root, name):
    with open(course.reports(root) / name, newline="") as f:
        return list(csv.DictReader(f))


def test_mistakes_csv_counts_exactly_the_known_mistakes(graded):
    root, _ = graded
    rows = _rows(root, mistakes.FILE)
    found = {(r["exercise"], r["who"]) for r in rows}
    assert found == {("fixed_hidden_mlp", "plain-1 plain-2 plain-3"), ("parallel_block", "adds-1 adds-2")}, rows
    for row in rows:
        assert int(row["students"]) == len(row["who"].split())
        assert row["assignment"] == ASSIGNMENT and row["message"]


def test_terminal_and_plot_show_the_mistakes(graded):
    root, printed = graded
    messages = {r["exercise"]: r["message"] for r in _rows(root, mistakes.FILE)}
    assert f"{ASSIGNMENT}/fixed_hidden_mlp: 6/9 passed" in printed
    assert f"{ASSIGNMENT}/parallel_block: 7/9 passed" in printed
    assert re.search(rf"\n\s+3  {re.escape(messages['fixed_hidden_mlp'])}\n", printed), printed
    assert re.search(rf"\n\s+2  {re.escape(messages['parallel_block'])}\n", printed), printed
    assert (course.reports(root) / "grades.png").stat().st_size > 10_000


def test_check_statistics_note_cells_everyone_passed(graded):
    root, printed = graded
    rows = {r["cell"]: r for r in _rows(root, mistakes.CHECKS_FILE)}
    assert rows["test_mlp"]["pass_rate"] == "1.00" and "every submitted answer passed" in rows["test_mlp"]["note"]
    assert rows["test_parallel_block"]["passed"] == "7" and rows["test_parallel_block"]["note"] == ""
    assert "every submitted answer passed it" in printed


def test_copiers_are_flagged_together_and_no_one_else(graded):
    root, printed = graded
    found = flags.read(root)
    similar = {(s, reason[len(similarity.MARKER):].split(":")[0]) for (s, _), lines in found.items()
               for kind, reason in lines if kind == flags.REVIEW and reason.startswith(similarity.MARKER)}
    assert similar == {("copier-1", "my_sequential"), ("copier-2", "my_sequential")}, found
    assert "copier-2" in " ".join(r for _, r in found["copier-1", ASSIGNMENT])
    assert f"{similarity.MARKER}my_sequential: like copier-2's" in printed


def test_similarity_normalises_names_comments_and_layout():
    code = _answer("my_sequential", "ok_setattr").code
    assert similarity.normalise(code) == similarity.normalise(_disguised(code))
    assert similarity.normalise("def f(:") is None


def test_right_answers_written_independently_are_not_flagged():
    """Every exercise's right answers, one per student, and the reference: nothing is flagged."""
    for assignment in course.assignments():
        reference = submissions.reference_answers(assignment)
        release = submissions.solution_cells(
            nbformat.read(course.notebook_path("release", assignment), as_version=4))
        for exercise in reference:
            ok = {a.path.stem: a.code for a in answers(assignment) if a.exercise == exercise and a.correct}
            ok["reference"] = reference[exercise]
            assert similarity.groups(ok, release[exercise].source, [reference[exercise]]) == [], exercise


def test_normalised_messages_group_one_mistake():
    a = mistakes.normalise("CheckFailed", "FixedHiddenMLP()(X) is 12 times too large: keep halving. Details: x")
    b = mistakes.normalise("CheckFailed", "FixedHiddenMLP()(X) is 3 times too large: keep halving. Other")
    assert a == b == "FixedHiddenMLP()(X) is # times too large: keep halving."
    assert mistakes.normalise("NameError", "name 'MLP' is not defined") == "NameError: name '…' is not defined"


def test_figure_with_chinese_messages_warns_nothing(tmp_path):
    """A class graded in Chinese: the figure is drawn with no warning reaching the terminal, font or not."""
    cell = mistakes.Cell("01_a", "test_x", "x", 1.0, {"s1": "rand_weight 应该是已注册的缓冲区", "s2": None})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = plots.figure(tmp_path, [("01_a", "x")], {("01_a", "x"): 1.0},
                            {"s1": {("01_a", "x"): 0.0}, "s2": {("01_a", "x"): 1.0}}, [cell], path=tmp_path / "g.png")
    assert path.stat().st_size > 10_000
    assert not caught, [str(w.message) for w in caught]

"""The feedback writer (autograder/grading/feedback.py): no hidden-test text in any output, by any encoding.

The preprocessor is registered on nbconvert's HTML exporter exactly as `nbgrader generate_feedback` registers the
preprocessors of its configuration, and the HTML it produces is searched for every hidden line.
"""
import html
import json
import pprint
import re

import nbformat
from nbconvert.exporters import HTMLExporter
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from autograder.grading.feedback import MARKER, HideHiddenTests, hidden_lines
from grading_course import ASSIGNMENT, HIDDEN_DOUBLE, make_course

VISIBLE = "assert float(total(torch.ones(3))) == 3.0, 'total(ones(3)) should be 3'\n"
LONG_HIDDEN = '''### BEGIN HIDDEN TESTS
expected_columns = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).sum(dim=0)
assert torch.allclose(
    total(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), dim=0),
    expected_columns,
    atol=1e-6,
), "total(x, dim=0) must sum each column"
for shape in [(2, 3), (4,), (1, 1, 5)]:
    x = torch.arange(float(torch.tensor(shape).prod())).reshape(shape)
    assert float(total(x)) == float(x.numpy().sum()), f"total failed on shape {shape}: it's wrong"
### END HIDDEN TESTS'''
SECRET_LINES = [line.strip() for line in LONG_HIDDEN.splitlines()[1:-1] if len(line.strip()) >= 10]
LEGIT = "loss went down: 0.25 -> 0.125"
COLOURED = "\x1b[0;32mall good\x1b[0m\n"


def _ansi(text):
    """Each word in its own colour, as IPython's tracebacks highlight code."""
    return "\n".join(" ".join(f"\x1b[38;5;28m{w}\x1b[39m" for w in line.split()) for line in text.splitlines())


def _out(kind, **fields):
    return nbformat.v4.new_output(kind, **fields)


def _notebook():
    cells = [
        nbformat.v4.new_code_cell("import torch", metadata={"nbgrader": {"grade_id": "setup", "locked": True,
                                                                         "grade": False, "solution": False}}),
        nbformat.v4.new_code_cell("def total(x, dim=None):\n    ...", metadata={"nbgrader": {
            "grade_id": "total", "solution": True, "grade": False, "locked": False}}),
        nbformat.v4.new_code_cell(VISIBLE + LONG_HIDDEN, metadata={"nbgrader": {
            "grade_id": "test_total", "grade": True, "solution": False, "locked": True, "points": 1}}),
        nbformat.v4.new_code_cell("print(In)  # and every other way to show the history"),
    ]
    source = cells[2].source
    half = len(SECRET_LINES[0]) // 2
    cells[1].outputs = [  # what student code called by the hidden test could print into its own cell
        _out("stream", name="stdout", text=LEGIT + "\n"),
        _out("stream", name="stdout", text=COLOURED),
        _out("error", ename="NameError", evalue="name 'y' is not defined", traceback=[_ansi(source)]),
    ]
    cells[2].outputs = [
        _out("stream", name="stdout", text="context: " + SECRET_LINES[0][:half]),
        _out("stream", name="stdout", text=SECRET_LINES[0][half:] + "\n"),
        _out("error", ename="AssertionError", evalue="total(x, dim=0) must sum each column",
             traceback=[_ansi(source), "AssertionError: total(x, dim=0) must sum each column"]),
    ]
    cells[3].outputs = [
        _out("stream", name="stdout", text=str(["", "import torch", source]) + "\n" + source + "\n"),
        _out("stream", name="stderr", text=pprint.pformat(["", source], width=30) + "\n"),
        _out("execute_result", execution_count=4, data={"text/plain": repr(source)}, metadata={}),
        _out("display_data", metadata={}, data={
            "text/html": f"<pre>{html.escape(source)}</pre>",
            "text/plain": json.dumps(source),
        }),
        _out("display_data", metadata={}, data={
            "text/html": highlight(source, PythonLexer(), HtmlFormatter()) + f'<img alt="{html.escape(source)}">',
            "text/markdown": f"```python\n{source}\n```",
            "text/latex": "\\begin{verbatim}\n" + source + "\n\\end{verbatim}",
            "image/svg+xml": "".join(f"<text>{html.escape(line)}</text>" for line in source.splitlines()),
            "application/json": {"cell": source, "lines": source.splitlines()},
        }),
        _out("display_data", metadata={}, data={"text/html": "<b>legit html</b>", "text/plain": LEGIT}),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _feedback(nb, info):
    exporter = HTMLExporter()
    exporter.register_preprocessor(HideHiddenTests, enabled=True)  # as nbgrader does with its configuration
    return exporter.from_notebook_node(nb, resources={"nbgrader": info})


def _flat(text):
    """Text with tags, entities, ANSI codes, backslash escapes (twice), quotes and spacing differences removed."""
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    for _ in range(2):
        text = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text, flags=re.S)
    return " ".join(re.sub(r"[\"']", " ", text).split())


def _leaks(text, lines):
    flat = _flat(text)
    return [line for line in lines if line in text or html.escape(line) in text or _flat(line) in flat]


def test_a_long_inline_hidden_test_is_scrubbed_from_every_output_type():
    page, resources = _feedback(_notebook(), {"assignment": "a", "notebook": "n", "student": "s"})
    assert _leaks(page, SECRET_LINES) == []
    half = len(SECRET_LINES[0]) // 2  # printed in two pieces: still one line once the streams are joined
    assert html.escape(SECRET_LINES[0][:half]) not in page and html.escape(SECRET_LINES[0][half:]) not in page
    cells = resources["nbgrader"]  # untouched resources: the preprocessor needs nothing else
    assert cells == {"assignment": "a", "notebook": "n", "student": "s"}
    assert MARKER in page
    # what is not hidden stays as it was: visible test code, the check's message, the student's own output
    assert _flat(VISIBLE) in _flat(page)
    assert "total(x, dim=0) must sum each column" in page
    assert html.escape(LEGIT) in page and "<b>legit html</b>" in page


def test_outputs_without_hidden_text_keep_their_form():
    nb = _notebook()
    out, _ = HideHiddenTests().preprocess(nb, {"nbgrader": {}})
    streams = out.cells[1].outputs
    assert streams[0].text == LEGIT + "\n" + COLOURED, "adjacent streams are joined, colours kept"
    assert MARKER in "\n".join(out.cells[1].outputs[1].traceback)
    assert out.cells[3].outputs[-1].data == {"text/html": "<b>legit html</b>", "text/plain": LEGIT}
    assert out.cells[2].outputs[-1].traceback == ["AssertionError: total(x, dim=0) must sum each column"]
    assert "BEGIN HIDDEN" not in out.cells[2].source and out.cells[2].source.startswith(VISIBLE.strip())


def test_hidden_lines_come_from_the_gradebook_too(tmp_path):
    """A test cell the student deleted is still known: the gradebook holds every released cell's source."""
    root = make_course(tmp_path)
    secret = [line.strip() for line in HIDDEN_DOUBLE.splitlines()[1:-1]]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(leaked)")])
    nb.cells[0].outputs = [_out("stream", name="stdout", text="\n".join(secret) + "\n")]
    info = {"assignment": ASSIGNMENT, "notebook": "tiny", "student": "s",
            "db_url": f"sqlite:///{root / 'gradebook.db'}"}
    page, _ = _feedback(nb, info)
    assert _leaks(page, secret) == [] and MARKER in page
    page, _ = _feedback(nb, {**info, "db_url": None})
    assert _leaks(page, secret) == secret, "without the gradebook, nothing says these lines are hidden"


def test_hidden_lines_are_the_regions_lines_without_trivial_ones():
    source = "a = 1\n### BEGIN HIDDEN TESTS\nif check(a):\n    pass\n)\n### END HIDDEN TESTS\nvisible_line()"
    assert hidden_lines([source]) == {"### BEGIN HIDDEN TESTS", "if check(a):", "### END HIDDEN TESTS"}

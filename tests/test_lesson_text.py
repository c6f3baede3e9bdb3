"""Lessons and assignments stand alone: they cite no text a student does not have, point to no path under
source/ (the reference solutions) and name only notebooks the student handout holds, and they mark cells for nbval
with tags, not with comments in code a student reads."""
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import course, handout

NOTEBOOKS = sorted(course.ROOT.glob("notebooks/*.ipynb")) + sorted(course.ROOT.glob("source/*/*.ipynb"))

# "the notes", "the *notes*", "study notes", and "textbook" however it is introduced ("the D2L textbook")
CITATION = re.compile(r"\b(the\s+[*_`]*notes|study\s+notes|textbooks?)\b", re.IGNORECASE)
SOURCE_PATH = re.compile(r"(?<![\w-])source/")  # `source/…`, `../source/…`; not `resource/`
NBVAL_COMMENT = re.compile(r"#\s*(NBVAL_|PYTEST_VALIDATE_)")
NOTEBOOK_PATH = re.compile(r"[\w./-]+\.ipynb")


def _line(text, match):
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return text[start:end if end != -1 else None].strip()


def problems(nb, name, handout_paths):
    """One sentence per problem in notebook ``nb`` (called ``name`` in the messages); ``handout_paths`` are the
    paths of the files in the student handout."""
    found = []
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index} ({cell.cell_type})"
        if cell.cell_type == "markdown":
            checks = [(CITATION, "cites a text students do not have; state the point itself"),
                      (SOURCE_PATH, "points to a path under source/, which holds the reference solutions")]
            found.extend(f"{where} names {path}, which is not a file of the student handout"
                         for path in NOTEBOOK_PATH.findall(cell.source) if path not in handout_paths)
        else:
            checks = [(NBVAL_COMMENT, "marks the cell for nbval with a comment; use a cell tag instead")]
        for pattern, what in checks:
            match = pattern.search(cell.source)
            if match:
                found.append(f"{where} {what}: {_line(cell.source, match)!r}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(course.ROOT)))
def test_notebook_stands_alone(path):
    found = problems(nbformat.read(path, as_version=4), path.relative_to(course.ROOT), set(handout.files()))
    if found:
        pytest.fail("\n".join(found), pytrace=False)


def test_every_kind_of_problem_is_found_and_named():
    nb = new_notebook(cells=[
        new_markdown_cell("A block is an `nn.Module`; see the assignment `01_layers_and_blocks`."),
        new_markdown_cell("As the Notes put it, blocks nest."),
        new_markdown_cell("The *textbook* version differs.\nThe textbook stores it as an attribute."),
        new_markdown_cell("The exercises are in `source/02_parameter_management`."),
        new_markdown_cell("A resource/ folder, a data_source/ folder and open-source/ code are fine; so are the\n"
                          "footnotes and the notebook."),
        new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(1)"),
        new_code_cell("print(2)  #NBVAL_SKIP"),
        new_code_cell("print('source/ in code and the notes in a string are not markdown')"),
        new_markdown_cell("The *Dive into Deep Learning* Textbook stores it as a plain attribute."),
        new_markdown_cell("Read `notebooks/01_layers_and_blocks.ipynb`, then do `01_layers_and_blocks/mlp.ipynb`."),
    ])
    found = problems(nb, "example.ipynb", {"notebooks/01_layers_and_blocks.ipynb"})
    assert [message.split(" (")[0] for message in found] == [
        "example.ipynb, cell 1", "example.ipynb, cell 2", "example.ipynb, cell 3", "example.ipynb, cell 5",
        "example.ipynb, cell 6", "example.ipynb, cell 8", "example.ipynb, cell 9"]
    assert "names 01_layers_and_blocks/mlp.ipynb, which is not a file of the student handout" in found[-1]
    assert "cites a text" in found[0] and "'As the Notes put it, blocks nest.'" in found[0]
    assert "'The *textbook* version differs.'" in found[1]  # the line of the first match is quoted
    assert "reference solutions" in found[2] and "cell tag" in found[3]


def test_every_lesson_and_assignment_is_walked():
    names = {path.relative_to(course.ROOT).parts[0] for path in NOTEBOOKS}
    assert names == {"notebooks", "source"}
    assert len(NOTEBOOKS) == 2 * len(course.assignments())

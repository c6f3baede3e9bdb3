"""The Chinese edition (autograder/i18n.py): picking an edition, what an edition lacks, releasing, grading and
handing out in a language, and the real course's Chinese edition (complete, same verdicts, runs under nbval)."""
import copy
import functools
import html
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import grading_course
import leaks
from answers_catalogue import answers
from autograder import course, grading, handout, i18n, submissions
from autograder.__main__ import main
from autograder.checks import _support
from autograder.grading import feedback
from notebook_run import course_message, run
from test_answers import _owner
from test_handout import ALLOWED

CJK = re.compile(r"[\u4e00-\u9fff]")
SOURCES = [course.notebook_path("source", a) for a in course.assignments()]
LESSONS = sorted((course.ROOT / "notebooks").glob("*.ipynb"))


def _twin(text, language="zh"):
    return new_markdown_cell(text, metadata={"language": language})


def _grade_cells(nb):
    return [(c.cell_type, c.metadata.get("nbgrader", {}).get("grade_id"), c.metadata.get("nbgrader", {}).get("points"))
            for c in nb.cells]


# --- pick ---------------------------------------------------------------------------------------------------------

def test_pick_takes_the_twin_text_and_keeps_the_english_cell_metadata():
    english = new_markdown_cell("Write `double(x)`.", metadata={"nbgrader": {"grade_id": "text"}, "tags": ["a"]})
    nb = new_notebook(cells=[english, _twin("写出 `double(x)`。"), _twin("Schreibe `double(x)`.", "de"),
                             new_code_cell("x = 1")])
    zh = i18n.pick(nb, "zh")
    assert [c.source for c in zh.cells] == ["写出 `double(x)`。", "x = 1"]
    assert zh.cells[0].metadata == english.metadata and zh.cells[0].id == english.id
    assert zh.metadata[i18n.MARK] == "zh" and i18n.language_of(zh) == "zh"
    en = i18n.pick(nb, "en")
    assert [c.source for c in en.cells] == ["Write `double(x)`.", "x = 1"]
    assert i18n.MARK not in en.metadata and i18n.language_of(en) == "en"
    assert len(nb.cells) == 4 and nb.cells[0].source == "Write `double(x)`.", "pick changed its argument"


def test_pick_translates_code_by_the_cell_map_longest_key_first():
    cell = new_code_cell('assert ok, "x should be 1"\nprint("x should be 1 or 2")\nprint("weight", w)', metadata={
        "i18n": {"zh": {"x should be 1": "x 应为 1", "x should be 1 or 2": "x 应为 1 或 2"}},
        "i18n_exempt": ["weight"]})
    zh = i18n.pick(new_notebook(cells=[cell]), "zh").cells[0]
    assert zh.source == 'assert ok, "x 应为 1"\nprint("x 应为 1 或 2")\nprint("weight", w)'
    assert "i18n" not in zh.metadata and "i18n_exempt" not in zh.metadata
    en = i18n.pick(new_notebook(cells=[cell]), "en").cells[0]
    assert en.source == cell.source and "i18n" not in en.metadata


def test_pick_refuses_a_stale_key_a_misplaced_twin_and_an_unknown_language():
    stale = new_code_cell('print("the new text")', metadata={"i18n": {"zh": {"the old text": "旧文本"}}})
    with pytest.raises(i18n.TranslationError, match="stale translation: 'the old text'"):
        i18n.pick(new_notebook(cells=[stale]), "zh")
    with pytest.raises(i18n.TranslationError, match="must follow the English markdown cell"):
        i18n.pick(new_notebook(cells=[new_code_cell("x = 1"), _twin("中文")]), "zh")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.pick(new_notebook(), "fr")


def test_language_of_ignores_a_language_the_course_does_not_have():
    assert i18n.language_of(new_notebook(metadata={i18n.MARK: "../../x"})) == "en"


# --- problems ---------------------------------------------------------------------------------------------------

def test_problems_names_each_kind_and_nothing_else():
    code = '\n'.join([
        'def f(x):',
        '    """A docstring is documentation, like a comment."""',
        '    ### BEGIN SOLUTION',
        '    print("the solution is removed from the release")',
        '    ### END SOLUTION',
        'assert f(1) == 2, "wrong"',                                  # an assert message: always student-facing
        'print("this prints three words")',                           # three words: student-facing
        'print(f"shape {x.shape} is fine now")',                      # translated by the map below
        'print("weight", "x.grad", "model.params.safetensors")',      # labels, names, paths: code-like
        'print("cuda is not here today")',                            # exempted below
        '%time x = "magic lines are left out of the scan"',
    ])
    nb = new_notebook(cells=[
        new_markdown_cell("English without a twin."),
        new_markdown_cell("English with a twin."), _twin("有孪生单元的英文。"),
        new_code_cell(code, metadata={"i18n": {"zh": {"shape {x.shape} is fine now": "形状 {x.shape} 没问题",
                                                      "an old key": "旧"}},
                                      "i18n_exempt": ["cuda is not here today"]}),
        new_markdown_cell(""),
        new_markdown_cell("带 nbgrader 元数据的孪生单元。", metadata={"language": "zh", "nbgrader": {"grade": False}}),
    ])
    found = i18n.problems(nb, "zh")
    assert found == [
        "cell 0 «English without a twin.»: markdown without its zh twin",
        "cell 3 «def f(x):»: stale translation, 'an old key' is not in the cell",
        "cell 3 «def f(x):»: untranslated string 'wrong'",
        "cell 3 «def f(x):»: untranslated string 'this prints three words'",
        "cell 5 «带 nbgrader 元数据的孪生单元。»: a twin carries no nbgrader metadata and no tags",
    ], found
    assert i18n.problems(nb, "en") == found[-1:], "English lacks nothing; a misplaced twin is wrong in any edition"


def test_figure_text_is_student_facing_however_short():
    """What a figure shows (titles, axis and tick labels, legend and box texts) is translated even when it is one
    word; the figure's settings (colours, styles, positions) are not text."""
    code = '\n'.join([
        'fig, ax = plt.subplots(figsize=(6, 3))',
        'ax.plot(steps, losses, "k--", marker="o", color="tab:blue", label="loss")',
        'ax.set(xlabel="step", yscale="log", title="training loss")',
        'ax.text(0, 1, "buffer: " + ", ".join(names), bbox=dict(boxstyle="round"), ha="center")',
        'ax.set_yticks([0, 1], ["top", "depth 1"])',
        'ax.set_ylabel("count")',
        'ax.legend(labels=[f"{k}: of the file" for k in kinds], loc="upper center")',
        'ax.text(0, 0, "X")',                           # an identifier: exempted below
        'ax.set_title("resumed")',                      # translated below
        'print("two words")',                           # not in a figure and under three words
    ])
    cell = new_code_cell(code, metadata={"i18n": {"zh": {'"resumed"': '"恢复"'}}, "i18n_exempt": ["X"]})
    assert i18n.untranslated(cell, "zh") == ["loss", "step", "training loss", "buffer: ", "top", "depth 1", "count",
                                             "{k}: of the file"]


def test_a_complete_edition_has_no_problems():
    assert i18n.problems(_tiny_bilingual(), "zh") == []


# --- check messages: _support.t ----------------------------------------------------------------------------------

def test_t_reads_the_language_on_each_call(monkeypatch):
    monkeypatch.setattr(_support, "catalogue", lambda language: {"{what} is wrong.": "{what} 不对。"}
                        if language == "zh" else {})
    monkeypatch.delenv("COURSE_LANGUAGE", raising=False)
    assert _support.t("{what} is wrong.", what="MLP()") == "MLP() is wrong."
    monkeypatch.setenv("COURSE_LANGUAGE", "zh")
    assert _support.t("{what} is wrong.", what="MLP()") == "MLP() 不对。"
    assert _support.t("Not in the catalogue: {n}.", n=3) == "Not in the catalogue: 3."
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    assert _support.t("{what} is wrong.", what="MLP()") == "MLP() is wrong."


def test_t_without_a_catalogue_for_the_language_is_english(monkeypatch):
    monkeypatch.setenv("COURSE_LANGUAGE", "xx")
    assert _support.catalogue("xx") == {}
    assert _support.t("{n} left.", n=2) == "2 left."


# --- a tiny bilingual course: release, grading in the released language -----------------------------------------

HIDDEN_LANGUAGE = 'fail("total(x) must add up all elements; graded in " + os.environ.get("COURSE_LANGUAGE", "unset"))'
ZH = {"# Tiny assignment": "# 小作业", "Write `double(x)` returning twice `x`.": "写出 `double(x)`，返回 `x` 的两倍。",
      "Write `total(x)` returning the sum of all elements.": "写出 `total(x)`，返回所有元素之和。"}
MAPS = {"test_double": {"double(ones) should be twos": "double(ones) 应全为 2",
                        "double(x) must return 2 * x for every element (hidden check)": "double(x) 应对每个元素返回 2 * x（隐藏检查）"},
        "test_total": {"total(ones(3)) should be 3": "total(ones(3)) 应为 3",
                       "total(x) must add up all elements; graded in ": "total(x) 应把所有元素加起来；评分语言 "}}


def _tiny_bilingual():
    """The grading tests' tiny assignment with a Chinese twin after each markdown cell and the maps of its test
    cells; the hidden check of `total` says which language its kernel was given."""
    nb = grading_course.source_notebook()
    cells = []
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "test_total":
            cell.source = cell.source.replace('fail("total(x) must add up all elements (hidden check)")',
                                              HIDDEN_LANGUAGE).replace("### BEGIN HIDDEN TESTS\n",
                                                                       "### BEGIN HIDDEN TESTS\nimport os\n")
        if grade_id in MAPS:
            cell.metadata["i18n"] = {"zh": MAPS[grade_id]}
        cells.append(cell)
        if cell.cell_type == "markdown":
            cells.append(_twin(ZH[cell.source]))
    nb.cells = cells
    return nb


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """{language: course folder} of the tiny bilingual assignment released in each language."""
    roots = {}
    for language in i18n.LANGUAGES:
        root = tmp_path_factory.mktemp(f"tiny-{language}")
        path = root / "source" / grading_course.ASSIGNMENT / grading_course.NOTEBOOK
        path.parent.mkdir(parents=True)
        nbformat.write(_tiny_bilingual(), path)
        assert main(["--root", str(root), "release", "--language", language]) == 0
        roots[language] = root
    return roots


def _released(root):
    return nbformat.read(course.notebook_path("release", grading_course.ASSIGNMENT, root), as_version=4)


def test_release_holds_one_language_and_no_translation_machinery(tiny):
    en, zh = _released(tiny["en"]), _released(tiny["zh"])
    assert _grade_cells(en) == _grade_cells(zh), "the editions differ in cells, grade ids or points"
    for nb in (en, zh):
        text = nbformat.writes(nb)
        assert '"language": "zh"' not in text and '"i18n' not in text
    assert [c.source for c in zh.cells if c.cell_type == "markdown"] == list(ZH.values())
    assert [c.source for c in en.cells if c.cell_type == "markdown"] == list(ZH)
    assert "double(ones) 应全为 2" in zh.cells[4].source and "double(ones) should be twos" in en.cells[4].source
    assert i18n.release_language(tiny["zh"]) == "zh" and i18n.release_language(tiny["en"]) == "en"


def test_plain_nbgrader_releases_the_english_edition(tiny, tmp_path):
    """nbgrader_config.py puts PickEdition first: `nbgrader generate_assignment` never releases the twins."""
    root = tmp_path / "course"
    (root / "source").mkdir(parents=True)
    shutil.copytree(tiny["en"] / "source", root / "source", dirs_exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", grading_course.ASSIGNMENT,
                           "--CourseDirectory.root=" + str(root), "--config", str(course.ROOT / "nbgrader_config.py")],
                          capture_output=True, text=True, cwd=course.ROOT)
    assert done.returncode == 0, done.stderr
    released = _released(root)
    assert [c.source for c in released.cells if c.cell_type == "markdown"] == list(ZH), "twins were released"
    assert released == _released(tiny["en"])


def test_release_refuses_an_incomplete_edition_and_says_what_is_missing(tmp_path, capsys):
    path = tmp_path / "source" / grading_course.ASSIGNMENT / grading_course.NOTEBOOK
    path.parent.mkdir(parents=True)
    nbformat.write(grading_course.source_notebook(), path)
    assert main(["--root", str(tmp_path), "release", "--language", "zh"]) == 2
    error = capsys.readouterr().err
    assert "the zh edition is not complete" in error
    assert "01_tiny: cell 0 «# Tiny assignment»: markdown without its zh twin" in error
    assert "01_tiny: cell 4 (test_double): untranslated string 'double(ones) should be twos'" in error
    assert not (tmp_path / "release").exists(), "nothing may be released from an incomplete edition"


def test_the_kernel_gets_the_submissions_language_not_the_machines(monkeypatch):
    """execute.run (sandbox and fork server) sets COURSE_LANGUAGE from the notebook's course_language."""
    from autograder.grading import execute
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    for language in ("zh", "en", None):
        nb = new_notebook(cells=[new_code_cell("import os; print(os.environ.get('COURSE_LANGUAGE'))")],
                          metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
        if language:
            nb.metadata[i18n.MARK] = language
        monkeypatch.setenv("COURSE_LANGUAGE", "zh" if language != "zh" else "en")  # the grader's own: ignored
        result = execute.run({"key": f"lang-{language}", "notebook": nbformat.writes(nb), "files": {},
                              "limits": {"cell_timeout": 120}})
        cell = nbformat.reads(result["notebook"], as_version=4).cells[0]
        assert cell.outputs[0].text.strip() == (language or "en")


def test_a_submission_is_graded_and_fed_back_in_its_language(tiny):
    root = tiny["zh"]
    grading_course.submit(root, "wrong", grading_course.WRONG_TOTAL)
    assert grading.autograde(root, jobs=1) == []
    page = (root / "feedback" / "wrong" / grading_course.ASSIGNMENT / "tiny.html").read_text()
    assert "total(x) 应把所有元素加起来；评分语言 zh" in page
    assert "tiny（得分：2.0 / 3.0）" in page and "评分单元格" in page, "the page's own words must be Chinese"
    assert "Score" not in page and "Grade cell" not in page
    assert feedback.generate(root, "wrong", grading_course.ASSIGNMENT)["success"]  # nbgrader's own, the fallback
    assert (root / "feedback" / "wrong" / grading_course.ASSIGNMENT / "tiny.html").read_text() == page


# --- lessons in the handout --------------------------------------------------------------------------------------

def test_a_lesson_whose_printed_text_is_translated_is_run_again(tmp_path):
    nb = new_notebook(cells=[new_markdown_cell("A lesson."), _twin("一课。"),
                             new_code_cell('print("the answer is", 6 * 7)',
                                           metadata={"i18n": {"zh": {"the answer is": "答案是"}}})],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="the answer is 42\n")]
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nb, path)
    zh = nbformat.reads(handout.lesson(path, "zh").decode(), as_version=4)
    assert zh.cells[0].source == "一课。" and zh.cells[1].outputs[0].text == "答案是 42\n"
    assert handout.lesson(path, "en") == nbformat.writes(i18n.pick(nb, "en")).encode() + b"\n"
    nb.cells = nb.cells[2:]
    nb.cells[0].metadata = {}
    nbformat.write(nb, path)
    assert handout.lesson(path, "en") == path.read_bytes(), "a lesson without translations is handed out as it is"


def test_the_handout_refuses_to_mix_languages(tiny, tmp_path):
    with pytest.raises(ValueError, match="release/ is in zh, not en"):
        handout.build(tmp_path / "out", tiny["zh"], "en")


def test_the_chinese_student_readme_has_the_english_ones_fields_and_commands():
    fields = re.compile(r"\$\w+")
    english, chinese = ((handout.TEMPLATES / name).read_text() for name in ("README.md", "README.zh.md"))
    assert fields.findall(english) == fields.findall(chinese)
    commands = re.compile(r"`([^`\n]*(?:pip|nbgrader|jupyter|activate)[^`\n]*)`")
    assert set(commands.findall(english)) == set(commands.findall(chinese))
    readme = handout.readme(language="zh")
    assert handout.SETUP.split(" && ")[0] in readme and CJK.search(readme)


# --- the real course's Chinese edition ---------------------------------------------------------------------------
# These fail until every lesson, assignment and check message has its translation: they list what is missing.

@pytest.mark.parametrize("path", LESSONS + SOURCES, ids=lambda path: str(path.relative_to(course.ROOT)))
def test_every_student_facing_text_has_its_chinese_translation(path):
    found = i18n.problems(nbformat.read(path, as_version=4), "zh")
    if found:
        pytest.fail(f"{len(found)} problems:\n" + "\n".join(found), pytrace=False)


def test_the_chinese_test_cells_print_the_line_the_chinese_readme_quotes():
    """The line a passing test cell prints (its translation in each cell's map) is the one README.zh.md quotes."""
    quoted = re.search(r"会打印 `([^`]+)`", (handout.TEMPLATES / "README.zh.md").read_text())[1]
    for assignment in course.assignments():
        nb = _edition(assignment, "zh")
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                assert cell.source.rstrip().splitlines()[-1] == f'print("{quoted}")', (
                    f"{assignment}/{cell.metadata['nbgrader']['grade_id']} should end with print(\"{quoted}\")")


@functools.cache
def _edition(assignment, language):
    return i18n.pick(nbformat.read(course.notebook_path("source", assignment), as_version=4), language)


def _exercise_only(nb, assignment, exercise):
    """``nb`` with only the code cells an exercise's verdict depends on: setup (neither solution nor graded), its
    solution cell and its test cells (the other exercises' cells run the reference, the same in every language)."""
    nb = copy.copy(nb)
    nb.cells = [c for c in nb.cells if c.cell_type == "code" and (
        not c.metadata.get("nbgrader", {}).get("solution") and not c.metadata.get("nbgrader", {}).get("grade")
        or _owner(c.metadata["nbgrader"]["grade_id"], assignment) == exercise)]
    return nb


@pytest.mark.parametrize("answer", answers(), ids=str)
def test_answers_get_the_same_verdicts_in_chinese(answer, monkeypatch):
    """Each right and wrong answer run with its exercise's cells (in this process, notebook_run) in English and in
    Chinese: the same cells fail, and in Chinese each failed assert or check speaks Chinese."""
    verdicts = {}
    for language in i18n.LANGUAGES:
        monkeypatch.setenv("COURSE_LANGUAGE", language)
        nb = _exercise_only(_edition(answer.assignment, language), answer.assignment, answer.exercise)
        verdicts[language] = run(submissions.fill(nb, {answer.exercise: answer.code}))
    assert {c: type(e) for c, e in verdicts["zh"].errors.items()} == {
        c: type(e) for c, e in verdicts["en"].errors.items()}, "the Chinese edition grades this answer differently"
    assert verdicts["zh"].stderr.keys() == verdicts["en"].stderr.keys()
    assert bool(verdicts["en"].errors) != answer.correct
    english = [str(e) for c, e in verdicts["zh"].errors.items() if course_message(c, e) and not CJK.search(str(e))]
    assert not english, f"messages not in Chinese: {english}"


def test_the_chinese_release_matches_the_english_one(course_copy, tmp_path):
    """release --language zh of the real course: the English release's cells, grade ids and points, Chinese text,
    no twin or map."""
    root = tmp_path / "course"
    shutil.copytree(course.ROOT / "source", root / "source")
    grading.release(root, language="zh")
    for assignment in course.assignments():
        english = nbformat.read(course.notebook_path("release", assignment, course_copy), as_version=4)
        chinese = nbformat.read(course.notebook_path("release", assignment, root), as_version=4)
        assert _grade_cells(chinese) == _grade_cells(english), assignment
        text = nbformat.writes(chinese)
        assert '"language": "zh"' not in text and '"i18n' not in text
        assert all(CJK.search(c.source) for c in chinese.cells if c.cell_type == "markdown" and c.source.strip())


def test_nbval_passes_on_every_chinese_notebook(tmp_path):
    """Each lesson's and assignment source's Chinese edition, built as the handout builds a lesson (executed again
    when its printed text changed), then run by nbval."""
    for path in LESSONS + SOURCES:
        (tmp_path / path.name).write_bytes(handout.lesson(path, "zh"))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
                           *sorted(p.name for p in tmp_path.glob("*.ipynb"))],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-4000:]


def test_demo_in_chinese(tmp_path, capsys):
    """`demo --language zh` in a copy of the course: released in Chinese, the half-done student's feedback speaks
    Chinese, and the Chinese handout builds from that release, holding the student's files only."""
    for name in ("source", "notebooks"):
        shutil.copytree(course.ROOT / name, tmp_path / name)
    shutil.copy(course.ROOT / "requirements.txt", tmp_path)
    assert main(["--root", str(tmp_path), "demo", "--language", "zh", "--jobs", "2"]) == 0
    passed = re.search(r"会打印 `([^`]+)`", (handout.TEMPLATES / "README.zh.md").read_text())[1]
    for assignment in course.assignments():
        graded = nbformat.read(course.notebook_path("autograded", assignment, tmp_path, "demo-partial"), as_version=4)
        outputs = [o for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade") for o in c.outputs]
        printed = [o.text for o in outputs if o.output_type == "stream"]
        failed = [o for o in outputs if o.output_type == "error"]
        assert any(passed in text for text in printed) and failed, f"{assignment}: not half done"
        english = [o.evalue for o in failed if o.ename in ("CheckFailed", "AssertionError") and not CJK.search(o.evalue)]
        assert not english, f"{assignment}: messages not in Chinese: {english}"
        page = course.notebook_path("feedback", assignment, tmp_path, "demo-partial").with_suffix(".html").read_text()
        for text in [passed] + [html.escape(o.evalue, quote=False) for o in failed]:
            assert text in page, f"{assignment}: the feedback lacks {text!r}"
        title = next(c.source for c in graded.cells if c.cell_type == "markdown").splitlines()[0]
        assert CJK.search(title) and html.escape(title.lstrip("# "), quote=False) in page
    assert main(["--root", str(tmp_path), "handout", "--language", "zh"]) == 0
    built = tmp_path / "handout"
    assert (built / "README.md").read_text().startswith("# 深度学习计算")
    files = sorted(p for p in built.rglob("*") if p.is_file())
    assert {p.relative_to(built).as_posix() for p in files} == ALLOWED
    found = list(leaks.leaks(files, leaks.secret_lines()))
    assert not found, f"the Chinese handout gives away solutions, hidden tests, checks or answers: {found[:5]}"

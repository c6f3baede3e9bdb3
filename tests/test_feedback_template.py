"""The feedback page in the submission's language (autograder/feedback_template.py): the Chinese copy of nbgrader's
feedback template is that template word for word but the words, and nbgrader renders a Chinese notebook with it."""
import os

import pytest
from nbconvert.exporters import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config

from autograder import feedback_template, i18n

CHINESE = ["tiny（得分：2.0 / 3.0）", "测试单元格", "学生的答案", "评分单元格：<code>test_total</code>", "得分：2.0 / 3.0",
           "（回到顶部）", "<b>评语：</b>", "评语</a>", '<html lang="zh-CN">']
ENGLISH = ["Score", "Test cell", "Student's answer", "Grade cell", "Comments", "(Top)"]


def _tiny(language):
    nb = new_notebook(cells=[
        new_markdown_cell("# 求和"),
        new_code_cell("def total(x):\n    return x.sum()", metadata={"nbgrader": {
            "grade": False, "solution": True, "locked": False, "task": False, "grade_id": "answer",
            "schema_version": 3, "comment": "第二个测试没有通过。"}}),
        new_code_cell("assert total(x) == 6, '应为 6'", outputs=[new_output(
            "error", ename="AssertionError", evalue="应为 6", traceback=["AssertionError: 应为 6"])],
            metadata={"nbgrader": {"grade": True, "solution": False, "locked": True, "task": False,
                                   "grade_id": "test_total", "points": 3.0, "score": 2.0, "schema_version": 3}}),
    ])
    if language != i18n.DEFAULT:
        nb.metadata[i18n.MARK] = language
    return nb


def _render(nb, base=Config()):
    """``nb``'s feedback page as worker_feedback renders it: nbgrader's GenerateFeedback configuration, an
    HTMLExporter under it, with the configuration feedback_template.config gives for ``nb``."""
    config = feedback_template.config(base, nb)
    converter = GenerateFeedback(coursedir=CourseDirectory(config=config), config=config)
    exporter = HTMLExporter(parent=converter, config=converter.config)
    resources = {"nbgrader": {"notebook": "tiny", "score": 2.0, "max_score": 3.0, "late_penalty": 0}}
    return exporter.from_notebook_node(nb, resources=resources)[0]


def test_the_chinese_copy_is_nbgraders_template_with_its_words_in_chinese():
    nbgrader_dir = os.path.join(feedback_template.NBGRADER_TEMPLATES, "feedback")
    ours = os.path.join(feedback_template.TEMPLATES, "zh", "feedback")
    with open(os.path.join(nbgrader_dir, "index.html.j2")) as f:
        expected = f.read()
    for english, chinese in feedback_template.WORDS["zh"]:
        assert english in expected, f"nbgrader's template no longer has {english!r}: update WORDS and the copy"
        expected = expected.replace(english, chinese)
    with open(os.path.join(ours, "index.html.j2")) as f:
        copy = f.read()
    assert copy.startswith("{#-") and copy.split("-#}\n", 1)[1] == expected, "the copy differs from nbgrader's"
    with open(os.path.join(nbgrader_dir, "conf.json")) as a, open(os.path.join(ours, "conf.json")) as b:
        assert a.read() == b.read()


def test_a_chinese_notebooks_feedback_is_in_chinese():
    page = _render(_tiny("zh"))
    missing = [word for word in CHINESE if word not in page]
    assert not missing, f"not on the page: {missing}"
    english = [word for word in ENGLISH if word in page]
    assert not english, f"English on the Chinese page: {english}"
    assert "第二个测试没有通过。" in page and "bootstrap" in page.lower(), "the comment and nbgrader's styles are there"


def test_an_english_notebook_keeps_nbgraders_template_and_configuration():
    nb = _tiny("en")
    base = Config({"CourseDirectory": {"root": "/somewhere"}})
    assert feedback_template.config(base, nb) is base
    page = _render(nb)
    assert "tiny (Score: 2.0 / 3.0)" in page and "Grade cell: <code>test_total</code>" in page
    assert "<b>Comments:</b>" in page and "得分" not in page


def test_config_leaves_the_given_configuration_alone():
    base = Config({"CourseDirectory": {"root": "/somewhere"}, "HTMLExporter": {"exclude_input_prompt": True}})
    merged = feedback_template.config(base, _tiny("zh"))
    assert merged.HTMLExporter.exclude_input_prompt
    assert merged.HTMLExporter.extra_template_basedirs[0] == os.path.join(feedback_template.TEMPLATES, "zh")
    assert merged.CourseDirectory.root == "/somewhere"
    assert "template_name" not in base.HTMLExporter, "the instructor's configuration was changed"


@pytest.mark.parametrize("language, words", [("zh", "（得分：2.0 / 3.0）"), ("en", " (Score: 2.0 / 3.0)")])
def test_api_renders_in_the_release_language(language, words, monkeypatch, tmp_path):
    """The fallback (feedback.generate) renders a course folder at a time, in the language of its release/, with
    the exporter NbGraderAPI.generate_feedback makes (it always asks for the template `feedback`)."""
    monkeypatch.setattr(i18n, "release_language", lambda root: language)
    api = feedback_template.api(tmp_path)
    app = GenerateFeedback(coursedir=api.coursedir, parent=api)
    app.update_config(Config({"HTMLExporter": {"template_name": "feedback"}}))
    exporter = HTMLExporter(parent=app, config=app.config)
    resources = {"nbgrader": {"notebook": "tiny", "score": 2.0, "max_score": 3.0, "late_penalty": 0}}
    assert words in exporter.from_notebook_node(_tiny(language), resources=resources)[0]

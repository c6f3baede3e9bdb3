"""The feedback page in the submission's language: nbgrader's feedback template, and a Chinese copy of it.

nbgrader renders feedback with nbconvert's HTMLExporter and its template `feedback` (nbgrader's
server_extensions/formgrader/templates/feedback), whose words ("Score", "Grade cell", "Comments") are English.
`templates/zh/feedback/index.html.j2` is that template with its words in Chinese and nothing else changed
(`WORDS` lists each replacement; tests/test_feedback_template.py checks the copy against the installed nbgrader).
It keeps nbgrader's name, `feedback`, because nbgrader's API always asks for that name: a language's folder goes
first among the exporter's template folders (`config` for one notebook, by its `course_language`; `api` for a
course folder, by its release), so the name finds that language's copy; English keeps nbgrader's configuration.
"""
import copy
import os

import nbgrader
from traitlets.config import Config

from . import course, i18n

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
NBGRADER_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(nbgrader.__file__)), "server_extensions",
                                  "formgrader", "templates")  # where nbgrader's GenerateFeedback finds `feedback`
TEMPLATE = "feedback"  # nbgrader's template, and the name of each language's copy

# (nbgrader's text, the Chinese copy's text), in the order they are replaced
WORDS = {"zh": [
    ("<html>", '<html lang="zh-CN">'),
    (" (Score: -{{ resources.nbgrader.late_penalty | float | round(2) }})",
     "（得分：-{{ resources.nbgrader.late_penalty | float | round(2) }}）"),
    (" (Score: {{", "（得分：{{"),
    ("round(2) }})</", "round(2) }}）</"),
    (">Test cell</a>", ">测试单元格</a>"),
    (">Coding free-response</a>", ">编程作答</a>"),
    (">Written response</a>", ">书面作答</a>"),
    (">Task</a>", ">任务</a>"),
    (">Comment</a>", ">评语</a>"),
    ("Late submission penalty", "迟交扣分"),
    ("Score: {{ cell", "得分：{{ cell"),
    ('<a href="#top">(Top)</a>', '<a href="#top">（回到顶部）</a>'),
    ("Student's answer", "学生的答案"),
    ("Student's task", "学生的任务"),
    ("Grade cell: <code>", "评分单元格：<code>"),
    ("Task: <code>", "任务：<code>"),
    ("<b>Comments:</b>", "<b>评语：</b>"),
]}


def _settings(language):
    return Config({"HTMLExporter": {"template_name": TEMPLATE, "extra_template_basedirs": [
        os.path.join(TEMPLATES, language), NBGRADER_TEMPLATES]}})


def config(base, nb):
    """nbgrader configuration ``base`` (a traitlets Config, as GenerateFeedback is given) set to render ``nb``'s
    feedback in its language; ``base`` itself for the default language. Never changes ``base``."""
    language = i18n.language_of(nb)
    if language == i18n.DEFAULT:
        return base
    merged = copy.deepcopy(Config(base))
    merged.merge(_settings(language))
    return merged


def api(root=course.ROOT):
    """course.api(root) whose generate_feedback renders in the language of root's release/ (one language per
    release, autograder/i18n.py)."""
    nbgrader_api = course.api(root)
    language = i18n.release_language(root)
    if language != i18n.DEFAULT:
        nbgrader_api.update_config(_settings(language))
    return nbgrader_api

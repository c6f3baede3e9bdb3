"""Hidden-check messages in every language: each student-facing message of autograder/checks is a
``t("<English template>", field=value)`` call, and the Chinese catalogue (messages_zh.MESSAGES) holds exactly
the templates the code uses, with the same format fields."""
import ast
import re
import string
from pathlib import Path

import pytest

from autograder.checks import _support, messages_zh
from answers_catalogue import answers
from notebook_run import run_hidden
from autograder import submissions
from test_answers import _tests_of, source

CHECKS = Path(_support.__file__).parent
MODULES = sorted(p for p in CHECKS.glob("*.py") if p.name != "messages_zh.py")
CJK = re.compile(r"[\u4e00-\u9fff]")  # Chinese characters
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # the same, or Chinese punctuation


def _trees():
    return {path.name: ast.parse(path.read_text(encoding="utf-8")) for path in MODULES}


def _calls(tree, name):
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name]


def _msgids():
    """{msgid: 'module:line' of its first use} for every t("...") in the check modules."""
    found = {}
    for module, tree in _trees().items():
        for node in _calls(tree, "t"):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{module}:{node.lineno}")
    return found


def _fields(template):
    """The (name, conversion, format spec) of each replacement field of a str.format template."""
    return sorted({(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(template)
                   if name is not None})


def test_every_t_call_names_its_template_literally():
    """t()'s first argument is a plain string literal (so the catalogue can be checked), never an f-string or
    a variable; every field the template names is passed, and only those."""
    for module, tree in _trees().items():
        for node in _calls(tree, "t"):
            if module == "_support.py" and not node.args:
                continue
            first = node.args[0] if node.args else None
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{module}:{node.lineno}: t() should get its English template as a string literal")
            assert len(node.args) == 1, f"{module}:{node.lineno}: t() takes the fields as keywords"
            names = {name for name, _, _ in _fields(first.value)}
            assert names == {k.arg for k in node.keywords}, (
                f"{module}:{node.lineno}: the template's fields {sorted(names)} and the keywords passed "
                f"{sorted(k.arg for k in node.keywords)} differ")


def test_catalogue_holds_exactly_the_messages_in_use():
    used = _msgids()
    missing = {msgid: where for msgid, where in used.items() if msgid not in messages_zh.MESSAGES}
    assert not missing, f"messages without a Chinese translation in messages_zh.py: {missing}"
    stale = [msgid for msgid in messages_zh.MESSAGES if msgid not in used]
    assert not stale, f"messages_zh.py translates messages no check uses any more: {stale}"


def test_translations_keep_the_format_fields():
    """Same fields, conversions and format specs (e.g. {ratio:.0f}) as the English; Chinese text in each."""
    wrong = {msgid: chinese for msgid, chinese in messages_zh.MESSAGES.items() if _fields(chinese) != _fields(msgid)}
    assert not wrong, f"translations whose format fields differ from the English template's: {wrong}"
    untranslated = [msgid for msgid, chinese in messages_zh.MESSAGES.items() if not CHINESE.search(chinese)]
    assert not untranslated, f"catalogue entries with no Chinese in them: {untranslated}"


def _returns_only_t(function):
    """True when every return statement of ``function`` returns a t(...) call (or a choice between two)."""
    def is_t(value):
        if isinstance(value, ast.IfExp):
            return is_t(value.body) and is_t(value.orelse)
        return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "t"
    returns = [node for node in ast.walk(function) if isinstance(node, ast.Return)]
    return bool(returns) and all(is_t(node.value) for node in returns)


def _message_problems(module, tree):
    """Where a fail(message) or expect(condition, message) gets a message not made by t()."""
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    problems = []
    for function in functions.values():
        params = {a.arg for a in function.args.args + function.args.kwonlyargs}
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                    and call.func.id in ("fail", "expect")):
                continue
            position = 0 if call.func.id == "fail" else 1
            message = call.args[position] if len(call.args) > position else None
            if isinstance(message, ast.Call) and isinstance(message.func, ast.Name):
                if message.func.id == "t":
                    continue
                helper = functions.get(message.func.id)
                if helper is not None and _returns_only_t(helper):
                    continue
            # a message handed through unchanged: a parameter of the function (as in expect() itself)
            if module == "_support.py" and isinstance(message, ast.Name) and message.id in params:
                continue
            problems.append(f"{module}:{call.lineno}: {ast.unparse(message) if message else '(no message)'}")
    return problems


def test_every_message_goes_through_t():
    problems = [problem for module, tree in _trees().items() for problem in _message_problems(module, tree)]
    assert not problems, "messages built without t() (write them as t('<English template>', field=value)):\n" + (
        "\n".join(problems))


def test_the_message_rule_catches_plain_strings():
    """The rule above flags f-strings, plain strings and concatenations, and accepts t() and helpers of t()."""
    tree = ast.parse(
        "def helper(x):\n    return t('{x} is wrong', x=x)\n"
        "def check(x):\n"
        "    fail(f'{x} is wrong')\n"
        "    expect(x, 'x is wrong')\n"
        "    fail(t('{x} is wrong', x=x) + '.')\n"
        "    fail(t('{x} is wrong', x=x))\n"
        "    expect(x, helper(x))\n")
    assert [p.split(": ", 1)[0] for p in _message_problems("example.py", tree)] == [
        "example.py:4", "example.py:5", "example.py:6"]


def _first_wrong_answers():
    """One wrong answer of each assignment (the first in sorted order)."""
    chosen = {}
    for answer in answers():
        if not answer.correct:
            chosen.setdefault(answer.assignment, answer)
    return list(chosen.values())


@pytest.mark.parametrize("answer", _first_wrong_answers(), ids=str)
def test_wrong_answer_graded_in_chinese_gets_a_chinese_message(answer, monkeypatch):
    """The same verdict in both languages; in zh the hidden check's message is Chinese, with the same fields."""
    tests = _tests_of(answer.assignment, answer.exercise)
    filled = submissions.fill(source(answer.assignment), {answer.exercise: answer.code})
    verdicts = {}
    for language in ("en", "zh"):
        monkeypatch.setenv("COURSE_LANGUAGE", language)
        verdicts[language] = run_hidden(filled, answer.exercise, tests).errors
    assert set(verdicts["zh"]) == set(verdicts["en"]) and verdicts["en"], (
        f"{answer}: the failing cells differ between en ({sorted(verdicts['en'])}) and zh ({sorted(verdicts['zh'])})")
    for cell, error in verdicts["zh"].items():
        english = verdicts["en"][cell]
        assert type(error) is type(english) is _support.CheckFailed, f"{answer}/{cell}: {error!r}"
        assert CJK.search(str(error)), f"{answer}/{cell}: graded in zh, the message is not Chinese: {error}"
        assert not CJK.search(str(english)), f"{answer}/{cell}: graded in en, the message is not English: {english}"
        assert answer.expected in str(english), f"{answer}/{cell}: {english}"

"""Editions of a notebook: one source notebook holds every language, `pick` takes one out.

The format (the course's translation guide): an English markdown cell may be followed by its translation, a markdown
cell with metadata {"language": "zh"}; a code cell with student-facing English text carries
metadata {"i18n": {"zh": {"<English text as in the source>": "<translation>"}}}. `problems` lists what an edition
lacks; `PickEdition` hands nbgrader's generate_assignment the picked notebook.
"""
import copy
import io
import keyword
import re
import tokenize

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from . import course

LANGUAGES = ("en", "zh")
DEFAULT = "en"
MARK = "course_language"  # notebook metadata: the language of a picked edition other than the default
ENV = "COURSE_LANGUAGE"  # the student kernel's environment variable the checks read


class TranslationError(ValueError):
    """A notebook's translations do not fit its text (a stale map key, a twin without its English cell)."""


def language_of(nb):
    """The language of a picked notebook (release, submission): its `course_language` if it is one of LANGUAGES,
    else the default."""
    language = nb.metadata.get(MARK, DEFAULT)
    return language if language in LANGUAGES else DEFAULT


def release_language(root):
    """The language of a course's release/ (of its first released notebook; the default when none is)."""
    for assignment in course.assignments(root):
        path = course.notebook_path("release", assignment, root)
        if path.exists():
            return language_of(nbformat.read(path, as_version=4))
    return DEFAULT


def _check_language(language):
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")


def _label(cell, index):
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    return f"cell {index}" + (f" ({grade_id})" if grade_id else f" «{first[:50]}»" if first else "")


def _translate(source, table):
    """`source` with each key of `table` replaced by its value, longest keys first; a key not found raises."""
    missing = [key for key in table if key not in source]
    if missing:
        raise TranslationError(f"stale translation: {missing[0]!r} is not in the cell")
    if not table:
        return source
    pattern = re.compile("|".join(re.escape(key) for key in sorted(table, key=len, reverse=True)))
    return pattern.sub(lambda match: table[match[0]], source)


def pick(nb, language):
    """The edition of ``nb`` in ``language``: a new notebook with each markdown cell's text in that language
    (the twin's source in the cell it follows, which keeps its metadata), the code cells' student-facing text
    translated by their `i18n` maps, no twin and no translation metadata left, and `course_language` set
    (absent for the default language, so the English edition is the source itself)."""
    _check_language(language)
    nb = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(nb.cells):
        twin = cell.metadata.get("language")
        if twin is None:
            cells.append(cell)
            continue
        if twin != language:
            continue
        before = cells[-1] if cells else None
        if (before is None or cell.cell_type != "markdown" or before.cell_type != "markdown"
                or nb.cells[index - 1] is not before):
            raise TranslationError(f"{_label(cell, index)}: a {twin} twin must follow the English markdown cell "
                                   "it translates")
        before.source = cell.source
    for index, cell in enumerate(cells):
        table = cell.metadata.pop("i18n", {}).get(language, {}) if language != DEFAULT else {}
        cell.metadata.pop("i18n", None)
        cell.metadata.pop("i18n_exempt", None)
        try:
            cell.source = _translate(cell.source, table)
        except TranslationError as error:
            raise TranslationError(f"{_label(cell, index)}: {error}") from None
    nb.cells = cells
    if language == DEFAULT:
        nb.metadata.pop(MARK, None)
    else:
        nb.metadata[MARK] = language
    return nb


# --- what an edition lacks ---------------------------------------------------------------------------------------

_SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION.*?^[ \t]*### END SOLUTION[^\n]*$", re.M | re.S)
_LITERAL = re.compile(r"^([A-Za-z]*)('''|\"\"\"|'|\")(.*)\2$", re.S)
_FIELD = re.compile(r"\{[^{}]*\}")
# an English word: letters (with an inner apostrophe or hyphen), not part of a name, path or call (x.y, f(, a_b)
_WORD = re.compile(r"(?<![\w.{\[])[A-Za-z]+(?:['’-][A-Za-z]+)*(?![\w.(\[{])")
WORDS = 3  # a string literal with this many English words is prose a student reads
# matplotlib calls whose positional string arguments a figure shows (titles, axis labels, tick labels, legend and box
# texts), and keyword arguments of any call that a figure shows: such a string is translated whatever its length
FIGURE_CALLS = frozenset({"title", "set_title", "suptitle", "xlabel", "set_xlabel", "ylabel", "set_ylabel", "text",
                          "figtext", "annotate", "legend", "xticks", "yticks", "set_xticks", "set_yticks",
                          "set_xticklabels", "set_yticklabels", "bar_label"})
FIGURE_KEYWORDS = frozenset({"title", "xlabel", "ylabel", "label", "labels", "tick_labels"})


def english_words(text):
    return _WORD.findall(_FIELD.sub(" ", text))


def _literals(source):
    """(text inside the quotes, is an assert message or text a figure shows) of each string literal of a code cell a
    student can see: solution blocks (gone from the release) and docstrings (code documentation, like comments) left
    out. Figure text is a string given to a FIGURE_CALLS call as a positional argument or to any call as one of the
    FIGURE_KEYWORDS (inside lists and expressions there too, not inside a nested call such as ``dict(...)``)."""
    code = _SOLUTION.sub(lambda match: "\n" * match[0].count("\n"), source)
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()) + "\n"
    found, statement, depth, message = [], [], 0, False
    brackets = []  # per open bracket: [name of the call it opens or None, keyword argument being read or None]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError) as error:
        raise TranslationError(f"the cell does not tokenize: {error}") from None
    before = None
    for token in tokens:
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            statement, depth, message, brackets, before = [], 0, False, [], None
            continue
        if token.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            continue
        if token.type == tokenize.OP:
            depth += token.string in "([{"
            depth -= token.string in ")]}"
            if token.string == "," and depth == 0 and statement[:1] == ["assert"]:
                message = True
            if token.string == "(":
                call = before.string if before is not None and before.type == tokenize.NAME else None
                brackets.append([call if call is None or not keyword.iskeyword(call) else None, None])
            elif token.string in "[{":
                brackets.append([None, None])
            elif token.string in ")]}" and brackets:
                brackets.pop()
            elif token.string == "=" and brackets and brackets[-1][0] and before.type == tokenize.NAME:
                brackets[-1][1] = before.string
            elif token.string == "," and brackets:
                brackets[-1][1] = None
        if token.type == tokenize.STRING:
            match = _LITERAL.match(token.string)
            bare = all(part == "STRING" for part in statement)
            if match and "b" not in match[1].lower():
                found.append((match[3], message or _in_figure(brackets), bare))
        statement.append(token.string if token.type != tokenize.STRING else "STRING")
        before = token
    # a statement of string literals alone (a docstring) is documentation, not text the program shows
    return [(text, shown) for text, shown, bare in found if not bare]


def _in_figure(brackets):
    """Whether a string read inside ``brackets`` (see _literals) is text a figure shows."""
    for call, argument in reversed(brackets):
        if call is not None:  # the innermost call decides; plain brackets (lists, tuples) are looked through
            return argument in FIGURE_KEYWORDS if argument else call in FIGURE_CALLS
    return False


def untranslated(cell, language):
    """The student-facing string literals of a code cell its `i18n` map for ``language`` does not translate:
    those with at least WORDS English words, and every assert message and figure text with an English word;
    `i18n_exempt` lists code-like ones (code, API names, identifiers)."""
    table = cell.metadata.get("i18n", {}).get(language, {})
    exempt = set(cell.metadata.get("i18n_exempt", []))
    missing = []
    for text, shown in _literals(cell.source):
        if text in exempt or any(text in key for key in table):
            continue
        rest = text
        for key in sorted(table, key=len, reverse=True):
            rest = rest.replace(key, " ")
        if len(english_words(rest)) >= WORDS or (shown and rest == text and english_words(rest)):
            missing.append(text)
    return missing


def problems(nb, language):
    """What the edition of ``nb`` in ``language`` lacks or gets wrong, one sentence each (empty: complete)."""
    _check_language(language)
    found = []
    for index, cell in enumerate(nb.cells):
        twin = cell.metadata.get("language")
        label = _label(cell, index)
        if twin is not None:
            before = nb.cells[index - 1] if index else None
            if twin not in LANGUAGES or twin == DEFAULT:
                found.append(f"{label}: unknown twin language {twin!r}")
            if cell.cell_type != "markdown" or before is None or before.cell_type != "markdown" or (
                    before.metadata.get("language") not in (None, *[t for t in LANGUAGES if t != twin])):
                found.append(f"{label}: a {twin} twin must be a markdown cell right after the English one (or its "
                             "other twins)")
            if "nbgrader" in cell.metadata or cell.metadata.get("tags"):
                found.append(f"{label}: a twin carries no nbgrader metadata and no tags")
            continue
        if cell.cell_type == "markdown" and language != DEFAULT:
            following = []
            for after in nb.cells[index + 1:]:
                if after.metadata.get("language") is None:
                    break
                following.append(after.metadata["language"])
            if language not in following and cell.source.strip():
                found.append(f"{label}: markdown without its {language} twin")
        if cell.cell_type == "code":
            for key in cell.metadata.get("i18n", {}).get(language, {}):
                if key not in cell.source:
                    found.append(f"{label}: stale translation, {key!r} is not in the cell")
            if language != DEFAULT:
                try:
                    texts = untranslated(cell, language)
                except TranslationError as error:
                    found.append(f"{label}: {error}")
                    continue
                found += [f"{label}: untranslated string {text!r}" for text in texts]
    return found


class PickEdition(NbGraderPreprocessor):
    """First step of `generate_assignment`: the source notebook's edition in `language`."""

    language = Unicode(DEFAULT, help="the edition to release").tag(config=True)

    def preprocess(self, nb, resources):
        return pick(nb, self.language), resources

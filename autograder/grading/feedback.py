"""Feedback for students: nbgrader's generate_feedback, with no hidden-test text anywhere in it.

`HideHiddenTests` runs after nbgrader's own feedback preprocessors and needs nothing but nbgrader's resources, so
`nbgrader generate_feedback` can also load it from the configuration. It
- shows each graded test cell as the student was given it (nbgrader's ClearHiddenTests takes the hidden region
  out) and, for a failure, only the error's name and message (the check's one sentence), not a traceback;
- cleans every output of every cell (streams, results and display data in every format, errors) of each line of
  the assignment's hidden tests, taken from the notebook's and the gradebook's cells. A line is found written out
  plainly, escaped as in a repr or JSON (`print(In)`), HTML-escaped or split by tags (`text/html`), split by ANSI
  colour codes or by the string chunks of a pretty-printed list; an output that holds one becomes its plain text
  with each such line replaced by a marker.
"""
import copy
import html
import re

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor

from .. import feedback_template

MARKER = "[hidden test line removed]"
MIN_CHARS = 6  # a hidden line shorter than this (`pass`, `)`, `else:`) tells nothing and is left alone
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_TAG = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_SEPARATOR = r"[\s'\"]+"  # between a line's words: any spacing, or the quotes where pprint cut a string in chunks


def _unescape(text):
    """Python/JSON backslash escapes resolved (`\\n`, `\\'`, `\\u00e9`), as a repr of a cell's source shows them."""
    def one(match):
        code = match.group(1)
        if len(code) > 1:
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "r": "\r"}.get(code, code)
    return _ESCAPE.sub(one, text)


def hidden_lines(sources, begin="BEGIN HIDDEN TESTS", end="END HIDDEN TESTS"):
    """The lines of every hidden-test region (delimiters included) in `sources`, stripped, short ones left out."""
    lines, inside = set(), False
    for source in sources:
        inside = False
        for line in source.splitlines():
            inside = inside or begin in line
            if inside:
                text = line.strip()
                if len(text) >= MIN_CHARS and any(c.isalnum() for c in text):
                    lines.add(text)
            inside = inside and end not in line
    return lines


class Redactor:
    """Finds and removes hidden-test lines in output text."""

    def __init__(self, lines):
        self.patterns = []
        for line in sorted(lines, key=len, reverse=True):  # a longer line first, so it goes whole
            words = line.split()
            self.patterns.append((max(words, key=len), re.compile(_SEPARATOR.join(map(re.escape, words)))))

    def _views(self, text, markup):
        """The ways `text` can be read: as is, without ANSI codes, HTML as text, each with escapes resolved."""
        base = _ANSI.sub("", text)
        views = [text, base] + ([html.unescape(_TAG.sub("", base)), html.unescape(base)] if markup else [])
        return views + [_unescape(v) for v in views] + [_unescape(_unescape(v)) for v in views]

    def _hit(self, text):
        return any(anchor in text and pattern.search(text) for anchor, pattern in self.patterns)

    def _remove(self, text):
        for anchor, pattern in self.patterns:
            if anchor in text:
                text = pattern.sub(MARKER, text)
        return text

    def clean(self, text, markup=False):
        """`text` unchanged when no view of it holds a hidden line; else the plain text of the view that does,
        with every hidden line replaced by MARKER (escaped into `<pre>` when `markup`, i.e. HTML)."""
        changed = False
        for _ in range(8):
            view = next((v for v in self._views(text, markup) if self._hit(v)), None)
            if view is None:
                break
            text, changed = self._remove(view), True
        else:
            text = MARKER
        if changed and markup:
            return f"<pre>{html.escape(text)}</pre>"
        return text

    def clean_data(self, value, markup=False):
        """A mime bundle's value: text, or JSON (cleaned string by string)."""
        if isinstance(value, str):
            return self.clean(value, markup)
        if isinstance(value, list):
            return [self.clean_data(v) for v in value]
        if isinstance(value, dict):
            return {self.clean_data(k): self.clean_data(v) for k, v in value.items()}
        return value

    def clean_outputs(self, outputs):
        """The outputs of a cell, cleaned (adjacent streams of one name joined first, as nbclient can)."""
        joined = []
        for output in outputs:
            last = joined[-1] if joined else None
            if (output.output_type == "stream" and last is not None and last.output_type == "stream"
                    and last.name == output.name):
                last.text += output.text
            else:
                joined.append(copy.deepcopy(output))
        for output in joined:
            if output.output_type == "stream":
                output.text = self.clean(output.text)
            elif output.output_type == "error":
                output.ename, output.evalue = self.clean(output.ename), self.clean(output.evalue)
                traceback = "\n".join(output.traceback)
                cleaned = self.clean(traceback)
                output.traceback = output.traceback if cleaned == traceback else cleaned.split("\n")
            elif "data" in output:
                output.data = {mime: self.clean_data(value, markup=any(k in mime for k in ("html", "svg", "xml")))
                               for mime, value in output.data.items()}
        return joined


class HideHiddenTests(NbGraderPreprocessor):
    """Test cells as released, tracebacks reduced to their message, and no hidden-test line in any output."""

    def preprocess(self, nb, resources):
        cleaner = ClearHiddenTests(parent=self)
        sources = [cell.source for cell in nb.cells] + self._gradebook_sources(resources.get("nbgrader", {}))
        redactor = Redactor(hidden_lines(sources, cleaner.begin_test_delimeter, cleaner.end_test_delimeter))
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                try:
                    cleaner._remove_hidden_test_region(cell)
                except RuntimeError:  # unbalanced delimiters: show nothing rather than guess
                    cell.source = "# (test code not shown)"
                for output in cell.get("outputs", []):
                    if output.output_type == "error":
                        output.traceback = [f"{output.ename}: {output.evalue}"]
            if cell.cell_type == "code":
                cell.outputs = redactor.clean_outputs(cell.get("outputs", []))
        return nb, resources

    @staticmethod
    def _gradebook_sources(info):
        """The sources the gradebook holds for this notebook's cells (with their hidden tests), if it is known."""
        if not info.get("db_url"):
            return []
        with Gradebook(info["db_url"]) as gb:
            try:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
            except MissingEntry:
                return []
            return [cell.source for cell in notebook.source_cells]


def generate(root, student, assignment):
    """nbgrader's generate_feedback: the course's nbgrader_config.py, which course.api reads, adds HideHiddenTests;
    the page is in the release's language (feedback_template)."""
    return feedback_template.api(root).generate_feedback(assignment, student, force=True)

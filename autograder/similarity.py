"""Near-identical solutions: students whose solution cell for one exercise is the same code once names, comments,
docstrings and formatting are taken out and the starter code is subtracted.

Each solution is parsed (`ast`), every name the student chose (variables, arguments, functions, classes, attributes
set on `self`) is renamed in order of first use, docstrings are dropped, and the code is printed again
(`ast.unparse`), which removes comments and formatting. Lines that are also in the starter code are taken out.
What is left is compared as a sequence of tokens with RapidFuzz's normalised Indel similarity.

What is not flagged, so that honest students are not:
- short solutions: fewer than MIN_TOKENS tokens beyond the starter code (about six lines: `self.net1 = net1` is
  six tokens). Below that the exercise's text dictates most of the code (the names, the API, often the very
  expression, as in `sum(p.numel() for p in net.parameters())`), so two students writing the same code says
  nothing;
- the common way: code as close to public code (the reference solution, the lesson's code cells) as to the other
  student, or a form shared by more than COMMON of the class, is the way the course teaches, not a copy.
Bucketing: identical normalised forms are grouped first (one hash each); only the distinct forms are compared,
within one exercise, by RapidFuzz's C++ `cdist` with a score cutoff that skips pairs whose lengths alone rule them out.
"""
import ast
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path

from rapidfuzz import distance, process

from . import course, submissions
from .grading import flags

MIN_TOKENS = 60      # tokens beyond the starter code a solution needs before it can be flagged
THRESHOLD = 0.9      # normalised token similarity from which two solutions count as near-identical
MARGIN = 0.05        # the pair must be that much closer to each other than to the reference solution
COMMON = 0.1         # a form shared by more than this share of the class (and by more than 3) is the common way


class _Rename(ast.NodeTransformer):
    """Rename the names a student chooses, in order of first use; drop docstrings."""

    def __init__(self):
        self.names = {}

    def _new(self, name):
        return self.names.setdefault(name, f"v{len(self.names)}")

    def visit_Name(self, node):
        node.id = self._new(node.id)
        return node

    def visit_arg(self, node):
        node.arg = self._new(node.arg)
        node.annotation = None
        return node

    def visit_Attribute(self, node):
        self.generic_visit(node)
        if isinstance(node.value, ast.Name) and node.attr in self.own:
            node.attr = self._new("self." + node.attr)
        return node

    def _body(self, node):
        if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant) \
                and isinstance(node.body[0].value.value, str):
            node.body = node.body[1:] or [ast.Pass()]
        node.name = self._new(node.name)
        self.generic_visit(node)
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _body

    def __call__(self, tree):
        # attributes the code itself assigns on an object (self.hidden = ...) are names the student chose
        self.own = {t.attr for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign))
                    for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                    if isinstance(t, ast.Attribute)}
        return self.visit(tree)


_TOKEN = re.compile(r"\d[\w.]*|\w+|\*\*=?|//=?|[-+*/%&|^<>!=:@]=|->|\S")


def _lines(code):
    """The code printed again from its syntax tree with names renamed and docstrings dropped, or None."""
    try:
        return ast.unparse(_Rename()(ast.parse(code))).splitlines()
    except (SyntaxError, ValueError, RecursionError):
        return None


def normalise(code, starter=""):
    """The tokens of `code` with names, comments, docstrings and formatting normalised and the starter's lines
    taken out, or None when the code does not parse."""
    return _tokens(code, set(_lines(starter) or ()))


def _tokens(code, known):
    lines = _lines(code)
    if lines is None:
        return None
    return _TOKEN.findall("\n".join(line for line in lines if line not in known))


def _text(tokens, vocabulary):
    """A token list as a string, one character per distinct token, so that RapidFuzz compares tokens."""
    return "".join(chr(0x100 + vocabulary.setdefault(t, len(vocabulary))) for t in tokens)


def groups(solutions, starter="", public=()):
    """Groups of near-identical solutions of one exercise.

    `solutions`: {student: code}; `public`: code every student has seen (the reference solution, the lesson's code
    cells). Returns [(students sorted, lowest similarity inside the group)], largest first.
    """
    vocabulary, forms, known = {}, defaultdict(list), set(_lines(starter) or ())
    for student, code in solutions.items():
        tokens = _tokens(code, known)
        if tokens is not None and len(tokens) >= MIN_TOKENS:
            forms[_text(tokens, vocabulary)].append(student)  # bucket: identical forms share one entry
    seen = [_text(tokens, vocabulary) for tokens in (_tokens(code, known) for code in public) if tokens]
    common = max(3, COMMON * len(solutions))
    texts = [t for t, who in forms.items() if len(who) <= common]
    if not texts:
        return []
    similar = process.cdist(texts, texts, scorer=distance.Indel.normalized_similarity, score_cutoff=THRESHOLD,
                            workers=-1, dtype="float32")
    to_reference = process.cdist(texts, seen, scorer=distance.Indel.normalized_similarity, workers=-1,
                                 dtype="float32").max(axis=1).tolist() if seen else [0.0] * len(texts)
    parent = list(range(len(texts)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = {}
    for i, j in zip(*similar.nonzero()):
        if i < j and similar[i, j] - max(to_reference[i], to_reference[j]) >= MARGIN:
            parent[root(i)] = root(j)
            pairs[i, j] = float(similar[i, j])
    members = defaultdict(list)
    for i, text in enumerate(texts):
        members[root(i)].append(i)
    found = []
    for indices in members.values():
        # a lone form counts when several students share it and it is not the reference's
        if len(indices) == 1 and (len(forms[texts[indices[0]]]) < 2 or 1 - to_reference[indices[0]] < MARGIN):
            continue
        students = sorted(s for i in indices for s in forms[texts[i]])
        inside = [pairs[i, j] for i, j in itertools.combinations(sorted(indices), 2) if (i, j) in pairs]
        found.append((students, min(inside, default=1.0)))
    return sorted(found, key=lambda g: (-len(g[0]), g[0]))


def _code_cells(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


MARKER = "near-identical solution of "  # how the reasons this module writes into flags.csv start


def record(root=course.ROOT):
    """Put the current near-identical solutions into flags.csv as `review` lines, replacing an earlier run's."""
    flags.replace(root, MARKER, find(root))


def find(root=course.ROOT):
    """Near-identical solutions in submitted/: {(student, assignment): [reason]}."""
    found = defaultdict(list)
    for assignment in course.assignments(root):
        name = course.notebook_name(assignment, root)
        release = json.loads(course.notebook_path("release", assignment, root).read_text())
        starters = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in release["cells"]
                    if c["metadata"].get("nbgrader", {}).get("solution")}
        references = submissions.reference_answers(assignment, root)
        lesson = Path(root, "notebooks", f"{assignment}.ipynb")
        shown = _code_cells(lesson) if lesson.exists() else []
        cells = defaultdict(dict)
        for path in sorted(Path(root, "submitted").glob(f"*/{assignment}/{name}")):
            try:
                nb = json.loads(path.read_text())
                for cell in nb["cells"]:
                    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                    if grade_id in starters and cell.get("cell_type") == "code":
                        source = cell["source"]
                        cells[grade_id][path.parent.parent.name] = "".join(source) if isinstance(source, list) \
                            else source
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # not a notebook: grading already reports it
        for exercise, solutions in cells.items():
            public = [references.get(exercise, ""), *shown]
            for students, similarity in groups(solutions, starters[exercise], public):
                for student in students:
                    others = ", ".join(s for s in students if s != student)
                    found[student, assignment].append(
                        f"{MARKER}{exercise}: like {others}'s ({similarity:.0%} alike once names, comments and "
                        "formatting are set aside and the starter code is removed; not the reference or lesson code)")
    return dict(found)

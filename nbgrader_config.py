"""nbgrader settings for this course; the `python -m autograder` commands and plain `nbgrader` both read it.

Every path through nbgrader (its commands, Formgrader's buttons, its Python API) reads this file, so the course's
safety lives here: `nbgrader autograde` executes student notebooks in the grading sandbox (or refuses where there
is none), and `nbgrader generate_feedback` leaves out hidden tests and tracebacks, as `python -m autograder grade`
does.
"""
from nbgrader.converters import Autograde, GenerateAssignment, GenerateFeedback
from nbgrader.preprocessors import Execute

c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)

c.CourseDirectory.course_id = "deep-learning-computation"
# Generous per-cell limit for a laptop; every notebook runs in seconds on 2 CPU cores.
c.Execute.timeout = 120

# nbgrader's own steps, with execution moved into the sandbox and feedback stripped of hidden tests
c.Autograde.autograde_preprocessors = [
    "autograder.grading.nbgrader_hooks.ExecuteInSandbox" if pp is Execute else pp
    for pp in Autograde.class_traits()["autograde_preprocessors"].default()]
# release/ holds one language's edition of each source notebook (autograder/i18n.py; default English)
c.GenerateAssignment.preprocessors = ["autograder.i18n.PickEdition",
                                      *GenerateAssignment.class_traits()["preprocessors"].default()]
c.GenerateFeedback.preprocessors = [*GenerateFeedback.class_traits()["preprocessors"].default(),
                                    "autograder.grading.feedback.HideHiddenTests"]

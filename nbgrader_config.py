"""nbgrader settings for this course; the `python -m autograder` commands and plain `nbgrader` both read it."""
c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)

c.CourseDirectory.course_id = "deep-learning-computation"
# Generous per-cell limit for a laptop; every notebook runs in seconds on 2 CPU cores.
c.Execute.timeout = 120

"""Hidden checks, one module per section; hidden test cells call them.

Every check raises :class:`autograder.checks._support.CheckFailed` with one
plain sentence for the student when the answer is wrong, and returns None
when it is right.
"""

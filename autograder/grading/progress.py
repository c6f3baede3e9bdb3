"""A progress bar on the terminal: count done, failures so far, time left."""
import sys
import time


class Progress:
    def __init__(self, total, stream=None, width=30):
        self.total, self.done, self.failed, self.width = total, 0, 0, width
        self.stream = stream or sys.stdout
        self.started = time.monotonic()
        self.tty = getattr(self.stream, "isatty", lambda: False)()

    def update(self, what, ok=True):
        self.done += 1
        self.failed += not ok
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        line = (f"[{bar}] {self.done}/{self.total} graded, {self.failed} failed, "
                f"~{left:.0f} s left — {what}{'' if ok else ' FAILED'}")
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

"""reports/grades.png: the score distribution per exercise (left) and each exercise's most common mistakes (right)."""
import textwrap
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the file-only backend)
from matplotlib import font_manager  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from . import course, mistakes  # noqa: E402

FILE = "grades.png"
# fonts with Chinese glyphs, for the labels of a class graded in Chinese (Debian: fonts-noto-cjk), first found wins
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Source Han Sans SC",
             "Microsoft YaHei", "PingFang SC", "SimHei")


def _fonts():
    """DejaVu Sans, then the first installed font with Chinese glyphs (matplotlib falls back glyph by glyph)."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *[name for name in CJK_FONTS if name in installed][:1]]


def _top(messages, top):
    """The `top` most common messages, and every message tied with the last of them."""
    counts = [len(students) for students in messages.values()]
    if len(counts) > top:
        counts = [c for c in counts if c >= counts[top - 1]]
    return list(messages.items())[:len(counts)]


def figure(root, columns, maxima, rows, graded, path=None, top=3):
    """Draw the class's figure and return its path. Without a Chinese font, Chinese messages show as boxes: the
    figure is still written, and matplotlib's warnings about the missing glyphs are kept off the terminal."""
    with matplotlib.rc_context({"font.family": _fonts()}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        return _draw(root, columns, maxima, rows, graded, path, top)


def _draw(root, columns, maxima, rows, graded, path, top):
    path = path or Path(course.reports(root), FILE)
    found = mistakes.mistakes(graded)
    bars = []  # (exercise label, message, count), exercise by exercise in course order
    for assignment, exercise in columns:
        for message, students in _top(found.get((assignment, exercise), {}), top):
            bars.append((f"{assignment}/{exercise}", message, len(students)))
    height = max(4.0, 0.32 * len(columns) + 1.8, 0.3 * len(bars) + 1.8)
    fig, (left, right) = plt.subplots(1, 2, figsize=(17, height), width_ratios=(1, 1.25), layout="constrained")

    labels = [f"{a}/{e}" for a, e in columns]
    data = [[100 * row[c] / maxima[c] if maxima[c] else 0 for row in rows.values()] for c in columns]
    if columns and rows:
        left.boxplot(data, orientation="horizontal", tick_labels=labels, showmeans=True,
                     meanprops=dict(marker="^", markerfacecolor="tab:green", markeredgecolor="tab:green"),
                     medianprops=dict(color="tab:orange"), flierprops=dict(marker="o", markeredgecolor="tab:gray"))
        for y, values in enumerate(data, 1):
            left.scatter(values, [y] * len(values), s=10, alpha=0.4, color="tab:blue")
        left.legend(handles=[Line2D([], [], color="tab:orange", label="median"),
                             Line2D([], [], marker="^", ls="", color="tab:green", label="mean"),
                             Line2D([], [], marker="o", ls="", mfc="none", color="tab:gray", label="outlier"),
                             Line2D([], [], marker="o", ls="", alpha=0.4, color="tab:blue", label="one student")],
                    loc="lower left", fontsize=8, framealpha=0.9)
    left.invert_yaxis()  # course order, top to bottom
    left.tick_params(axis="y", labelsize=8)
    left.set_xlabel("score (% of the exercise's points)")
    left.set_title(f"Score distribution per exercise ({len(rows)} students)", loc="left")
    left.set_xlim(-5, 105)

    if bars:
        colours = {label: f"C{i % 10}" for i, label in enumerate(dict.fromkeys(b[0] for b in bars))}
        y = list(range(len(bars)))
        right.barh(y, [n for *_, n in bars], color=[colours[b[0]] for b in bars])
        right.set_yticks(y, [f"{label}\n" + textwrap.shorten(message, 90, placeholder=" …")
                             for label, message, _ in bars], fontsize=7)
        right.invert_yaxis()
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        right.text(0.5, 0.5, "no graded test cell failed", ha="center", va="center", transform=right.transAxes)
        right.set_yticks([])
    right.set_xlabel("students with this mistake")
    right.set_title(f"Most common mistakes per exercise (top {top}, ties included)", loc="left")
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path

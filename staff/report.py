"""The problems ``invoke check`` found, and how they are printed: one line each, then a summary."""

from __future__ import annotations

import os
import re
import sys
from difflib import SequenceMatcher
from dataclasses import dataclass, field

from .project import use_plugins

use_plugins()
from sitemodel.errors import ContentError  # noqa: E402

#: Where an error line says its mistake is: "path:line" or "path" before ": ".
PLACE = re.compile(r"^(?P<place>[^\s:][^:]*(?::\d+)?): ")


def not_said(said: list[str], found: list[str]) -> list[str]:
    """The lines of ``found`` (check's errors) about mistakes ``said`` (a failed build's
    errors) does not name. Both say some mistakes in words of their own (a missing
    title, a damaged photo), and a failed build listed each twice: a build's line not
    in ``found`` as it is takes the one of check's about the same place (file and line)
    most like it, and only one (a second mistake on that line is still said)."""
    more = [line for line in found if line not in said]
    for line in said:
        if line in found or not (match := PLACE.match(line)):
            continue
        same_place = [other for other in more if (m := PLACE.match(other)) and m["place"] == match["place"]]
        if same_place:
            more.remove(max(same_place, key=lambda other: SequenceMatcher(None, line, other).ratio()))
    return more


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


class ContentWarning(ContentError):
    """A problem worth fixing that does not stop the build."""


@dataclass
class Report:
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentWarning] = field(default_factory=list)
    posts: int = 0
    pages: int = 0

    def error(self, path: str, message: str, line: int | None = None) -> None:
        """One mistake, said once: two checks finding the same one (an address no browser
        opens, in a link that is also an address typed as text) give one line."""
        found = ContentError(path, message, line)
        if not any(str(found) == str(other) for other in self.errors if other.path == found.path):
            self.errors.append(found)

    def warn(self, path: str, message: str, line: int | None = None) -> None:
        self.warnings.append(ContentWarning(path, message, line))

    def lines(self) -> list[str]:
        """Every problem, one line each, by file and line; then the summary."""
        return self.problem_lines(self.errors + self.warnings) + [self.summary()]

    def error_lines(self) -> list[str]:
        """The errors alone (what stops ``invoke publish``), one line each."""
        return self.problem_lines(self.errors)

    @staticmethod
    def problem_lines(problems: list[ContentError]) -> list[str]:
        out = []
        for problem in sorted(problems, key=lambda e: (e.path, e.line or 0, isinstance(e, ContentWarning),
                                                       e.message)):
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            label = "cảnh báo / warning: " if isinstance(problem, ContentWarning) else ""
            out.append(f"{where}: {label}{problem.message}")
        return out

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return (f"Đã kiểm tra {self.posts} bài viết, {self.pages} trang: {e} lỗi, {w} cảnh báo. / "
                f"Checked {plural(self.posts, 'post')}, {plural(self.pages, 'page')}: "
                f"{plural(e, 'error')}, {plural(w, 'warning')}.")

    @property
    def status(self) -> int:
        return 1 if self.errors else 0


def print_lines(lines: list[str]) -> None:
    """Print ``lines`` on standard output. When what reads it stops reading
    (``invoke check | head``), the rest is not printed, without a word: Python raised
    BrokenPipeError, and a traceback followed the lines that were shown. The caller's
    exit status stays its own (the check found what it found)."""
    try:
        print("\n".join(lines))
        sys.stdout.flush()  # (in here: a write the buffer held would fail at exit)
    except BrokenPipeError:
        stop_writing()


def stop_writing(stream=None) -> None:
    """After a BrokenPipeError on ``stream`` (standard output unless said), write nothing
    more there, without a word. As the Python documentation says to (the ``signal``
    module, "Note on SIGPIPE"): the stream is sent to ``os.devnull`` from then on, so that
    Python's own flush at exit does not fail again. Standard error goes too when it is the
    same pipe (``invoke build 2>&1 | head``): a line written there next met the same
    closed pipe. (tasks.py does this for every task and for Invoke's help.)"""
    stream = stream or sys.stdout
    cut = os.fstat(stream.fileno())
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for other in (sys.stdout, sys.stderr):
            try:
                fd = other.fileno()
                if fd == stream.fileno() or os.path.samestat(os.fstat(fd), cut):
                    os.dup2(devnull, fd)
            except (OSError, ValueError, AttributeError):
                continue  # (no file below it: nothing to send elsewhere)
    finally:
        os.close(devnull)


class KeepsWorking:
    """Standard output or error for the tasks: when what reads it stops reading (``invoke
    build 2>&1 | head``, once head had its lines), what is written from then on is
    dropped, without a word (``stop_writing``), and the task goes on with its work. Before,
    the write raised BrokenPipeError in the middle of the task: a publish stopped between
    its build and the copy, having said nothing of it, and a build's log stopped being
    read while Pelican still wrote it (it then ended the build with status 1, "failed")."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            self.cut_short()
            return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            self.cut_short()

    def cut_short(self) -> None:
        stop_writing(self.stream)
        try:
            self.stream.flush()  # (what was held for the closed pipe: to os.devnull)
        except OSError:
            pass

    def __getattr__(self, name):
        return getattr(self.stream, name)


def keep_working_when_cut_short() -> None:
    """Standard output and error become ``KeepsWorking`` streams (once)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, KeepsWorking):
            setattr(sys, name, KeepsWorking(stream))

"""What Pelican logs about a file and skips, turned into content errors for people.

Pelican reads every file itself; one it cannot use is logged ("Could not process
...", "Skipping ...: could not find information about 'title'", "Duplicate definition
of ...") and left out, so the site would be published without it. With ``--fatal
warnings`` that same log line raises instead, and the build ends in a traceback.

From the start of a build, ``install`` puts a filter on Pelican's loggers: each of those
records is taken out of the log and becomes a ``ContentError`` naming the file (and
line), reported with the model's own errors by ``fail``. A reader
that raises ``ContentError`` itself is reported with its own message.
"""

from __future__ import annotations

import inspect
import logging
import os
import sys
from typing import Callable

from .build import read_header
from .checks import check_header, other_version_hint, source_line, status_message
from .errors import ContentError

LOGGERS = ("pelican.generators", "pelican.contents", "pelican.readers")

COULD_NOT_PROCESS = "Could not process %s"
MISSING = "Skipping %s: could not find information about '%s'"
OUTSIDE = "Skipping %s: file %r would be written outside output path"
STATUS = "Unknown status '%s' for file %s, skipping it. (Not in %s)"
DUPLICATE = "Duplicate definition of `%s` for %s. Using first one."
NO_TARGET = "Unable to find '%s', skipping url replacement."
NO_INDICATOR = "Replacement Indicator %r not recognized in %r, skipping replacement"


class SkippedFiles(logging.Filter):
    """Takes Pelican's records about unusable files; keeps one ``ContentError`` each."""

    def __init__(self, content_path: str, page_paths: list[str] | tuple[str, ...] = ("pages",)):
        super().__init__()
        self.content_path = os.path.abspath(content_path)
        self.page_paths = [p.strip("/") + "/" for p in page_paths]
        self.errors: list[ContentError] = []
        self._handlers: dict[str, Callable[[logging.LogRecord], list[ContentError]]] = {
            COULD_NOT_PROCESS: self._unreadable,
            MISSING: self._missing,
            OUTSIDE: self._outside,
            STATUS: self._status,
            DUPLICATE: self._duplicate,
            NO_TARGET: self._no_target,
            NO_INDICATOR: self._no_target,
        }

    def filter(self, record: logging.LogRecord) -> bool:
        handler = self._handlers.get(record.msg) if isinstance(record.msg, str) else None
        if handler is None:
            return True
        self.errors.extend(handler(record))
        return False

    # --- one handler per message -------------------------------------------------------
    def rel(self, path) -> str:
        path = str(path)
        if not os.path.isabs(path):
            path = os.path.join(self.content_path, path)
        return os.path.relpath(os.path.normpath(path), self.content_path).replace(os.sep, "/")

    def _header_errors(self, path) -> list[ContentError]:
        rel = self.rel(path)
        page = any(rel.startswith(p) for p in self.page_paths)
        return check_header(os.path.join(self.content_path, rel), rel, page)

    def _draft(self, path) -> bool:
        """The file is a draft (``Status: draft``, as Markdown reads its metadata): never
        published, so what Pelican cannot read in its metadata lines (a date, a title
        missing, a line written twice) leaves it out without a word, as every draft is
        left out. ``invoke check`` warns of them (``staff.check.check_metadata``), and
        once the ``Status: draft`` line goes they are errors, in the build and check."""
        full = os.path.join(self.content_path, self.rel(path))
        return any(key == "status" and value.strip().lower() == "draft" for _, key, value in read_header(full))

    def _unreadable(self, record: logging.LogRecord) -> list[ContentError]:
        error = sys.exc_info()[1]
        if isinstance(error, ContentError):
            return [error]
        if self._draft(record.args[0]):
            return []
        found = self._header_errors(record.args[0])
        if found:
            return found
        return [ContentError(self.rel(record.args[0]), (
            f"không đọc được tệp này ({error}) / cannot read this file: {error}"))]

    def _missing(self, record: logging.LogRecord) -> list[ContentError]:
        content, prop = record.args
        if self._draft(content.source_path):
            return []
        found = self._header_errors(content.source_path)
        return found or [ContentError(self.rel(content.source_path), (
            f"thiếu dòng '{prop.title()}:' / missing '{prop.title()}:'"), 1)]

    def _outside(self, record: logging.LogRecord) -> list[ContentError]:
        content, save_as = record.args
        return [ContentError(self.rel(content.source_path), (
            f"bài sẽ được ghi ra ngoài trang web ({save_as}) / would be written outside "
            f"the site ({save_as}); remove 'Save_as:' and 'Slug:'"))]

    def _status(self, record: logging.LogRecord) -> list[ContentError]:
        status, content, _allowed = record.args
        found = self._header_errors(content.source_path)
        return found or [ContentError(self.rel(content.source_path), status_message(status))]

    def _duplicate(self, record: logging.LogRecord) -> list[ContentError]:
        _name, path = record.args
        if self._draft(path):
            return []
        return self._header_errors(path) or [ContentError(self.rel(path), (
            f"dòng '{_name}:' bị viết hai lần / '{_name}:' is written twice"))]

    def _no_target(self, record: logging.LogRecord) -> list[ContentError]:
        target = record.args[0]
        content = _content_being_read()
        if content is None:
            return [ContentError("?", f"liên kết '{target}' không dẫn tới tệp nào / "
                                      f"the link '{target}' leads to no file")]
        path = content.source_path
        # (as Pelican finds it: from the content folder when it starts with "/")
        missing = os.path.normpath(os.path.join(self.content_path, str(target).lstrip("/"))
                                   if str(target).startswith("/") else
                                   os.path.join(os.path.dirname(path), str(target)))
        vi, en = other_version_hint(missing, str(target))
        if not vi and " " in str(target):
            vi, en = (" (địa chỉ có dấu cách: tệp và thư mục có tên đúng như vậy không?)",
                      " (the address has a space: are the file and its folders named so?)")
        return [ContentError(self.rel(path), (
            f"liên kết '{target}' không dẫn tới tệp nào{vi}; liên kết tới bài khác viết đường dẫn "
            "tới thư mục của bài (../ten-bai/) hoặc tới tệp của bài (../ten-bai/index.vi.md) / "
            f"the link '{target}' leads to no file{en}; link to another post by its folder "
            "(../post-name/) or its file (../post-name/index.vi.md)"),
            _line_of(path, str(target)))]


def _content_being_read():
    """The Pelican content object whose links are being replaced (up the call stack):
    the record of a missing link target names the link, not the file holding it."""
    from pelican.contents import Content

    frame = inspect.currentframe()
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, Content):
            return candidate
        frame = frame.f_back
    return None


def _line_of(path: str, text: str) -> int | None:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            return source_line(f.read(), text)
    except OSError:
        return None


def install(content_path: str, page_paths=("pages",)) -> SkippedFiles:
    """Put a fresh filter on Pelican's loggers (at the start of a build) and return it."""
    uninstall()
    skipped = SkippedFiles(content_path, page_paths)
    for name in LOGGERS:
        logging.getLogger(name).addFilter(skipped)
    return skipped


def uninstall() -> None:
    """Take every ``SkippedFiles`` filter off Pelican's loggers (at the end of a build)."""
    for name in LOGGERS:
        log = logging.getLogger(name)
        for old in [f for f in log.filters if isinstance(f, SkippedFiles)]:
            log.removeFilter(old)


def take(skipped: SkippedFiles | None) -> list[ContentError]:
    """The errors collected so far (each returned once)."""
    if skipped is None:
        return []
    errors, skipped.errors = skipped.errors, []
    return errors

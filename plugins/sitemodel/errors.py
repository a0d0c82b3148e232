"""Errors for people: one line each, naming the file (and line), then a non-zero exit.

Pelican logs any exception that escapes a plugin with a full traceback. A content
mistake is not a crash, so the build reports every problem it found as a plain line
and stops with ``BuildFailed``, which derives from ``SystemExit``: Pelican lets it pass
untouched, the process exits 1 and no traceback is printed.
"""

from __future__ import annotations

import logging
import os

from .text import clean_text, line_at

logger = logging.getLogger(__name__)


class LogCounter(logging.Handler):
    """Counts the records logged at ``level`` or above while it is attached (to the root
    logger): safe_output does not put in place a build that logged an error, and
    skip_unchanged keeps no record of one that warned."""

    def __init__(self, level: int) -> None:
        super().__init__(level=level)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class ContentError(ValueError):
    """One mistake in the content, phrased for the staff member who made it."""

    def __init__(self, path: str, message: str, line: int | None = None):
        # One line, whatever the text quoted in it holds: no line breaks, and no control
        # characters (an ESC from a file would drive the terminal showing the error).
        path, message = (" ".join(clean_text(str(part)).split()) for part in (path, message))
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class BuildFailed(SystemExit):
    """Stop the build after the errors were logged; exit status 1, no traceback."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__(1)


#: Errors found before the site model is built (the reader's: files it could not read or
#: that are misnamed), reported with the model's own (``sitemodel.on_all_generators_finalized``)
#: so that one build names every mistake, not one round of them a build.
_deferred: list[ContentError] = []


def defer(errors: list[ContentError]) -> None:
    _deferred.extend(errors)


def take_deferred() -> list[ContentError]:
    """The errors deferred so far (each returned once; the reader starts a build with none)."""
    errors = list(_deferred)
    _deferred.clear()
    return errors


def fail(errors: list[ContentError]) -> None:
    """Log every error on one line each and stop the build."""
    if not errors:
        return
    lines = [str(e) for e in sorted(errors, key=lambda e: (e.path, e.line or 0, e.message))]
    lines.append(f"Dừng xây dựng: {len(errors)} lỗi nội dung ở trên. / "
                 f"Build stopped: {len(errors)} content error(s) above.")
    log_lines(lines)
    raise BuildFailed(errors)


def log_lines(lines: list[str]) -> None:
    """Log each line as an error. Under ``--fatal errors|warnings`` Pelican's logger raises
    after emitting a record: every line is still reported, then the caller stops."""
    for line in lines:
        try:
            logger.error("%s", line)
        except RuntimeError:
            pass


def fail_settings(plugin: str, problems: list[str]) -> None:
    """Log every bad setting on one line each (``plugin: Setting 'X': ...``) and stop."""
    if not problems:
        return
    log_lines([f"{plugin}: {problem}" for problem in problems])
    raise BuildFailed([])


def stop(plugin: str, message: str) -> None:
    """Log one line (``plugin: message``) and stop the build, when a tool the build runs
    fails; without a traceback, also under ``--fatal``."""
    fail_settings(plugin, [message])


def template_error(err: BaseException) -> ContentError | None:
    """A mistake in a theme template as one line naming its file and line; None for any
    other error (a plugin's bug keeps its traceback). Jinja says where a syntax error is
    (also in a template included or extended while a page is written); an error raised
    while a template runs (an undefined value's attribute, an include that is not there)
    is where Jinja's rewritten traceback last passes through a template file, if only
    Jinja's and MarkupSafe's own code comes after it."""
    import jinja2
    import markupsafe

    if isinstance(err, ContentError) or not isinstance(err, Exception):
        return None
    if isinstance(err, jinja2.TemplateSyntaxError) and err.filename and err.lineno:
        return ContentError(shown_path(err.filename), _template_message(err.message or str(err)), err.lineno)
    libraries = tuple(os.path.dirname(module.__file__) + os.sep for module in (jinja2, markupsafe))
    where, tb = None, err.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".j2", ".jinja")) and os.path.isfile(name):
            where = (name, tb.tb_lineno)
        elif where is not None and not name.startswith(libraries):
            where = None  # a function the template called failed: not the template's mistake
        tb = tb.tb_next
    if where is None:
        return None
    return ContentError(shown_path(where[0]), _template_message(f"{type(err).__name__}: {err}"), where[1])


def shown_path(path: str) -> str:
    """``path`` as people typed it: relative to the current folder when inside it."""
    rel = os.path.relpath(path)
    return path if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def _template_message(detail: str) -> str:
    return f"lỗi trong mẫu giao diện (theme) / template error: {detail}"


def fail_templates(errors: list[ContentError]) -> None:
    """Log each template mistake once, on one line, and stop the build."""
    log_lines(sorted({str(error) for error in errors}))
    raise BuildFailed(errors)


def stop_on_template_mistake(err: Exception) -> None:
    """Stop the build in one line if ``err`` is a mistake in a template; else return (the
    caller re-raises it, with its traceback)."""
    found = template_error(err)
    if found is not None:
        fail_templates([found])


def not_utf8(data: bytes, error: UnicodeDecodeError) -> tuple[str, int | None]:
    """What to say of a text file (a post, a section's name, captions) that is not UTF-8,
    and the line where it stops being so: Notepad's "Unicode" (UTF-16) has no line."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's "Unicode"
        return ("tệp được lưu ở dạng UTF-16 (Notepad gọi là \"Unicode\"): hãy lưu lại với bảng mã "
                "UTF-8 / the file is saved as UTF-16 (Notepad's \"Unicode\"): save it again as UTF-8"), None
    return ("tệp không phải UTF-8 (có thể là Windows-1258 hay mã cũ khác): hãy lưu lại "
            "với bảng mã UTF-8 / the file is not UTF-8 (perhaps Windows-1258): save it "
            "again as UTF-8"), line_at(data, error.start)

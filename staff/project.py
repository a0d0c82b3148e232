"""Where the project's things are, and the site's settings as Pelican reads them."""

from __future__ import annotations

import errno
import re
import shlex
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
PREVIEW_SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"

#: Defaults of the staff tools' own settings (overridable in pelicanconf.py / publishconf.py).
DEFAULTS = {
    # ``invoke check``: a photo heavier than this many megabytes is an error.
    "CHECK_MAX_PHOTO_MB": 20,
    # ``invoke publish``: where rsync copies the site, "user@host:/var/www/site/" or a folder.
    "PUBLISH_TARGET": "",
    # Files on the server the site does not have that publishing must not delete (rsync
    # patterns): a search engine's ownership proof, a certificate challenge, a domain file.
    "PUBLISH_KEEP": ["google*.html", "BingSiteAuth.xml", "yandex_*.html", ".well-known/", "CNAME"],
    # ``invoke gh-pages``: the git repository (URL or path) and branch the site is pushed to.
    "PUBLISH_GH_PAGES_REMOTE": "",
    "PUBLISH_GH_PAGES_BRANCH": "gh-pages",
    # A CNAME file for GitHub Pages (the site's own domain), or "".
    "PUBLISH_GH_PAGES_CNAME": "",
}


#: Invoke hands a help flag that follows a task to the task's required argument when that
#: is still missing (pyinvoke/invoke#982): ``invoke new --help`` gives ``new`` the title
#: "--help". Tasks with such an argument check for these and show their help instead.
HELP_FLAGS = ("-h", "--help")


def task_help(name: str) -> int:
    """Print what ``invoke --help NAME`` prints; its exit status."""
    import subprocess

    return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT),
                           "--help", name]).returncode


#: Invoke's own words when it cannot read a command line (its parser's messages).
UNKNOWN = re.compile(r"No idea what '(.*)' is!")
MISSING = re.compile(r"'([\w-]+)' did not receive required positional arguments: (.*)")
#: An option typed last, without its value ("invoke new "…" --section").
NO_VALUE = re.compile(r"Flag <Argument: (\w+)[^>]*> needed value and was not given one!")
#: ``invoke --list WORD``: Invoke lists the tasks of a group WORD, which it did not find.
NO_GROUP = re.compile(r"Sub-collection '(.*)' not found!")
#: Tasks staff call by another name: the guide calls livereload "the preview" (bản xem
#: trước), and other site generators' commands are "preview" and "deploy".
MEANT = {"preview": "livereload", "xem-truoc": "livereload", "deploy": "publish", "dang": "publish"}
#: A word where a number goes ("invoke serve --port tam"): Python's int() refused it.
NOT_A_NUMBER = re.compile(r"invalid literal for int\(\) with base 10: '(.*)'")


#: The options of ``invoke new`` followed by a value (a test keeps them the task's).
NEW_VALUE_OPTIONS = frozenset({"--section", "-s", "--content", "-c", "--title", "-t"})


def explain_parse_error(message: str, argv: list[str], tasks: list[str],
                        value_options: dict[str, set[str]] | None = None) -> str:
    """Invoke's message for a command line it cannot read, in staff's words: the words of
    a title typed without quotes (``invoke new Khai giảng lớp``: "No idea what 'giảng'
    is!"), or of a folder's name (``--content thư mục``; ``value_options``: each task's
    options that take a value), a task or option that does not exist (with the one
    meant), a missing title. Another message is given as Invoke wrote it."""
    run = ".venv/bin/invoke"
    unknown, missing = UNKNOWN.fullmatch(message), MISSING.fullmatch(message)
    if missing and missing[1] == "new":
        return (f'lệnh new cần tiêu đề bài, trong ngoặc kép: {run} new "Khai giảng lớp …" / '
                f'invoke new needs the post\'s title, in quotes: {run} new "Khai giảng lớp …"')
    if no_value := NO_VALUE.fullmatch(message):
        typed = argv[-1] if argv and argv[-1].startswith("-") else "--" + no_value[1].replace("_", "-")
        see = _see(argv)
        return (f"tuỳ chọn '{typed}' cần một giá trị ngay sau nó; xem {see} / the option '{typed}' needs a "
                f"value after it; see {see}")
    if number := NOT_A_NUMBER.fullmatch(message):
        value = number[1]
        typed = next((arg.partition("=")[0] for arg in argv if arg.startswith("-") and arg.endswith("=" + value)),
                     None) or next((before for before, arg in zip(argv, argv[1:]) if arg == value), None)
        if typed is None:
            return (f"'{value}' không phải một số: ở đó cần một số; xem {_see(argv)} / '{value}' is not a number: "
                    f"a number goes there; see {_see(argv)}")
        vi, en = ((f"ví dụ {typed} 8001", f"e.g. {typed} 8001") if typed in ("--port", "-p")
                  else (f"xem {_see(argv)}", f"see {_see(argv)}"))
        return (f"'{value}' không phải một số: sau {typed} hãy gõ một số, {vi} / '{value}' is not a number: "
                f"{typed} takes a number, {en}")
    if group := NO_GROUP.fullmatch(message):
        word = group[1]
        if word in tasks:
            return (f"--list chỉ cho danh sách các lệnh; muốn xem lệnh {word}: {run} --help {word} / --list "
                    f"shows the list of tasks; for the task {word}: {run} --help {word}")
        return (f"--list không nhận thêm chữ nào: {run} --list / --list takes no word after it: "
                f"{run} --list")
    if not unknown:
        return message
    word = unknown[1]
    if argv[:1] == ["new"] and not word.startswith("-"):
        # The title's words wherever they were typed, and the options as typed (the line
        # dropped "--section …", or took an option's value for a word of the title).
        words, options, value_next = [], [], False
        for arg in argv[1:]:
            if value_next or arg.startswith("-"):
                options.append(arg)
                value_next = not value_next and arg in NEW_VALUE_OPTIONS
            else:
                words.append(arg)
        rest = "".join(" " + shlex.quote(arg) for arg in options)
        title = " ".join(words)
        return (f"'{word}' không phải một lệnh: tiêu đề có nhiều chữ phải đặt trong ngoặc kép: "
                f'{run} new "{title}"{rest} / \'{word}\' is not a task: a title of several words goes in '
                f'quotes: {run} new "{title}"{rest}')
    if not word.startswith("-") and argv and (value_options or {}).get(argv[0]):
        quoted = quoted_value(argv, word, value_options[argv[0]])
        if quoted:
            return (f"'{word}' không phải một lệnh: tên có dấu cách phải đặt trong ngoặc kép: {run} {quoted} / "
                    f"'{word}' is not a task: a name with spaces goes in quotes: {run} {quoted}")
        option = folder_option(word, value_options[argv[0]])
        if option:
            typed = " ".join(shlex.quote(arg) for arg in argv)
            fixed = typed.replace(f" {shlex.quote(word)}", f" {option} {shlex.quote(word)}", 1)
            return (f"'{word}' là một thư mục, không phải một lệnh: ghi {option} trước nó: {run} {fixed} / "
                    f"'{word}' is a folder, not a task: put {option} before it: {run} {fixed}")
    if word.startswith("-"):
        see = _see(argv)
        return f"không có tuỳ chọn '{word}'; xem {see} / there is no option '{word}'; see {see}"
    use_plugins()
    from sitemodel.checks import close_key  # (the rule for a misspelt metadata key)

    close = close_key(word, tuple(tasks)) or (MEANT.get(word.lower()) if MEANT.get(word.lower()) in tasks else None)
    hint_vi, hint_en = (f" (có phải '{close}'?)", f" (did you mean '{close}'?)") if close else ("", "")
    return (f"không có lệnh '{word}'{hint_vi}; xem {run} --list / there is no task '{word}'{hint_en}; "
            f"see {run} --list")


def quoted_value(argv: list[str], word: str, options: set[str]) -> str | None:
    """The command line with the value of an option in quotes, when ``word`` is one of the
    words typed after that value (a folder's name with spaces, typed without quotes: the
    option took its first word); else None. The option may be joined to its value with
    ``=`` (``--output=bản xem``), and is given back so (``--output="bản xem"``)."""
    for at, arg in enumerate(argv):
        name, joined, first = arg.partition("=")
        if arg not in options and not (joined and name in options):
            continue
        start = at + 1 if joined else at + 2  # (the first argument after the value's first word)
        end = start
        while end < len(argv) and not argv[end].startswith("-"):
            end += 1
        if word not in argv[start:end]:
            continue
        value = f'"{" ".join(([first] if joined else []) + argv[at + 1:end])}"'
        before = [shlex.quote(other) for other in argv[:at]]
        after = [shlex.quote(other) for other in argv[end:]]
        return " ".join([*before, f"{name}={value}" if joined else f"{arg} {value}", *after])
    return None


def folder_option(word: str, options: set[str]) -> str | None:
    """The option a folder typed alone after the task goes with (``invoke check content``):
    ``--content`` for one with sections (``*/_index.vi.md``), ``--output`` for a built
    site; else None."""
    folder = Path(word).expanduser()
    if not folder.is_dir():
        return None
    if "--content" in options and next(folder.glob("*/_index.*.md"), None) is not None:
        return "--content"
    if "--output" in options and (folder / "index.html").is_file():
        return "--output"
    return None


def _see(argv: list[str]) -> str:
    """Where the options of the command line's task are listed: its help, else the list."""
    return f".venv/bin/invoke --help {argv[0]}" if argv and not argv[0].startswith("-") else ".venv/bin/invoke --list"


def use_plugins() -> None:
    """Make the project's plugins importable (``sitemodel``, ``photos``), as Pelican does."""
    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


class SettingsError(SystemExit):
    """A settings file (Python, edited by hand) that cannot be run: one line naming the
    file and line, exit status 1, no traceback (as ``sitemodel.BuildFailed``)."""


def settings_error(error: BaseException, settings_file: Path) -> SettingsError:
    """``error`` raised while running ``settings_file`` (or the project's ``*.py`` files it
    imports, as publishconf.py imports pelicanconf.py), told in one line."""
    names = {str(path) for path in ROOT.glob("*.py")} | {str(settings_file)}
    if isinstance(error, SyntaxError) and error.filename:
        where, line, what = error.filename, error.lineno, error.msg
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename in names]
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else (None, None)
        what = f"{type(error).__name__}: {error}"
    place = shown(Path(where)) + (f":{line}" if line else "") if where else "settings"
    return SettingsError(f"{place}: tệp cài đặt có lỗi, hãy sửa lại dòng này / the settings file "
                         f"has an error on this line: {' '.join(str(what).split())}")


def check_settings_file(settings_file: str = PREVIEW_SETTINGS) -> None:
    """``SettingsError`` when ``settings_file`` cannot be run, found by running it alone
    (a few milliseconds, where ``read_settings`` first imports Pelican: 0.15 s)."""
    import runpy

    path = ROOT / settings_file
    try:
        runpy.run_path(str(path))
    except Exception as error:  # noqa: BLE001 -- whatever the hand-edited file raises
        raise settings_error(error, path) from None


def port_in_use(port: int) -> str:
    """What ``invoke serve`` and ``invoke livereload`` say when ``port`` is taken."""
    return (f"Cổng {port} đang được dùng (có thể invoke serve hoặc livereload đang chạy ở cửa sổ "
            f"khác); thử --port {port + 1} / port {port} is in use; try --port {port + 1}")


def port_refused(port: int, error: OSError) -> str | None:
    """What ``invoke serve`` and ``invoke livereload`` say when they cannot listen on
    ``port`` (None for another error): it is taken, or it is one only administrators may
    open (port 80 for a user who is not root: a PermissionError traceback)."""
    if error.errno == errno.EADDRINUSE:
        return port_in_use(port)
    if error.errno in (errno.EACCES, errno.EPERM):
        return (f"Cổng {port} cần quyền quản trị; hãy dùng một cổng như 8000: --port 8000 / "
                f"port {port} needs administrator rights; use a port like 8000: --port 8000")
    return None


def read_settings(settings_file: str = PREVIEW_SETTINGS, content: Path | None = None) -> dict:
    """The site's settings as a Pelican build would see them, plus the staff tools' defaults;
    ``SettingsError`` when a settings file cannot be run."""
    from pelican.settings import read_settings as pelican_read_settings

    use_plugins()
    override = {"PATH": str(content)} if content is not None else None
    path = ROOT / settings_file
    try:
        settings = pelican_read_settings(str(path), override=override)
    except Exception as error:  # noqa: BLE001 -- whatever the hand-edited file raises
        raise settings_error(error, path) from None
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    return settings


def languages(settings: dict) -> list[str]:
    """The site's languages, the default one (at the site root) first."""
    use_plugins()
    from sitemodel.sitemodel import DEFAULT_LANGUAGES
    from sitemodel.sitemodel import languages as site_languages

    settings.setdefault("SITE_LANGUAGES", dict(DEFAULT_LANGUAGES))
    return site_languages(settings)


def shown(path: Path) -> str:
    """``path`` as people can type it: relative to the current folder when inside it."""
    here = Path.cwd()
    path = Path(path).absolute()
    return str(path.relative_to(here)) if path.is_relative_to(here) else str(path)

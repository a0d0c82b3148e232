"""What README.md and the plugins' READMEs name is in the code as it is now: every setting
(``PHOTOS_WIDTHS``) is read or set by the code, every file or folder of the project
(``plugins/photos/caption_text.py``, ``[deploy/](deploy/README.md)``) exists, every
function named by its module (``sitemodel.text.line_at``, ``convert.scrolling_tables``)
is there, every default in a settings table is the code's, and every ``invoke TASK
--option`` is one Invoke knows; and the parts of README the code points to
(``README "Reliability"``) and the READMEs link to are there. These are the statements
that went stale one by one as code was renamed, moved or retuned; a maintainer
following one to the code found nothing."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from conftest import ROOT

READMES = [ROOT / "README.md", *sorted(ROOT.glob("plugins/*/README.md"))]
#: The project's own folders and files: a path starting with one of these is the project's
#: (``/tin-tuc/``, ``cache/`` or ``output/`` are addresses or made by a build).
PROJECT_TOP = ("plugins/", "theme/", "tests/", "staff/", "docs/", "deploy/", "bench/", "fuzz/",
               "tools/", "importer/", ".ci/")
#: Where a bare template or static path is looked for (``partials/social.html``).
PATH_BASES = ("", "theme/templates/", "theme/static/", "theme/")
#: The project's Python: a setting named in a README is read or set here (the tests'
#: helpers read an environment variable of their own).
CODE = ["pelicanconf.py", "publishconf.py", "tasks.py", "plugins", "staff", "bench", "fuzz",
        "importer", "tests/conftest.py"]
#: Settings and names of the world outside the project that the READMEs mention.
OUTSIDE = {"LC_CTYPE"}

SETTING = re.compile(r"(?<![\w*])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w*])")
PROJECT_PATH = re.compile(r"(?<![\w/.:-])((?:%s)[\w./-]*)" % "|".join(re.escape(t) for t in PROJECT_TOP))
TEMPLATE_PATH = re.compile(r"^(?:partials/)?[\w-]+\.html$|^(?:css|js|img)/[\w.-]+$")
DOTTED = re.compile(r"^([a-z_]+(?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?:\(\))?$")
FILE_SUFFIXES = ("py", "html", "js", "css", "md", "txt", "json", "xml", "conf", "svg", "png", "jpg",
                 "toml", "lock", "ico", "cfg", "docx", "pot")


def spans(readme: Path) -> list[str]:
    """The README's code spans and its links' targets (outside fenced blocks)."""
    text = re.sub(r"^```.*?^```", "", readme.read_text(encoding="utf-8"), flags=re.M | re.S)
    return re.findall(r"`([^`\n]+)`", text) + re.findall(r"\]\(([^)#\s]+)", text)


def code_text() -> str:
    files: list[Path] = []
    for name in CODE:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_setting_named_is_in_the_code(readme):
    from pelican.settings import DEFAULT_CONFIG

    code = code_text()
    named = {name for span in spans(readme) for name in SETTING.findall(span)}
    missing = sorted(name for name in named - OUTSIDE - set(DEFAULT_CONFIG)
                     if not re.search(rf"[\"']{name}[\"']|^\s*{name}\s*=|\b{name}\s*=", code, re.M))
    assert not missing, f"{readme.relative_to(ROOT)} names settings the code neither reads nor sets: {missing}"


def project_paths(readme: Path) -> set[str]:
    found = set()
    for span in spans(readme):
        if "://" in span or span.startswith(("http", "mailto:", '"', "[", "{")):
            continue  # (a value of a setting: "theme/img/share.jpg" is an address of the site)
        found |= {p.rstrip(".") for p in PROJECT_PATH.findall(span)}
        if TEMPLATE_PATH.match(span):
            found.add(span)
    return found


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_project_path_named_exists(readme):
    here = readme.parent
    missing = sorted(path for path in project_paths(readme)
                     if not any((base / path).exists()
                                for base in [ROOT / b for b in PATH_BASES] + [here]))
    assert not missing, f"{readme.relative_to(ROOT)} names files or folders that are not there: {missing}"


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bare_file_name_is_a_file_of_the_project(readme):
    """``kept.py``, ``search-worker.js``: a file of that name exists somewhere (Pagefind's
    own files, and the files a build or a cache writes, are said so in the README)."""
    names = {p.name for top in PROJECT_TOP + ("",) for p in (ROOT / top).glob("*" if not top else "**/*")
             if ".venv" not in p.parts and "node_modules" not in p.parts}
    written = re.compile(r"^(?:pagefind[\w.-]*|captions(?:\.\w+)?\.txt|index(?:\.\w+)?\.md|"
                         r"robots\.txt|compare\.py|[\w-]+\.json)$")
    bare = {span for span in spans(readme)
            if re.fullmatch(r"[\w-]+\.(?:py|js|css|html|conf)", span) and not written.match(span)}
    missing = sorted(name for name in bare if name not in names)
    assert not missing, f"{readme.relative_to(ROOT)} names files the project does not have: {missing}"


def plugin_modules() -> dict[str, str]:
    """Each plugin module's own name (``convert``) -> its full name (``reader.convert``),
    for the names a README gives relative to their plugin; a name two plugins share is left out."""
    seen: dict[str, list[str]] = {}
    for path in sorted((ROOT / "plugins").glob("*/*.py")):
        if path.stem != "__init__":
            seen.setdefault(path.stem, []).append(f"{path.parent.name}.{path.stem}")
    return {stem: full[0] for stem, full in seen.items() if len(full) == 1}


def found(dotted: str) -> bool:
    """The longest importable module of ``dotted`` has the rest as attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(obj, attribute):
                return False
            obj = getattr(obj, attribute)
        return True
    return False


def resolve(dotted: str, packages: set[str], modules: dict[str, str]) -> bool | None:
    """True when the name is there, False when not, None when it is no name of the project's.
    ``convert.scrolling_tables`` is read in its plugin (``reader.convert``), and
    ``bilingual.translate`` in the plugin's main module (``bilingual.bilingual``)."""
    head, _, rest = dotted.partition(".")
    if head in packages:
        return found(dotted) or found(f"{head}.{head}.{rest}")
    if head in modules:
        return found(f"{modules[head]}.{rest}")
    return None


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_function_named_by_its_module_is_there(readme):
    packages = {p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").exists()}
    packages |= {"staff", "bench", "fuzz", "importer"}
    modules = plugin_modules()
    missing = []
    for span in set(spans(readme)):
        match = DOTTED.match(span)
        if not match or match.group(1).rsplit(".", 1)[1] in FILE_SUFFIXES:
            continue
        if resolve(match.group(1), packages, modules) is False:
            missing.append(span)
    assert not missing, f"{readme.relative_to(ROOT)} names functions or modules that are not there: {sorted(missing)}"


def code_defaults() -> dict[str, object]:
    """Every setting's default where the code keeps one: the plugins' ``DEFAULTS``, the staff
    tasks' and, for Pelican's and the site's own settings, ``pelicanconf.py``."""
    import pelicanconf
    import staff.project

    defaults = {key: getattr(pelicanconf, key) for key in dir(pelicanconf) if key.isupper()}
    for path in sorted((ROOT / "plugins").glob("*/*.py")):
        if re.search(r"^DEFAULTS\b", path.read_text(encoding="utf-8"), re.M):
            defaults |= importlib.import_module(f"{path.parent.name}.{path.stem}").DEFAULTS
    return defaults | staff.project.DEFAULTS


def plain(value):
    """Tuples and lists alike (a README writes either)."""
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_settings_tables_give_the_code_defaults(readme):
    defaults = code_defaults()
    rows = re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \| `([^`]+)`", readme.read_text(encoding="utf-8"), re.M)
    assert rows
    wrong = []
    for name, written in rows:
        if name not in defaults or "..." in written:
            continue
        try:
            value = ast.literal_eval(written)
        except (ValueError, SyntaxError):
            wrong.append(f"{name}: {written} is no Python value")
            continue
        if plain(value) != plain(defaults[name]):
            wrong.append(f"{name}: {written}, the code's is {defaults[name]!r}")
    assert not wrong, f"{readme.relative_to(ROOT)}'s settings tables: {wrong}"


def invoke_lines(readme: Path) -> list[str]:
    """Each ``invoke TASK --option …`` the README gives, in its text or its command blocks."""
    text = readme.read_text(encoding="utf-8")
    blocks = re.findall(r"^    (\S.*)$", text, re.M)
    return [m.group(0) for chunk in re.findall(r"`([^`\n]+)`", text) + blocks
            for m in re.finditer(r"\binvoke [a-z][\w-]*[^|\n]*", chunk.replace("\\|", "|"))]


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_task_and_option_named_is_one_invoke_knows(readme):
    from invoke import Collection

    import tasks

    collection = Collection.from_module(tasks)
    options = {name: {n for a in collection[name].get_arguments() for n in a.names} | {"help"}
               for name in collection.task_names}
    wrong = []
    for line in invoke_lines(readme):
        task, rest = re.match(r"invoke ([a-z][\w-]*)(.*)", line).groups()
        if task not in options:
            wrong.append(f"{line}: no task {task!r}")
            continue
        wrong += [f"{line}: {task} has no --{o}" for o in re.findall(r"(?<![\w-])--([a-z][\w-]*)", rest)
                  if o not in options[task]]
    assert not wrong, f"{readme.relative_to(ROOT)}: {wrong}"


def readme_parts() -> set[str]:
    """README.md's headings and the bold names its lists begin with ("**Videos** are …")."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return ({h.strip() for h in re.findall(r"^#+ (.+)$", text, re.M)}
            | {b.strip().rstrip(".") for b in re.findall(r"^\s*- \*\*([^*]+)\*\*", text, re.M)})


def test_every_part_of_readme_the_code_points_to_is_there():
    """``(README "Reliability")`` in a docstring or a task's help: the part is there."""
    parts = readme_parts()
    sources = [p for top in CODE + ["tests", "theme", "deploy", "docs"]
               for p in ([ROOT / top] if (ROOT / top).is_file() else (ROOT / top).rglob("*"))
               if p.is_file() and p.suffix in (".py", ".html", ".js", ".css", ".conf", ".md")
               and p.name != "README.md"]
    pointed = {(str(p.relative_to(ROOT)), name) for p in sources
               for name in re.findall(r"README,? \"([^\"\n]{3,60})\"", p.read_text(encoding="utf-8"))}
    assert len(pointed) > 5
    missing = sorted(f"{path}: README \"{name}\"" for path, name in pointed if name not in parts)
    assert not missing, f"parts of README.md the code points to that it does not have: {missing}"


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_to_a_part_of_a_readme_is_there(readme):
    """``[…](plugins/photos/README.md#thumbnails-on-dense-screens)``: GitHub's anchor of a heading."""
    missing = []
    for target, anchor in re.findall(r"\]\(([^)#\s]*)#([\w-]+)\)", readme.read_text(encoding="utf-8")):
        linked = (readme.parent / target) if target else readme
        headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.M)
        anchors = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}
        if anchor not in anchors:
            missing.append(f"{target}#{anchor}")
    assert not missing, f"{readme.relative_to(ROOT)} links to parts that are not there: {missing}"

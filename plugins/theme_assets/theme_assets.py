"""Theme files linked with their version, so that browsers may keep them for a year.

Templates link the theme's styles, scripts and icons with ``asset_url``::

    <link rel="stylesheet" href="{{ asset_url('css/site.css') }}">

which gives ``/theme/css/site.css?v=3f9a0c21d4``: the version is the start of the file's
SHA-256, so it changes whenever the file does and a page always asks for the bytes it
was built with. The host may therefore tell browsers to keep ``/theme/*`` for a year
without asking again (``Cache-Control: immutable``: ``_headers`` by the security_headers
plugin, ``SECURITY_HEADERS_THEME_CACHE``; nginx in deploy/README.md). Without it, a
reader's browser asks the server again for each of them on the next page once the
last publish made them look new: a round trip each, on a phone connection.

A name that is no file of the theme's static folders stops the build with one line
(a misspelt name would be a missing style on every page). ``theme_file`` finds a theme
file (``sitemodel.theme_files``) for the seo plugin's share picture too.

The files of the theme's ``site-root/`` folder are published at the site's root
(``copy_root_files``): ``favicon.ico`` and ``apple-touch-icon.png``, which browsers,
phones and feed readers ask for there whether a page links them or not (an iPhone's
home-screen icon, a feed reader's site icon, Safari's tab: none of them reads the SVG
icon). ``base.html`` links them too.
"""

from __future__ import annotations

import os
import re
import shutil

from jinja2 import pass_context
from jinja2.exceptions import TemplateRuntimeError
from pelican import signals

from sitemodel.errors import fail_settings, shown_path, stop
from sitemodel.files import tree_entries
from sitemodel.theme_files import static_folders, static_prefix, theme_file, version

#: The theme's folder of files published at the site's root.
ROOT_FOLDER = "site-root"
#: A call with a literal name, as templates write it (checked at start-up).
CALL = re.compile(r"""asset_url\(\s*(['"])([^'"]*)\1\s*\)""")

# This build's settings, and the versions of the theme files linked so far.
_state: dict = {}


def no_such_file(settings: dict, rel: str) -> str:
    return (f"asset_url({rel!r}): no such file in the theme's static folders "
            f"({', '.join(static_folders(settings))})")


def versioned(settings: dict, rel: str) -> str:
    """``rel`` with ``?v=`` and its file's version (``css/site.css?v=3f9a0c21d4``)."""
    versions = _state.setdefault("versions", {})
    if rel not in versions:
        path = theme_file(settings, rel)
        if path is None:
            raise TemplateRuntimeError(no_such_file(settings, rel))
        versions[rel] = version(path)
    return f"{rel}?v={versions[rel]}"


@pass_context
def asset_url(ctx, rel: str) -> str:
    """Template helper: the URL of the theme file ``rel`` with its version."""
    return f"{ctx['SITEURL']}/{static_prefix(ctx)}/{versioned(_state['settings'], rel)}"


def template_folders(settings: dict) -> list[str]:
    return [*settings.get("THEME_TEMPLATES_OVERRIDES", []), os.path.join(settings["THEME"], "templates")]


def missing_files(settings: dict) -> list[str]:
    """``template:line: asset_url('name'): ...`` for each literal name no theme file has."""
    problems = []
    for folder in template_folders(settings):
        for _, entry in tree_entries(folder, skip_unreadable=True):
            if entry.is_file():
                problems += [f"{entry.path}:{number}: {no_such_file(settings, rel)}"
                             for number, rel in named_files(entry.path) if theme_file(settings, rel) is None]
    return problems


def named_files(path: str) -> list[tuple[int, str]]:
    """``(line, name)`` of each ``asset_url('name')`` a template writes."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # not a template Jinja could read either
    return [(number, match.group(2)) for number, line in enumerate(lines, 1) for match in CALL.finditer(line)]


def copy_root_files(pelican) -> None:
    """Copy the files of the theme's ``site-root/`` folder to the site's root, once every page
    is written (``finalized``): a name the site writes itself (``index.html``,
    ``robots.txt``) stops the build in one line, rather than replacing a page or being
    replaced."""
    folder = os.path.join(pelican.settings["THEME"], ROOT_FOLDER)
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        source = os.path.join(folder, name)
        if not os.path.isfile(source) or name.startswith("."):
            continue
        target = os.path.join(pelican.output_path, name)
        if os.path.lexists(target):
            stop("theme_assets", f"{shown_path(source)}: the site writes {name} itself; rename or "
                                 "remove the theme's file")
        shutil.copyfile(source, target)


def on_initialized(pelican) -> None:
    _state.clear()
    _state["settings"] = pelican.settings
    fail_settings("theme_assets", missing_files(pelican.settings))


def on_generator_init(generator) -> None:
    generator.env.globals["asset_url"] = asset_url


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.finalized.connect(copy_root_files)

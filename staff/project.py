"""Where the project's things are, and the site's settings as Pelican reads them."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
PREVIEW_SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"

#: Defaults of the staff tools' own settings (overridable in pelicanconf.py / publishconf.py).
DEFAULTS = {
    # ``invoke check``: a photo heavier than this many megabytes is an error.
    "CHECK_MAX_PHOTO_MB": 20,
    # ``invoke publish``: where rsync copies the site, "user@host:/var/www/site/" or a folder.
    "PUBLISH_TARGET": "",
    # ``invoke gh-pages``: the git repository (URL or path) and branch the site is pushed to.
    "PUBLISH_GH_PAGES_REMOTE": "",
    "PUBLISH_GH_PAGES_BRANCH": "gh-pages",
    # A CNAME file for GitHub Pages (the site's own domain), or "".
    "PUBLISH_GH_PAGES_CNAME": "",
}


def use_plugins() -> None:
    """Make the project's plugins importable (``sitemodel``, ``photos``), as Pelican does."""
    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


def read_settings(settings_file: str = PREVIEW_SETTINGS, content: Path | None = None) -> dict:
    """The site's settings as a Pelican build would see them, plus the staff tools' defaults."""
    from pelican.settings import read_settings as pelican_read_settings

    use_plugins()
    override = {"PATH": str(content)} if content is not None else None
    settings = pelican_read_settings(str(ROOT / settings_file), override=override)
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

"""The theme's static files as the site serves them (``THEME_STATIC_DIR``), found for the
plugins that link them: theme_assets (their versions in the pages' links), seo (the
share picture)."""

from __future__ import annotations

import hashlib
import os

#: How many hexadecimal digits of the SHA-256 a file's version keeps (40 bits).
VERSION_DIGITS = 10


def static_prefix(settings: dict) -> str:
    """Where the theme's static files are in the output and in URLs (``theme``)."""
    return (settings.get("THEME_STATIC_DIR") or "theme").strip("/")


def static_folders(settings: dict) -> list[str]:
    """The theme's static folders, in the order Pelican copies them (a later one wins)."""
    return [os.path.join(settings["THEME"], folder)
            for folder in settings.get("THEME_STATIC_PATHS") or ["static"]]


def theme_file(settings: dict, rel: str) -> str | None:
    """The file of the theme served as ``<THEME_STATIC_DIR>/rel``, or None."""
    if not rel or rel.startswith("/"):
        return None
    found = [path for path in (os.path.join(folder, rel) for folder in static_folders(settings))
             if os.path.isfile(path)]
    return found[-1] if found else None


def version(path: str) -> str:
    """A file's version: the start of the SHA-256 of its bytes."""
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:VERSION_DIGITS]

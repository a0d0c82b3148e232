"""Fingerprints of code for caches: a cache entry made by other code is a miss."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import marshal
import os
import platform
import site
import sys
from importlib import metadata


def tree_hash(roots: list[str]) -> str:
    """One hash of every file under ``roots`` (names and bytes), caches left out."""
    h = hashlib.blake2b(digest_size=20)
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".pyc", ".mo")) or name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                h.update(os.path.relpath(path, root).encode() + b"\0")
                with open(path, "rb") as f:
                    h.update(f.read())
                h.update(b"\0")
    return h.hexdigest()


def library_versions(names: tuple[str, ...]) -> str:
    """``name=version`` of each installed distribution (``name=-`` when missing)."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return " ".join(versions)


@functools.cache
def _realpath(path: str) -> str:
    """``os.path.realpath(path)`` of a module's file, once a process (a build asks three
    times), each folder resolved once (``os.path.realpath`` looks at every folder of
    each of some 500 paths, in some 60 folders: 17 ms a time)."""
    if ".." in path.split(os.sep):
        return os.path.realpath(path)  # (".." after a link: only realpath knows where)
    folder, name = os.path.split(os.path.abspath(path))
    joined = os.path.join(_real_folder(folder), name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


@functools.cache
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _project_modules(skip: list[str] = ()) -> list[tuple[str, str]]:
    """``(module name, real path)`` of the Python files loaded from outside the Python
    installation and its libraries (and outside the folders ``skip``), by name."""
    outside = {os.path.realpath(p) + os.sep for p in
               (sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(), *skip)}
    found = []
    for name, module in sorted(sys.modules.items(), key=lambda item: item[0]):
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            continue
        real = _realpath(path)
        if not any(real.startswith(prefix) for prefix in outside):
            found.append((name, real))
    return found


def project_code(skip: list[str] = ()) -> str:
    """A hash of the Python files loaded from outside the Python installation and its
    libraries (and outside the folders ``skip``, hashed otherwise): the settings files
    (``pelicanconf.py``, ``publishconf.py``) and the project code they import.

    Settings are described by value, and a function in them by its name only
    (``sitemodel.describe``); what the function does is in these bytes.
    """
    h = hashlib.blake2b(digest_size=20)
    for name, real in _project_modules(skip):
        try:
            with open(real, "rb") as f:
                h.update(f"{name}\0".encode() + f.read() + b"\0")
        except OSError:
            h.update(f"{name}\0missing\0".encode())
    return h.hexdigest()


def stale_bytecode() -> list[str]:
    """The project's Python files (the settings files, the plugins, the code they
    import) that this process ran from a cached ``.pyc`` holding an earlier version.

    Python trusts a ``.pyc`` whose recorded modification time, in whole seconds, and
    size are the file's. A file saved again within the second it was compiled in, at the
    same size (a setting changed from ``"mot"`` to ``"hai"``), would run as it was, in
    this build and every later one, while the caches, which hash the file's bytes, take
    it for the new version. Only a ``.pyc`` written within the second of the file's last
    change can be stale; such a one is compared with the file compiled again, and
    deleted when it differs (the next build compiles the file). Paths are relative to
    the working folder when inside it."""
    stale = []
    for _, path in _project_modules():
        cached = importlib.util.cache_from_source(path)
        try:
            st, pyc_st = os.stat(path), os.stat(cached)
            if int(pyc_st.st_mtime) > int(st.st_mtime):
                continue  # written after the second of the file's last change
            with open(cached, "rb") as f:
                data = f.read()
            flags, mtime, size = (int.from_bytes(data[i:i + 4], "little") for i in (4, 8, 12))
            if flags or (mtime, size) != (int(st.st_mtime) & 0xFFFFFFFF, st.st_size & 0xFFFFFFFF):
                continue  # checked by hash, or not one Python would run for the file now
            with open(path, "rb") as f:
                source = f.read()
            if marshal.loads(data[16:]) == compile(source, path, "exec", dont_inherit=True):
                os.utime(cached)  # the same: marked as written later, not compared again
                continue
        except (OSError, ValueError, EOFError, TypeError, SyntaxError):
            continue
        rel = os.path.relpath(path)
        stale.append(path if rel.startswith("..") else rel)
        with contextlib.suppress(OSError):
            os.remove(cached)
    return stale


def site_code(settings: dict) -> str:
    """The code a build runs that is the project's own: the theme, the folders of
    templates that override the theme's (Pelican's ``THEME_TEMPLATES_OVERRIDES``) and the
    plugin folders by their bytes (``tree_hash``), and the settings files with what they
    import (``project_code``)."""
    folders = [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", []),
               *settings.get("PLUGIN_PATHS", [])]
    return tree_hash(folders) + project_code(folders)


def installed_libraries() -> str:
    """Every installed distribution, as the names of its ``*.dist-info`` (name and
    version) and the like, found on ``sys.path``: cheaper than reading their metadata."""
    names = []
    for folder in sys.path:
        try:
            listing = os.listdir(folder or ".")
        except OSError:
            continue
        names.extend(n for n in listing if n.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))
    return " ".join(sorted(names))


def code_and_settings(settings: dict) -> list[str]:
    """What a build's output depends on besides its content files: the Python version,
    the project's code (``site_code``), the installed libraries, every setting by value
    and the site's day (scheduled posts, Pelican's ``WITH_FUTURE_DATES``)."""
    from .describe import Describer, settings_text
    from .schedule import site_today

    return [sys.version, platform.machine(), site_code(settings), installed_libraries(),
            settings_text(settings, Describer()), str(site_today(settings))]

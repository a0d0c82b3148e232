"""Which folders a build may write (and a clean may delete): never the project's own.

Pure Python, no Pelican: ``tasks.py`` calls ``check_output_path`` before deleting
``output/``, and the ``safe_output`` plugin before every build.
"""

from __future__ import annotations

import os


class UnsafeOutputPath(SystemExit):
    """The output path is a folder the site must never replace or delete.

    A ``SystemExit`` carrying its one-line message: uncaught, Python prints the message
    and exits with status 1, without a traceback (in Pelican and in invoke tasks alike).
    """

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(os.path.expanduser(path)))


def _within(inner: str, outer: str) -> bool:
    return os.path.commonpath([inner, outer]) == outer


def protected_folders(settings: dict) -> dict[str, tuple[str, str]]:
    """The folders a build needs (real path -> what it is, in Vietnamese and in English,
    for messages: the Vietnamese half of a refusal named them in English)."""
    named = {"PATH": ("thư mục nội dung (PATH)", "content folder (PATH)"),
             "THEME": ("thư mục giao diện (THEME)", "theme (THEME)"),
             "CACHE_PATH": ("thư mục bộ nhớ đệm (CACHE_PATH)", "cache (CACHE_PATH)")}
    folders: dict[str, tuple[str, str]] = {}
    for key, label in named.items():
        if settings.get(key):
            folders.setdefault(_real(settings[key]), label)
    for path in settings.get("PLUGIN_PATHS") or []:
        folders.setdefault(_real(path), ("thư mục plugin (PLUGIN_PATHS)", "plugins (PLUGIN_PATHS)"))
    return folders


def check_output_path(settings: dict, path: str) -> None:
    """Raise ``UnsafeOutputPath`` unless ``path`` may be replaced by a build or deleted.

    Refused: ``/``, the home folder or a folder above it; the content, theme, cache or
    plugins folder, any folder holding one of them (the project folder) or inside one of
    them; an existing file (not a folder).
    """
    target = _real(path)
    home = _real("~")
    shown = os.path.abspath(os.path.expanduser(path))

    def refuse(reason: str) -> None:
        raise UnsafeOutputPath(
            f"Không dùng '{shown}' làm thư mục kết quả: {reason[0]}; hãy chọn một thư mục "
            f"riêng, ví dụ output/ / Refusing to use '{shown}' as the output folder: "
            f"{reason[1]}; choose a folder of its own, e.g. output/")

    if target == os.path.dirname(target):
        refuse(("đó là thư mục gốc /", "it is the root folder /"))
    if _within(home, target):
        refuse(("đó là thư mục nhà (hoặc chứa nó)", "it is (or holds) the home folder"))
    for folder, (vi, en) in protected_folders(settings).items():
        if _within(folder, target):
            what = ("là", "is") if folder == target else ("chứa", "holds")
            refuse((f"nó {what[0]} {vi}", f"it {what[1]} the {en}"))
        if _within(target, folder):
            refuse((f"nó nằm trong {vi}", f"it is inside the {en}"))
    if os.path.lexists(target) and not os.path.isdir(target):
        refuse(("đó là một tệp, không phải thư mục", "it is a file, not a folder"))


def check_cache_path(settings: dict) -> None:
    """Raise ``UnsafeOutputPath`` unless the cache folder (``CACHE_PATH``) may be emptied
    (``invoke clean --cache``): refused when it is ``/``, the home folder or above it, or
    is, holds or lies inside the content, theme or plugins folder."""
    target = _real(settings["CACHE_PATH"])
    shown = os.path.abspath(os.path.expanduser(settings["CACHE_PATH"]))

    def refuse(reason: tuple[str, str]) -> None:
        raise UnsafeOutputPath(
            f"Không xoá bộ nhớ đệm '{shown}' (CACHE_PATH): {reason[0]}; hãy đặt CACHE_PATH là "
            f"một thư mục riêng, ví dụ cache/ / Refusing to empty the cache '{shown}' "
            f"(CACHE_PATH): {reason[1]}; set CACHE_PATH to a folder of its own, e.g. cache/")

    if target == os.path.dirname(target) or _within(_real("~"), target):
        refuse(("đó là thư mục gốc hoặc thư mục nhà", "it is the root or the home folder"))
    for folder, (vi, en) in protected_folders({**settings, "CACHE_PATH": None}).items():
        if _within(folder, target) or _within(target, folder):
            refuse((f"nó là, chứa hoặc nằm trong {vi}", f"it is, holds or is inside the {en}"))

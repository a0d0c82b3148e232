"""Files: output files shared with caches (linked where the file system allows), and
one walk over a folder tree for what every build looks through."""

from __future__ import annotations

import contextlib
import difflib
import logging
import os
import shutil

logger = logging.getLogger(__name__)


def link_or_copy(src, dest) -> None:
    """Hard-link ``src`` at ``dest``, or copy it where links are not possible.

    The copy is written beside ``dest`` and renamed over it, never into ``dest``: a
    ``dest`` already there may be a hard link to a cache entry (a photo, a page, a search
    file), which writing into it would change too."""
    try:
        os.link(src, dest)
    except OSError as err:
        if not os.path.exists(src):
            raise
        logger.debug("copying %s, not linking: %s", src, err)
        tmp = f"{dest}.tmp-{os.getpid()}"
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, dest)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def link_new(src, dest) -> bool:
    """Hard-link ``src`` at a new ``dest`` in one step (a link is made whole or not at
    all: no temporary name to rename), making ``dest``'s folder when it is missing;
    False when ``dest`` is there already or links are not possible here."""
    try:
        try:
            os.link(src, dest)
        except FileNotFoundError:  # its folder is not there yet
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            os.link(src, dest)
    except OSError:
        return False
    return True


def tree_entries(top: str, skip_unreadable: bool = False, unreadable: list | None = None):
    """Every entry under ``top`` as ``(name relative to top, with "/"; os.DirEntry)``:
    each folder's entries in name order, the folders found walked after them, the last
    found first. Links are listed, not followed. One listing a folder and no other
    system call, so that walking the content and the output on every build stays cheap.
    A folder that cannot be listed raises, or is passed by with ``skip_unreadable``
    (its name, "x/", added to ``unreadable`` when given)."""
    folders = [(top, "")]
    while folders:
        folder, rel = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            if not skip_unreadable:
                raise
            if unreadable is not None:
                unreadable.append(rel)
            continue
        for entry in entries:
            name = rel + entry.name
            yield name, entry
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, name + "/"))


def close_name(names, wanted: str) -> str | None:
    """The name among ``names`` that ``wanted`` most likely meant: the same but for
    capitals (Windows shows ``Mau-Don.PDF`` and finds it as ``mau-don.pdf``), else one a
    typo away; None when none is close."""
    names = sorted(names)
    for name in names:
        if name.casefold() == wanted.casefold():
            return name
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.75)
    return close[0] if close else None

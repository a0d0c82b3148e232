"""The spare folder: the replaced site, emptied of its files but keeping its folders,
for the next build to start in (``pelicanconf.py`` and the live preview).

Making folders is the slowest part of writing a site that changed little: a fresh
folder for a 3,000-post site needs some 4,500 of them, 1–2 s on an ext4 disk, while
linking its 10,000 pages from the page cache takes a tenth of a second. So with
``SAFE_OUTPUT_REMOVE_OLD = "background"`` (pelicanconf.py) the detached process that
deleted the replaced site now deletes only its files (``make_spare``, this file run as a
script: ``python spare.py --take TOKEN TARGET``, ``take_old``), keeps its folders and leaves it beside the
output as ``.OUT.spare-XXXXXXXX`` (after a build that replaced no site, it makes one
of empty folders like the new site's: ``make_spare_like``). The next build starts in it
(``take``) instead of an empty folder, and before it is put in place, removes the folders it did not fill
(``prune_empty``): the site is the same as one built in an empty folder (which holds
no empty folder: nothing the build copies or writes makes one).

At most one spare is kept. While it is being emptied it is ``.OUT.emptying-<pid>-...``,
which ``clean_leftovers`` deletes once that process is gone (stopped half way).
``settle`` waits for that process (``invoke clean``, which would otherwise see the spare
appear after it deleted everything, and the bench).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import uuid

SPARE = "spare"
EMPTYING = "emptying"


def prefix(target: str, kind: str, pid: int | None = None) -> str:
    """How the folders a build leaves beside ``target`` begin: ``.OUT.<kind>-[<pid>-]``
    (``safe_output.STALE`` reads the ones with a process id back)."""
    return f".{os.path.basename(target)}.{kind}-" + ("" if pid is None else f"{pid}-")


def new_path(target: str, kind: str, pid: int | None = None) -> str:
    """A path beside ``target`` for a folder of that kind, not taken yet."""
    return os.path.join(os.path.dirname(target), prefix(target, kind, pid) + uuid.uuid4().hex[:8])


def beside(target: str, kind: str) -> list[str]:
    """The folders of a kind (``SPARE``, ``EMPTYING``...) beside ``target``."""
    parent = os.path.dirname(target)
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return []
    return [os.path.join(parent, name) for name in names if name.startswith(prefix(target, kind))]


def spares(target: str) -> list[str]:
    """The spare folders beside ``target``."""
    return beside(target, SPARE)


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def settle(target: str, timeout: float = 300) -> bool:
    """Wait until no running process is emptying a replaced site of ``target`` (the
    detached one a build started), so that no spare appears afterwards; False if one
    still is after ``timeout`` seconds. Folders of processes that stopped half way are
    left to ``clean_leftovers``, or to the caller."""
    start = prefix(target, EMPTYING)

    def busy(path: str) -> bool:  # .OUT.emptying-<pid>-...: its process still running
        pid = os.path.basename(path)[len(start):].split("-", 1)[0]
        return pid.isdigit() and int(pid) != os.getpid() and alive(int(pid))

    deadline = time.monotonic() + timeout
    while any(busy(path) for path in beside(target, EMPTYING)):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def taken_path(target: str, pid: int, token: str) -> str:
    """Where the build puts the replaced site for process ``pid`` to empty (``take_old``)."""
    return os.path.join(os.path.dirname(target), prefix(target, EMPTYING, pid) + token)


def take_old(token: str, target: str, wait: float = 30) -> None:
    """Wait for the build that started this process to put the site it replaced at
    ``taken_path`` (named with this process's id, so that nobody else deletes it
    while it is emptied), then make it the spare (``make_spare``)."""
    work = taken_path(target, os.getpid(), token)
    deadline = time.monotonic() + wait
    while not os.path.isdir(work):
        if time.monotonic() >= deadline:
            return  # the build could not rename it, or was stopped
        time.sleep(0.01)
    make_spare(work, target)


def make_spare(work: str, target: str) -> None:
    """Empty ``work`` (the replaced site, named as this process's) of everything but
    folders; keep it as the spare of ``target``, or delete it when there is one already."""
    if spares(target):
        shutil.rmtree(work, ignore_errors=True)
        return
    try:
        for folder, dirs, files in os.walk(work):
            for name in files:
                os.unlink(os.path.join(folder, name))
            for name in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                os.unlink(os.path.join(folder, name))  # a link to a folder: not walked into
                dirs.remove(name)
        os.rename(work, new_path(target, SPARE))
    except OSError:
        shutil.rmtree(work, ignore_errors=True)


def make_spare_like(target: str) -> None:
    """After a build that replaced no site (the first, or one after ``invoke clean``):
    make a spare of empty folders like those of ``target``, so that the next build too
    starts with its folders made, unless there is a spare already."""
    if spares(target):
        return
    work = new_path(target, EMPTYING, os.getpid())
    try:
        os.mkdir(work)
        for folder, dirs, _ in os.walk(target):  # (links to folders are not walked into)
            here = os.path.join(work, os.path.relpath(folder, target))
            for name in dirs:
                if not os.path.islink(os.path.join(folder, name)):
                    os.mkdir(os.path.join(here, name))
        os.rename(work, new_path(target, SPARE))
    except OSError:
        shutil.rmtree(work, ignore_errors=True)


def take(target: str, dest: str, retained=()) -> bool:
    """Move a spare of ``target`` to ``dest`` for a build to start in; False if there is
    none. Entries the build carries over from the old site (``OUTPUT_RETENTION``) are
    taken out of it, so that they are carried over whole."""
    for spare in spares(target):
        try:
            os.rename(spare, dest)
        except OSError:
            continue  # another build took it
        for name in retained or ():
            path = os.path.join(dest, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
        return True
    return False


def prune_empty(root: str) -> None:
    """Remove the folders under ``root`` holding no file, deepest first."""
    def walk(path: str) -> bool:
        empty = True
        with os.scandir(path) as entries:
            found = list(entries)
        for entry in found:
            if entry.is_dir(follow_symlinks=False) and walk(entry.path):
                os.rmdir(entry.path)
            else:
                empty = False
        return empty
    walk(root)


if __name__ == "__main__":
    if sys.argv[1] == "--like":
        make_spare_like(sys.argv[2])
    elif sys.argv[1] == "--take":
        take_old(sys.argv[2], sys.argv[3])

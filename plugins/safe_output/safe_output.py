"""Atomic output: a build writes a fresh folder and puts it in place only when it succeeded.

Inside Pelican, so that a plain ``pelican content -s pelicanconf.py -o OUT`` is atomic:

- ``initialized`` (this plugin comes first in ``PLUGINS``): refuse an output path that
  is the project's own (``guard.py``); delete what interrupted builds left beside it;
  create ``.OUT.building-<pid>-XXXX`` next to ``OUT`` and point Pelican at it
  (``pelican.output_path``, which generators, the writer and ``finalized`` handlers
  use). The ``OUTPUT_PATH`` setting keeps naming ``OUT``: ``pelican --listen`` serves it.
- ``finalized`` (connected at ``initialized``, so after every other plugin's handler):
  if no error was logged, swap the new folder into place in one step (Linux
  ``renameat2(RENAME_EXCHANGE)``; elsewhere rename old aside, rename new in) and delete
  the old site — by a detached process when ``SAFE_OUTPUT_REMOVE_OLD`` is
  ``"background"`` (``pelicanconf.py`` and the live preview; ``publishconf.py`` says
  ``"now"``, the default: deleting thousands of folders is a second a build need not
  wait for). That process deletes only the old site's files and leaves its folders as a
  spare that the next build starts in (``spare.py``: making the folders again cost more
  than all else a build that changed little writes).
- Anything else (a content error, a bad photo, a template error, Ctrl-C, ``kill``) never
  reaches ``finalized``: the new folder is deleted on the way out and ``OUT`` is left
  exactly as it was. Ctrl-C, SIGTERM and SIGHUP (a closed terminal) end the build with
  status 130/143/129 and a line saying so, with no traceback; one that came where Python
  could not raise its exception (an object's finalizer) ends it at ``finalized``.

Entries named in Pelican's ``OUTPUT_RETENTION`` (e.g. ``.git``, ``CNAME``) are carried
over from the old output into the new one.

When the ``pelican`` command ends after a build whose site was put in place, and nothing
logged an error since, the process ends at once (``end_quickly``, as mypy does) once the
plugins' own exit handlers have run: Python's teardown would free, one by one, every
object of the build (0.3 s of a one-edit build at 2,000 posts) for memory the system
takes back anyway. Output streams and log handlers are flushed first; a failed build,
a process with child processes still running, or a program that runs Pelican inside
itself ends as usual.
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import logging
import multiprocessing
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import uuid

from pelican import signals

from sitemodel import LogCounter, build_skipped

from . import spare
from .guard import UnsafeOutputPath, check_output_path

logger = logging.getLogger(__name__)

# Per-build state, set at ``initialized``/``get_generators``, cleared at ``finalized``.
_state: dict = {"target": None, "temp": None, "pid": None, "settings": None,
                "counter": None, "old_handlers": {}, "old_unraisablehook": None, "interrupted": None,
                "remove_old": "now", "from_spare": False, "ended_well": None}

#: When the old site is deleted after the swap: "now" (before the build ends) or
#: "background" (by a detached process; the build ends at once).
REMOVE_OLD_SETTING = "SAFE_OUTPUT_REMOVE_OLD"
REMOVE_OLD_CHOICES = ("now", "background")

STALE = re.compile(r"^\.(?P<name>.+)\.(?P<kind>building|old|emptying)-(?P<pid>\d+)-")


class BuildInterrupted(SystemExit):
    """Ctrl-C, SIGTERM or SIGHUP during a build: exit 128 + signal number, no traceback."""


# --- names and leftovers ---------------------------------------------------------------
def temp_prefix(target: str, kind: str) -> str:
    return spare.prefix(target, kind, os.getpid())


def clean_leftovers(target: str) -> None:
    """Delete the folders interrupted builds left beside ``target`` (their process is
    gone). If one was stopped in the middle of a two-step swap, put the old site back."""
    parent, name = os.path.split(target)
    try:
        entries = sorted(os.listdir(parent))
    except FileNotFoundError:
        return
    for entry in entries:
        match = STALE.match(entry)
        if not match or match["name"] != name:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or spare.alive(pid):
            continue  # another build of the same output, still running
        path = os.path.join(parent, entry)
        if match["kind"] == "old" and not os.path.lexists(target):
            os.rename(path, target)
            logger.info("safe_output: restored %s from an interrupted build", target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_folder_mode() -> int:
    """The mode of a folder the build makes for the site: the umask's, readable and
    enterable by all (under 027 a first site's folder was 0750: nginx answered 403)."""
    return (0o777 & ~_umask()) | 0o055


def make_folders(path: str) -> None:
    """``os.makedirs``, the folders it makes readable and enterable by all."""
    missing = []
    while path and not os.path.isdir(path):
        missing.append(path)
        path = os.path.dirname(path)
    os.makedirs(missing[0] if missing else path or ".", exist_ok=True)
    for folder in reversed(missing):
        os.chmod(folder, new_folder_mode())


def make_readable(root: str) -> None:
    """Every folder and file under ``root`` (the new site, before it goes in place)
    readable by everyone: the web server reads the site as a user of its own. A shell's
    umask of 077 or 027 (hardened servers set one) made every page 0600 and nginx
    answered 403; and files linked from the last site or a cache (photos, the search
    index), or the folders a build starts with (a spare), kept such modes build after
    build. Who may write is left as it is. One ``lstat`` an entry: 0.05 s for 10,000."""
    stack = [root]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    stack.append(entry.path)
                    if mode & 0o055 != 0o055:
                        os.chmod(entry.path, stat.S_IMODE(mode) | 0o055)
                elif stat.S_ISREG(mode) and mode & 0o044 != 0o044:
                    os.chmod(entry.path, stat.S_IMODE(mode) | 0o044)


# --- the swap --------------------------------------------------------------------------
def _exchange(a: str, b: str) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), b)


def swap_in(new: str, target: str) -> str | None:
    """Put ``new`` in place as ``target``; return where the old site now is (or None)."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new
    old = spare.new_path(target, "old", os.getpid())
    os.rename(target, old)
    os.rename(new, target)
    return old


def carry_over(names, old: str, new: str) -> None:
    """Copy ``OUTPUT_RETENTION`` entries of the old output into the new one."""
    for name in names or []:
        src, dst = os.path.join(old, name), os.path.join(new, name)
        if not os.path.lexists(src) or os.path.lexists(dst):
            continue
        if os.path.isdir(src) and not os.path.islink(src):
            shutil.copytree(src, dst, symlinks=True)
        else:
            shutil.copy2(src, dst, follow_symlinks=False)


# --- the build -------------------------------------------------------------------------
def begin(pelican) -> None:
    """Check the output path, clear leftovers, and point the build at a fresh folder."""
    if _state["temp"] is not None and os.path.isdir(_state["temp"]):
        return
    if _state["ended_well"] is not None:  # a build before this one, in this process
        logging.getLogger().removeHandler(_state["ended_well"])
        _state["ended_well"] = None
    settings = pelican.settings
    target = _state["target"] if _state["target"] else os.path.realpath(pelican.output_path)
    check_output_path(settings, target)
    clean_leftovers(target)
    parent = os.path.dirname(target)
    make_folders(parent)
    held = _hold_stop_signals()  # (until they are caught: ``_let_stop_signals_through``)
    try:
        # The live preview starts in the spare the last build left (``spare.py``), with the
        # folders the site had; other builds (and the preview without one) in an empty folder.
        temp = spare.new_path(target, "building", os.getpid())
        from_spare = (_state["remove_old"] == "background"
                      and spare.take(target, temp, settings.get("OUTPUT_RETENTION")))
        if not from_spare:
            temp = tempfile.mkdtemp(prefix=temp_prefix(target, "building"), dir=parent)
        # mkdtemp makes a private (0700) folder: a web server could not read the new site.
        # The old folder's mode is kept (0750 for a web server's group), unless it let
        # nobody else read (a build under umask 077); a first one is readable by all.
        mode = stat.S_IMODE(os.stat(target).st_mode) if os.path.isdir(target) else new_folder_mode()
        os.chmod(temp, mode if mode & 0o044 else mode | 0o055)
        # A build that logged an error is not put in place, even without ``--fatal`` (Pelican
        # then logs a broken file and carries on without it).
        counter = LogCounter(logging.ERROR)
        logging.getLogger().addHandler(counter)
        _state.update(target=target, temp=temp, pid=os.getpid(), settings=settings,
                      counter=counter, interrupted=None, from_spare=from_spare)
        pelican.output_path = temp
        _catch_signals()
    finally:
        _let_stop_signals_through(held)


def finish(pelican) -> None:
    """The build succeeded: put the new site in place, delete the old one."""
    temp, target = _state["temp"], _state["target"]
    if temp is None:
        return
    if _state["interrupted"]:  # a stop whose exception Python could not raise (``_unraisable``)
        raise BuildInterrupted(128 + _state["interrupted"])  # (the folder goes at exit)
    counter = _state["counter"]
    try:
        if counter is not None and counter.count:
            logger.error("safe_output: %d error(s) above; %s was not changed", counter.count, target)
            raise SystemExit(1)
        if _state["from_spare"]:
            spare.prune_empty(temp)
        make_readable(temp)
        carry_over(pelican.settings.get("OUTPUT_RETENTION"), target, temp)
        held = _hold_stop_signals()  # (from the swap on, a stop is too late: ``_on_signal``)
        try:
            old = swap_in(temp, target)
            _state["temp"] = None
        finally:
            _let_stop_signals_through(held)
        if old is not None:
            remove_old(old, _state["remove_old"], target)
        elif _state["remove_old"] == "background":
            _detached(["--like", target])  # a spare for the next build all the same
        logger.info("safe_output: new site in place at %s", target)
        # The build's error counter stays attached: an error logged from now on
        # (Pelican's own, if the run fails after this) means the process exits with an
        # error status, not quickly (``end_quickly``).
        _state["ended_well"], _state["counter"] = counter, None
    finally:
        pelican.output_path = target
        _end()


def abandon(pelican) -> None:
    """The build will not run (``skip_unchanged`` found nothing changed and sent
    ``build_skipped``): the site stays as it is; the spare folder taken for the build is
    put back, a fresh one deleted."""
    temp, target = _state["temp"], _state["target"]
    if temp is None:
        return
    try:
        if _state["from_spare"] and _state["pid"] == os.getpid():
            try:
                os.rename(temp, spare.new_path(target, spare.SPARE))
                _state["temp"] = None
            except OSError:
                pass  # deleted below instead
    finally:
        pelican.output_path = target
        _end()


def remove_old(old: str, when: str, target: str) -> None:
    """Delete the site that was replaced, now; or, in the background, by a detached
    process that keeps its folders as the next build's spare (``spare.py``)."""
    if when == "background":
        # The detached process is started first; the replaced site is then renamed
        # ``emptying`` with that process's id, before this build ends: no folder of a
        # finished build is left named ``building``, and whoever looks (the next build,
        # ``invoke clean``) sees a running process's folder and leaves it to it.
        token = uuid.uuid4().hex[:8]
        pid = _detached(["--take", token, target])
        if pid is not None:
            try:
                os.rename(old, spare.taken_path(target, pid, token))
                return
            except OSError:
                pass  # (that process gives up waiting for it)
    shutil.rmtree(old, ignore_errors=True)


def _detached(args: list[str]) -> int | None:
    """Start ``spare.py ARGS`` in a detached process; its process id, None if it did
    not start.

    Its own session, output to /dev/null, no other descriptor (Python's are not
    inherited): whoever waits for this build's output does not wait for it."""
    if not hasattr(os, "posix_spawn"):
        return None
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
    try:
        return os.posix_spawn(sys.executable, [sys.executable, spare.__file__, *args],
                              os.environ, file_actions=quiet, setsid=True)
    except OSError:
        return None


def _end() -> None:
    """Forget this build: delete its folder if it was not put in place, stop counting."""
    temp = _state["temp"]
    if temp is not None and _state["pid"] == os.getpid():
        shutil.rmtree(temp, ignore_errors=True)
    _state["temp"] = None
    if _state["counter"] is not None:
        logging.getLogger().removeHandler(_state["counter"])
        _state["counter"] = None
    _restore_signals()


def at_exit() -> None:
    """The process ends without ``finalized`` (an error, Ctrl-C): the site is unchanged.
    After a good build, the ``pelican`` command ends quickly (``end_quickly``)."""
    if _state["pid"] != os.getpid():
        return
    if _state["temp"] is None:
        end_quickly()
        return
    _end()
    if _state["interrupted"]:
        sys.stderr.write(f"Đã dừng, {_state['target']} giữ nguyên / Build interrupted; "
                         f"{_state['target']} was not changed\n")


def is_pelican_command() -> bool:
    """Whether this process is the ``pelican`` command (``python -m pelican`` or the
    ``pelican`` script), not a program that runs Pelican inside itself."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return getattr(spec, "name", None) == "pelican.__main__" or os.path.basename(sys.argv[0]) == "pelican"


def end_quickly() -> None:
    """End the process now, with status 0, when the build's site was put in place,
    nothing logged an error since (Pelican logs one before it exits with an error
    status), this is the ``pelican`` command and no child process is running. Runs as
    the last of the plugins' exit handlers (this plugin is the first registered); what
    Python itself would do after them is flushing the output streams and the log
    handlers, done here, and freeing memory."""
    ended_well = _state["ended_well"]
    if ended_well is None or ended_well.count or not is_pelican_command():
        return
    if multiprocessing.active_children():
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            return  # a stream Python would report on: leave the ending to it
    logging.shutdown()
    os._exit(0)


# --- Ctrl-C and kill -------------------------------------------------------------------
def _on_signal(signum, frame) -> None:
    if _state["pid"] != os.getpid():
        # A worker process forked during the build: behave as Python would.
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)
    if _state["temp"] is None:
        # The new site is in place (``finish``): the build ends by itself, the replaced site
        # deleted. Stopped here, it was left half-deleted under the name of a build in
        # progress, and the build ended with a stopped build's status, though its site was new.
        return
    _state["interrupted"] = signum
    # The same signal twice (Ctrl-C reaches both this build and the invoke task that
    # started it, which then sends it SIGTERM: ``staff.build.stop_child``) must not stop
    # the deleting of the unfinished folder halfway: once is enough until that is done
    # (``_end`` puts the handlers back).
    for other in STOP_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    raise BuildInterrupted(128 + signum)


#: The signals that stop a build, its unfinished folder deleted: Ctrl-C, SIGTERM (``kill
#: PID``, the invoke task that started it), and SIGHUP (its terminal window closed, which
#: reaches the build as well as the task: it ended at once, its folder left behind).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _unraisable(unraisable) -> None:
    """``sys.unraisablehook`` while the build catches the stop signals: a stop that came
    while Python ran an object's finalizer (``__del__``) raised ``BuildInterrupted``
    where Python cannot let an exception through; it printed "Exception ignored in" and
    a traceback, and the build ran on and put its site in place. The stop is kept
    (``_state["interrupted"]``, which ``finish`` honours) and no traceback shown; any
    other such exception is shown as before."""
    if not isinstance(unraisable.exc_value, BuildInterrupted):
        _state["old_unraisablehook"](unraisable)


def _catch_signals() -> None:
    if _state["old_unraisablehook"] is None:
        _state["old_unraisablehook"], sys.unraisablehook = sys.unraisablehook, _unraisable
    for signum in STOP_SIGNALS:
        if signum == getattr(signal, "SIGHUP", None) and signal.getsignal(signum) == signal.SIG_IGN:
            continue  # (started with nohup: it runs on after its terminal is closed)
        try:
            _state["old_handlers"][signum] = signal.signal(signum, _on_signal)
        except ValueError:
            pass  # not the main thread: leave signals alone


def _hold_stop_signals() -> set | None:
    """Keep Ctrl-C, SIGTERM and SIGHUP waiting (blocked) while the build makes its fresh
    folder and until it catches them: one that came in between, once the folder was made,
    ended the build at once (SIGTERM, SIGHUP: their default action, which ends even a
    build held stopped by SIGSTOP; Ctrl-C with a traceback), the folder left beside the
    site. The signals blocked before (for ``_let_stop_signals_through``); None where
    signals cannot be blocked (Windows)."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def _let_stop_signals_through(held: set | None) -> None:
    """The signals blocked again as before ``_hold_stop_signals``: one that came meanwhile
    is handled now, as it would have been once the folder was known (``_on_signal``, which
    ends the build; its folder is deleted at exit)."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _restore_signals() -> None:
    for signum, handler in _state["old_handlers"].items():
        try:
            signal.signal(signum, handler)
        except (ValueError, TypeError):
            pass
    _state["old_handlers"] = {}
    if _state["old_unraisablehook"] is not None:
        sys.unraisablehook, _state["old_unraisablehook"] = _state["old_unraisablehook"], None


# --- Pelican's signals -----------------------------------------------------------------
def _refuse(message: str) -> None:
    """One error line, then the build ends with status 1 (nothing touched yet)."""
    try:
        logger.error("safe_output: %s", message)
    except RuntimeError:
        pass  # --fatal: Pelican's logger raises after printing the line
    raise SystemExit(1)


def on_initialized(pelican) -> None:
    _state["target"] = None
    when = pelican.settings.get(REMOVE_OLD_SETTING, "now")
    if when not in REMOVE_OLD_CHOICES:
        _refuse(f"Setting '{REMOVE_OLD_SETTING}': expected one of "
                f"{', '.join(map(repr, REMOVE_OLD_CHOICES))}, but received: {when!r}")
    _state["remove_old"] = when
    try:
        begin(pelican)
    except UnsafeOutputPath as refused:
        _refuse(refused.message)
    # Connected now, after every plugin's register(): the swap runs after every other
    # plugin's ``finalized`` handler, so files they write there are part of the new site.
    signals.finalized.connect(on_finalized)


def on_get_generators(pelican):
    """Each run of ``pelican --autoreload`` builds into a fresh folder too."""
    begin(pelican)
    return None


def on_finalized(pelican) -> None:
    finish(pelican)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(on_get_generators)
    build_skipped.connect(abandon)
    atexit.register(at_exit)

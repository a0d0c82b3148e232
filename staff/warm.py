"""Warm builds for the live preview: a process that has already imported Pelican, the
plugins and their libraries forks one fresh child per build.

Starting Python and importing Pelican (with docutils), Markdown, Jinja2, Babel, Pillow,
Beautiful Soup and the plugins takes most of a second: most of a rebuild of a site of a
few hundred posts. Each build still runs in a process of its own, forked from one that
has never built anything, so nothing one build changes is seen by the next, exactly as
with a fresh ``python -m pelican``. The preview restarts the warm process when the
plugins' code changes (``Preview.rebuild``); where ``fork`` does not exist (Windows),
``WarmPelican.start`` returns None and builds run in fresh processes.

How the two talk: a Unix socket pair. For each build the preview sends the command line
(JSON) and, beside it, the writing end of a pipe (``socket.send_fds``); the warm process
forks, the child writes its log into that pipe and runs Pelican, and the warm process
answers with the child's exit status once it has ended. The preview reads the log from
the pipe as it comes, as it reads a fresh process's. The test suite's builds come the
same way (``tests/conftest.py``), each with two files for its output and its errors, as
``subprocess`` keeps them apart (``WarmPelican.run_into``).

With a build the preview may also send one end of a socket of its own (``keeper``):
the child then forks a *keeper* as its build finishes, a copy of itself holding the
site model, which, if the build passed, answers the preview's one request on that
socket to show a saved post at once (``staff/quick.py``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from .project import ROOT

#: The environment of a build whose log is captured (see ``staff.build``).
CAPTURED_ENV = {"COLUMNS": "1000"}  # wide enough that no message is wrapped

#: Modules imported once in the warm process (the plugins named by the settings too).
PRELOAD = ("pelican", "pelican.generators", "pelican.readers", "pelican.writers",
           "markdown", "jinja2", "babel.dates", "babel.support", "PIL.Image", "bs4",
           "typogrify.filters", "feedgenerator")
#: Longest message: a command line.
MAX_MESSAGE = 1 << 16


class WarmPelican:
    """The preview's side: start the warm process, run builds in it, stop it."""

    def __init__(self, proc: subprocess.Popen, sock: socket.socket):
        self.proc, self.sock = proc, sock

    @classmethod
    def start(cls, settings_file: str, env: dict[str, str] | None = None) -> WarmPelican | None:
        """A warm process for builds with ``settings_file``; None where fork is missing
        or the process could not start. Its builds have the environment ``env`` (by
        default this one's, with ``CAPTURED_ENV``).

        Its output is not a terminal, and it is as wide as ``pelican_build`` makes a
        captured log: Pelican's console decides both when it is imported, here."""
        if not hasattr(os, "fork") or not hasattr(socket, "send_fds"):
            return None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "staff.warm", str(theirs.fileno()), settings_file],
                cwd=ROOT, env={**os.environ, **CAPTURED_ENV} if env is None else env,
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            ours.close()
            return None
        finally:
            theirs.close()
        warm = cls(proc, ours)
        if warm._receive() != {"ready": True}:
            warm.stop()
            return None
        return warm

    def run(self, cmd: list[str], keeper: socket.socket | None = None):
        """Start one build of ``cmd`` (a ``python -m pelican ...`` command line):
        ``(log, wait)``, the log as a text stream and a function that waits for the
        exit status. ``OSError`` if the warm process is gone. With ``keeper`` (one end
        of a socket pair), a build that passes leaves a keeper at its other end."""
        read_end, write_end = os.pipe()
        try:
            self._send(cmd, [write_end] + ([keeper.fileno()] if keeper is not None else []))
        except OSError:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        return open(read_end, encoding="utf-8", errors="replace"), self._wait

    def run_into(self, cmd: list[str], stdout: int, stderr: int) -> int:
        """Run one build of ``cmd``, its output written to the file descriptor ``stdout``
        and its errors to ``stderr``, to its end: its exit status. ``OSError`` if the
        warm process is gone."""
        self._send(cmd, [stdout, stderr], outputs=2)
        return self._wait()

    def _send(self, cmd: list[str], fds: list[int], outputs: int = 1) -> None:
        """Ask for a build of ``cmd``: ``fds`` are its ``outputs`` (its log, or its output
        and its errors), then a keeper's socket, if any."""
        message = {"argv": cmd[3:], "outputs": outputs}  # after "python -m pelican"
        socket.send_fds(self.sock, [json.dumps(message).encode() + b"\n"], fds)

    def _wait(self) -> int:
        """The exit status of the build asked for."""
        answer = self._receive()
        if not answer or "status" not in answer:
            raise OSError("the warm build process ended")
        return int(answer["status"])

    def _receive(self) -> dict | None:
        data = b""
        while not data.endswith(b"\n"):
            chunk = self.sock.recv(MAX_MESSAGE)
            if not chunk:
                return None
            data += chunk
        return json.loads(data)

    def stop(self) -> None:
        self.sock.close()  # the warm process ends when its socket closes
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# --- The warm process ----------------------------------------------------------------


def preload(settings_file: str) -> None:
    """Import Pelican, the libraries and the plugins the settings name."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    try:
        from pelican.settings import read_settings

        settings = read_settings(str(ROOT / settings_file))
        for path in settings.get("PLUGIN_PATHS", []):
            path = str(Path(ROOT, path))
            if path not in sys.path:
                sys.path.insert(0, path)
        for name in settings.get("PLUGINS") or []:
            importlib.import_module(name)
    except Exception:  # noqa: BLE001 - the build itself will report what is wrong
        pass


def child(argv: list[str], outputs: list[int], keeper_fd: int | None = None) -> None:
    """Run Pelican with ``argv`` writing its log to ``outputs`` (one file descriptor for
    all, or one for its output and one for its errors); never returns.

    The process ends as a fresh ``python -m pelican`` would, with the same status and
    its exit handlers run (``safe_output`` deletes an unfinished build's folder in one,
    ``logging`` flushes), but without taking apart the whole site model object by
    object on the way out: a fifth of a second at 3,000 posts. With ``keeper_fd``, a
    keeper is forked as the build finishes and serves if it passed (``quick.Kept``)."""
    os.dup2(outputs[0], 1)
    os.dup2(outputs[-1], 2)
    for fd in outputs:
        os.close(fd)
    import atexit
    import traceback

    import pelican

    from . import quick

    kept = quick.Kept(keeper_fd) if keeper_fd is not None else None
    if kept is not None:
        kept.listen()
    sys.argv = ["pelican", *argv]
    try:
        pelican.main()
        status = 0
    except KeyboardInterrupt:
        status = 130
    except SystemExit as end:
        status = _exit_status(end.code)
    except BaseException:  # noqa: BLE001 -- shown as Python would, then the same status
        traceback.print_exc()
        status = 1
    if kept is not None:
        kept.release(status == 0)
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _exit_status(code) -> int:
    """The status ``sys.exit(code)`` gives (a message is printed, with status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def serve(sock: socket.socket, settings_file: str) -> None:
    """Answer build requests on ``sock`` until it closes."""
    preload(settings_file)
    sock.sendall(b'{"ready": true}\n')
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 3)
        except OSError:
            return
        if not message:
            return
        request = json.loads(message)
        outputs = request.get("outputs", 1)
        keeper = fds[outputs] if len(fds) > outputs else None
        pid = os.fork()
        if pid == 0:
            sock.close()
            child(request["argv"], fds[:outputs], keeper)  # ends this process
        for fd in fds:
            os.close(fd)
        _, code = os.waitpid(pid, 0)
        sock.sendall(json.dumps({"status": os.waitstatus_to_exitcode(code)}).encode() + b"\n")


if __name__ == "__main__":
    serve(socket.socket(fileno=int(sys.argv[1])), sys.argv[2])

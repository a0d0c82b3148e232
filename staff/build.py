"""Run Pelican in a fresh process; the safe_output plugin swaps the result in only if it passed."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .project import CONTENT, OUTPUT, ROOT
from .serve import STOP_SIGNALS
from .warm import CAPTURED_ENV, WarmPelican


@dataclass
class Build:
    """The outcome of one Pelican run: its exit status and, when captured, its log."""

    status: int
    log: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 0

    def error_lines(self) -> list[str]:
        """What went wrong, one line each (for the preview's error panel)."""
        found = [m["message"] for m in map(LOG_LINE.match, self.log.splitlines()) if m]
        return found or [ln.strip() for ln in self.log.splitlines() if ln.strip()][-10:]


#: A line of Pelican's log as its (rich) handler prints it to a pipe:
#: "[08:30:00] ERROR    message    errors.py:44" (the time only when it changed).
LOG_LINE = re.compile(r"^(?:\[[\d:]+\])?\s*(?P<level>ERROR|CRITICAL|WARNING)\s+(?P<message>.*?)"
                      r"(?:\s{2,}\S+\.py:\d+)?\s*$")


def pelican_command(settings_file: str, output: Path, content: Path = CONTENT,
                    cache: Path | None = None, overrides: dict | None = None) -> list[str]:
    # Pelican's default log handler: "--log-handler plain" prints no log lines at all
    # (Pelican 4.12 passes no handler), so content errors would go unseen.
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings_file),
           "-o", str(output), "--fatal", "warnings"]
    settings = {"CACHE_PATH": str(cache)} if cache is not None else {}
    settings.update(overrides or {})
    if settings:  # one -e for all: Pelican keeps only the last -e of a command line
        cmd += ["-e", *[f"{key}={json.dumps(value)}" for key, value in settings.items()]]
    return cmd


def pelican_build(settings_file: str, output: Path, content: Path = CONTENT,
                  cache: Path | None = None, capture: bool = False,
                  overrides: dict | None = None, warm: WarmPelican | None = None,
                  keeper=None) -> Build:
    """Run Pelican in a fresh process (plugins and settings reloaded every time).

    The log is printed as it comes, a line a message; with ``capture`` it is also kept.
    With ``warm`` (and ``capture``), the process is forked by that warm process
    (``staff.warm``), and leaves a keeper at the other end of the socket ``keeper`` if it
    passes.
    """
    cmd = pelican_command(settings_file, output, content, cache, overrides)
    # Always through a pipe, echoed a line a message: in a terminal Pelican's handler
    # wraps each message to its width and adds the plugin's file and line (5 lines,
    # the file's path cut in two, for one error in 80 columns).
    if warm is not None:
        log, wait = warm.run(cmd, keeper)
        with log:
            lines = _echo(log)
        return Build(wait(), "".join(lines))
    with subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace",
                          env={**os.environ, **CAPTURED_ENV}) as proc:
        try:
            lines = _echo(proc.stdout)
        except KeyboardInterrupt:  # (Ctrl-C, or SIGTERM where stop_on_sigterm made it one)
            raise BuildStopped(Build(stop_child(proc))) from None
    return Build(proc.returncode, "".join(lines) if capture else "")


def stop_child(proc: subprocess.Popen) -> int:
    """After Ctrl-C or SIGTERM in this process, end ``proc`` as it ends on its own
    signal, and wait for it: its exit status. Ctrl-C in a terminal reaches it too, but
    ``kill PID`` (and a closed terminal's or a service manager's SIGTERM, which some send
    to this process alone) did not: the build went on without anyone reading it and put
    its site in place, or rsync went on copying, after the task had ended. It is sent
    SIGTERM (the Pelican build then deletes its unfinished folder, ``safe_output``; rsync
    deletes its partial files) and its output is read to the end, this process ignoring
    these signals (and SIGHUP, a closed terminal's, ``serve.STOP_SIGNALS``) meanwhile: a
    second Ctrl-C does not leave it unwaited for."""
    stopping = {signal.SIGINT, *STOP_SIGNALS}
    held = hasattr(signal, "pthread_sigmask")  # (not on Windows)
    if held:
        signal.pthread_sigmask(signal.SIG_BLOCK, stopping)  # (from here none raises before it is ignored)
    ignored = {}
    try:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        for signum in stopping:
            try:
                ignored[signum] = signal.signal(signum, signal.SIG_IGN)
            except ValueError:
                pass  # (not the main thread)
    finally:
        if held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, stopping)
    try:
        proc.communicate()
    finally:
        for signum, handler in ignored.items():
            signal.signal(signum, handler)
    return proc.returncode


#: Pelican's last line, in English, counting each language's version of a post.
DONE_LINE = re.compile(r"^Done: Processed (?P<articles>\d+) articles?, \d+ drafts?, \d+ hidden articles?, "
                       r"(?P<pages>\d+) pages?, .* in (?P<seconds>[\d.]+) seconds?\.\s*$")


def _echo(log) -> list[str]:
    """Print a build's log as it comes, a message a line (Pelican's "Done" line in both
    languages); its lines.

    A message is printed without its level: "ERROR" was an English word at the head of
    each of staff's Vietnamese-first lines, and the file's name is what they look for
    first (as ``invoke check`` prints it). With ``--fatal warnings`` any of them stops
    the build, and the last line says so."""
    lines = []
    for line in log:
        match = LOG_LINE.match(line)
        shown = match["message"] if match else line.rstrip()
        if done := DONE_LINE.match(line):
            seconds = done["seconds"]
            shown = (f"Xong trong {seconds.replace('.', ',')} giây: {done['articles']} bài viết, {done['pages']} "
                     f"trang (mỗi ngôn ngữ tính riêng) / Done in {seconds} s: {done['articles']} posts and "
                     f"{done['pages']} pages (each language counted)")
        sys.stdout.write(shown + "\n")
        lines.append(line)
    sys.stdout.flush()
    return lines


class BuildFailed(Exception):
    """The build did not pass; nothing was replaced or deployed."""

    def __init__(self, build: Build):
        self.build = build
        super().__init__(f"pelican exited with status {build.status}")


class BuildStopped(Exception):
    """Ctrl-C or SIGTERM during the build; ``build.ok`` when it had finished all the
    same (its site is in place), else nothing was replaced (``stop_child``)."""

    def __init__(self, build: Build):
        self.build = build
        super().__init__(f"pelican stopped with status {build.status}")


def build_into_place(settings_file: str, output: Path = OUTPUT, content: Path = CONTENT,
                     cache: Path | None = None, capture: bool = False,
                     overrides: dict | None = None, warm: WarmPelican | None = None,
                     keeper=None) -> Build:
    """Build into ``output``; a failed build leaves the previous site untouched.

    The safe_output plugin makes every Pelican run atomic: it builds into a fresh folder
    beside ``output`` and swaps it in only when the build passed. Raises ``BuildFailed``.
    """
    build = pelican_build(settings_file, output, content, cache, capture, overrides, warm, keeper)
    if not build.ok:
        raise BuildFailed(build)
    return build


BUILT_MESSAGE = ("Trang web đã được tạo trong {name}/; xem thử: {serve} rồi mở "
                 "http://localhost:8000 / The site is in {name}/; to see it: {serve}")
FAILED_MESSAGE = ("Xây dựng thất bại, trang cũ được giữ nguyên. / Build failed; "
                  "the previous {name}/ is unchanged.")
#: The same, where there was no site to keep (a first build).
NOT_MADE_MESSAGE = "Xây dựng thất bại, chưa tạo {name}/. / Build failed; {name}/ was not made."
#: ``invoke build`` stopped by Ctrl-C or SIGTERM (``BuildStopped``): as the build had
#: left ``{name}``.
STOPPED_MESSAGE = "Đã dừng, trang cũ trong {name}/ được giữ nguyên. / Stopped; the previous {name}/ is unchanged."
STOPPED_NOT_MADE_MESSAGE = "Đã dừng, chưa tạo {name}/. / Stopped; {name}/ was not made."
STOPPED_DONE_MESSAGE = ("Đã dừng, nhưng lúc đó đã xây dựng xong: {name}/ là trang mới. / Stopped, but "
                        "the build had finished: {name}/ holds the new site.")

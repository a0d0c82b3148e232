"""Run Pelican in a fresh process; the safe_output plugin swaps the result in only if it passed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .project import CONTENT, OUTPUT, ROOT
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
        lines = _echo(proc.stdout)
    return Build(proc.returncode, "".join(lines) if capture else "")


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

"""Run Pelican in a fresh process, into a fresh folder; swap it in only if the build passed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .project import CONTENT, OUTPUT, ROOT


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
                    cache: Path | None = None) -> list[str]:
    # Pelican's default log handler: "--log-handler plain" prints no log lines at all
    # (Pelican 4.12 passes no handler), so content errors would go unseen.
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings_file),
           "-o", str(output), "--fatal", "warnings"]
    if cache is not None:
        cmd += ["-e", f"CACHE_PATH={json.dumps(str(cache))}"]
    return cmd


def pelican_build(settings_file: str, output: Path, content: Path = CONTENT,
                  cache: Path | None = None, capture: bool = False) -> Build:
    """Run Pelican in a fresh process (plugins and settings reloaded every time).

    With ``capture`` the log is kept (and still printed as it comes).
    """
    cmd = pelican_command(settings_file, output, content, cache)
    if not capture:
        return Build(subprocess.call(cmd, cwd=ROOT))
    env = {**os.environ, "COLUMNS": "1000"}  # wide enough that no message is wrapped
    lines = []
    with subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace", env=env) as proc:
        for line in proc.stdout:
            match = LOG_LINE.match(line)
            shown = f"{match['level']:<8} {match['message']}" if match else line.rstrip()
            sys.stdout.write(shown + "\n")
            lines.append(line)
    sys.stdout.flush()
    return Build(proc.returncode, "".join(lines))


class BuildFailed(Exception):
    """The build did not pass; nothing was replaced or deployed."""

    def __init__(self, build: Build):
        self.build = build
        super().__init__(f"pelican exited with status {build.status}")


def fresh_folder(beside: Path) -> Path:
    """An empty folder next to ``beside`` (same file system, so it can be renamed into place)."""
    beside.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{beside.name}.new-", dir=beside.parent))


def build_into_place(settings_file: str, output: Path = OUTPUT, content: Path = CONTENT,
                     cache: Path | None = None, capture: bool = False) -> Build:
    """Build into a fresh folder beside ``output`` and swap it in only if the build passed.

    A failed build leaves the previous site untouched and raises ``BuildFailed``.
    """
    fresh = fresh_folder(output)
    try:
        build = pelican_build(settings_file, fresh, content, cache, capture)
        if not build.ok:
            raise BuildFailed(build)
        swap_in(fresh, output)
        return build
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def swap_in(fresh: Path, output: Path) -> None:
    """Put ``fresh`` where ``output`` is, the old one out of the way first."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rename(output, old / "site")
    os.rename(fresh, output)
    if old is not None:
        shutil.rmtree(old)


FAILED_MESSAGE = ("Xây dựng thất bại, trang cũ được giữ nguyên. / Build failed; "
                  "the previous {name}/ is unchanged.")

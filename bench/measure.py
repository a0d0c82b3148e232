"""Timing one build in a child process, and comparing two output trees byte for byte."""

from __future__ import annotations

import filecmp
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One build: wall seconds, CPU seconds (user + system) and peak RSS in MiB.

    CPU and RSS come from the kernel's accounting of the child (``os.wait4``): CPU
    includes the processes it started and waited for (a pool of workers), the peak RSS is
    that of the largest single process among them.
    """

    wall: float
    cpu: float
    rss_mib: float
    warnings: int = 0


class BuildFailed(Exception):
    """A build exited with a non-zero status; the message holds the end of its log."""


def run_timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Sample:
    """Run ``cmd`` in ``cwd`` with its output in a temporary log; time it."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read()
    if child.returncode != 0:
        raise BuildFailed(f"build failed (exit status {child.returncode}) in {cwd}:\n"
                          f"  {' '.join(map(str, cmd))}\n{text[-4000:]}")
    warnings = sum(1 for line in text.splitlines() if "WARNING" in line or "ERROR" in line)
    # ru_maxrss is in KiB on Linux.
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, warnings)


@dataclass(frozen=True)
class TreeComparison:
    files: int
    #: The first differing file (sorted by path) and how it differs, or None.
    first_difference: str | None

    @property
    def identical(self) -> bool:
        return self.first_difference is None


def _files(root: Path) -> set[str]:
    found = set()
    for folder, _, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        for name in names:
            found.add(name if rel == "." else os.path.join(rel, name))
    return found


def compare_trees(built: Path, clean: Path) -> TreeComparison:
    """Compare every file of two output folders byte for byte."""
    filecmp.clear_cache()
    ours, theirs = _files(built), _files(clean)
    for rel in sorted(ours | theirs):
        if rel not in theirs:
            return TreeComparison(len(ours), f"{rel} (only in the rebuild)")
        if rel not in ours:
            return TreeComparison(len(ours), f"{rel} (only in the clean build)")
        if not filecmp.cmp(built / rel, clean / rel, shallow=False):
            return TreeComparison(len(ours), f"{rel} (contents differ)")
    return TreeComparison(len(ours), None)

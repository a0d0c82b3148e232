"""The live preview's latency: from saving a post to the open page showing it.

Runs ``invoke livereload`` on the project's corpus as staff run it, waits for its first
build, then appends a paragraph to one post N times and measures, each time, from the
write until the preview's state (``/__preview__/state``, which the open pages long-poll
and reload on) reports the saved post shown (the count of finished builds goes up:
first when the last build's keeper has written the post's pages, ``staff/quick.py``),
and until the whole site is rebuilt. The next save waits for that. The browser's own
reload adds the loading of one page from the local server.
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.corpus import Corpus, edit
from bench.measure import BuildFailed

ROOT = Path(__file__).resolve().parents[1]
#: The longest the first (cold) build of the preview may take.
FIRST_BUILD_TIMEOUT = 3600
#: The longest one rebuild may take.
REBUILD_TIMEOUT = 600
#: Pause between edits, so each is a save of its own.
PAUSE = 1.0

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _state(port: int) -> dict | None:
    try:
        with _opener.open(f"http://127.0.0.1:{port}/__preview__/state", timeout=10) as r:
            return json.loads(r.read())
    except OSError:
        return None


def _wait_build(port: int, after: int, timeout: float, proc: subprocess.Popen,
                settled: bool = True) -> dict:
    """The state once a build after the ``after``-th has finished (and, if ``settled``,
    none is running)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BuildFailed(f"invoke livereload stopped (exit {proc.returncode})")
        state = _state(port)
        if state and state["build"] > after and not (settled and state["building"]):
            if not state["ok"]:
                raise BuildFailed("the preview's build failed: " + "; ".join(state["errors"][:3]))
            return state
        time.sleep(0.02)
    raise BuildFailed(f"the preview did not rebuild within {timeout:.0f} s")


def latencies(corpus: Corpus, python: str, edits: int, work: Path) -> tuple[list[float], list[float]]:
    """Seconds from each of ``edits`` saves to the preview showing the saved post, and
    to the whole site rebuilt."""
    port = _free_port()
    cmd = [python, "-m", "invoke", "livereload", "--port", str(port),
           "--content", str(corpus.project_content), "--output", str(work / "preview-output"),
           "--cache", str(work / "preview-cache")]
    with open(work / "preview.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        try:
            state = _wait_build(port, 0, FIRST_BUILD_TIMEOUT, proc)
            shown, rebuilt = [], []
            for n in range(edits):
                time.sleep(PAUSE)
                edit(corpus, "project", 1000 + n)
                started = time.perf_counter()
                before = state["build"]
                state = _wait_build(port, before, REBUILD_TIMEOUT, proc, settled=False)
                shown.append(time.perf_counter() - started)
                state = _wait_build(port, before, REBUILD_TIMEOUT, proc)
                rebuilt.append(time.perf_counter() - started)
            return shown, rebuilt
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def median(values: list[float]) -> float:
    return statistics.median(values)

"""The live preview's latency: from saving a post to the rebuilt site being served.

Runs ``invoke livereload`` on the project's corpus as staff run it, waits for its first
build, then appends a paragraph to one post N times and measures, each time, from the
write until the preview's state (``/__preview__/state``, which the open pages long-poll
and reload on) reports the next build finished. The browser's own reload adds the
loading of one page from the local server.
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


def _wait_build(port: int, after: int, timeout: float, proc: subprocess.Popen) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BuildFailed(f"invoke livereload stopped (exit {proc.returncode})")
        state = _state(port)
        if state and state["build"] > after and not state["building"]:
            if not state["ok"]:
                raise BuildFailed("the preview's build failed: " + "; ".join(state["errors"][:3]))
            return state
        time.sleep(0.02)
    raise BuildFailed(f"the preview did not rebuild within {timeout:.0f} s")


def latencies(corpus: Corpus, python: str, edits: int, work: Path) -> list[float]:
    """Seconds from each of ``edits`` saves to the preview serving the rebuilt site."""
    port = _free_port()
    cmd = [python, "-m", "invoke", "livereload", "--port", str(port),
           "--content", str(corpus.project_content), "--output", str(work / "preview-output"),
           "--cache", str(work / "preview-cache")]
    with open(work / "preview.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        try:
            state = _wait_build(port, 0, FIRST_BUILD_TIMEOUT, proc)
            found = []
            for n in range(edits):
                time.sleep(PAUSE)
                edit(corpus, "project", 1000 + n)
                started = time.perf_counter()
                state = _wait_build(port, state["build"], REBUILD_TIMEOUT, proc)
                found.append(time.perf_counter() - started)
            return found
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def median(values: list[float]) -> float:
    return statistics.median(values)

"""Helpers for the staff tools' tests: running invoke tasks, ports, HTTP, photos, waiting."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, small_site, write_files

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: A post of the small fixture site with a photo placed in its Vietnamese text.
PHOTO_POST = "tin-tuc/tin-hoat-dong/le-khai-giang-2018"


def invoke(*args: str, home: Path, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    """Run ``invoke ARGS`` as people do (a fresh process), from the project folder."""
    return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args],
                          cwd=ROOT, capture_output=True, text=True, env=clean_env(home),
                          timeout=timeout, **kwargs)


def invoke_into_closed_pipe(*args: str, home: Path, timeout: float = 600,
                            stderr_too: bool = False) -> subprocess.CompletedProcess:
    """``invoke ARGS | head`` once head has its lines: standard output is a pipe closed
    before the task starts, so that its first write (or Python's flush at exit) meets it
    so; standard error is captured. With ``stderr_too``, ``invoke ARGS 2>&1 | head``:
    standard error is that closed pipe too (what it says is lost, as under head)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args],
                              cwd=ROOT, stdout=write, stderr=write if stderr_too else subprocess.PIPE,
                              text=True, env=clean_env(home), timeout=timeout)
    finally:
        os.close(write)


def clean_env(home: Path) -> dict:
    """The environment of a staff member's shell, without this machine's git settings."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
            "LANG": "C.UTF-8", "COLUMNS": "400", "GIT_CONFIG_NOSYSTEM": "1"}


def jpeg(size=(800, 600), colour=(30, 90, 160)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def site_with_photo() -> dict[str, str | bytes]:
    """The small fixture site; one translated post places a photo in its Vietnamese text."""
    files = small_site()
    files[f"{PHOTO_POST}/index.vi.md"] += "\n![Toàn cảnh lớp học](lop-hoc.jpg)\n"
    files[f"{PHOTO_POST}/lop-hoc.jpg"] = jpeg()
    return files


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str, timeout: float = 30) -> tuple[int, object, bytes]:
    """GET ``url`` (no proxy): status, headers (any case), body; HTTP errors are answers too."""
    try:
        with _opener.open(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(condition, timeout: float, what: str, interval: float = 0.25):
    """Poll ``condition()`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except (OSError, urllib.error.URLError) as error:
            last_error = error
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what} (last error: {last_error})")


@contextlib.contextmanager
def running_preview(tmp_path: Path):
    """``invoke livereload`` on the photo fixture site in a subprocess; stopped at the end
    by Ctrl-C's SIGINT, which it takes as a terminal leaves it (``as_a_terminal_starts_it``):
    from a test run started with ``&`` the preview ignored it, and each test waited its
    full minute before the preview was killed.

    Yields the base URL, the content folder, the process and its log file.
    """
    write_files(tmp_path / "content", site_with_photo())
    port = free_port()
    log = open(tmp_path / "preview.log", "w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "livereload",
         "--port", str(port), "--content", str(tmp_path / "content"),
         "--output", str(tmp_path / "output"), "--cache", str(tmp_path / "cache")],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=clean_env(tmp_path),
        start_new_session=True, preexec_fn=as_a_terminal_starts_it)
    try:
        yield f"http://127.0.0.1:{port}", tmp_path / "content", process, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()



@contextlib.contextmanager
def as_unprivileged_user():
    """The start of a command that runs it as the user ``nobody``, and a folder that user
    can read (for the files it needs; deleted after); skips the test where that cannot be
    (the tests run as another user than root, no setpriv, a project that user cannot
    read). Run as root, a task can do what a staff member's account cannot (open port 80)."""
    import shutil

    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to run a task as the user nobody (as root, setpriv drops the rights)")
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("needs setpriv (Debian's util-linux) to run a task as the user nobody")
    start = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*start, sys.executable, "-c", "import invoke, tasks"], cwd=ROOT,
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"the user nobody cannot run the project where it is: {probe.stderr[-300:]}")
    with tempfile.TemporaryDirectory() as shared:
        os.chmod(shared, 0o755)
        yield start, Path(shared)


def as_a_terminal_starts_it() -> None:
    """(``preexec_fn``) Ctrl-C's and a closed terminal's signals as a terminal leaves them,
    whatever this test run was started with (``&`` ignores SIGINT, ``nohup`` SIGHUP)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def stop_as(pid: int, how: str) -> None:
    """Stop the task ``pid`` (started in its own session) as ``how`` does: "sigterm" is
    ``kill PID``, which reaches the task alone; "ctrl-c" and "sighup" (a closed terminal)
    reach its whole group, its build or rsync too."""
    if how == "sigterm":
        os.kill(pid, signal.SIGTERM)
    else:
        os.killpg(pid, signal.SIGINT if how == "ctrl-c" else signal.SIGHUP)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started that are still running (Linux's /proc)."""
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(n) for n in f.read().split()]


def in_group(group: int) -> list[int]:
    """The processes of process group ``group`` still running (zombies are ended)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            found.append(int(entry.name))
    return found


def ignores(pid: int, signum: int) -> bool:
    """Whether ``pid`` ignores ``signum`` now (a task does while it waits for the build it
    has just stopped: ``staff.build.stop_child``)."""
    with open(f"/proc/{pid}/status") as f:
        mask = next(int(line.split()[1], 16) for line in f if line.startswith("SigIgn:"))
    return bool(mask & (1 << (signum - 1)))


@contextlib.contextmanager
def held(pid: int):
    """``pid`` stopped (SIGSTOP) for the block, then let go on (SIGCONT): a signal sent to it
    meanwhile waits, to be handled where it was held."""
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)


@contextlib.contextmanager
def started_as_from_a_terminal(tmp_path: Path, *task: str, env: dict | None = None):
    """``invoke TASK`` in a subprocess of its own process group, started as a terminal
    starts it (``as_a_terminal_starts_it``), its output piped; the process, killed with its
    group at the end if it is still running."""
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *task],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env or clean_env(tmp_path), start_new_session=True, preexec_fn=as_a_terminal_starts_it)
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def stopped_while_building(tmp_path: Path, how: str, *task: str) -> tuple[subprocess.CompletedProcess, int, Path]:
    """``invoke TASK`` (``publish``, ``gh-pages`` and their options) on the content and
    cache in ``tmp_path``, started as a terminal starts it and stopped as ``how`` does
    (``stop_as``) while its production build writes its fresh folder: the build is held
    (SIGSTOP) there until the task has begun to stop it. The task's outcome, its
    build's process id and the task's temporary folder (its ``TMPDIR``)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    with started_as_from_a_terminal(tmp_path, *task, "--content", str(tmp_path / "content"),
                                    "--cache", str(tmp_path / "cache"),
                                    env={**clean_env(tmp_path), "TMPDIR": str(temp)}) as process:
        # The production build's fresh folder (safe_output) beside the task's temporary one.
        wait_for(lambda: any(".building-" in p.name for p in temp.iterdir()) or process.poll() is not None, 120,
                 "the production build to start writing", interval=0.01)
        [pelican] = children(process.pid)
        with held(pelican):
            assert any(".building-" in p.name for p in temp.iterdir()), "the build ended before it could be held"
            stop_as(process.pid, how)
            wait_for(lambda: ignores(process.pid, signal.SIGTERM), 30, "the task to stop its build", interval=0.01)
        out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), pelican, temp

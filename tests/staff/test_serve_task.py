"""``invoke serve``: the built site over HTTP, and one clear line when it cannot serve."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time

import pytest
from conftest import section_files, write_files
from staff_support import ROOT, as_a_terminal_starts_it, as_unprivileged_user, clean_env, fetch, free_port, invoke, wait_for

STOPPED = "Đã dừng phục vụ trang. / Server stopped."


def start_serving(small, tmp_path) -> tuple[subprocess.Popen, int]:
    """``invoke serve`` on the built site, in the background: the process and its port."""
    port = free_port()
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "serve", "--port", str(port),
         "--output", str(small.output)], cwd=ROOT, env=clean_env(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), port


def test_serves_the_built_site_with_its_404_page(small, tmp_path):
    server, port = start_serving(small, tmp_path)
    try:
        base = f"http://127.0.0.1:{port}"
        status, headers, body = wait_for(lambda: _answer(f"{base}/"), 30, "invoke serve to answer")
        assert status == 200 and b"<html" in body
        # The headers of the site's _headers file, as Netlify or Cloudflare Pages send them.
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Cache-Control"] is None
        status, headers, body = fetch(f"{base}/khong-co-trang-nay/")
        assert status == 404 and body == (small.output / "404.html").read_bytes()
        assert headers["X-Content-Type-Options"] == "nosniff"
        theme_file = re.search(rb'href="(/theme/css/site\.css[^"]*)"', (small.output / "index.html").read_bytes())[1]
        status, headers, _ = fetch(base + theme_file.decode())
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _answer(url):
    try:
        return fetch(url, timeout=5)
    except OSError:
        return None


def test_only_its_own_line_is_printed_while_a_browser_reads_the_site(small, tmp_path):
    """The staff guide has staff run ``invoke serve``: each file a browser asked printed a
    technical line in English ("127.0.0.1 - - [...] "GET /theme/css/site.css…" 200 -", a
    "404" for an address that is not there), a screenful for one page."""
    server, port = start_serving(small, tmp_path)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _answer(f"{base}/"), 30, "invoke serve to answer")
        assert fetch(f"{base}/khong-co-trang-nay/")[0] == 404
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert out.splitlines() == [f"Xem trang tại / serving at http://localhost:{port}/ (Ctrl-C để dừng / to stop)",
                                STOPPED]
    assert err == "", err


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "sighup"])
def test_ctrl_c_and_sigterm_stop_it_alike(small, tmp_path, signum):
    """Stopped by SIGTERM (``kill``, a service manager), the server ended without a word
    and with status 143; by SIGHUP (its terminal window closed), without a word and 129;
    by Ctrl-C, without a word and 0. All now say it stopped, and exit 0."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "serve", "--port", str(port),
         "--output", str(small.output)], cwd=ROOT, env=clean_env(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=as_a_terminal_starts_it)
    try:
        wait_for(lambda: _answer(f"http://127.0.0.1:{port}/"), 30, "invoke serve to answer")
        server.send_signal(signum)
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert (server.returncode, out.splitlines()[-1], err) == (0, STOPPED, "")


def test_started_with_nohup_it_runs_on_when_its_terminal_is_closed(small, tmp_path):
    """``nohup invoke serve &`` asks it to run on after its terminal is closed (SIGHUP
    ignored): the handler that stops it on SIGHUP as on Ctrl-C would undo that."""
    port = free_port()

    def nohup() -> None:
        as_a_terminal_starts_it()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "serve", "--port", str(port),
         "--output", str(small.output)], cwd=ROOT, env=clean_env(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=nohup)
    try:
        wait_for(lambda: _answer(f"http://127.0.0.1:{port}/"), 30, "invoke serve to answer")
        server.send_signal(signal.SIGHUP)
        time.sleep(1)  # (not a timing assertion: time for a stop it must not make)
        assert server.poll() is None, "stopped by SIGHUP under nohup"
        assert fetch(f"http://127.0.0.1:{port}/")[0] == 200
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert (server.returncode, out.splitlines()[-1], err) == (0, STOPPED, "")


def test_a_port_in_use_is_named_with_one_to_try(small, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("serve", "--port", str(port), "--output", str(small.output), home=tmp_path,
                        timeout=60)
    assert result.returncode == 2
    assert f"port {port} is in use; try --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("task", ["serve", "livereload"])
def test_a_port_only_administrators_may_open_is_one_line(task):
    """``invoke serve --port 80`` by a staff member's account (not root): a PermissionError
    traceback. Now one line naming a port to use, exit 2 as for a port in use."""
    with as_unprivileged_user() as (as_nobody, shared):
        (shared / "output").mkdir()
        (shared / "output" / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
        write_files(shared / "content", section_files("tin-tuc", "Tin tức", "News"))
        args = ["--content", str(shared / "content")] if task == "livereload" else []
        result = subprocess.run(
            [*as_nobody, sys.executable, "-m", "invoke", "--search-root", str(ROOT), task, "--port", "80",
             "--output", str(shared / "output"), *args],
            cwd=ROOT, capture_output=True, text=True, env=clean_env(shared), timeout=120)
    assert (result.returncode, result.stderr.strip()) == (2, (
        "Cổng 80 cần quyền quản trị; hãy dùng một cổng như 8000: --port 8000 / port 80 needs "
        "administrator rights; use a port like 8000: --port 8000")), result.stderr


def test_without_a_built_site_it_says_to_build_first(tmp_path):
    result = invoke("serve", "--port", str(free_port()), "--output", str(tmp_path / "output"),
                    home=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "run invoke build first" in result.stderr and "Traceback" not in result.stderr


def test_a_browser_going_away_mid_answer_prints_no_traceback(small, tmp_path):
    """A page left or a tab closed while the server answers (the live preview's reload
    script waits on a request all the time): each printed a 25-line BrokenPipeError
    traceback, which looked like a crash."""
    import struct

    server, port = start_serving(small, tmp_path)
    try:
        wait_for(lambda: _answer(f"http://127.0.0.1:{port}/"), 30, "invoke serve to answer")
        biggest = max((p for p in small.output.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
        path = "/" + biggest.relative_to(small.output).as_posix()
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
                client.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
                client.recv(1)
                # Closed with unread data: the server's next write meets a reset.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        assert _answer(f"http://127.0.0.1:{port}/")[0] == 200  # still serving
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Traceback" not in err and "BrokenPipe" not in err and "ConnectionReset" not in err, err

"""``invoke serve``: the built site over HTTP, and one clear line when it cannot serve."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

from staff_support import ROOT, clean_env, fetch, free_port, invoke, wait_for


def test_serves_the_built_site_with_its_404_page(small, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "serve", "--port", str(port),
         "--output", str(small.output)], cwd=ROOT, env=clean_env(tmp_path),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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


def test_without_a_built_site_it_says_to_build_first(tmp_path):
    result = invoke("serve", "--port", str(free_port()), "--output", str(tmp_path / "output"),
                    home=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "run invoke build first" in result.stderr and "Traceback" not in result.stderr

"""``invoke serve``: the built site over HTTP as a static host serves it — a missing
address gets the site's ``404.html`` (``plugins/not_found``) with status 404, as on
GitHub Pages, Netlify or nginx with ``error_page 404 /404.html``."""

from __future__ import annotations

import errno
import functools
import http.server
import os
import sys
from pathlib import Path

from .project import port_in_use

#: The page for missing addresses, at the root of the served folder (``NOT_FOUND_SAVE_AS``).
NOT_FOUND = "404.html"


def send_body(handler: http.server.BaseHTTPRequestHandler, body: bytes, content_type: str,
              status: int = 200) -> None:
    """Answer the request with ``body`` (no body for HEAD)."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; a missing file is answered with its ``404.html``, if it has one."""

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, NOT_FOUND)
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            send_body(self, f.read(), "text/html; charset=utf-8", 404)


def run(root: Path, port: int, host: str = "127.0.0.1") -> int:
    """``invoke serve``: serve ``root`` until Ctrl-C; the exit status (2: nothing served)."""
    if not (root / "index.html").is_file():
        print(f"Chưa có trang trong {root}: chạy invoke build trước / no site in {root} yet: "
              "run invoke build first", file=sys.stderr)
        return 2
    handler = functools.partial(SiteHandler, directory=str(root))
    try:
        httpd = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print(port_in_use(port), file=sys.stderr)
        return 2
    with httpd:
        print(f"Xem trang tại / serving at http://localhost:{port}/ (Ctrl-C để dừng / to stop)",
              flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0

"""``invoke serve``: the built site over HTTP as a static host serves it — a missing
address gets the site's ``404.html`` (``plugins/not_found``) with status 404, as on
GitHub Pages, Netlify or nginx with ``error_page 404 /404.html``."""

from __future__ import annotations

import http.server
import os

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

"""``invoke serve``: the built site over HTTP as a static host serves it — a missing
address gets the nearest ``404.html`` up its folders (``plugins/not_found``: the root's,
or ``en/404.html`` under ``/en/``) with status 404, as on Cloudflare Pages, or nginx
with deploy/README.md's ``error_page`` lines; every file gets the
headers the site's ``_headers`` file gives its path (``plugins/security_headers``), as
on Netlify or Cloudflare Pages, so the security policy blocks here what it blocks there
(the live preview sends them too, ``staff/preview.py``)."""

from __future__ import annotations

import functools
import http.server
import os
import posixpath
import signal
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from .project import port_refused

#: The page for missing addresses, at the root of the served folder (``NOT_FOUND_SAVE_AS``).
NOT_FOUND = "404.html"
#: The headers of each path, at the root of the served folder (``SECURITY_HEADERS_SAVE_AS``).
HEADERS_FILE = "_headers"


def read_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Netlify/Cloudflare Pages ``_headers``: a path line (``/*``, ``/theme/*``), then its
    indented ``Name: value`` lines; comments start with ``#``."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def path_matches(pattern: str, path: str) -> bool:
    """``/theme/*`` matches every path under ``/theme/``; another pattern, itself."""
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class HostHeaders:
    """For a request handler serving ``self.directory``: the headers its ``_headers``
    file gives a path, the file read again when it changes (a new build)."""

    _cache: tuple[tuple[str, int], list] | None = None  # ((file, its mtime), its rules)

    def host_headers(self, path: str, leave_out: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        file = os.path.join(self.directory, HEADERS_FILE)
        try:
            stamp = os.stat(file).st_mtime_ns
        except OSError:
            return []
        cached = HostHeaders._cache
        if cached is None or cached[0] != (file, stamp):
            try:
                with open(file, encoding="utf-8") as f:
                    cached = HostHeaders._cache = ((file, stamp), read_headers_file(f.read()))
            except (OSError, UnicodeDecodeError):
                return []
        return [(name, value) for pattern, headers in cached[1] if path_matches(pattern, path)
                for name, value in headers if name.lower() not in leave_out]

    def send_host_headers(self, leave_out: tuple[str, ...] = ()) -> None:
        for name, value in self.host_headers(self.path.split("?", 1)[0], leave_out):
            self.send_header(name, value)


def send_body(handler: http.server.BaseHTTPRequestHandler, body: bytes, content_type: str,
              status: int = 200) -> None:
    """Answer the request with ``body`` (no body for HEAD)."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


class SiteHandler(HostHeaders, http.server.SimpleHTTPRequestHandler):
    """Serves a folder; a missing file is answered with its ``404.html``, if it has one;
    every answer has the headers of the folder's ``_headers`` file for its path."""

    def end_headers(self):
        self.send_host_headers()
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # a technical line per file asked ("GET /theme/css/… 200", "404") told staff nothing

    def send_error(self, code, message=None, explain=None):
        page = self.not_found_page() if code == 404 else None
        if page is None:
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            send_body(self, f.read(), "text/html; charset=utf-8", 404)

    def not_found_page(self) -> str | None:
        """The nearest ``404.html`` up the missing address's folders, as Cloudflare Pages
        answers (``/en/…`` gets ``en/404.html``, the English one), else None."""
        folder = posixpath.dirname(urlsplit(self.path).path)
        while True:
            page = os.path.join(self.translate_path(folder + "/"), NOT_FOUND)
            if os.path.isfile(page):
                return page
            if folder in ("", "/"):
                return None
            folder = posixpath.dirname(folder)


class Server(http.server.ThreadingHTTPServer):
    """The standard threading server, quiet when a browser goes away mid-answer (a page
    left while the preview's reload script waits, a closed tab): the standard one printed
    a 25-line traceback (BrokenPipeError) for each, which looked like a crash."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipe, ConnectionReset...
            return
        super().handle_error(request, client_address)


#: What ``invoke serve`` says last, stopped by Ctrl-C or SIGTERM.
STOPPED = "Đã dừng phục vụ trang. / Server stopped."


def _interrupt(signum, frame):
    raise KeyboardInterrupt


#: The signals that stop a task as Ctrl-C does: SIGTERM (``kill PID``, a service manager
#: stopping it, ``timeout``) and SIGHUP (the terminal window closed while it ran; not on
#: Windows, which has none).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def stop_on_sigterm() -> None:
    """SIGTERM (``kill PID``, a service manager stopping it, ``timeout``) and SIGHUP
    (its terminal window closed) stop the server as Ctrl-C does: the same last line and
    exit status. Python's default ended it without a word, with status 143 (as ``python
    -m http.server`` still does, which says "Keyboard interrupt received, exiting." and
    exits 0 on Ctrl-C alone); SIGHUP ended a build or a publish at once, its build
    going on unseen. (In the main thread only, where Python runs signal handlers.)"""
    if threading.current_thread() is threading.main_thread():
        for signum in STOP_SIGNALS:
            if not asked_to_run_on(signum):
                signal.signal(signum, _interrupt)


def asked_to_run_on(signum: int) -> bool:
    """``signum`` is SIGHUP and ignored: started with ``nohup`` (or by a program that
    asks the same) to run on after its terminal is closed, as it then must."""
    return signum == getattr(signal, "SIGHUP", None) and signal.getsignal(signum) == signal.SIG_IGN


def run(root: Path, port: int, host: str = "127.0.0.1") -> int:
    """``invoke serve``: serve ``root`` until Ctrl-C or SIGTERM; the exit status (2: nothing served)."""
    if not (root / "index.html").is_file():
        print(f"Chưa có trang trong {root}: chạy invoke build trước / no site in {root} yet: "
              "run invoke build first", file=sys.stderr)
        return 2
    handler = functools.partial(SiteHandler, directory=str(root))
    try:
        httpd = Server((host, port), handler)
    except OSError as error:
        refused = port_refused(port, error)
        if refused is None:
            raise
        print(refused, file=sys.stderr)
        return 2
    stop_on_sigterm()
    with httpd:
        try:
            print(f"Xem trang tại / serving at http://localhost:{port}/ (Ctrl-C để dừng / to stop)",
                  flush=True)
            httpd.serve_forever()
        except KeyboardInterrupt:
            print(STOPPED, flush=True)
    return 0

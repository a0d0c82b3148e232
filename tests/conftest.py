"""Shared test helpers: build small fixture sites with the real ``pelican`` command.

A fixture site is a dict of ``relative path -> text or bytes``; ``build_site`` writes it
under a temporary folder, runs ``pelican CONTENT -s pelicanconf.py -o OUT --fatal
warnings`` in a process of its own (so every build starts clean, as staff run it) and
returns a ``Site`` with helpers that parse the output with real parsers.

That process is forked, as the live preview's are, from a warm one that has imported
Pelican, its libraries and the plugins once (``staff/warm.py``): the same command line
in a process that has built nothing, without a second of imports per build. A build
with plugins of its own (``PLUGIN_PATHS``), a settings file of its own, or ``fresh=True``, and
every build when ``TEST_FRESH_BUILDS=1`` is set, runs in a fresh ``python -m pelican``.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
# The project's own packages (staff, bench, importer) for a test file run alone: without
# it, ``import staff`` found tests/staff/, a folder without __init__.py.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

#: Debian's Chromium, driven by Playwright in the browser tests.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Without these Chromium tries to reach Google's hosts at start-up, which this
#: closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    """Call at module level: skip the module without Chromium, except in CI (a failure)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            raise RuntimeError("Debian's chromium is required for the browser tests in CI")
        pytest.skip("Debian's chromium is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def set_browser_text(page, text: int) -> None:
    """The browser's text size for ``page`` set to ``text`` px (Page.setFontSizes: the
    browser's own setting, 16 by default, which rem, em and em media queries follow)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": text, "fixed": 13 * text // 16}})


def with_browser_text(browser, url: str, width: int, text: int, height: int = 740):
    """A fresh context and page on ``url``, ``width`` × ``height`` px, the browser's text
    set to ``text`` px (``set_browser_text``)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    set_browser_text(page, text)
    page.goto(url, wait_until="load")
    return context, page


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without a log line per request."""

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that drops a connection mid-answer (a page or context closed, a request
    it gave up) is not the site's error: no traceback in the tests' output for it."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_folder(folder: Path, handler_class: type = QuietHandler) -> Iterator[str]:
    """Serve ``folder`` on a free local port while the block runs; yields the base URL."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


#: Debian's nginx, for the tests that serve a site as it is published.
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None)

NGINX_CONF = """\
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/html text/xml application/atom+xml application/rss+xml;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {www};
        index index.html;
        error_page 404 /404.html;
{server}
    }}
}}
"""


def require_nginx() -> None:
    """Call at module level: skip the module without nginx, except in CI (a failure)."""
    if NGINX is None:
        if os.environ.get("CI"):
            raise RuntimeError("nginx (Debian package) is required for these tests in CI")
        pytest.skip("nginx is not installed (apt-get install nginx)", allow_module_level=True)


def documented_nginx_server() -> str:
    """The inside of deploy/README.md's nginx ``server { }`` block, its files this
    checkout's (its ``server_name`` and ``root`` are nginx_serving's)."""
    text = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    block = text[text.index("      server {\n") + len("      server {\n"):]
    block = block[: block.index("\n      }")]
    lines = [line.strip() for line in block.splitlines()
             if not line.strip().startswith(("server_name ", "root "))]
    return "\n".join(lines).replace("/srv/daotao/deploy/", f"{ROOT / 'deploy'}/") + "\n"


@contextmanager
def nginx_serving(www: Path, run: Path, server: str = "") -> Iterator[str]:
    """A real nginx serving ``www`` on a free port of 127.0.0.1 while the block runs, with
    its config, logs (``access.log``) and temporary files in ``run`` and ``server`` added
    to its ``server { }`` block; yields the base URL."""
    import signal
    import socket
    import time
    import urllib.error
    import urllib.request

    run.mkdir(parents=True, exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (run / "nginx.conf").write_text(NGINX_CONF.format(tmp=run, port=port, www=www, server=server))
    process = subprocess.Popen([NGINX, "-p", str(run), "-c", str(run / "nginx.conf"),
                                "-e", str(run / "error.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise AssertionError(f"nginx stopped: {process.stdout.read()}")
            try:
                opener.open(base + "/", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("nginx did not start listening") from None
                time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def anchors_python() -> str:
    """The Python of the bench's anchors' venv (``.venv-bench``, which ``invoke test``
    makes: the bench's default); the test is skipped where the anchors
    (requirements-bench.txt) are not installed."""
    from bench import builders
    python = builders.default_anchors_python()
    try:
        builders.find_hugo(python)
    except builders.AnchorsMissing:
        pytest.skip("the anchors (requirements-bench.txt) are not installed here")
    return python


#: A fixed "today" so pinned/expired posts do not depend on the day the tests run.
TODAY = "2026-01-15"


def write_files(base: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


#: The environment of a build: its log lines unwrapped, no settings of the machine's.
BUILD_ENV = {"COLUMNS": "400", "PATH": "/usr/bin:/bin"}
#: Settings files whose builds may be forked from a warm process: their plugins are the
#: project's, which it has imported (a test's own copy of one needs a fresh process).
WARM_SETTINGS = ("pelicanconf.py", "publishconf.py")
#: This test process's warm processes, by settings file (None: none could start).
_warm: dict = {}
#: Their home folders (their builds' ``HOME``).
_warm_homes: list[str] = []
#: Held during a warm build: one at a time through a warm process's socket.
_warm_lock = threading.Lock()


def run_pelican(content: Path, output: Path, cache: Path, settings_file: str = "pelicanconf.py",
                fatal: bool = True, verbose: bool = False, fresh: bool = False,
                **settings) -> subprocess.CompletedProcess:
    """Run the real pelican command; ``settings`` become ``-e KEY=json`` overrides.

    ``verbose`` adds ``-v`` so INFO lines (cache counts...) appear in the output.
    ``fresh`` runs it in a fresh process even where a warm one could fork it.
    """
    overrides = {"CACHE_PATH": str(cache), "SITE_TODAY": TODAY, **settings}
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings_file),
           "-o", str(output)]
    if fatal:
        cmd += ["--fatal", "warnings"]
    if verbose:
        cmd += ["-v"]
    cmd += ["-e", *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]]
    if not (fresh or "PLUGIN_PATHS" in settings or settings_file not in WARM_SETTINGS
            or os.environ.get("TEST_FRESH_BUILDS") == "1") and _warm_lock.acquire(blocking=False):
        try:
            result = run_warm(settings_file, cmd)
        finally:
            _warm_lock.release()
        if result is not None:
            return result
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**BUILD_ENV, "HOME": str(cache.parent)})


def run_warm(settings_file: str, cmd: list[str]) -> subprocess.CompletedProcess | None:
    """``cmd`` forked from this test process's warm process for ``settings_file`` (started
    at its first build), its output and errors apart, as ``subprocess.run`` gives them;
    None where no warm process can run (no ``fork``)."""
    from staff.warm import WarmPelican

    if settings_file not in _warm:
        _warm_homes.append(tempfile.mkdtemp(prefix="warm-home-"))
        _warm[settings_file] = WarmPelican.start(settings_file, env={**BUILD_ENV, "HOME": _warm_homes[-1]})
    warm = _warm[settings_file]
    if warm is None:
        return None
    # Text files read with universal newlines, as subprocess's text mode reads its pipes.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        try:
            status = warm.run_into(cmd, out.fileno(), err.fileno())
        except BaseException:  # its answer may still come: the next build gets a new one
            del _warm[settings_file]
            warm.stop()
            raise
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(cmd, status, out.read(), err.read())


def pytest_unconfigure(config) -> None:
    """The warm processes end with the tests."""
    for warm in _warm.values():
        if warm is not None:
            warm.stop()
    for home in _warm_homes:
        shutil.rmtree(home, ignore_errors=True)


def clean_settings(folder: Path, cache_path: str) -> Path:
    """A settings file for ``tasks.clean`` (``monkeypatch.setattr(tasks, "SETTINGS", ...)``):
    content, theme and plugins are the project's, the cache is ``cache_path``."""
    (folder / "pelicanconf.py").write_text(
        f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nCACHE_PATH = {cache_path!r}\n")
    return folder / "pelicanconf.py"


@dataclass
class Site:
    root: Path
    output: Path
    result: subprocess.CompletedProcess

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr

    def path(self, rel: str) -> Path:
        rel = rel.split("?", 1)[0].lstrip("/")  # without a photo's or theme file's ?v= version
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        return self.output / rel

    def exists(self, rel: str) -> bool:
        return self.path(rel).exists()

    def text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def html(self, rel: str):
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.text(rel), "html.parser")

    def feed(self, rel: str):
        import feedparser

        return feedparser.parse(self.path(rel).read_bytes())

    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.output)) for p in self.output.rglob("*") if p.is_file())


def build_site(base: Path, files: dict[str, str | bytes], expect_ok: bool = True, **kwargs) -> Site:
    content = base / "content"
    write_files(content, files)
    output = base / "output"
    result = run_pelican(content, output, base / "cache", **kwargs)
    site = Site(base, output, result)
    if expect_ok and result.returncode != 0:
        raise AssertionError(f"build failed ({result.returncode}):\n{site.log}")
    return site


def section_files(path: str, vi: str, en: str | None = None) -> dict[str, str]:
    files = {f"{path}/_index.vi.md": f"Title: {vi}\n"}
    if en:
        files[f"{path}/_index.en.md"] = f"Title: {en}\n"
    return files


def post_files(folder: str, vi: dict | None = None, en: dict | None = None) -> dict[str, str]:
    """A post folder; each language is a dict of metadata plus an optional ``body``."""
    files = {}
    for lang, meta in (("vi", vi), ("en", en)):
        if meta is None:
            continue
        meta = dict(meta)
        body = meta.pop("body", "Nội dung bài viết." if lang == "vi" else "Post body.")
        head = "".join(f"{k}: {v}\n" for k, v in meta.items())
        files[f"{folder}/index.{lang}.md"] = f"{head}\n{body}\n"
    return files


def small_site() -> dict[str, str | bytes]:
    """Two top sections, three subsections, translated and untranslated posts, pages."""
    files: dict[str, str | bytes] = {}
    files |= section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/tin-hoat-dong", "Tin hoạt động của Nhà Trường", "School news")
    files |= section_files("tin-tuc/thong-bao", "Thông báo", "Announcements")
    files |= section_files("dao-tao", "Đào tạo", "Training")
    files |= section_files("dao-tao/khai-giang", "Khai giảng", "Course openings")
    files |= post_files("tin-tuc/tin-hoat-dong/le-khai-giang-2018",
                        {"Title": "Lễ khai giảng lớp bồi dưỡng năm 2018", "Date": "2018-09-11 08:00",
                         "Author": "Ban CSPTHTX", "Summary": "Ba lớp bồi dưỡng cán bộ hợp tác xã khai giảng."},
                        {"Title": "Opening of the 2018 training classes", "Date": "2018-09-11 08:00",
                         "Author": "Cooperative Development Board", "Summary": "Three classes open."})
    files |= post_files("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh",
                        {"Title": "Học viên tham quan mô hình hợp tác xã", "Date": "2018-09-14 09:00"})
    files |= post_files("tin-tuc/tin-hoat-dong/hoi-thao-ocop",
                        {"Title": "Hội thảo về sản phẩm OCOP", "Date": "2019-03-02 14:00"},
                        {"Title": "Workshop on OCOP products", "Date": "2019-03-02 14:00"})
    files |= post_files("tin-tuc/thong-bao/tuyen-sinh",
                        {"Title": "Thông báo tuyển sinh", "Date": "2020-01-05", "Pinned": "yes",
                         "Expires": "2099-12-31"},
                        {"Title": "Enrolment notice", "Date": "2020-01-05", "Pinned": "yes",
                         "Expires": "2099-12-31"})
    files |= post_files("tin-tuc/thong-bao/nghi-tet",
                        {"Title": "Lịch nghỉ Tết", "Date": "2019-01-20", "Pinned": "yes",
                         "Expires": "2019-02-20"})
    files |= post_files("dao-tao/khai-giang/quan-tri-san-xuat",
                        {"Title": "Khai giảng lớp Quản trị sản xuất trong hợp tác xã nông nghiệp",
                         "Date": "2020-07-14 08:30", "Author": "Phòng Đào tạo, bồi dưỡng"},
                        {"Title": "Production management course opens", "Date": "2020-07-14 08:30",
                         "Author": "Training Department"})
    files |= post_files("dao-tao/khai-giang/ban-nhap",
                        {"Title": "Bản nháp chưa đăng", "Date": "2021-01-01", "Status": "draft"},
                        {"Title": "Unpublished draft", "Date": "2021-01-01", "Status": "draft"})
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu", "Order": "1"},
                        {"Title": "About us", "Order": "1"})
    files |= post_files("pages/lien-he", {"Title": "Liên hệ", "Order": "2"})
    return files


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Site:
    """The small fixture site, built once for the whole test session."""
    return build_site(tmp_path_factory.mktemp("small"), small_site())


# The hosts' ``_headers`` file (Netlify, Cloudflare Pages), as they read it.

def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """Netlify/Cloudflare Pages ``_headers``: a path line, then indented ``Name: value``."""
    rules: dict[str, dict[str, str]] = {}
    path = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
            rules[path] = {}
        else:
            name, _, value = line.strip().partition(":")
            rules[path][name.strip()] = value.strip()
    return rules


def headers_for(rules: dict[str, dict[str, str]], path: str) -> dict[str, str]:
    """The headers Netlify or Cloudflare Pages send with ``path``: every rule that
    matches it, a ``*`` only at a rule's end (Netlify takes no other)."""
    found: dict[str, str] = {}
    for rule, headers in rules.items():
        if rule == path or (rule.endswith("*") and path.startswith(rule[:-1])):
            found |= headers
    return found


def shown_and_spoken(element) -> tuple[str, str]:
    """An element's words as the screen shows them (without its ``.visually-hidden``
    parts) and as a screen reader says them (its ``aria-label``, else its words without
    its ``aria-hidden`` parts), each with its spaces collapsed."""
    import copy

    def words(left_out: str) -> str:
        part = copy.copy(element)
        for hidden in part.select(left_out):
            hidden.decompose()
        return " ".join(part.get_text().split())

    spoken = element.get("aria-label")
    return words(".visually-hidden"), " ".join(spoken.split()) if spoken else words('[aria-hidden="true"]')

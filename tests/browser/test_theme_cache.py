"""A reader's browser keeps the theme's styles and scripts from page to page, and gets a
changed one on the first page after a publish.

Pages link the theme's files with their version (``?v=``, plugins/theme_assets) and the
host sends ``Cache-Control: immutable`` for them and ``no-cache`` for pages
(deploy/nginx-caching.conf): here a real nginx with deploy/README.md's server block, and
Debian's headless Chromium. Without nginx or
Chromium these tests are skipped, except in CI where that is a failure.
"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import (ROOT, build_site, documented_nginx_server, nginx_serving, require_chromium, require_nginx,
                      run_pelican, small_site, write_files)

from security_headers.settings import DEFAULTS

pytestmark = pytest.mark.browser

require_chromium()
require_nginx()

CACHE = DEFAULTS["SECURITY_HEADERS_THEME_CACHE"]
#: deploy/README.md's lines for nginx, with this checkout's files.
SERVER = documented_nginx_server()
POST = "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/"


def test_the_deploy_readme_gives_nginx_the_caching_file():
    assert "deploy/nginx-caching.conf;" in SERVER and "nginx-security-headers.conf;" in SERVER
    # The year the theme's files are kept is the one _headers gives Netlify and Cloudflare.
    assert f'set $cache_control "{CACHE}";' in (ROOT / "deploy" / "nginx-caching.conf").read_text()


def headers(url: str) -> dict[str, str]:
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as response:
        response.read()
        return {name.lower(): value for name, value in response.getheaders()}


def test_each_kind_of_file_is_kept_as_long_as_its_address_is_the_same(tmp_path):
    """Versioned files (theme, photos) and Pagefind's content-named index files: a year.
    Pages, feeds and the rest: asked for again each time (no-cache); with nothing,
    browsers guessed from Last-Modified and showed a page from before the last publish."""
    import io

    from PIL import Image

    photo_bytes = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 90, 160)).save(photo_bytes, "JPEG")
    site = build_site(tmp_path / "site", small_site() | {POST.strip("/") + "/anh.jpg": photo_bytes.getvalue()})
    css = site.html("").find("link", rel="stylesheet")["href"]
    photo = site.html(POST).select_one(".gallery img")["src"]
    index = sorted(p for p in site.files() if p.startswith("pagefind/index/"))[0]
    meta = sorted(p for p in site.files() if p.startswith("pagefind/") and p.endswith(".pf_meta"))[0]
    ui = next(link["href"] for link in site.html("tim-kiem/").find_all("link", rel="preload")
              if "pagefind-ui.css" in link["href"])  # (with Pagefind's version)
    year, again = CACHE, "no-cache"
    assert "?v=" in css and "?v=" in photo and "?v=" in ui
    with nginx_serving(site.output, tmp_path / "nginx", SERVER) as base:
        for path, kept in [(css, year), (photo, year), ("/" + index, year), ("/" + meta, year), (ui, year),
                           ("/", again), (POST, again), ("/en/", again), ("/atom.xml", again),
                           ("/?v=2", again), (POST + "?v=1", again), ("/en/index.html?v=x", again),
                           ("/sitemap.xml", again), ("/pagefind/pagefind-entry.json", again),
                           ("/pagefind/pagefind.js", again)]:
            got = headers(base + path)
            assert got.get("cache-control") == kept, (path, got.get("cache-control"))
            # The security headers still reach every file.
            assert "content-security-policy" in got, path


def theme_requests(run) -> list[str]:
    """The theme files nginx was asked for, in order (its access log)."""
    log = (run / "access.log").read_text(encoding="utf-8") if (run / "access.log").exists() else ""
    return re.findall(r'"GET (/theme/\S+) HTTP', log)


def build(tmp_path, theme) -> None:
    result = run_pelican(tmp_path / "content", tmp_path / "www", tmp_path / "cache", THEME=str(theme))
    assert result.returncode == 0, result.stdout + result.stderr


def test_theme_files_are_fetched_once_and_again_when_they_change(tmp_path, browser):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    write_files(tmp_path / "content", small_site())
    build(tmp_path, theme)
    run = tmp_path / "nginx"
    with nginx_serving(tmp_path / "www", run, SERVER) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + POST, wait_until="networkidle")  # (a post: the photo viewer's files too)
        first = theme_requests(run)
        assert {r.split("?")[0] for r in first} >= {"/theme/css/site.css", "/theme/js/site.js",
                                                     "/theme/css/photos.css", "/theme/js/lightbox.js"}
        assert all("?v=" in r for r in first), first
        for path in ("/", "/en/", POST):
            page.goto(base + path, wait_until="networkidle")
        assert theme_requests(run) == first, "the next pages asked for no theme file again"

        # The theme's stylesheet changes and the site is built again in the served folder.
        css = theme / "static" / "css" / "site.css"
        css.write_text(css.read_text(encoding="utf-8") + "\nhtml { border-top: 7px solid rgb(1, 2, 3); }\n",
                       encoding="utf-8")
        build(tmp_path, theme)
        page.goto(base + POST, wait_until="networkidle")
        assert page.evaluate("getComputedStyle(document.documentElement).borderTopWidth") == "7px"
        again = theme_requests(run)[len(first):]
        assert [r.split("?")[0] for r in again] == ["/theme/css/site.css"], again
        context.close()


def test_a_post_opened_from_a_listing_shows_without_fetching_a_stylesheet(tmp_path, browser, small):
    """photos.css (figures, galleries, the photo viewer) is linked by post pages only, so
    a reader who opened the home page first still waited for it on the first post: a
    round trip more before the post showed (slow 3G: 4.1 s where the home page's next
    listing showed at 2.1 s). Listings prefetch it, once the page has loaded. (The small
    site as the session built it: served, not changed.)"""
    site = small
    assert site.html("").find("link", rel="prefetch")["href"].startswith("/theme/css/photos.css?v=")
    assert not site.html(POST.strip("/") + "/").find("link", rel="prefetch")
    with nginx_serving(site.output, tmp_path / "nginx", SERVER) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/", wait_until="networkidle")
        page.goto(base + POST, wait_until="load")
        held = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(e => e.renderBlockingStatus === 'blocking')
            .map(e => [new URL(e.name).pathname, e.transferSize])""")
        context.close()
    assert sorted(held) == [["/theme/css/photos.css", 0], ["/theme/css/site.css", 0]], \
        "the post's stylesheets came from the browser's cache"

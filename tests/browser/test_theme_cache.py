"""A reader's browser keeps the theme's styles and scripts from page to page, and gets a
changed one on the first page after a publish.

Pages link the theme's files with their version (``?v=``, plugins/theme_assets) and the
host sends ``Cache-Control: immutable`` for ``/theme/`` (deploy/README.md): here a real
nginx with that README's block, and Debian's headless Chromium. Without nginx or
Chromium these tests are skipped, except in CI where that is a failure.
"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, nginx_serving, require_chromium, require_nginx, run_pelican, small_site, write_files

from security_headers.settings import DEFAULTS

pytestmark = pytest.mark.browser

require_chromium()
require_nginx()

CACHE = DEFAULTS["SECURITY_HEADERS_THEME_CACHE"]
HEADERS = ROOT / "deploy" / "nginx-security-headers.conf"
#: deploy/README.md's lines for nginx, with this checkout's snippet.
SERVER = f"""
        include {HEADERS};
        location /theme/ {{
            include {HEADERS};
            add_header Cache-Control "{CACHE}" always;
        }}
"""
POST = "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/"


def test_the_deploy_readme_gives_nginx_that_block():
    readme = " ".join((ROOT / "deploy" / "README.md").read_text(encoding="utf-8").split())
    assert (f"location /theme/ {{ include /srv/daotao/deploy/nginx-security-headers.conf; "
            f'add_header Cache-Control "{CACHE}" always; }}') in readme


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
        page.goto(base + "/", wait_until="networkidle")
        first = theme_requests(run)
        assert {r.split("?")[0] for r in first} >= {"/theme/css/site.css", "/theme/js/site.js"}
        assert all("?v=" in r for r in first), first
        for path in (POST, "/en/", "/"):
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

"""The security headers hosts send: ``_headers`` in the output, the nginx snippet, one policy."""

from __future__ import annotations

from conftest import ROOT, build_site, parse_headers_file, post_files, section_files
from reliability_support import error_lines

from security_headers.security_headers import headers_file, nginx_snippet
from security_headers.settings import DEFAULTS

SITE = section_files("tin-tuc", "Tin tức") | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})


def test_the_build_writes_headers_for_every_path(tmp_path):
    site = build_site(tmp_path, SITE)
    rules = parse_headers_file(site.text("_headers"))
    assert list(rules) == ["/*", "/theme/*", "/pagefind/fragment/*", "/pagefind/index/*",
                           "/pagefind/filter/*"]
    # The theme's files are linked with their version (plugins/theme_assets): kept a year.
    assert rules["/theme/*"] == {"Cache-Control": "public, max-age=31536000, immutable"}
    headers = rules["/*"]
    assert headers == DEFAULTS["SECURITY_HEADERS"]
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["script-src"].split()[0] == "'self'" and "'unsafe-inline'" not in csp["script-src"]
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_nginx_snippet_matches_the_policy():
    """deploy/nginx-security-headers.conf is the setting's default, rendered for nginx."""
    committed = (ROOT / "deploy" / "nginx-security-headers.conf").read_text(encoding="utf-8")
    assert committed == nginx_snippet(DEFAULTS["SECURITY_HEADERS"])
    for name, value in DEFAULTS["SECURITY_HEADERS"].items():
        assert f'add_header {name} "{value}" always;' in committed


def test_headers_can_be_changed_or_left_out(tmp_path):
    site = build_site(tmp_path / "a", SITE, SECURITY_HEADERS={"X-Content-Type-Options": "nosniff"})
    assert site.text("_headers") == headers_file({"X-Content-Type-Options": "nosniff"},
                                                 DEFAULTS["SECURITY_HEADERS_THEME_CACHE"],
                                                 search_bundles=["pagefind"])
    site = build_site(tmp_path / "b", SITE, SECURITY_HEADERS_SAVE_AS="")
    assert not site.exists("_headers")
    site = build_site(tmp_path / "c", SITE, SECURITY_HEADERS_THEME_CACHE="")
    assert list(parse_headers_file(site.text("_headers"))) == ["/*"]
    # Without an index (as in the live preview) no rule names its folders.
    site = build_site(tmp_path / "d", SITE, SEARCH_INDEX=False)
    assert list(parse_headers_file(site.text("_headers"))) == ["/*", "/theme/*"]


def test_a_bad_headers_setting_is_one_line(tmp_path):
    site = build_site(tmp_path, SITE, expect_ok=False, SECURITY_HEADERS={"X-Bad": "a\nb"})
    assert site.result.returncode == 1 and "Traceback" not in site.log
    assert error_lines(site.log) == ["security_headers: Setting 'SECURITY_HEADERS': expected a "
                                     "dict of header name -> value (one line each), but received: "
                                     "{'X-Bad': 'a\\nb'}"]


def test_a_bad_theme_cache_setting_is_one_line(tmp_path):
    site = build_site(tmp_path, SITE, expect_ok=False, SECURITY_HEADERS_THEME_CACHE=31536000)
    assert site.result.returncode == 1 and "Traceback" not in site.log
    assert error_lines(site.log) == ["security_headers: Setting 'SECURITY_HEADERS_THEME_CACHE': "
                                     "expected a Cache-Control value such as 'public, "
                                     "max-age=31536000, immutable' or '', but received: 31536000"]

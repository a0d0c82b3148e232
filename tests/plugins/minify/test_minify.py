"""Publish builds are minified (plugins/minify) after the search index is built, and stay
valid: the Nu HTML checker finds no error in the minified pages, scripts still parse,
search still works, and no text, link, tag or JSON-LD changes."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, post_files, serve_folder, small_site

sys.path.insert(0, str(ROOT / "tests" / "validation"))
import nu_checker  # noqa: E402  (tests/validation/nu_checker.py)

PUBLIC = "https://daotao.lienminhhtx.example.vn"
HOSTILE_TITLE = "</script><script>alert(1)</script>"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def jpeg(size=(1600, 1200)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def minify_site() -> dict:
    files = small_site()
    files |= post_files("tin-tuc/tin-hoat-dong/anh-lop-hoc",
                        {"Title": "Ảnh lớp bồi dưỡng", "Date": "2021-03-01 09:00",
                         "body": "Lớp học   đông đủ.\n\n![Toàn cảnh lớp học](lop-hoc.jpg)\n\n"
                                 "| Cột một | Cột hai |\n|---|---|\n| 1 | 2 |\n"},
                        {"Title": "Class photos", "Date": "2021-03-01 09:00",
                         "body": "A full class.\n\n![The classroom](lop-hoc.jpg)\n"})
    files["tin-tuc/tin-hoat-dong/anh-lop-hoc/lop-hoc.jpg"] = jpeg()
    files["tin-tuc/tin-hoat-dong/anh-lop-hoc/thao-luan.jpg"] = jpeg((1200, 1600))
    files |= post_files("tin-tuc/thong-bao/tieu-de-la", {"Title": HOSTILE_TITLE, "Date": "2021-04-01"})
    return files


# The preview settings with MINIFY on (publishconf.py turns it on, with the public
# SITEURL): pages that link their scripts on this host, so a browser can load them here.
@pytest.fixture(scope="module")
def minified(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("minified"), minify_site(), MINIFY=True)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("not-minified"), minify_site())


def pages(site) -> list[str]:
    return [rel for rel in site.files() if rel.endswith(".html") and not rel.startswith("pagefind/")]


def metas(soup) -> list[tuple]:
    """The meta tags; the viewport's "a, b" list may lose its space."""
    return [(m.get("property") or m.get("name"), m.get("content").replace(", ", ",")
             if m.get("name") == "viewport" else m.get("content")) for m in soup.find_all("meta")]


def title(text: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", text, re.S).group(1))


def words(soup) -> str:
    return " ".join(soup.get_text(" ").split())


def test_publish_builds_are_minified_and_preview_builds_are_not(small, tmp_path):
    published = build_site(tmp_path, small_site(), settings_file="publishconf.py")
    assert published.text("").startswith("<!doctype html><html lang=vi><head><meta charset=utf-8>")
    style = published.html("").head.select_one('link[rel="stylesheet"]')["href"]
    assert style.startswith(f"{PUBLIC}/theme/css/site.css?v=")
    assert "\n  <meta" in small.text("")


def test_minifying_makes_pages_stylesheets_and_scripts_smaller(minified, plain):
    for rel in ("index.html", "tin-tuc/tin-hoat-dong/anh-lop-hoc/index.html", "theme/css/site.css",
                "theme/js/site.js"):
        assert minified.path(rel).stat().st_size < plain.path(rel).stat().st_size, rel


def test_minified_pages_say_and_link_the_same(minified, plain):
    assert pages(minified) == pages(plain)
    for rel in pages(minified):
        # <title> holds text only: the minified page may leave "<" in it unescaped, as
        # HTML allows; Python's html.parser does not know that, so compare it apart.
        assert title(minified.text(rel)) == title(plain.text(rel)), rel
        a, b = minified.html(rel), plain.html(rel)
        a.title.decompose()
        b.title.decompose()
        assert words(a) == words(b), rel
        assert [x.get("href") for x in a.find_all(href=True)] == [x.get("href") for x in b.find_all(href=True)], rel
        assert [x.get("src") for x in a.find_all(src=True)] == [x.get("src") for x in b.find_all(src=True)], rel
        assert metas(a) == metas(b), rel
        assert ([json.loads(s.string) for s in a.find_all("script", type="application/ld+json")]
                == [json.loads(s.string) for s in b.find_all("script", type="application/ld+json")]), rel


def test_the_json_ld_escapes_survive_minifying(minified):
    text = minified.text("tin-tuc/thong-bao/tieu-de-la/")
    soup = BeautifulSoup(text, "html.parser")
    [block] = soup.find_all("script", type="application/ld+json")
    assert json.loads(block.string)["@graph"][0]["headline"] == HOSTILE_TITLE
    assert "\\u003c/script\\u003e" in text
    assert [urlsplit(s.get("src")).path for s in soup.find_all("script") if s.get("src")] == [
        "/theme/js/site.js", "/theme/js/lightbox.js"]


def test_minified_pages_keep_the_tags_crawlers_look_for(minified):
    text = minified.text("tin-tuc/tin-hoat-dong/anh-lop-hoc/")
    assert text.startswith("<!doctype html><html lang=vi><head>")
    assert "</head><body>" in text and text.rstrip().endswith("</html>")


def test_stylesheets_keep_media_queries_older_phones_understand(minified):
    for rel in ("theme/css/site.css", "theme/css/photos.css", "theme/css/search.css"):
        css = minified.text(rel)
        assert "\n" not in css.strip(), rel
        assert not re.search(r"\((?:width|height)\s*[<>]=?", css), rel
    assert "@media (min-width:48em)" in minified.text("theme/css/site.css")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_minified_scripts_still_parse(minified):
    scripts = [rel for rel in minified.files() if rel.endswith(".js") and rel.startswith("theme/")]
    assert "theme/js/search.js" in scripts
    for rel in scripts:
        result = subprocess.run(["node", "--check", str(minified.path(rel))], capture_output=True, text=True)
        assert result.returncode == 0, (rel, result.stderr)


def test_the_search_index_is_built_before_minifying_and_left_alone(minified, plain):
    """Pagefind reads the pages as written: the index is the same as without minifying."""
    bundle = sorted(p.relative_to(plain.output).as_posix() for p in (plain.output / "pagefind").rglob("*"))
    assert bundle == sorted(p.relative_to(minified.output).as_posix()
                            for p in (minified.output / "pagefind").rglob("*"))
    for rel in bundle:
        if rel.endswith(".json"):  # the same entries, in an order Pagefind does not fix
            assert json.loads(minified.text(rel)) == json.loads(plain.text(rel)), rel
        elif plain.path(rel).is_file():
            assert minified.path(rel).read_bytes() == plain.path(rel).read_bytes(), rel


def test_minified_pages_pass_the_nu_html_checker(minified):
    nu_checker.require_checker()
    files = [minified.path(rel) for rel in pages(minified)]
    assert len(files) > 20
    assert nu_checker.nu_errors(files, minified.output) == []


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_search_works_on_the_minified_site(minified):
    from playwright.sync_api import sync_playwright

    with serve_folder(minified.output) as served, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(served + "/tim-kiem/?q=boi+duong")
        page.wait_for_function(
            """() => { const m = document.querySelector('.pagefind-ui__message');
                       return m && /^\\d/.test(m.textContent.trim())
                           && document.querySelectorAll('a.pagefind-ui__result-link').length
                              === parseInt(m.textContent, 10); }""")
        links = sorted(a.get_attribute("href") for a in page.locator("a.pagefind-ui__result-link").all())
        browser.close()
    assert errors == []
    assert "/tin-tuc/tin-hoat-dong/anh-lop-hoc/" in links
    assert "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/" in links


def test_a_bad_setting_is_reported_by_name(tmp_path):
    site = build_site(tmp_path, small_site(), expect_ok=False, MINIFY="yes")
    assert site.result.returncode != 0
    assert "Setting 'MINIFY': expected True or False, but received: 'yes'" in site.log

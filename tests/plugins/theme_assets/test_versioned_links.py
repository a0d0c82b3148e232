"""Theme files are linked with their version (plugins/theme_assets), so hosts may let
browsers keep them: a changed file gets a new address on every page."""

from __future__ import annotations

import hashlib
import shutil
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, build_site, parse_headers_file, run_pelican, small_site

THEME_LINKS = [("link", "href"), ("script", "src")]


def theme_links(site, rel: str) -> dict[str, str]:
    """``{path: version}`` of every style, script and icon the page links in the theme."""
    soup = site.html(rel)
    found = {}
    for tag, attr in THEME_LINKS:
        for element in soup.find_all(tag, attrs={attr: True}):
            url = urlsplit(element[attr])
            if url.path.startswith("/theme/"):
                assert url.query.startswith("v="), element
                found[url.path] = url.query[2:]
    return found


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("assets"), small_site())


@pytest.mark.parametrize("rel", ["", "en/", "tin-tuc/", "404.html", "tin-tuc/tin-hoat-dong/le-khai-giang-2018/"])
def test_the_icons_phones_and_feed_readers_ask_for_are_at_the_sites_root(site, rel):
    """Safari, an iPhone's home screen and feed readers do not read the SVG icon; they ask
    for /favicon.ico and /apple-touch-icon.png, linked or not (they were not there)."""
    from PIL import Image

    head = site.html(rel).head
    assert head.find("link", rel="icon", sizes="32x32")["href"] == "/favicon.ico"
    assert head.find("link", rel="apple-touch-icon")["href"] == "/apple-touch-icon.png"
    with Image.open(site.output / "favicon.ico") as ico:
        assert ico.format == "ICO" and {(16, 16), (32, 32)} <= set(ico.info["sizes"])
    with Image.open(site.output / "apple-touch-icon.png") as touch:
        assert touch.format == "PNG" and touch.size == (180, 180) and touch.mode == "RGB"  # (no transparency: iOS fills it black)
    assert (site.output / "favicon.ico").read_bytes() == (ROOT / "theme" / "site-root" / "favicon.ico").read_bytes()


@pytest.mark.parametrize("name", ["index.html", "robots.txt"])
def test_a_root_file_named_like_a_file_the_site_writes_is_one_line(tmp_path, name):
    """It replaced the home page (and the page cache's copy of it, through the link), or
    was replaced by the generated robots.txt, without a word."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "site-root" / name).write_text("the theme's own", encoding="utf-8")
    site = build_site(tmp_path / "site", small_site(), expect_ok=False, THEME=str(theme))
    assert site.result.returncode == 1
    assert f"theme_assets: {theme / 'site-root' / name}: the site writes {name} itself" in " ".join(site.log.split())
    assert "Traceback" not in site.log


@pytest.mark.parametrize("rel", ["", "en/", "tin-tuc/", "tim-kiem/", "404.html",
                                 "tin-tuc/tin-hoat-dong/le-khai-giang-2018/"])
def test_every_theme_file_is_linked_with_the_version_of_its_bytes(site, rel):
    links = theme_links(site, rel)
    assert {"/theme/css/site.css", "/theme/js/site.js", "/theme/img/favicon.svg"} <= set(links)
    for path, version in links.items():
        served = site.output / path.lstrip("/")
        assert served.is_file(), path
        assert version == sha(served), path
    if rel == "tim-kiem/":
        assert "/theme/js/search.js" in links


def test_the_share_picture_has_its_version_too(site):
    soup = site.html("")
    image = soup.find("meta", property="og:image")["content"]
    assert urlsplit(image).query == "v=" + sha(site.output / "theme/img/share.jpg")


def test_headers_let_browsers_keep_theme_files(site):
    rules = parse_headers_file(site.text("_headers"))
    assert list(rules)[0] == "/*"
    assert rules["/theme/*"] == {"Cache-Control": "public, max-age=31536000, immutable"}


def test_a_changed_theme_file_changes_every_page_and_an_incremental_build_says_so(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    first = build_site(tmp_path / "site", small_site(), THEME=str(theme))
    before = theme_links(first, "")
    (theme / "static" / "css" / "site.css").write_text(
        (theme / "static" / "css" / "site.css").read_text(encoding="utf-8") + "\nhtml { color: #111; }\n",
        encoding="utf-8")
    result = run_pelican(tmp_path / "site" / "content", first.output, tmp_path / "site" / "cache",
                         THEME=str(theme))
    assert result.returncode == 0, result.stdout + result.stderr
    after = theme_links(first, "")
    assert after["/theme/css/site.css"] != before["/theme/css/site.css"]
    assert {k: v for k, v in after.items() if k != "/theme/css/site.css"} == \
        {k: v for k, v in before.items() if k != "/theme/css/site.css"}
    clean = build_site(tmp_path / "clean", small_site(), THEME=str(theme))
    for rel in first.files():
        assert (first.output / rel).read_bytes() == (clean.output / rel).read_bytes(), rel


def test_a_name_no_theme_file_has_is_one_line_naming_the_template(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    text = base.read_text(encoding="utf-8")
    assert "asset_url('css/print.css')" in text
    base.write_text(text.replace("asset_url('css/print.css')", "asset_url('css/photo.css')"),
                    encoding="utf-8")
    line = next(n for n, t in enumerate(base.read_text(encoding="utf-8").splitlines(), 1)
                if "css/photo.css" in t)
    site = build_site(tmp_path / "site", small_site(), expect_ok=False, THEME=str(theme))
    assert site.result.returncode == 1
    assert f"{base}:{line}: asset_url('css/photo.css'): no such file in the theme's static folders" \
        in " ".join(site.log.split())
    assert "Traceback" not in site.log
    assert not site.output.exists()

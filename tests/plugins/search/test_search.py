"""Site search: the search pages, the Pagefind index, and searching in Debian's Chromium.

The browser tests type a query into the search page as a reader would and read the
result links: Vietnamese typed without diacritics finds posts written with them, and
each language's page searches that language's posts only.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import (ROOT, build_site, documented_nginx_server, headers_for, nginx_serving, parse_headers_file,
                      post_files, require_nginx, run_pelican, section_files, serve_folder, set_browser_text,
                      with_browser_text, write_files)
from search_fixture import BOI_DUONG, DAO_TAO, POSTS, search_site

from search.search import pagefind_executable

BASE = "http://localhost:8000"
SEARCH = {"vi": "/tim-kiem/", "en": "/en/search/"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("search"), search_site())


# --- The pages --------------------------------------------------------------------------

@pytest.mark.parametrize("lang, title, lead", [
    ("vi", "Tìm kiếm", "Gõ vài từ cần tìm, có dấu hay không dấu đều được."),
    ("en", "Search", "Type a few words; accents are optional."),
])
def test_each_language_has_a_search_page(site, lang, title, lead):
    soup = site.html(SEARCH[lang])
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True) == title
    assert soup.select_one(".page-header .lead").get_text(strip=True) == lead
    head = soup.head
    assert head.select_one('link[rel="canonical"]')["href"] == BASE + SEARCH[lang]
    assert head.select_one('meta[name="robots"]')["content"] == "noindex"
    box = soup.select_one("#search")
    assert box["data-bundle"] == "/pagefind/" and box["data-base-url"] == "/"
    assert soup.body.select_one("noscript").get_text(strip=True)


def test_search_ui_is_served_by_the_site_itself(site):
    head = site.html(SEARCH["vi"]).head
    # The theme's files carry their version (``?v=``, plugins/theme_assets).
    assets = [urlsplit(s["src"]).path for s in head.select("script[src]")]
    # The UI's styles are preloaded, for search.js to apply (they do not hold the page back).
    assets += [urlsplit(link["href"]).path for link in head.select('link[rel="preload"][as="style"]')]
    assert "/pagefind/pagefind-ui.js" in assets and "/pagefind/pagefind-ui.css" in assets
    assert "/theme/js/search.js" in assets and "/theme/css/search.css" in assets
    for url in assets:
        assert url.startswith("/") and not url.startswith("//"), url
        assert site.exists(url), url
    # search.js first, both deferred (run in order, after the page is read): it fills the
    # page's box with ?q= without waiting for Pagefind's UI, which it starts once that has run.
    assert assets.index("/theme/js/search.js") < assets.index("/pagefind/pagefind-ui.js")
    assert all(s.has_attr("defer") for s in head.select("script[src]"))
    # Pagefind's UI with Pagefind's version: a host keeps the address a year, and a new
    # Pagefind's UI gets a new one.
    from search.search import pagefind_executable

    version = subprocess.run([pagefind_executable(), "--version"], capture_output=True, text=True).stdout.split()[-1]
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", version)
    ui = [s["src"] for s in head.select("script[src]") if "pagefind-ui" in s["src"]]
    ui += [link["href"] for link in head.select('link[rel="preload"]') if "pagefind-ui" in link["href"]]
    assert sorted(urlsplit(url).query for url in ui) == [f"v={version}"] * 2


def test_every_page_links_to_its_languages_search_page(site):
    pages = [rel for rel in site.files() if rel.endswith(".html") and not rel.startswith("pagefind/")]
    assert len(pages) > 10
    for rel in pages:
        lang = "en" if rel.startswith("en/") else "vi"
        link = site.html(rel).select_one(".site-nav .site-nav__search a")
        assert link["href"] == SEARCH[lang], rel
        assert link.get_text(strip=True) == {"vi": "Tìm kiếm", "en": "Search"}[lang], rel
    current = site.html(SEARCH["en"]).select_one('.site-nav a[aria-current="page"]')
    assert current["href"] == SEARCH["en"]


def test_search_pages_switch_to_each_other(site):
    vi, en = site.html(SEARCH["vi"]), site.html(SEARCH["en"])
    assert vi.select_one(".lang-switch a[hreflang]")["href"] == SEARCH["en"]
    assert en.select_one(".lang-switch a[hreflang]")["href"] == SEARCH["vi"]
    alternates = {ln["hreflang"]: ln["href"] for ln in vi.select('head link[rel="alternate"][hreflang]')}
    assert alternates == {"vi": SEARCH["vi"], "en": SEARCH["en"], "x-default": SEARCH["vi"]}


# --- The index --------------------------------------------------------------------------

def test_only_post_pages_are_indexed_one_index_per_language(site):
    entry = json.loads(site.text("pagefind/pagefind-entry.json"))
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert counts == {"vi": len(POSTS["vi"]), "en": len(POSTS["en"])}
    bodies = sorted("/" + rel[: -len("index.html")] for rel in site.files()
                    if rel.endswith(".html") and site.html(rel).select("[data-pagefind-body]"))
    assert bodies == sorted(POSTS["vi"] + POSTS["en"])


def test_sign_off_date_section_and_share_links_are_left_out_of_the_index(site):
    post = site.html(POSTS["vi"][2])
    body = post.select_one("[data-pagefind-body]")
    for selector in (".post__signoff", ".post__meta", ".post__section", ".share"):
        assert body.select_one(selector).has_attr("data-pagefind-ignore"), selector
    assert body.select_one("h1").get_text(strip=True) == "Lịch nghỉ Tết Nguyên đán"


def test_a_rebuild_leaves_no_stale_index_files(site, tmp_path):
    content = site.root / "content"
    post = content / "tin-tuc/tin-hoat-dong/khai-giang/index.vi.md"
    original = post.read_text(encoding="utf-8")
    entry = site.path("pagefind/pagefind-entry.json").read_bytes()
    try:
        post.write_text(original.replace("60 học viên", "80 học viên"), encoding="utf-8")
        result = run_pelican(content, site.output, site.root / "cache")
        assert result.returncode == 0, result.stdout + result.stderr
        fragments = list((site.output / "pagefind" / "fragment").iterdir())
        assert len(fragments) == len(POSTS["vi"]) + len(POSTS["en"])
    finally:
        post.write_text(original, encoding="utf-8")
        result = run_pelican(content, site.output, site.root / "cache")
        assert result.returncode == 0
    # The same site, the same index, byte for byte (Pagefind's languages come sorted).
    assert site.path("pagefind/pagefind-entry.json").read_bytes() == entry


def test_the_index_is_reused_only_while_every_page_is_the_same(tmp_path):
    built = build_site(tmp_path, search_site(), verbose=True)
    assert "pages indexed into pagefind/" in built.log
    first = {p: built.path(p).read_bytes() for p in built.files() if p.startswith("pagefind/")}
    again = run_pelican(built.root / "content", built.output, built.root / "cache", verbose=True,
                        SKIP_UNCHANGED=False)
    assert again.returncode == 0
    assert "unchanged since the last build: index reused" in again.stdout + again.stderr
    assert {p: built.path(p).read_bytes() for p in built.files() if p.startswith("pagefind/")} == first
    post = built.root / "content/tin-tuc/thong-bao/nghi-tet/index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("25 tháng Chạp", "26 tháng Chạp"),
                    encoding="utf-8")
    edited = run_pelican(built.root / "content", built.output, built.root / "cache", verbose=True)
    assert edited.returncode == 0
    assert "pages indexed into pagefind/" in edited.stdout + edited.stderr
    assert "index reused" not in edited.stdout + edited.stderr


def test_a_change_outside_the_posts_body_indexes_nothing_again(tmp_path):
    """Pagefind reads only the <html> tag and the post's body of each page (its lean
    page): a template change elsewhere (here the footer, on every page) rewrites every
    page but leaves the index as it was, without running Pagefind."""
    built = build_site(tmp_path, search_site(), verbose=True)
    first = {p: built.path(p).read_bytes() for p in built.files() if p.startswith("pagefind/")}
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    base = (ROOT / "theme/templates/base.html").read_text(encoding="utf-8")
    assert base.count("</footer>") == 1
    (overrides / "base.html").write_text(base.replace("</footer>", "<p>Giờ làm việc: 7:30–16:30</p></footer>"),
                                         encoding="utf-8")
    again = run_pelican(built.root / "content", built.output, built.root / "cache", verbose=True,
                        THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Giờ làm việc" in built.text("tin-tuc/thong-bao/nghi-tet/index.html")
    assert "unchanged since the last build: index reused" in again.stdout + again.stderr
    assert {p: built.path(p).read_bytes() for p in built.files() if p.startswith("pagefind/")} == first


def test_the_index_does_not_depend_on_the_order_the_site_was_written_in(tmp_path, request):
    """Pagefind numbers pages in the order the file system lists them, which on some
    (tmpfs, btrfs; not ext4, which lists by a hash of the name) follows the order the
    files were made (a build's parallel writers, an edit's replaced page): the same
    pages written in another order give the same index, byte for byte."""
    from search.search import build_index

    built = build_site(tmp_path, search_site())
    pages = sorted(str(p.relative_to(built.output)) for p in built.output.rglob("*.html"))
    # (in memory where there is a folder for it: tmpfs lists files in the order made)
    where = Path(tempfile.mkdtemp(dir="/dev/shm")) if os.access("/dev/shm", os.W_OK) else tmp_path
    request.addfinalizer(lambda: where != tmp_path and shutil.rmtree(where))
    bundles = []
    for name, order in (("forward", pages), ("backward", pages[::-1])):
        copy = where / name
        for rel in order:
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built.output / rel, copy / rel)
        posts = [("en" if rel.startswith("en/") else "vi", rel) for rel in pages
                 if "data-pagefind-body" in (copy / rel).read_text(encoding="utf-8")]
        assert build_index(str(copy), [posts], expected=5) == 5
        bundles.append(_tree(copy / "pagefind"))
    assert bundles[0] == bundles[1]


def test_lean_pages_are_written_for_a_few_pieces_at_a_time(tmp_path, monkeypatch):
    """A cold build of a big site has hundreds of megabytes of lean pages: they are
    written for at most one piece more than the Pagefind runs at once, and each piece's
    are deleted once Pagefind has read them."""
    from search import search

    built = build_site(tmp_path, search_site())
    posts = sorted((("en" if p.parts[0] == "en" else "vi"), str(p)) for p in
                   (q.relative_to(built.output) for q in built.output.rglob("*.html"))
                   if "data-pagefind-body" in (built.output / p).read_text(encoding="utf-8"))
    prepared, most = [], []
    real = search.prepare_piece

    def prepare(piece, *args):
        prepared.append(piece)
        size = real(piece, *args)
        most.append(sum(os.path.isdir(p.site) for p in prepared))
        return size

    monkeypatch.setattr(search, "prepare_piece", prepare)
    monkeypatch.setattr(search.os, "cpu_count", lambda: 1)
    assert search.build_index(str(built.output), [[post] for post in posts], expected=5) == 5
    assert len(prepared) == 5 and max(most) <= 2
    assert not any(os.path.exists(p.site) for p in prepared)


@pytest.mark.parametrize("page, lean", [
    ('<!DOCTYPE html>\n<html lang="vi" class="x"><head><title>T</title></head><body><header><h1>Site</h1></header>'
     '<article class="post" data-pagefind-body><h1>Tin</h1><p data-pagefind-ignore>x</p></article>'
     '<footer>y</footer></body></html>',
     '<html lang="vi" class="x"><head><meta charset="utf-8"></head><body>'
     '<article class="post" data-pagefind-body><h1>Tin</h1><p data-pagefind-ignore>x</p></article>'
     '</body></html>'),
    # the same element nested in the body; the attribute's name in a post's text
    ('<html lang="en"><body><p>data-pagefind-body</p><article data-pagefind-body=""><article>a</article>'
     '<p>b</p></article><article>c</article></body></html>',
     '<html lang="en"><head><meta charset="utf-8"></head><body><article data-pagefind-body="">'
     '<article>a</article><p>b</p></article></body></html>'),
    # never closed: to the end
    ('<html lang="vi"><body><main data-pagefind-body><p>a</p>',
     '<html lang="vi"><head><meta charset="utf-8"></head><body><main data-pagefind-body><p>a</p></body></html>'),
    ('<html lang="vi"><body><p>data-pagefind-body</p><div data-pagefind-bodyx>a</div></body></html>', None),
])
def test_pagefind_reads_the_html_tag_and_the_posts_body_of_a_page(page, lean):
    from search.search import lean_page

    assert lean_page(page) == (None if lean is None else "<!DOCTYPE html>\n" + lean + "\n")


# --- A big site's index, in parts ----------------------------------------------------------

@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("search-parts"), search_site(), SEARCH_SHARD_PAGES=2)


def fragments(site, bundle: str) -> int:
    return len(list((site.output / bundle / "fragment").iterdir()))


def test_a_big_sites_index_is_made_in_parts_oldest_posts_first(sharded):
    # posts oldest first, a post's languages together, at most 2 pages a part
    assert [fragments(sharded, b) for b in ("pagefind", "pagefind/2", "pagefind/3")] == [2, 2, 1]
    assert not sharded.exists("pagefind/4")
    languages = {b: sorted(json.loads(sharded.text(f"{b}/pagefind-entry.json"))["languages"])
                 for b in ("pagefind", "pagefind/2", "pagefind/3")}
    assert languages == {"pagefind": ["en", "vi"], "pagefind/2": ["en", "vi"], "pagefind/3": ["vi"]}
    # each search page searches the parts holding its language's posts
    vi, en = (sharded.html(SEARCH[lang].strip("/") + "/").select_one("#search") for lang in ("vi", "en"))
    assert (vi["data-bundle"], vi["data-merge"], vi["data-lang"]) == ("/pagefind/parts/vi/", "/pagefind/2/ /pagefind/3/", "vi")
    assert (en["data-bundle"], en["data-merge"], en["data-lang"]) == ("/pagefind/parts/en/", "/pagefind/2/", "en")
    # ... through a stand-in for the first part's pagefind.js that keeps only the posts
    # holding every word (searched in the browser below)
    for lang in ("vi", "en"):
        module = sharded.text(f"pagefind/parts/{lang}/pagefind.js")
        assert module.startswith('import * as pagefind from "../../pagefind.js";\nexport * from "../../pagefind.js";\n')
        assert "export async function search(" in module


def test_netlify_and_cloudflare_keep_every_parts_content_named_files_a_year(sharded):
    """``_headers``: each part's fragments and word lists (named by their content) are
    kept a year; what names this build's files (pagefind.js, the entry file, the lists
    of words, which only a ``*`` inside a name could match) is asked for again."""
    rules = parse_headers_file(sharded.text("_headers"))
    year = "public, max-age=31536000, immutable"
    kept, asked = [], []
    for path in sorted((sharded.output / "pagefind").rglob("*")):
        if path.is_file():
            url = "/" + path.relative_to(sharded.output).as_posix()
            (kept if headers_for(rules, url).get("Cache-Control") == year else asked).append(url)
    assert {url.rsplit("/", 2)[-2] for url in kept} == {"fragment", "index"}
    assert {url.split("/")[2] for url in kept} == {"fragment", "index", "2", "3"}
    assert all("/fragment/" not in url and "/index/" not in url for url in asked)
    assert "/pagefind/pagefind-entry.json" in asked and "/pagefind/3/pagefind.js" in asked
    assert headers_for(rules, "/tim-kiem/").get("Cache-Control") is None


def test_an_edit_indexes_again_only_the_part_holding_it(tmp_path):
    built = build_site(tmp_path, search_site(), verbose=True, SEARCH_SHARD_PAGES=2)
    assert "5 pages indexed into pagefind/ (3 of its 3 parts indexed again)" in built.log
    parts = {b: built.path(f"{b}/pagefind-entry.json").read_bytes() for b in ("pagefind", "pagefind/2")}
    post = built.root / "content/tin-tuc/thong-bao/nghi-tet/index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("25 tháng Chạp", "26 tháng Chạp"),
                    encoding="utf-8")
    edited = run_pelican(built.root / "content", built.output, built.root / "cache", verbose=True,
                         SEARCH_SHARD_PAGES=2)
    assert edited.returncode == 0
    assert "5 pages indexed into pagefind/ (1 of its 3 parts indexed again)" in edited.stdout + edited.stderr
    assert {b: built.path(f"{b}/pagefind-entry.json").read_bytes() for b in parts} == parts
    assert fragments(built, "pagefind/3") == 1
    # the cache holds this build's parts only, each language of a part on its own
    languages = sum(len(json.loads(built.text(f"{b}/pagefind-entry.json"))["languages"])
                    for b in ("pagefind", "pagefind/2", "pagefind/3"))
    assert len([p for p in (built.root / "cache" / "search").iterdir() if p.is_dir()]) == languages == 5


def test_the_newest_years_posts_are_a_part_of_their_own_so_a_new_post_leaves_the_archive(tmp_path):
    """Posts of the newest year start a part of their own, however small: adding a
    post (or editing this year's) indexes them again, not every older post."""
    files = search_site() | post_files("tin-tuc/thong-bao/lich-hoc-2025",
                                       {"Title": "Lịch học năm 2025", "Date": "2025-01-06",
                                        "body": "Lịch học các lớp bồi dưỡng năm 2025."})
    built = build_site(tmp_path, files, verbose=True)
    assert "6 pages indexed into pagefind/ (2 of its 2 parts indexed again)" in built.log
    assert [fragments(built, b) for b in ("pagefind", "pagefind/2")] == [5, 1]
    archive = {p.relative_to(built.output): p.read_bytes()
               for p in (built.output / "pagefind").iterdir() if p.is_file()}
    new_post = post_files("tin-tuc/thong-bao/khai-giang-2025",
                          {"Title": "Khai giảng khóa mới", "Date": "2025-02-17",
                           "body": "Nhà trường khai giảng khóa bồi dưỡng mới."})
    write_files(built.root / "content", new_post)
    added = run_pelican(built.root / "content", built.output, built.root / "cache", verbose=True)
    assert added.returncode == 0, added.stdout + added.stderr
    log = " ".join((added.stdout + added.stderr).split())
    assert "7 pages indexed into pagefind/ (1 of its 2 parts indexed again)" in log
    assert "indexed again: vi 2 pages" in log
    assert {p.relative_to(built.output): p.read_bytes()
            for p in (built.output / "pagefind").iterdir() if p.is_file()} == archive
    assert fragments(built, "pagefind/2") == 2
    vi = built.html(SEARCH["vi"].strip("/") + "/").select_one("#search")
    assert vi["data-merge"] == "/pagefind/2/"

    def index(site) -> dict:
        return {str(p.relative_to(site.output)): p.read_bytes()
                for p in (site.output / "pagefind").rglob("*") if p.is_file()}

    assert index(built) == index(build_site(tmp_path / "clean", files | new_post))


def test_each_language_is_indexed_on_its_own_and_an_edit_indexes_only_its_language(tmp_path):
    """One Pagefind run per language (side by side), the bundles put together into one:
    the same bytes as one run over (the lean pages of) the whole site gives; an edit of
    a Vietnamese post indexes the Vietnamese pages again and reuses the English ones."""
    from search.search import lean_pages, scratch_folder, write_lean_site

    built = build_site(tmp_path, search_site(), verbose=True)
    assert "indexed again: en 2 pages, vi 3 pages" in " ".join(built.log.split())
    whole = tmp_path / "whole"
    pages = [str(p.relative_to(built.output)) for p in built.output.rglob("*.html")
             if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(pages) == 5
    # (where the build wrote its lean pages: the order Pagefind finds files in is the
    # file system's)
    lean = scratch_folder() or str(tmp_path / "lean")
    try:
        write_lean_site(lean_pages(str(built.output), pages), lean)
        subprocess.run([pagefind_executable(), "--site", lean, "--output-path", str(whole)],
                       check=True, capture_output=True)
    finally:
        shutil.rmtree(lean)
    ours = {str(p.relative_to(built.output / "pagefind")): p.read_bytes()
            for p in (built.output / "pagefind").rglob("*") if p.is_file()}
    theirs = {str(p.relative_to(whole)): p.read_bytes() for p in whole.rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys()
    assert {k: v for k, v in ours.items() if k != "pagefind-entry.json"} == \
        {k: v for k, v in theirs.items() if k != "pagefind-entry.json"}
    assert json.loads(ours["pagefind-entry.json"]) == json.loads(theirs["pagefind-entry.json"])

    cache = built.root / "cache" / "search"
    before = {p.name: p.stat().st_ino for p in cache.iterdir() if p.is_dir()}
    post = built.root / "content/tin-tuc/thong-bao/nghi-tet/index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("25 tháng Chạp", "26 tháng Chạp"),
                    encoding="utf-8")
    edited = run_pelican(built.root / "content", built.output, built.root / "cache", verbose=True)
    assert edited.returncode == 0
    log = " ".join((edited.stdout + edited.stderr).split())
    assert "indexed again: vi 3 pages" in log and "en 2 pages" not in log
    # the English pages are the same files as before (linked from the page cache): not
    # even read
    assert "search: 2 pages are the same files as in the last build, not read again" in log
    # the English bundle is the one kept in the cache; the Vietnamese one is new
    after = {p.name: p.stat().st_ino for p in cache.iterdir() if p.is_dir()}
    assert len(before) == len(after) == 2 and len(before.items() & after.items()) == 1
    assert any(p.name.startswith("en_") for p in (cache / (before.keys() & after.keys()).pop()).rglob("*"))


# --- Searching in the browser -------------------------------------------------------------


@pytest.fixture(scope="module", params=["one index", "in parts"])
def served(request, site, sharded):
    """The site, served; and the same site with its index in parts of at most 2 pages:
    every search below must find the same posts in both."""
    with serve_folder(site.output if request.param == "one index" else sharded.output) as url:
        yield url


@pytest.fixture
def reader(served, browser):
    """A phone-sized page that records errors and any request to another host."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(served) else page.problems.append(r.url))
    yield page
    page.close()


#: The result links once Pagefind's UI has answered: the message names the query and
#: is not the "searching…" one ("Đang tìm kiếm cho dao tao..."), each result has its
#: link, and two looks in a row agree (the UI redraws while a search is on its way).
SETTLED = """q => {
  const m = document.querySelector('.pagefind-ui__message');
  const text = m ? m.textContent.trim() : '';
  if (!text.includes(q) || text.endsWith('...')) { window.__seen = null; return false; }
  const links = [...document.querySelectorAll('a.pagefind-ui__result-link')].map(a => a.getAttribute('href'));
  const count = parseInt(m.textContent, 10) || 0;
  if (links.length !== count || document.querySelectorAll('.pagefind-ui__result').length !== count) {
    window.__seen = null; return false;
  }
  const state = m.textContent + '|' + links.join(' ');
  const settled = window.__seen === state;
  window.__seen = state;
  return settled ? links : false;
}"""


#: What the search page shows when its results do not settle: for the failure's message.
SHOWN = """() => ({address: location.pathname + location.search,
  message: (document.querySelector('.pagefind-ui__message') || {}).textContent || null,
  results: document.querySelectorAll('.pagefind-ui__result').length,
  alerts: [...document.querySelectorAll('[role=alert]')].map(a => a.textContent.trim())})"""


def results(page, query: str) -> list[str]:
    from playwright.sync_api import TimeoutError as Timeout

    try:
        return sorted(page.wait_for_function(SETTLED, arg=query, polling=250).json_value())
    except Timeout:
        raise AssertionError(f"no settled results for {query!r}: {page.evaluate(SHOWN)}") from None


def type_query(page, served: str, lang: str, query: str) -> list[str]:
    page.goto(served + SEARCH[lang])
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    box.press_sequentially(query, delay=20)
    return results(page, query)


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("query, found", [
    ("boi duong", BOI_DUONG),          # no diacritics: finds "bồi dưỡng", not the sign-off
    ("bồi dưỡng", BOI_DUONG),
    ("dao tao", DAO_TAO),              # "đ" typed as "d"
    ("Đông Triều", DAO_TAO),
    ("tet nguyen dan", ["/tin-tuc/thong-bao/nghi-tet/"]),
])
def test_vietnamese_search_page_finds_posts_with_or_without_diacritics(served, reader, query, found):
    assert type_query(reader, served, "vi", query) == found
    assert reader.problems == []


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("query, found", [
    ("training", ["/en/tin-tuc/tin-hoat-dong/khai-giang/"]),
    ("OCOP", ["/en/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"]),
    ("boi duong", []),                 # Vietnamese posts are not in the English index
    ("nông dân", []),
])
def test_english_search_page_finds_english_posts_only(served, reader, query, found):
    assert type_query(reader, served, "en", query) == found
    assert reader.problems == []


@pytest.mark.browser
@needs_chromium
def test_vietnamese_search_never_returns_english_posts(served, reader):
    assert type_query(reader, served, "vi", "OCOP") == DAO_TAO


@pytest.mark.browser
@needs_chromium
def test_a_search_address_with_q_shows_its_results(served, reader):
    reader.goto(served + SEARCH["vi"] + "?q=dao+tao")
    assert results(reader, "dao tao") == DAO_TAO
    assert reader.locator(".pagefind-ui__search-input").input_value() == "dao tao"


@pytest.mark.browser
@needs_chromium
def test_back_from_a_result_the_search_and_its_results_are_there_again(served, reader):
    """A reader searched, opened a result and came back: the box still held the words
    (the browser put them back) but no result was shown and nothing searched them, until
    the words were typed again. The page's address now follows the box (?q=), so
    "back" and a reload search again."""
    assert type_query(reader, served, "vi", "dao tao") == DAO_TAO
    assert reader.url == served + SEARCH["vi"] + "?q=dao+tao"
    with reader.expect_navigation():
        reader.locator("a.pagefind-ui__result-link").first.click()
    assert reader.url == served + DAO_TAO[0]
    reader.go_back()
    assert results(reader, "dao tao") == DAO_TAO
    assert reader.locator(".pagefind-ui__search-input").input_value() == "dao tao"
    reader.locator(".pagefind-ui__search-input").fill("")
    # an empty box: the bare address (the page's history.replaceState reaches the test a
    # moment after the keys: waited for)
    reader.wait_for_url(served + SEARCH["vi"])
    assert reader.problems == []


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("how", ["select all and delete", "Clear", "Escape"])
def test_however_the_box_is_emptied_the_address_is_the_bare_one(served, reader, how):
    """The address follows the box (?q=): emptied by the reader's keys, by Pagefind's
    Clear or by Escape (which Pagefind empties the box on, saying nothing to the page),
    it is the bare address again, and a reload shows no old search."""
    assert type_query(reader, served, "en", "training") == POSTS["en"][:1]
    assert reader.url == served + SEARCH["en"] + "?q=training"
    box = reader.locator(".pagefind-ui__search-input")
    if how == "select all and delete":
        box.press("ControlOrMeta+a")
        box.press("Delete")
    elif how == "Clear":
        reader.locator("#search").get_by_role("button", name="Clear").click()
    else:
        box.press("Escape")
    reader.wait_for_function("() => !document.querySelector('.pagefind-ui__search-input').value")
    reader.wait_for_url(served + SEARCH["en"])
    reader.reload()
    box.wait_for()
    assert box.input_value() == ""
    assert reader.problems == []


@pytest.mark.browser
@needs_chromium
def test_the_header_link_leads_to_a_working_search(served, reader):
    reader.goto(served + POSTS["vi"][0])
    reader.locator(".site-nav__search a").click()
    reader.wait_for_url(served + SEARCH["vi"])
    box = reader.locator(".pagefind-ui__search-input")
    box.press_sequentially("khai giang", delay=20)
    found = results(reader, "khai giang")
    assert found == BOI_DUONG
    reader.locator("a.pagefind-ui__result-link").first.click()
    reader.wait_for_url(served + BOI_DUONG[0])
    assert reader.locator("h1").inner_text() == "Khai giảng lớp bồi dưỡng cán bộ hợp tác xã"


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_index_starts_loading_when_the_page_has_loaded_not_when_the_box_is_tapped(served, reader, lang):
    """On a slow connection, loading Pagefind's words and WebAssembly only once the reader
    taps the box made the first results wait for them after the query was typed."""
    fetched = []
    reader.context.on("requestfinished", lambda r: fetched.append(urlsplit(r.url).path))
    reader.goto(served + SEARCH[lang], wait_until="load")
    # One list of words (pagefind.<lang>_….pf_meta) for each part of the index holding posts
    # in the page's language: the first part's, and those searched with it (data-merge).
    parts = 1 + len((reader.locator("#search").get_attribute("data-merge") or "").split())

    def loaded() -> bool:
        words = {path for path in fetched if f"/pagefind.{lang}_" in path and path.endswith(".pf_meta")}
        return any("/wasm." in path for path in fetched) and len(words) == parts

    for _ in range(100):
        if loaded():
            break
        reader.wait_for_timeout(100)
    assert loaded(), fetched
    # Nothing was searched, and the box was not given the focus (a phone would open its keyboard).
    assert reader.evaluate("document.activeElement && document.activeElement.tagName") != "INPUT"
    assert reader.locator(".pagefind-ui__result").count() == 0
    assert reader.problems == []


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang, query", [("vi", "dao tao"), ("en", "training")])
@pytest.mark.parametrize("which", ["one index", "in parts"])
def test_what_the_search_page_preloads_is_what_pagefind_fetches_once(site, sharded, browser, tmp_path,
                                                                       lang, query, which):
    """The page's own <link>s start loading Pagefind's module and each part's list of
    words with the page (on a slow connection they came one after another, after the
    UI's script: 1 s of 7.5 until the first results). Served by nginx as deploy/README.md
    says, the server sends each once: Pagefind's worker takes the list of words from the
    browser's cache (deploy/nginx-caching.conf keeps content-named index files a year)."""
    require_nginx()
    run = tmp_path / "nginx"
    with nginx_serving((site if which == "one index" else sharded).output, run, documented_nginx_server()) as url:
        page = browser.new_page()
        page.goto(url + SEARCH[lang] + "?q=" + query.replace(" ", "+"))
        assert results(page, query)
        preloaded = [urlsplit(link.get_attribute("href")).path
                     for link in page.locator('head link[rel="modulepreload"], head link[rel="preload"]').all()]
        parts = 1 + len((page.locator("#search").get_attribute("data-merge") or "").split())
        page.close()
        asked = re.findall(r'"GET (\S+) HTTP', (run / "access.log").read_text(encoding="utf-8"))
    assert len([path for path in preloaded if path.endswith(".pf_meta")]) == parts
    assert any(path.endswith("/pagefind.js") for path in preloaded)
    for path in preloaded:
        assert [urlsplit(p).path for p in asked].count(path) == 1, (path, asked)


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang, query, more", [("vi", "hoc vien", "Nhiều kết quả hơn"),
                                               ("en", "learners", "Load more results")])
def test_more_results_is_a_button_a_thumb_can_tap(tmp_path, browser, lang, query, more):
    """Past five results Pagefind's UI ends the list with a button for the next five: on a
    phone it was 43 px tall (48 px at the search's scale of .9), the one control on the page
    under the 44 px every other one has."""
    files = section_files("tin-tuc", "Tin tức", "News")
    for n in range(1, 8):
        files |= post_files(f"tin-tuc/lop-{n}", {"Title": f"Lớp bồi dưỡng số {n}", "Date": f"2024-03-0{n}",
                                                 "body": f"Lớp số {n} có 40 học viên."},
                            {"Title": f"Course number {n}", "Date": f"2024-03-0{n}",
                             "body": f"Course {n} had 40 learners."})
    site = build_site(tmp_path, files)
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                has_touch=True, is_mobile=True)
        page.goto(url + SEARCH[lang] + "?q=" + query.replace(" ", "+"))
        button = page.get_by_role("button", name=more)
        button.wait_for()
        page.wait_for_function("document.querySelectorAll('a.pagefind-ui__result-link').length === 5")
        height = button.bounding_box()["height"]
        button.tap()
        page.wait_for_function("document.querySelectorAll('a.pagefind-ui__result-link').length === 7")
        page.close()
    assert height >= 44


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("key", ["Enter", " "])
def test_after_more_results_the_keyboard_goes_on_from_the_first_new_one(tmp_path, browser, key):
    """Pressed, Pagefind's "Load more results" shows the next results and, the last shown,
    is taken away with the focus on it: the focus was on the page itself, and the next Tab
    reached the footer's telephone, past the new results. (The focus moves as the new
    links are drawn: by the time they are all there, it has.)"""
    files = section_files("tin-tuc", "Tin tức", "News")
    for n in range(1, 8):
        files |= post_files(f"tin-tuc/lop-{n}", {"Title": f"Lớp bồi dưỡng số {n}", "Date": f"2024-03-0{n}",
                                                 "body": f"Lớp số {n} có 40 học viên."})
    site = build_site(tmp_path, files)
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(url + SEARCH["vi"] + "?q=hoc+vien")
        page.wait_for_function("document.querySelectorAll('a.pagefind-ui__result-link').length === 5")
        page.focus(".pagefind-ui__button")
        page.keyboard.press(key)
        page.wait_for_function("document.querySelectorAll('a.pagefind-ui__result-link').length === 7")
        links = page.evaluate("[...document.querySelectorAll('a.pagefind-ui__result-link')].map(a => a.getAttribute('href'))")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("Tab")
        then = page.evaluate("document.activeElement.getAttribute('href')")
        page.close()
    assert focused == links[5]
    assert then == links[6]


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("width", [375, 1280])
def test_the_page_does_not_jump_while_the_search_box_and_results_come(site, browser, width):
    """Pagefind's UI draws the box and the results after the page has loaded: the footer,
    on the first screen, was pushed down (layout shift 0.4 on a phone, 0.24 on a desktop;
    "good" is under 0.1)."""
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.add_init_script("window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries()) "
                             "if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});")
        page.goto(url + SEARCH["vi"] + "?q=dao+tao")
        assert results(page, "dao tao") == DAO_TAO
        page.wait_for_timeout(500)
        shift = page.evaluate("window.__shift")
        page.close()
    assert shift < 0.1


@pytest.mark.browser
@needs_chromium
def test_the_gallerys_heading_is_not_what_a_search_finds(tmp_path, browser):
    """Every post with photos was found for "hình ảnh" (its gallery's heading, "Hình
    ảnh" / "Photos", was indexed as the post's words) and its excerpt read "… Hình ảnh.
    Học viên …"; the photos' captions are the post's and are found."""
    import io

    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 90, 160)).save(photo, "JPEG")
    folder = "tin-tuc/tin-hoat-dong/khai-giang"
    files = search_site() | {f"{folder}/hoi-truong.jpg": photo.getvalue(), f"{folder}/lop.jpg": photo.getvalue(),
                             f"{folder}/captions.vi.txt": "hoi-truong.jpg: Hội trường tầng ba\n",
                             f"{folder}/captions.en.txt": "hoi-truong.jpg: The third-floor hall\n"}
    site = build_site(tmp_path, files)
    assert site.html(folder + "/").select_one(".gallery__title").get_text(strip=True) == "Hình ảnh"
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        found = {query: type_query(page, url, lang, query) for lang, query in
                 [("vi", "hình ảnh"), ("vi", "hinh anh"), ("en", "photos"), ("vi", "hội trường"), ("en", "hall")]}
        page.close()
    assert found == {"hình ảnh": [], "hinh anh": [], "photos": [], "hội trường": ["/" + folder + "/"],
                     "hall": ["/en/" + folder + "/"]}


@pytest.mark.browser
@needs_chromium
def test_a_results_excerpt_does_not_repeat_its_title_and_the_title_still_finds_it(tmp_path, browser):
    """Every excerpt began with the post's title, already the result's heading above it:
    "Hội nghị tổng kết năm học — Hội nghị tổng kết năm học. Nhà trường …", a line or two
    of a phone's screen a result. The title is Pagefind's metadata, not the indexed text
    (Pagefind 1.5 searches the title metadata): its words still find the post, first."""
    import io

    from PIL import Image

    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/tong-ket", {"Title": "Hội nghị tổng kết năm học", "Date": "2024-01-02",
                                             "body": "Nhà trường họp cuối năm với các khoa và phòng ban."},
                        {"Title": "Year-end review meeting", "Date": "2024-01-02",
                         "body": "The school met its departments at the end of the year."})
    # newer, and the words twice in its text, none in its title
    files |= post_files("tin-tuc/lop-moi", {"Title": "Lớp học mới", "Date": "2024-05-02", "body": (
                            "Lớp học khai giảng. Buổi tổng kết lớp trước diễn ra tuần qua; tổng kết đợt hai sau đó.")},
                        {"Title": "A new class", "Date": "2024-05-02",
                         "body": "The class opened after the last review; a second review follows."})
    # photos without captions, no text: its title is its only words (Pagefind leaves out a page without any)
    files |= post_files("tin-tuc/anh-be-giang", {"Title": "Ảnh lễ bế giảng", "Date": "2024-06-02", "body": ""})
    photo = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 90, 160)).save(photo, "JPEG")
    files["tin-tuc/anh-be-giang/lop.jpg"] = photo.getvalue()
    # nor has one whose Summary and text are signs without words (what `invoke fuzz` found)
    files |= post_files("tin-tuc/hoi-dien", {"Title": "Ảnh hội diễn văn nghệ", "Date": "2024-06-03", "Summary": "&",
                                             "body": "— _ — &nbsp;"})
    # nor one whose only words are a linked file's kind and size, which are not indexed
    files |= post_files("tin-tuc/quyet-dinh", {"Title": "Quyết định công nhận tốt nghiệp", "Date": "2024-06-04",
                                               "body": "[![](trang-1.jpg)](quyet-dinh.pdf)"})
    files["tin-tuc/quyet-dinh/trang-1.jpg"] = photo.getvalue()
    files["tin-tuc/quyet-dinh/quyet-dinh.pdf"] = b"%PDF-1.4\n%%EOF\n"
    site = build_site(tmp_path, files)
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        shown = {}
        for lang, query in [("vi", "tổng kết"), ("vi", "tong ket"), ("vi", "hội nghị"), ("en", "review"),
                            ("vi", "bế giảng"), ("vi", "hội diễn"), ("vi", "tốt nghiệp")]:
            type_query(page, url, lang, query)
            shown[query] = page.evaluate("""() => [...document.querySelectorAll('.pagefind-ui__result')].map(r =>
                [r.querySelector('.pagefind-ui__result-link').textContent.trim(),
                 r.querySelector('.pagefind-ui__result-excerpt').textContent.trim()])""")
        page.close()
    assert shown == {
        "tổng kết": [["Hội nghị tổng kết năm học", "Nhà trường họp cuối năm với các khoa và phòng ban."],
                     ["Lớp học mới", "Lớp học khai giảng. Buổi tổng kết lớp trước diễn ra tuần qua; tổng kết đợt "
                                     "hai sau đó."]],
        "tong ket": [["Hội nghị tổng kết năm học", "Nhà trường họp cuối năm với các khoa và phòng ban."],
                     ["Lớp học mới", "Lớp học khai giảng. Buổi tổng kết lớp trước diễn ra tuần qua; tổng kết đợt "
                                     "hai sau đó."]],
        "hội nghị": [["Hội nghị tổng kết năm học", "Nhà trường họp cuối năm với các khoa và phòng ban."]],
        "review": [["Year-end review meeting", "The school met its departments at the end of the year."],
                   ["A new class", "The class opened after the last review; a second review follows."]],
        "bế giảng": [["Ảnh lễ bế giảng", "Ảnh lễ bế giảng."]],
        "hội diễn": [["Ảnh hội diễn văn nghệ", "Ảnh hội diễn văn nghệ. & — _ —"]],
        "tốt nghiệp": [["Quyết định công nhận tốt nghiệp", "Quyết định công nhận tốt nghiệp."]]}


#: When Pagefind's UI first puts its box on the page: the box's height then (Pagefind's
#: 64 px times the scale search.css gives it, 0.9) and the page's own styles' mark on it.
FIRST_DRAWN = """window.__drawn = null;
new MutationObserver((changes, observer) => {
  const box = document.querySelector('.pagefind-ui__search-input');
  if (!box) return;
  observer.disconnect();
  window.__drawn = [getComputedStyle(box).height, getComputedStyle(box).fontFamily];
}).observe(document, {childList: true, subtree: true});"""


@pytest.mark.browser
@needs_chromium
def test_the_keyboard_sees_the_sites_focus_ring_on_every_part_of_the_search(site, browser):
    """Pagefind's reset gives its Clear, its results' links and its "Load more results"
    the browser's thin ring: the only ones on the site without its 3 px one."""
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(url + SEARCH["vi"] + "?q=dao+tao")
        assert results(page, "dao tao") == DAO_TAO
        page.focus(".pagefind-ui__search-input")
        rings = {}
        for _ in range(len(DAO_TAO) + 1):
            page.keyboard.press("Tab")
            name, ring = page.evaluate("""() => { const a = document.activeElement, s = getComputedStyle(a);
                return [a.className.split(' ')[0], s.outlineStyle + ' ' + s.outlineWidth]; }""")
            rings.setdefault(name, set()).add(ring)
        page.close()
    assert {"pagefind-ui__search-clear", "pagefind-ui__result-link"} <= set(rings)
    assert rings == {name: {"solid 3px"} for name in rings}


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("width", [180, 240])
def test_on_a_zoomed_phone_the_results_fit_the_screen(site, browser, width):
    """A 360 px phone zoomed to 200 % is 180 px wide to the page, at 150 % 240 px. Pagefind
    keeps a result's excerpt 225 px wide at least: the page was 61 px wider than the
    screen, each result's words cut at its right edge."""
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(url + SEARCH["vi"] + "?q=dao+tao")
        assert results(page, "dao tao") == DAO_TAO
        overflow = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
        cut = page.evaluate("""() => [...document.querySelectorAll('.pagefind-ui__result *')]
            .filter(e => e.getBoundingClientRect().right > innerWidth).map(e => e.className)""")
        page.close()
    assert overflow <= 0
    assert cut == []


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang, query", [("vi", "dao tao"), ("en", "training")])
def test_the_search_page_waits_for_no_stylesheet_but_the_sites_own(site, browser, lang, query):
    """Pagefind's stylesheet and search.css held the whole page back until they came: a
    reader who came from another page (site.css in the browser's cache) saw nothing for a
    round trip more, 4.4 s instead of 2.1 s on slow 3G. They load with the page without
    holding it, and Pagefind's UI is drawn once they are in: never unstyled."""
    with serve_folder(site.output) as url:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.add_init_script(FIRST_DRAWN)
        page.goto(url + SEARCH[lang] + "?q=" + query.replace(" ", "+"))
        assert results(page, query)
        blocking = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(e => e.renderBlockingStatus === 'blocking').map(e => new URL(e.name).pathname)""")
        drawn = page.evaluate("window.__drawn")
        page.close()
    assert blocking == ["/theme/css/site.css"]
    height, font = drawn
    assert height.endswith("px") and abs(float(height[:-2]) - 64 * .9) < .1, \
        f"Pagefind's styles and search.css's scale were in when the box was drawn: {height}"
    assert "Noto Sans" in font, "in the site's fonts (search.css)"


@pytest.mark.browser
@needs_chromium
def test_without_script_the_search_pages_note_keeps_its_style(site, browser):
    with serve_folder(site.output) as url:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(url + SEARCH["vi"])
        note = page.evaluate("getComputedStyle(document.querySelector('.search__noscript')).borderLeftWidth")
        context.close()
    assert note == "4px"


# --- The box before Pagefind's UI -------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_search_page_has_a_form_of_its_own_labelled_by_its_heading(site, lang):
    """The box was Pagefind's alone, drawn when its UI's script (30 KB) had come: on slow
    3G 6.8 s, the page itself at 2.1 s. The page's HTML has a real form: its Enter opens
    the search page with ?q=, which searches."""
    soup = site.html(SEARCH[lang])
    form = soup.select_one("#search form")
    assert form["action"] == SEARCH[lang] and form["method"] == "get"
    box = form.select_one("input")
    assert box["type"] == "search" and box["name"] == "q"
    label = " ".join(soup.find(id=i).get_text(strip=True) for i in box["aria-labelledby"].split())
    assert label == soup.h1.get_text(strip=True) + " " + soup.select_one(".page-header .lead").get_text(strip=True)


class HeldBack:
    """Holds back the responses of the files whose address matches ``pattern`` while
    ``holding``; ``release()`` lets the held ones and any later ones through."""

    def __init__(self, page, pattern: str):
        self.routes, self.holding = [], True
        page.route(re.compile(pattern), self._handle)

    def _handle(self, route):
        if self.holding:
            self.routes.append(route)
        else:
            route.continue_()

    def release(self):
        self.holding = False
        for route in self.routes:
            route.continue_()
        self.routes = []


#: Every layout shift of the page, the reader's typing or not (the page's box becoming
#: Pagefind's must move nothing, while the reader types or after).
ALL_SHIFTS = ("window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries()) "
              "window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});")
UI_SCRIPT = r"/pagefind-ui\.js"


def box_state(page, selector: str) -> dict:
    return page.evaluate("""s => { const b = document.querySelector(s), r = b.getBoundingClientRect();
        return {value: b.value, focused: document.activeElement === b, caret: [b.selectionStart, b.selectionEnd],
                box: [r.left, r.top, r.width, r.height]}; }""", selector)


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang, query, found, width", [("vi", "dao tao", DAO_TAO, 375),
                                                       ("en", "training", POSTS["en"][:1], 1280)])
def test_a_reader_types_before_pagefinds_script_comes_and_gets_the_results(served, browser, lang, query,
                                                                            found, width):
    """The page's box is there, and takes typing, while Pagefind's UI script is held back;
    when it comes, its box is in the same place and size, with what was typed, the focus
    and the caret (moved back two letters), and the results come."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.add_init_script(ALL_SHIFTS)
    held = HeldBack(page, UI_SCRIPT)
    page.goto(served + SEARCH[lang], wait_until="commit")
    early = page.locator(".search__input")
    early.wait_for(state="visible")
    assert page.locator(".pagefind-ui__search-input").count() == 0
    early.click()
    early.press_sequentially(query, delay=20)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    before = box_state(page, ".search__input")
    assert before["value"] == query and before["focused"] and before["caret"] == [len(query) - 2] * 2
    held.release()
    assert results(page, query) == found
    after = box_state(page, ".pagefind-ui__search-input")
    shift = page.evaluate("window.__shift")
    forms = page.locator("#search form").count()
    page.close()
    assert after["value"] == query and after["focused"] and after["caret"] == before["caret"]
    assert after["box"] == pytest.approx(before["box"], abs=0.5), "Pagefind's box is where the page's was"
    assert forms == 1, "Pagefind's form only"
    assert shift < 0.01


@pytest.mark.browser
@needs_chromium
def test_an_address_with_q_is_in_the_box_before_pagefinds_script_comes_and_edits_count(served, browser):
    """?q= is put in the page's box at once (by the page's small script); what the reader
    makes of it before the UI comes is what is searched. The box is not given the focus
    (a phone would open its keyboard)."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    held = HeldBack(page, UI_SCRIPT)
    page.goto(served + SEARCH["vi"] + "?q=khai+giang", wait_until="commit")
    page.wait_for_function("() => { const b = document.querySelector('.search__input'); return b && b.value; }")
    early = box_state(page, ".search__input")
    page.locator(".search__input").fill("dao tao")
    page.locator(".page-header__title").click()  # the focus leaves the box
    held.release()
    found = results(page, "dao tao")
    after = box_state(page, ".pagefind-ui__search-input")
    page.close()
    assert early["value"] == "khai giang" and not early["focused"]
    assert found == DAO_TAO
    assert after["value"] == "dao tao" and not after["focused"]


@pytest.mark.browser
@needs_chromium
def test_enter_before_any_script_has_come_opens_the_search_with_q(served, browser):
    """With neither the page's script nor Pagefind's in yet, the form is sent as forms
    are: the search page with ?q=, which searches once they have come."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    held = HeldBack(page, r"/(pagefind-ui|search)\.js")
    page.goto(served + SEARCH["vi"], wait_until="commit")
    early = page.locator(".search__input")
    early.wait_for(state="visible")
    early.press_sequentially("dao tao", delay=20)
    held.holding = False
    early.press("Enter")
    page.wait_for_url(served + SEARCH["vi"] + "?q=dao+tao")
    found = results(page, "dao tao")
    page.close()
    assert found == DAO_TAO


@pytest.mark.browser
@needs_chromium
def test_a_word_being_composed_is_finished_in_the_pages_box(served, browser):
    """Vietnamese typed with Telex or VNI (and a phone's keyboard) composes each word:
    the page's box is not taken away in the middle of one, the word would be lost."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    held = HeldBack(page, UI_SCRIPT)
    page.goto(served + SEARCH["vi"], wait_until="commit")
    early = page.locator(".search__input")
    early.wait_for(state="visible")
    # the page's script has run (it applies search.css), Pagefind's is held back
    page.wait_for_function("() => document.querySelector('link[rel=stylesheet][href*=\"search.css\"]')")
    early.click()
    early.press_sequentially("dao ", delay=20)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "taoj", "selectionStart": 4, "selectionEnd": 4})
    held.release()
    page.wait_for_function("() => window.PagefindUI")
    page.wait_for_timeout(300)
    composing = page.locator(".pagefind-ui__search-input").count()
    cdp.send("Input.insertText", {"text": "tạo"})
    found = results(page, "dao tạo")
    after = box_state(page, ".pagefind-ui__search-input")
    page.close()
    assert composing == 0, "the page's box stayed while the word was composed"
    assert found == DAO_TAO
    assert after["value"] == "dao tạo" and after["focused"]


#: search.css is applied (search.js applies it before Pagefind's UI): the page's box has
#: the magnifier it draws.
SEARCH_CSS_APPLIED = ("() => { const f = document.querySelector('.search__form');"  # (not parsed yet: wait)
                      " return f !== null && getComputedStyle(f, '::before').content !== 'none'; }")


def before_pagefinds_ui(browser, served: str, lang: str, width: int = 375, height: int = 800, text: int = 16):
    """The search page of ``lang`` with search.css applied and Pagefind's UI held back
    (``held.release()`` lets it come): the page's own box, as a reader sees it first;
    the browser's text at ``text`` px (16 by default)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    if text != 16:
        set_browser_text(page, text)
    held = HeldBack(page, UI_SCRIPT)
    page.goto(served + SEARCH[lang], wait_until="commit")
    page.wait_for_function(SEARCH_CSS_APPLIED)
    return page, held


#: A box's clear button as the reader sees it (None: not shown): its words and place.
CLEAR_BUTTON = """s => { const b = document.querySelector(s); if (!b) return null;
  const c = getComputedStyle(b), r = b.getBoundingClientRect();
  if (c.display === 'none' || c.visibility === 'hidden' || c.opacity === '0') return null;
  return {text: b.textContent.trim(), box: [r.left, r.top, r.width, r.height], font: c.font, color: c.color}; }"""


def right_end(page, selector: str) -> bytes:
    """A picture of the right end of a box, where a clear button shows (the caret hidden)."""
    r = page.locator(selector).bounding_box()
    return page.screenshot(clip={"x": r["x"] + r["width"] - 110, "y": r["y"], "width": 110, "height": r["height"]})


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang, query, clear, text", [("vi", "dao tao", "Xóa", 16), ("en", "training", "Clear", 16),
                                                     ("vi", "dao tao", "Xóa", 32)])
def test_the_boxs_clear_button_is_the_same_before_and_after_pagefinds_ui_comes(served, browser, lang, query,
                                                                              clear, text):
    """Chromium drew its own × in the page's box and Pagefind's UI draws its "Clear"
    ("Xóa"): when the UI came the reader saw the × turn into a word. The page's box shows
    Pagefind's button, in its place and type, while it holds words, and none when empty;
    the right end of the box looks the same before and after, with the browser's text
    larger too."""
    page, held = before_pagefinds_ui(browser, served, lang, height=50 * text, text=text)  # (the box on screen)
    early = page.locator(".search__input")
    empty_before = right_end(page, ".search__input")
    early.click()
    early.press_sequentially(query, delay=20)
    before = right_end(page, ".search__input")
    button_before = page.evaluate(CLEAR_BUTTON, "#search .search__clear")
    held.release()
    assert results(page, query)
    after = right_end(page, ".pagefind-ui__search-input")
    button_after = page.evaluate(CLEAR_BUTTON, ".pagefind-ui__search-clear")
    page.locator(".pagefind-ui__search-input").fill("")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.pagefind-ui__search-clear')).opacity === '0'")
    page.locator(".page-header__title").click()  # unfocused, as the page's box was
    empty_after = right_end(page, ".pagefind-ui__search-input")
    page.close()
    assert button_after is not None and button_after["text"] == clear
    assert button_before == button_after, "the page's box has Pagefind's clear button, in its place"
    assert before == after, "the right end of the box looks the same (no browser ×)"
    assert empty_before == empty_after, "empty, neither box shows a clear button"


#: The font sizes of Pagefind's box, its "Xóa", the results' count, titles and excerpts,
#: and Pagefind's sizes for them (pixels, before its scale).
PAGEFIND_TYPE = {".pagefind-ui__search-input": 21, ".pagefind-ui__search-clear": 14, ".pagefind-ui__message": 16,
                 ".pagefind-ui__result-title": 21, ".pagefind-ui__result-excerpt": 16}


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("text", [16, 24, 32])
def test_pagefinds_box_and_results_grow_with_the_browsers_text(served, browser, text):
    """Pagefind sizes its UI in pixels times a scale: with the browser's text at 200 %
    the box, the results' count, titles and excerpts stayed at 13–19 px under the page's
    56 px title. They follow the text size as the rest of the site does, and the count,
    on two lines then, keeps its words inside its box."""
    context, page = with_browser_text(browser, served + SEARCH["vi"] + "?q=dao+tao", 360, text)
    assert results(page, "dao tao") == DAO_TAO
    sizes = page.evaluate("""selectors => Object.fromEntries(selectors.map(s =>
        [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))""", list(PAGEFIND_TYPE))
    message = page.evaluate("(m => [m.scrollHeight, m.clientHeight])(document.querySelector('.pagefind-ui__message'))")
    context.close()
    assert sizes == {s: pytest.approx(px * .9 * text / 16, abs=0.05) for s, px in PAGEFIND_TYPE.items()}
    assert message[0] <= message[1], message


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang, query, clear", [("vi", "dao tao", "Xóa"), ("en", "training", "Clear")])
def test_after_clear_the_focus_is_in_the_box_for_the_next_words(served, browser, lang, query, clear):
    """The page's own Clear (before Pagefind's UI comes) kept the focus on itself, a
    button then hidden; Pagefind's Clear blurred its box, the focus left on the button
    it hides. Either way the next words typed went nowhere, and a screen reader said
    nothing of the box. After either Clear the focus is in the box, empty."""
    page, held = before_pagefinds_ui(browser, served, lang)
    early = page.locator(".search__input")
    early.click()
    early.press_sequentially(query, delay=20)
    page.locator("#search").get_by_role("button", name=clear).click()
    page.keyboard.type("ab")
    early_after = box_state(page, ".search__input")
    held.release()
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for()
    box.fill(query)
    assert results(page, query)
    page.locator("#search").get_by_role("button", name=clear).click()
    page.keyboard.type("cd")
    late_after = box_state(page, ".pagefind-ui__search-input")
    page.close()
    assert early_after["value"] == "ab" and early_after["focused"], early_after
    assert late_after["value"] == "cd" and late_after["focused"], late_after


@pytest.mark.browser
@needs_chromium
def test_before_search_css_comes_the_box_shows_no_browser_clear_button(served, browser):
    """search.css (applied by the page's script, a moment after the first paint) hid
    Chromium's own × in the page's box: words typed before it came showed the ×, then
    none, then Pagefind's "Xóa". The box's right end stays as it was empty (site.css)."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    held = HeldBack(page, r"/search\.css")
    page.goto(served + SEARCH["vi"], wait_until="commit")
    early = page.locator(".search__input")
    early.wait_for(state="visible")
    early.click()
    empty = right_end(page, ".search__input")
    early.press_sequentially("dao tao", delay=20)
    typed = right_end(page, ".search__input")
    applied = page.evaluate("() => !!document.querySelector('link[rel=stylesheet][href*=\"search.css\"]')"
                            " && getComputedStyle(document.querySelector('.search__form'), '::before').content !== 'none'")
    held.release()
    found = results(page, "dao tao")
    page.close()
    assert not applied, "search.css was held back"
    assert typed == empty, "no browser × in the box"
    assert found == DAO_TAO


#: The contrast (WCAG) of a box's placeholder with the box: its colour and opacity
#: composed over the box's background, from the styles Chromium computed.
PLACEHOLDER_CONTRAST = """s => {
  const box = document.querySelector(s), ph = getComputedStyle(box, '::placeholder');
  const rgba = c => { const v = c.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const fg = rgba(ph.color), bg = rgba(getComputedStyle(box).backgroundColor), a = fg[3] * Number(ph.opacity);
  const shown = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
  const lum = c => { const l = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const [hi, lo] = [lum(shown), lum(bg.slice(0, 3))].sort((x, y) => y - x);
  return {shown: shown.map(Math.round), contrast: (hi + 0.05) / (lo + 0.05)}; }"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_placeholder_is_readable_and_the_same_in_both_boxes(served, browser, lang):
    """Pagefind draws its placeholder ("Tìm kiếm") in its text colour at opacity .2, and
    the page's box copied it: 1.5:1 against the white box, faint on a phone in the sun.
    Both are in a shade with at least 4.5:1 (WCAG for text), the same one, so nothing
    changes when Pagefind's box takes the page's place."""
    page, held = before_pagefinds_ui(browser, served, lang)
    early = page.evaluate(PLACEHOLDER_CONTRAST, ".search__input")
    held.release()
    page.locator(".pagefind-ui__search-input").wait_for()
    late = page.evaluate(PLACEHOLDER_CONTRAST, ".pagefind-ui__search-input")
    page.close()
    assert early["contrast"] >= 4.5, early
    assert late["contrast"] >= 4.5, late
    assert early["shown"] == late["shown"]


#: A box's room for words (its width less its padding) and the width of its placeholder.
BOX_ROOM = """s => { const b = document.querySelector(s), c = getComputedStyle(b);
    const room = b.clientWidth - parseFloat(c.paddingLeft) - parseFloat(c.paddingRight);
    const g = document.createElement('canvas').getContext('2d'); g.font = c.font;
    return {room: room, placeholder: g.measureText(b.placeholder).width}; }"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_on_a_phone_zoomed_to_200_percent_the_box_has_room_for_words(served, browser, lang):
    """A 360 px phone zoomed to 200 % is 180 px wide to the page: between the room the
    box keeps for its magnifier and for Clear, it showed 36 px of words, "Tìm" of "Tìm
    kiếm" and then three letters of what was typed. Narrower than 20em the magnifier is
    left out and Clear's room kept only while the box holds words (when Clear shows):
    the placeholder shows whole, and a typed word has twice the room. In both boxes
    alike (the page's, then Pagefind's)."""
    page, held = before_pagefinds_ui(browser, served, lang, 180, 370)
    early = page.evaluate(BOX_ROOM, ".search__input")
    held.release()
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for()
    empty = page.evaluate(BOX_ROOM, ".pagefind-ui__search-input")
    box.press_sequentially("dao" if lang == "vi" else "training", delay=20)
    typed = page.evaluate(BOX_ROOM, ".pagefind-ui__search-input")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    page.close()
    assert early == empty, (early, empty)
    assert empty["room"] >= empty["placeholder"], empty
    assert typed["room"] >= 60, typed  # (32 before)
    assert overflow <= 0


def searched_again(page, served: str, lang: str, query: str, retry) -> tuple[list, str, list]:
    """The page opened again by ``retry()`` (the alert's Reload, or Enter) with ``?q=`` and
    the query: its results, what its alert then says, and what happened from the retry on
    (the console's errors and warnings, requests that failed or were answered with an
    error), for the message of a failure: a search once found nothing after the Reload."""
    from playwright.sync_api import TimeoutError as Timeout

    happened = []

    def said(where: str, message) -> None:
        if message.type in ("error", "warning"):
            happened.append(f"{where}{message.type}: {message.text}")

    page.on("console", lambda m: said("", m) if m.worker is None else None)
    page.on("worker", lambda w: w.on("console", lambda m: said("worker ", m)))
    page.on("requestfailed", lambda r: happened.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: happened.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    # The page before is marked, and the new one waited for: its address held ``?q=``
    # already (it follows the box), and under load the click could return before the
    # new page had come; the page before was read (its failed search: no results, the
    # alert, no request failing since).
    page.evaluate(MARK_BEFORE_RETRY)
    retry()
    try:
        page.wait_for_function("() => !window.__before_retry")
    except Timeout:
        raise AssertionError(f"the page before the retry is still there: {page.evaluate(BEFORE_RETRY)}") from None
    page.wait_for_url(served + SEARCH[lang] + "?q=" + query.replace(" ", "+"))
    found = results(page, query)
    happened.append(f"the page then: {page.evaluate(SHOWN)}")
    happened.append(f"posts found by the page's Pagefind searched again: {page.evaluate(SEARCH_NOW, query)}")
    return found, page.locator("#search [role=alert]").text_content(), happened


#: The page before a retry marked, and what happens in it from then on noted: clicks
#: (where, on what), the page going (pagehide), what its alert holds.
MARK_BEFORE_RETRY = """() => {
  window.__before_retry = true;
  window.__noted = [];
  const note = what => window.__noted.push(Math.round(performance.now()) + ' ' + what);
  for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) {
    document.addEventListener(type, e => note(type + ' ' + e.clientX + ',' + e.clientY + ' on ' +
      (e.target.outerHTML || String(e.target)).slice(0, 90)), true);
  }
  window.addEventListener('pagehide', () => note('pagehide'));
  window.addEventListener('beforeunload', () => note('beforeunload'));
  const alert = document.querySelector('#search .search__failed');
  if (alert) { new MutationObserver(() => note('alert now: ' + alert.innerHTML.slice(0, 120)))
    .observe(alert, {childList: true, subtree: true}); }
  const button = document.querySelector('#search .search__reload');
  if (button) {
    const r = button.getBoundingClientRect();
    note('button at ' + [r.x, r.y, r.width, r.height].map(Math.round));
  }
}"""
BEFORE_RETRY = """() => {
  const button = document.querySelector('#search .search__reload');
  const r = button && button.getBoundingClientRect();
  return {noted: window.__noted, address: location.href, ready: document.readyState,
          button: r ? [r.x, r.y, r.width, r.height].map(Math.round) : null};
}"""


#: How many posts the search page's own Pagefind (the module its UI loaded) finds for a
#: query now: whether a search that showed none could not, or showed too early.
SEARCH_NOW = """async q => {
  try {
    const pagefind = await import(document.getElementById('search').getAttribute('data-bundle') + 'pagefind.js');
    const found = await pagefind.search(q);
    return found && found.results ? found.results.length : String(found);
  } catch (error) { return String(error); }
}"""


#: What the search page says when Pagefind's UI could not be loaded, and its button.
NOT_LOADED = {"vi": "Không tải được công cụ tìm kiếm. Kiểm tra kết nối rồi tải lại trang.",
              "en": "Search could not be loaded. Check your connection and reload the page."}
RELOAD = {"vi": "Tải lại", "en": "Reload"}
#: The page's alerts as the page's own scripts start (DOMContentLoaded): a live region
#: is heard when text comes into it, if it was there before.
ALERTS_AT_START = ("document.addEventListener('DOMContentLoaded', () => { window.__alerts = "
                   "[...document.querySelectorAll('#search [role=alert]')].map(a => a.textContent); });")


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang, failure, retry", [("vi", "aborted", "button"), ("en", "aborted", "enter"),
                                                  ("vi", "no PagefindUI", "button")])
def test_when_pagefinds_script_cannot_be_loaded_the_page_says_so_and_loads_again(served, browser, lang,
                                                                               failure, retry):
    """A dropped connection or a blocked request: Pagefind's UI never came, and the page's
    box took words and did nothing, with no word said. The page says so, in its language,
    in an alert a screen reader says; its button, or Enter in the box, loads the page again
    with what was typed, which searches once the script comes."""
    query, found = {"vi": ("dao tao", DAO_TAO), "en": ("training", POSTS["en"][:1])}[lang]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.add_init_script(ALERTS_AT_START)
    blocked = [True]

    def fail(route):
        if not blocked[0]:
            route.continue_()
        elif failure == "aborted":
            route.abort("internetdisconnected")
        else:  # the script came and ran, but is not Pagefind's UI (a proxy's page, a cut file)
            route.fulfill(status=200, content_type="text/javascript", body="/* */")

    page.route(re.compile(UI_SCRIPT), fail)
    page.goto(served + SEARCH[lang])
    alert = page.get_by_role("alert").filter(has_text=NOT_LOADED[lang])
    alert.wait_for()
    at_start = page.evaluate("window.__alerts")
    early = page.locator(".search__input")
    early.fill(query)
    blocked[0] = False
    again, said, happened = searched_again(page, served, lang, query,
                                           alert.get_by_role("button", name=RELOAD[lang]).click
                                           if retry == "button" else lambda: early.press("Enter"))
    page.close()
    assert at_start == [""], "the alert was on the page, empty, before its words came"
    assert again == found, "\n".join(happened)
    assert said == "", "loaded, the page says nothing"


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_when_the_index_cannot_be_loaded_the_page_says_so_and_loads_again(served, browser, lang):
    """Pagefind's UI came but the index's own script (pagefind.js, the first file of the
    index it loads) did not: the UI's box took words and found nothing, with no word said.
    The page says so under the box; its button loads the page again with what was typed."""
    query, found = {"vi": ("dao tao", DAO_TAO), "en": ("training", POSTS["en"][:1])}[lang]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    blocked = [True]
    page.route(re.compile(r"/pagefind\.js"),
               lambda route: route.abort("internetdisconnected") if blocked[0] else route.continue_())
    page.goto(served + SEARCH[lang])
    alert = page.get_by_role("alert").filter(has_text=NOT_LOADED[lang])
    alert.wait_for()
    page.locator(".pagefind-ui__search-input").fill(query)
    blocked[0] = False
    again, said, happened = searched_again(page, served, lang, query,
                                           alert.get_by_role("button", name=RELOAD[lang]).click)
    page.close()
    assert again == found, "\n".join(happened)
    assert said == ""


#: The index's files Pagefind fetches as the reader searches: the WebAssembly that
#: searches, a list of words, a found post's text (its title, address and excerpt).
INDEX_FILES = {"the WebAssembly": r"/wasm\.[^/]*\.pagefind$", "a list of words": r"/index/[^/]*\.pf_index$",
               "a post's text": r"/fragment/[^/]*\.pf_fragment$"}


#: A host's answer for a file it does not have: its page for that, an error (404), or
#: the site's own home page sent for any missing address, as 200 (Pagefind: "invalid
#: gzip data").
MISSING_PAGE = "<!DOCTYPE html><title>Không tìm thấy trang</title><h1>404</h1>"


def failing(blocked: list, failure: str):
    """A route handler failing the requests it gets while ``blocked[0]``, as ``failure`` says."""

    def fail(route):
        if not blocked[0]:
            route.continue_()
        elif failure == "aborted":
            route.abort("internetdisconnected")
        elif failure == "404":
            route.fulfill(status=404, content_type="text/html", body=MISSING_PAGE)
        else:
            route.fulfill(status=200, content_type="text/html", body=MISSING_PAGE)

    return fail


#: The cases of the test below: each file of the index failing in each way, on both sites
#: (one index, in parts), in one language on one site and in the other on the other: every
#: file and failure is seen in both layouts and in both languages, in half the cases.
INDEX_FAILURES = [(layout, which, failure, ("vi", "en")[(a + b + c) % 2])
                  for a, layout in enumerate(["one index", "in parts"])
                  for b, which in enumerate(INDEX_FILES)
                  for c, failure in enumerate(["aborted", "404", "an HTML page"])]


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize(("served", "which", "failure", "lang"), INDEX_FAILURES, indirect=["served"])
def test_when_a_search_cannot_load_the_index_the_page_says_so_and_loads_again(served, browser, lang, failure,
                                                                             which):
    """Pagefind's UI and script came, but a file of the index a search needs did not (a
    dropped connection, a file missing on the server, or a host's page in its place): the
    reader got no results, or "Searching…" for ever, or a result without its title, with
    no word said. The page says so under the box, in its language, with the Reload button,
    which loads the page again with what was typed; then the search finds the posts."""
    query, found = {"vi": ("dao tao", DAO_TAO), "en": ("training", POSTS["en"][:1])}[lang]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    blocked = [True]
    page.context.route(re.compile(INDEX_FILES[which]), failing(blocked, failure))
    page.goto(served + SEARCH[lang])
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for()
    box.fill(query)
    alert = page.get_by_role("alert").filter(has_text=NOT_LOADED[lang])
    alert.wait_for()
    blocked[0] = False
    again, said, happened = searched_again(page, served, lang, query,
                                           alert.get_by_role("button", name=RELOAD[lang]).click)
    page.close()
    assert again == found, "\n".join(happened)
    assert said == ""


#: Where the alert's Reload button is, noted each time the page changes from its coming on.
BUTTON_PLACES = """window.__places = [];
new MutationObserver(() => {
  const button = document.querySelector('#search .search__reload');
  if (!button) { return; }
  const box = button.getBoundingClientRect();
  const place = Math.round(box.x) + ',' + Math.round(box.y);
  if (window.__places[window.__places.length - 1] !== place) { window.__places.push(place); }
}).observe(document, {childList: true, subtree: true, characterData: true, attributes: true});"""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("which", list(INDEX_FILES))
def test_when_a_search_cannot_load_the_index_its_reload_button_stays_where_it_came(served, browser, which):
    """The alert came under the box, and Pagefind then drew its words above it ("Searching
    for training..." for ever, "No results for training") and its results: the Reload
    button went down 75 px under the reader's thumb. Those words were false, and a screen
    reader's status line said them too. Once search could not be loaded, the button stays
    where it came, and Pagefind says nothing."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.context.route(re.compile(INDEX_FILES[which]), failing([True], "404"))
    page.add_init_script(BUTTON_PLACES)
    page.goto(served + SEARCH["en"])
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for()
    box.fill("training")
    page.get_by_role("alert").filter(has_text=NOT_LOADED["en"]).wait_for()
    # Pagefind has drawn, for this search, what it draws (its "Searching for training...",
    # its answer).
    page.wait_for_function("() => (document.querySelector('.pagefind-ui__message') || {}).textContent"
                           "?.includes('training')")
    places = page.evaluate("window.__places")
    shown = [what for what in (".pagefind-ui__message", ".pagefind-ui__result")
             if any(element.is_visible() for element in page.locator(what).all())]
    status = page.locator("#search + [role=status]").text_content()
    page.close()
    assert len(places) == 1, f"the Reload button moved: {places}"
    assert shown == [], "Pagefind's words and results are hidden once search could not be loaded"
    assert status == "", "the status line says nothing: the alert says what happened"


#: Pagefind's worker script: when it cannot be loaded, Pagefind searches in the page.
WORKER = r"/pagefind-worker\.js$"


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("failure", ["aborted", "404", "an HTML page"])
@pytest.mark.parametrize("which", list(INDEX_FILES))
def test_searching_in_the_page_a_file_that_cannot_be_loaded_brings_the_alert_too(served, browser, failure, which):
    """Pagefind's worker could not start (its script did not come): Pagefind searches in
    the page, whose requests nothing watched, and a file of the index failing said
    nothing. It brings the same alert and Reload button as in the worker."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    blocked = [True]
    page.route(re.compile(WORKER), lambda route: route.abort("internetdisconnected"))
    page.route(re.compile(INDEX_FILES[which]), failing(blocked, failure))
    page.goto(served + SEARCH["vi"])
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for()
    box.fill("dao tao")
    alert = page.get_by_role("alert").filter(has_text=NOT_LOADED["vi"])
    alert.wait_for()
    blocked[0] = False
    again, said, happened = searched_again(page, served, "vi", "dao tao",
                                           alert.get_by_role("button", name=RELOAD["vi"]).click)
    page.close()
    assert again == DAO_TAO, "\n".join(happened)
    assert said == ""


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("worker", ["in its worker", "in the page"])
def test_searches_that_load_what_they_need_say_nothing(served, reader, worker):
    """Searching as a reader does, one query after another (each loads lists of words and
    posts' texts), brings no alert, in Pagefind's worker or, when it could not start, in
    the page."""
    if worker == "in the page":
        reader.route(re.compile(WORKER), lambda route: route.abort("internetdisconnected"))
    reader.goto(served + SEARCH["vi"])
    box = reader.locator(".pagefind-ui__search-input")
    found = []
    for query in ("boi duong", "dao tao", "tet nguyen dan", "khong co tu nay"):
        box.fill(query)
        reader.wait_for_function("q => { const m = document.querySelector('.pagefind-ui__message');"
                                 " return m && m.textContent.includes(q) && !m.textContent.endsWith('...'); }",
                                 arg=query)
        found.append(results(reader, query) if query != "khong co tu nay" else [])
    said = reader.locator("#search [role=alert]").text_content()
    assert found[:3] == [BOI_DUONG, DAO_TAO, ["/tin-tuc/thong-bao/nghi-tet/"]]
    assert said == ""
    # (searching in the page: Chromium says that the worker's script did not come)
    assert [p for p in reader.problems if worker == "in its worker" or "pagefind-worker.js" not in p] == []


#: What the search page says while Pagefind's UI has not come after search.js's SLOW_MS
#: (15 s: on Chromium's slow 3G it comes in about 7).
SLOW = {"vi": "Công cụ tìm kiếm đang tải chậm. Kiểm tra kết nối, hoặc tải lại trang.",
        "en": "Search is slow to load. Check your connection, or reload the page."}
PAST_THE_LIMIT = "00:16"


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_when_pagefinds_script_is_slow_to_come_the_page_says_so_until_it_comes(served, browser, lang):
    """A connection that stalls and never fails (common on phones): Pagefind's UI did not
    come, and the page waited with no word said. Past the limit (the page's clock moved
    on, nothing waited for) its alert says search is slow to load, in the page's
    language, with the Reload button; when the script comes the words go, and the
    search works."""
    query, found = {"vi": ("dao tao", DAO_TAO), "en": ("training", POSTS["en"][:1])}[lang]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.clock.install()
    held = HeldBack(page, UI_SCRIPT)
    page.goto(served + SEARCH[lang], wait_until="commit")
    # the page's script has run (it applies search.css), Pagefind's is held back
    page.wait_for_function("() => document.querySelector('link[rel=stylesheet][href*=\"search.css\"]')")
    alert = page.locator("#search [role=alert]")
    before = alert.text_content()
    page.clock.fast_forward(PAST_THE_LIMIT)
    said = alert.text_content()
    button = alert.get_by_role("button", name=RELOAD[lang]).count()
    held.release()
    page.locator(".pagefind-ui__search-input").wait_for()
    after = alert.text_content()
    page.locator(".pagefind-ui__search-input").fill(query)
    again = results(page, query)
    page.close()
    assert before == "", "not yet slow: nothing said"
    assert said == SLOW[lang] + " " + RELOAD[lang]
    assert button == 1
    assert after == "", "the UI came: the page says nothing"
    assert again == found


@pytest.mark.browser
@needs_chromium
def test_a_search_page_that_loads_as_it_should_says_nothing_past_the_limit(served, browser):
    """Pagefind's UI came in time: the page's clock moving past the limit brings no word."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.clock.install()
    page.goto(served + SEARCH["vi"])
    page.locator(".pagefind-ui__search-input").wait_for()
    page.clock.fast_forward(PAST_THE_LIMIT)
    said = page.locator("#search [role=alert]").text_content()
    page.locator(".pagefind-ui__search-input").fill("dao tao")
    found = results(page, "dao tao")
    page.close()
    assert said == ""
    assert found == DAO_TAO


@pytest.mark.browser
@needs_chromium
def test_without_script_the_search_box_is_not_shown_and_the_note_says_why(site, browser):
    """Without script nothing can search: the box is hidden (it would take words and do
    nothing), the note says that search needs JavaScript."""
    with serve_folder(site.output) as url:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(url + SEARCH["vi"])
        forms = page.locator("#search form").count()
        shown = page.locator("#search form").is_visible() if forms else None
        note = page.locator(".search__noscript").is_visible()
        context.close()
    assert forms == 1 and not shown
    assert note


@pytest.mark.browser
@needs_chromium
def test_spellings_with_d_for_dj_stay_out_of_what_readers_see(served, reader):
    """The post's "đ" words spelled with "d" are indexed, never shown in a result."""
    assert type_query(reader, served, "vi", "tet nguyen dan") == ["/tin-tuc/thong-bao/nghi-tet/"]
    result = reader.locator(".pagefind-ui__result").first
    excerpt = result.locator(".pagefind-ui__result-excerpt").inner_text()
    assert "Tết" in excerpt and "Chạp" in excerpt
    assert not excerpt.rstrip(". ").endswith("dán"), excerpt
    assert "search_aliases" not in result.inner_text()
    assert reader.problems == []


@pytest.mark.browser
@needs_chromium
def test_spellings_with_d_stay_out_of_a_post_found_again_when_pagefind_searches_in_the_page(served, reader):
    """Pagefind's worker could not start (its file did not come): Pagefind searches in the
    page, and gives each search finding a post the same object. A post found by one search
    and again by the next ("tet", then "tet nguyen dan") kept its "đ" words spelled with
    "d" out of the first excerpt only; they stay out of both."""
    reader.route(re.compile(WORKER), lambda route: route.abort("internetdisconnected"))
    reader.goto(served + SEARCH["vi"])
    box = reader.locator(".pagefind-ui__search-input")
    box.fill("tet")
    first = results(reader, "tet")
    box.fill("tet nguyen dan")
    second = results(reader, "tet nguyen dan")
    excerpt = reader.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert first == second == ["/tin-tuc/thong-bao/nghi-tet/"]
    assert "Tết" in excerpt and not excerpt.rstrip(". ").endswith("dán"), excerpt


def test_putting_the_languages_together_never_writes_into_a_kept_bundle(tmp_path):
    """The files each Pagefind run writes alike (pagefind.js, the UI) are linked once;
    the other piece's copy is left as it is, and pieces that differ there stop the build."""
    from search.search import Piece, place_part

    def kept(name: str, lang: str, script: str) -> Piece:
        bundle = tmp_path / name / "pagefind"
        (bundle / "index").mkdir(parents=True)
        (bundle / "pagefind.js").write_text(script)
        (bundle / "index" / f"{lang}_1.pf_index").write_text(lang)
        (bundle / "pagefind-entry.json").write_text(json.dumps({"version": "1", "languages": {lang: {}}}))
        return Piece(lang, [], folder=str(tmp_path / name))

    vi, en = kept("vi", "vi", "same"), kept("en", "en", "same")
    output = tmp_path / "output"
    output.mkdir()
    place_part(str(output), "pagefind", [en, vi])
    assert sorted(p.name for p in (output / "pagefind/index").iterdir()) == ["en_1.pf_index", "vi_1.pf_index"]
    assert json.loads((output / "pagefind/pagefind-entry.json").read_text())["languages"] == {"en": {}, "vi": {}}
    placed = (output / "pagefind/pagefind.js").stat()
    own = [(tmp_path / n / "pagefind/pagefind.js").stat() for n in ("en", "vi")]
    assert [(s.st_ino, s.st_nlink) for s in own] == [(placed.st_ino, 2), (own[1].st_ino, 1)]

    other = kept("vi2", "vi", "not the same")
    with pytest.raises(SystemExit):
        place_part(str(tmp_path / "output2"), "pagefind", [en, other])
    assert (tmp_path / "en/pagefind/pagefind.js").read_text() == "same"  # not written through


def _tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_pagefind_writes_in_memory_or_beside_the_cache_to_the_same_bundle(tmp_path, monkeypatch):
    """Pagefind's bundle of a piece the last build had is written in a folder in memory
    where there is one with room (``SCRATCH``) and then settled into the cache; where
    there is none, straight into the cache: the same files either way."""
    from search import search

    out = tmp_path / "out"
    for slug, words in (("a", "bồi dưỡng cán bộ"), ("b", "hợp tác xã")):
        (out / slug).mkdir(parents=True)
        (out / slug / "index.html").write_text(
            f'<html lang="vi"><body><main data-pagefind-body><h1>{slug}</h1><p>{words}</p></main></body></html>',
            encoding="utf-8")
    lean = search.lean_pages(str(out), ["a/index.html", "b/index.html"])
    bundles = {}
    for where in ("memory", "disk", "full"):
        if where == "disk":
            monkeypatch.setattr(search, "SCRATCH", str(tmp_path / "no-such-folder"))
        if where == "full":  # a folder in memory without room to spare
            monkeypatch.setattr(search, "SCRATCH", "/dev/shm")
            monkeypatch.setattr(search, "SCRATCH_SPARE", 2**62)
        work = tmp_path / f"work-{where}"
        work.mkdir()
        # (a piece the last build had: only those are written in memory)
        piece = search.Piece("vi", ["a/index.html", "b/index.html"], name="0 vi", previous=str(tmp_path / "last"))
        taken = search.prepare_piece(piece, lean, str(work), 0)
        in_memory = bool(piece.scratch)
        assert in_memory == (where == "memory" and os.path.isdir("/dev/shm"))
        assert piece.site.startswith("/dev/shm/" if in_memory else str(work))
        assert (taken > 0) == in_memory
        try:
            folder, indexed = search.index_piece(pagefind_executable(), piece, str(work))
        finally:
            shutil.rmtree(piece.site)
        assert indexed == 2 and not (piece.scratch and os.path.exists(piece.scratch))
        assert (Path(folder) / search.PIECE_FILE).read_text() == "0 vi"
        bundles[where] = _tree(Path(folder) / "pagefind")
    # (the lean pages were read from memory once and from the disk twice: Pagefind
    # numbers pages in the order it finds them, the same in both here)
    assert bundles["memory"] == bundles["disk"] == bundles["full"]


def test_settling_a_bundle_links_the_files_the_last_one_had_and_copies_the_rest(tmp_path):
    from search.search import settle

    made, previous, target = tmp_path / "made", tmp_path / "previous", tmp_path / "target"
    for root, files in ((made, {"fragment/vi_1.pf_fragment": "one", "fragment/vi_2.pf_fragment": "two",
                                "pagefind-entry.json": "new entry"}),
                        (previous, {"fragment/vi_1.pf_fragment": "one", "pagefind-entry.json": "old entry"})):
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
    settle(str(made), str(previous), str(target))
    assert _tree(target) == _tree(made)
    same = (target / "fragment/vi_1.pf_fragment").stat().st_ino == (previous / "fragment/vi_1.pf_fragment").stat().st_ino
    assert same  # unchanged: linked from the last bundle
    assert (target / "pagefind-entry.json").stat().st_ino != (previous / "pagefind-entry.json").stat().st_ino
    assert (previous / "pagefind-entry.json").read_text() == "old entry"  # never written through
    settle(str(made), None, str(tmp_path / "alone"))
    assert _tree(tmp_path / "alone") == _tree(made)


@pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="no folder in memory on this system")
def test_an_edit_keeps_the_unchanged_files_of_its_languages_index(tmp_path):
    """After an edit, the index files of the language indexed again that did not change
    are the last build's (linked), not new files."""
    built = build_site(tmp_path, search_site(), verbose=True)
    cache = built.root / "cache" / "search"

    def vi_fragments() -> dict[str, int]:
        folder = next(d for d in cache.iterdir() if d.is_dir() and (d / "piece.txt").read_text() == "0 vi")
        return {p.name: p.stat().st_ino for p in (folder / "pagefind" / "fragment").iterdir()}

    before = vi_fragments()
    post = built.root / "content/tin-tuc/thong-bao/nghi-tet/index.vi.md"
    post.write_text(post.read_text(encoding="utf-8").replace("25 tháng Chạp", "26 tháng Chạp"),
                    encoding="utf-8")
    edited = run_pelican(built.root / "content", built.output, built.root / "cache", verbose=True)
    assert edited.returncode == 0, edited.stdout + edited.stderr
    after = vi_fragments()
    kept = set(before) & set(after)
    assert len(after) == 3 and len(kept) == 2  # the edited post's fragment is new
    assert all(before[name] == after[name] for name in kept)


def test_pagefind_failing_stops_the_build_in_one_line_without_a_traceback(tmp_path):
    """Pagefind's failure was logged with its whole report and ended in Pelican's
    traceback (``--fatal``): now one line names the step and what Pagefind said."""
    import sys

    write_files(tmp_path / "content", post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
                | {"tin-tuc/_index.vi.md": "Title: Tin tức\n"})
    cmd = [sys.executable, "-m", "pelican", str(tmp_path / "content"), "-s", str(ROOT / "pelicanconf.py"),
           "-o", str(tmp_path / "output"), "--fatal", "warnings", "-e", f'CACHE_PATH="{tmp_path / "cache"}"']
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            env={"COLUMNS": "400", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                 "PAGEFIND_BINARY_PATH": shutil.which("false")})
    log = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in log and "CRITICAL" not in log, log
    errors = [line.split("ERROR", 1)[1].strip() for line in log.splitlines() if "ERROR" in line]
    assert [e.split("  ")[0] for e in errors] == ["search: Pagefind could not index the vi pages (exit status 1)"], errors
    assert not (tmp_path / "output").exists()


@pytest.mark.browser
@needs_chromium
def test_a_screen_reader_hears_how_many_results_came_and_the_box_is_named_search(served, reader):
    """Pagefind's "N results for …" line is no live region: nothing was said as results
    came. And the box was named by the hint alone, not by "Tìm kiếm", the word a
    voice-control user says."""
    assert type_query(reader, served, "vi", "dao tao") == DAO_TAO
    message = reader.locator(".pagefind-ui__message").text_content().strip()
    status = reader.locator("[role=status]")
    assert status.count() == 1
    reader.wait_for_function("m => document.querySelector('[role=status]').textContent === m", arg=message)
    # The alert that would say search could not be loaded is there, and says nothing.
    alert = reader.locator("[role=alert]")
    assert alert.count() == 1 and alert.text_content() == ""
    name = reader.evaluate("""() => document.querySelector('.pagefind-ui__search-input').getAttribute('aria-labelledby')
        .split(' ').map(id => document.getElementById(id).textContent.trim()).join(' ')""")
    assert name.startswith("Tìm kiếm ") and "dấu" in name, name
    assert reader.problems == []


def test_the_page_and_the_worker_watch_pagefinds_requests_with_the_same_function():
    """search.js (Pagefind searching in the page) and search-worker.js (in its worker)
    cannot share code, so each holds a copy of ``watchedFetch``: the two must stay alike,
    or one way of searching would miss a failure the other tells."""
    def watched_fetch(name: str) -> str:
        text = (ROOT / "theme" / "static" / "js" / name).read_text(encoding="utf-8")
        found = re.search(r"^( *)function watchedFetch\(.*?^\1\}$", text, re.S | re.M)
        assert found, name
        return "\n".join(line.strip() for line in found.group(0).splitlines())

    assert watched_fetch("search.js") == watched_fetch("search-worker.js")

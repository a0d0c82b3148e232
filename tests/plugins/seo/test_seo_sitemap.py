"""sitemap.xml and robots.txt: every published page once, translations linked both ways,
dates from the posts (never the build's), absolute addresses."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from conftest import build_site, small_site
from seo_fixture import BASE, PHOTO_POST, PLAIN_POST, seo_site

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SEARCH_PAGES = {"tim-kiem/index.html", "en/search/index.html"}
#: The pages of feeds (plugins/sections): addresses to copy, nothing to find.
FEEDS_PAGES = {"kenh-tin/index.html", "en/feeds/index.html"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("sitemap"), seo_site(), SECTIONS_PER_PAGE=2)


def read_sitemap(site, rel="sitemap.xml") -> dict[str, dict]:
    """loc -> {"lastmod": str | None, "alternates": {hreflang: href}}, checking no loc repeats."""
    root = ET.fromstring(site.path(rel).read_bytes())
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries: dict[str, dict] = {}
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc not in entries, f"{loc} listed twice"
        links = url.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        entries[loc] = {"lastmod": url.findtext("sm:lastmod", namespaces=NS),
                        "alternates": {link.get("hreflang"): link.get("href") for link in links}}
    return entries


def page_url(rel: str) -> str:
    return BASE + "/" + rel[: -len("index.html")]


def test_every_published_page_is_listed_once_and_nothing_else(site):
    listed = read_sitemap(site)
    pages = {page_url(rel) for rel in site.files()
             if rel.endswith("index.html") and rel not in SEARCH_PAGES | FEEDS_PAGES and not rel.startswith("pagefind/")}
    assert set(listed) == pages
    for required in ("", "en/", "tin-tuc/", "tin-tuc/page/2/", "tin-tuc/page/3/", "en/tin-tuc/",
                     PHOTO_POST, "en/" + PHOTO_POST, PLAIN_POST, "gioi-thieu/", "en/gioi-thieu/",
                     "lien-he/"):
        assert BASE + "/" + required in listed, required
    assert not any("tim-kiem" in loc or "/search/" in loc for loc in listed)


def test_translations_point_at_each_other_both_ways_with_x_default(site):
    listed = read_sitemap(site)
    expected = {"vi": BASE + "/" + PHOTO_POST, "en": BASE + "/en/" + PHOTO_POST,
                "x-default": BASE + "/" + PHOTO_POST}
    assert listed[BASE + "/" + PHOTO_POST]["alternates"] == expected
    assert listed[BASE + "/en/" + PHOTO_POST]["alternates"] == expected
    assert listed[BASE + "/" + PLAIN_POST]["alternates"] == {}
    assert listed[BASE + "/lien-he/"]["alternates"] == {}
    assert listed[BASE + "/en/gioi-thieu/"]["alternates"]["vi"] == BASE + "/gioi-thieu/"
    assert listed[BASE + "/"]["alternates"] == {"vi": BASE + "/", "en": BASE + "/en/", "x-default": BASE + "/"}
    assert listed[BASE + "/tin-tuc/page/2/"]["alternates"] == {}


def test_sitemap_alternates_agree_with_the_pages_own_hreflang_links(site):
    listed = read_sitemap(site)
    for loc, entry in listed.items():
        if "/page/" in loc:
            continue
        rel = loc[len(BASE) + 1:] + "index.html"
        head = site.html(rel).head
        links = {link["hreflang"]: BASE + link["href"]
                 for link in head.select('link[rel="alternate"][hreflang]')}
        if len(set(links) - {"x-default"}) < 2:
            links = {}  # a page in one language points only at itself
        assert entry["alternates"] == links, loc


def test_lastmod_comes_from_post_dates_with_the_local_offset(site):
    listed = read_sitemap(site)
    assert listed[BASE + "/" + PHOTO_POST]["lastmod"] == "2024-09-20T17:45:00+07:00"  # Modified:
    assert listed[BASE + "/en/" + PHOTO_POST]["lastmod"] == "2024-09-11T08:00:00+07:00"  # Date:
    assert listed[BASE + "/" + PLAIN_POST]["lastmod"] == "2023-05-02T00:00:00+07:00"
    # A listing changed when its newest post did; every page of it did.
    for rel in ("", "tin-tuc/", "tin-tuc/page/3/", "tin-tuc/tin-hoat-dong/"):
        assert listed[BASE + "/" + rel]["lastmod"] == "2024-09-20T17:45:00+07:00", rel
    assert listed[BASE + "/tin-tuc/thong-bao/"]["lastmod"] == "2023-06-01T10:00:00+07:00"
    assert listed[BASE + "/gioi-thieu/"]["lastmod"] is None  # a page without Date:
    today = datetime.date.today().isoformat()
    assert not any((e["lastmod"] or "").startswith(today) for e in listed.values())


def test_the_same_content_gives_the_same_sitemap(site, tmp_path):
    again = build_site(tmp_path, seo_site(), SECTIONS_PER_PAGE=2)
    assert again.path("sitemap.xml").read_bytes() == site.path("sitemap.xml").read_bytes()
    assert again.path("robots.txt").read_bytes() == site.path("robots.txt").read_bytes()


def test_robots_txt_allows_crawling_and_names_the_sitemap(site):
    assert site.text("robots.txt") == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n"


def test_publish_build_uses_the_public_address(tmp_path):
    site = build_site(tmp_path, small_site(), settings_file="publishconf.py")
    public = "https://daotao.lienminhhtx.example.vn"
    assert site.text("robots.txt").endswith(f"\nSitemap: {public}/sitemap.xml\n")
    listed = read_sitemap(site)
    assert listed and all(loc.startswith(public + "/") for loc in listed)


def test_sitemap_and_robots_can_be_switched_off(tmp_path):
    site = build_site(tmp_path, small_site(), SEO_SITEMAP_SAVE_AS="", SEO_ROBOTS_SAVE_AS="")
    assert not site.exists("sitemap.xml") and not site.exists("robots.txt")


def test_a_bad_setting_is_reported_by_name(tmp_path):
    site = build_site(tmp_path, small_site(), expect_ok=False, SEO_SITEMAP_SAVE_AS="/sitemap.xml")
    assert site.result.returncode != 0
    assert "Setting 'SEO_SITEMAP_SAVE_AS'" in site.log and "received: '/sitemap.xml'" in site.log

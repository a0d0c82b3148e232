"""A post folder named with Vietnamese letters (allowed; ``invoke check`` warns) has one
spelling of its address wherever the site gives it whole: percent-encoded, as a sitemap
must give it (plugins/sitemodel/urls.py)."""

from __future__ import annotations

import json

from conftest import build_site, post_files, section_files

BASE = "http://localhost:8000"
ENCODED = "/tin-tuc/khai-gi%E1%BA%A3ng/"  # tin-tuc/khai-giảng/


def test_an_address_with_vietnamese_letters_is_spelt_one_way_everywhere(tmp_path):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/khai-giảng", {"Title": "Khai giảng", "Date": "2024-03-01"},
                        {"Title": "Opening", "Date": "2024-03-01"})
    site = build_site(tmp_path, files)
    url, en_url = BASE + ENCODED, BASE + "/en" + ENCODED
    soup = site.html("tin-tuc/khai-giảng/")
    assert soup.find("link", rel="canonical")["href"] == url
    assert soup.find("meta", property="og:url")["content"] == url
    assert {link["hreflang"]: link["href"] for link in soup.find_all("link", hreflang=True)} == {
        "vi": ENCODED, "x-default": ENCODED, "en": "/en" + ENCODED}
    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    article = next(item for item in graph if item["@type"] == "NewsArticle")
    assert article["url"] == article["mainEntityOfPage"]["@id"] == url
    crumbs = next(item for item in graph if item["@type"] == "BreadcrumbList")["itemListElement"]
    assert crumbs[-1]["item"] == url
    assert soup.select_one(".share__link--copy")["href"] == url
    for feed in ("atom.xml", "rss.xml", "tin-tuc/atom.xml"):
        [entry] = site.feed(feed).entries
        assert entry.link == url, feed
    atom = site.text("atom.xml")
    assert f"<id>tag:localhost,2024-03-01:{ENCODED}</id>" in atom
    assert f"<loc>{url}</loc>" in site.text("sitemap.xml") and f"<loc>{en_url}</loc>" in site.text("sitemap.xml")
    assert "khai-giảng" not in atom + site.text("sitemap.xml")

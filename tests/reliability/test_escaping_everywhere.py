"""Hostile text in every field staff fill comes out inert and readable, everywhere.

Titles, summaries, captions (inline and captions.<lang>.txt), author, tags, section names
and descriptions, static page titles all carry script tags, attribute breakers, ``&``,
quotes, control characters and a bidi override. Every page and feed is parsed with real
parsers: no element or attribute is injected, and each text equals the input after the
documented cleaning (README, "Reliability"): control characters other than tab and
newline removed, bidi embedding/override/isolate characters removed, quotes and dashes
of titles made typographic, HTML tags of a summary dropped (their text kept).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, post_files
from reliability_support import jpeg

HOSTILE = ("<script>alert(1)</script> \"><img src=x onerror=alert(1)> </script><script>alert(2)"
           "</script> Tom & Jerry's \"quote\" ctrl\x01\x07\x1b\x7f\x85 bidi \u202egnp.exe\u202c"
           " iso\u2066lated\u2069 tab\there")
CLEANED = re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", "", HOSTILE)
#: Where the site's own scripts live: the theme's, and the search UI's (Pagefind).
SCRIPT_FOLDERS = ("/theme/js/", "/pagefind/")
TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def expected(prefix: str) -> str:
    return normal(prefix + " " + CLEANED)



def normal(text: str) -> str:
    """Compare texts without typography (documented) or runs of spaces."""
    return re.sub(r"\s+", " ", text.translate(TYPOGRAPHY)).strip()


#: What a summary shows: its text without the tags (README, "Reliability").
SUMMARY = normal("Tóm tắt " + re.sub(r"<[^>]*>", "", CLEANED))


def hostile_site() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "tin-tuc/_index.vi.md": f"Title: Mục {HOSTILE}\nDescription: Mô tả {HOSTILE}\n",
        "tin-tuc/_index.en.md": f"Title: Section {HOSTILE}\n",
    }
    meta = {"Title": f"Tiêu đề {HOSTILE}", "Date": "2020-03-04 08:00",
            "Summary": f"Tóm tắt {HOSTILE}", "Author": f"Tác giả {HOSTILE}",
            "Tags": f"thẻ {HOSTILE.replace(',', '')}",
            "body": f"Đoạn đầu.\n\n![Chú thích {HOSTILE}](lop-hoc.jpg)\n"}
    files |= post_files("tin-tuc/bai-viet", meta,
                        {**meta, "Title": f"Title {HOSTILE}", "body": "First paragraph.\n"})
    files["tin-tuc/bai-viet/lop-hoc.jpg"] = jpeg()
    files["tin-tuc/bai-viet/thao-luan.jpg"] = jpeg((600, 800), (10, 120, 60))
    # U+0085 is left out here: the photos plugin reads captions.<lang>.txt with
    # str.splitlines(), which ends a line there.
    files["tin-tuc/bai-viet/captions.vi.txt"] = f"thao-luan.jpg: Gallery {HOSTILE.replace(chr(0x85), '')}\n"
    files |= post_files("tin-tuc/bai-khac", {"Title": "Bài khác", "Date": "2020-01-01"})
    files |= post_files("pages/gioi-thieu", {"Title": f"Trang {HOSTILE}"})
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("hostile"), hostile_site())


def html_files(site):
    return [f for f in site.files() if f.endswith(".html")]


def assert_inert(soup, where: str) -> None:
    """No element or attribute that the text could have injected."""
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # a data block, whole and valid
            continue
        assert script.get("src", "").startswith(SCRIPT_FOLDERS), (where, script)
        assert not script.string, (where, script)
    for tag in soup.find_all(True):
        for name in tag.attrs:
            assert not name.lower().startswith("on"), (where, tag)
        assert not (tag.name == "img" and tag.get("src") == "x"), (where, tag)
    text = soup.decode()
    assert "\u202e" not in text and "\x01" not in text, where


def test_no_page_has_an_injected_element_or_attribute(site):
    pages = html_files(site)
    assert len(pages) > 6
    for rel in pages:
        assert_inert(site.html(rel), rel)


def test_post_page_shows_every_field_as_typed(site):
    soup = site.html("tin-tuc/bai-viet/")
    title = expected("Tiêu đề")
    assert normal(soup.find("h1").get_text()) == title
    assert normal(soup.title.get_text()).startswith(title)
    assert normal(soup.find("meta", property="og:title")["content"]) == title
    summary = SUMMARY
    assert normal(soup.select_one(".post__lead").get_text()) == summary
    assert normal(soup.find("meta", attrs={"name": "description"})["content"]) == summary
    assert normal(soup.find("meta", property="og:description")["content"]) == summary
    assert normal(soup.select_one(".post__signoff").get_text()) == expected("Tác giả")
    crumbs = [normal(li.get_text()) for li in soup.select(".breadcrumbs li")]
    assert expected("Mục") in crumbs and title in crumbs


def test_captions_inline_and_from_captions_file(site):
    soup = site.html("tin-tuc/bai-viet/")
    figure = soup.select_one(".post__body figure")
    assert normal(figure.figcaption.get_text()) == expected("Chú thích")
    assert normal(figure.img["alt"]) == expected("Chú thích")
    gallery = soup.select_one(".gallery figure")
    assert normal(gallery.figcaption.get_text()) == expected("Gallery")
    assert normal(gallery.img["alt"]) == expected("Gallery")


def test_listings_and_section_pages(site):
    for rel in ("", "tin-tuc/"):
        soup = site.html(rel)
        card = next(c for c in soup.select(".card") if "Tiêu đề" in c.get_text())
        assert normal(card.select_one(".card__title").get_text()) == expected("Tiêu đề")
        assert normal(card.select_one(".card__summary").get_text()) == SUMMARY
        assert card.select_one(".card__title").find("script") is None
    section = site.html("tin-tuc/")
    assert normal(section.find("h1").get_text()) == expected("Mục")
    assert normal(section.select_one(".lead").get_text()) == expected("Mô tả")
    menu = [normal(a.get_text()) for a in section.select(".site-nav a")]
    assert expected("Mục") in menu
    footer = [normal(a.get_text()) for a in section.select(".site-footer__pages a")]
    assert expected("Trang") in footer


def test_english_pages_get_the_same_treatment(site):
    soup = site.html("en/tin-tuc/bai-viet/")
    assert normal(soup.find("h1").get_text()) == expected("Title")
    assert normal(soup.select_one(".post__section").get_text()) == expected("Section")


@pytest.mark.parametrize("feed", ["atom.xml", "rss.xml", "tin-tuc/atom.xml", "tin-tuc/rss.xml"])
def test_feeds_are_valid_and_carry_the_text_as_typed(site, feed):
    raw = site.path(feed).read_bytes()
    root = ET.fromstring(raw)  # well-formed XML: no control character got through
    assert not [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("script", "img")]
    parsed = site.feed(feed)
    assert not parsed.bozo, parsed.bozo_exception
    entry = next(e for e in parsed.entries if "Tiêu đề" in e.title)
    assert normal(entry.title) == expected("Tiêu đề")
    if feed.endswith("atom.xml"):
        assert normal(entry.author) == expected("Tác giả")
        # The summary is HTML in the feed: what a feed reader shows is its text.
        shown = BeautifulSoup(entry.summary, "html.parser").get_text()
        assert normal(shown) == SUMMARY
    assert expected("thẻ").replace(",", "") in [normal(t.term) for t in entry.tags]
    if feed.startswith("tin-tuc"):
        assert normal(parsed.feed.title).startswith(expected("Mục"))


def test_a_summary_with_html_is_text_not_markup(site):
    """``Summary:`` is plain text: its tags are dropped, in the page and in the feed's
    HTML; the words of its <script> remain, as text."""
    assert SUMMARY.startswith("Tóm tắt alert(1) \"> alert(2) Tom & Jerry's")
    entry = next(e for e in site.feed("atom.xml").entries if "Tiêu đề" in e.title)
    assert "<" not in entry.summary and "alert(1)" in entry.summary


def test_tags_and_authors_without_a_letter_build(tmp_path):
    """Pelican warns (and a --fatal build stops) when a tag or author has no letter or
    digit to make a slug of; the site has no tag or author pages, so they are fine."""
    files = {"tin-tuc/_index.vi.md": "Title: Tin tức\n"}
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01",
                                        "Tags": "👍, \\, <>, ok", "Author": "—"})
    site = build_site(tmp_path, files)
    assert site.html("tin-tuc/bai/").select_one(".post__signoff").get_text() == "—"
    entry = site.feed("atom.xml").entries[0]
    assert [t.term for t in entry.tags] == ["👍", "\\", "<>", "ok"]
    assert entry.author == "—"

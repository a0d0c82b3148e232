"""Every feed the site writes follows the feed standards, as the W3C feed validator checks them.

feedparser reads each without complaint (no ``bozo``), and the XML itself carries what
the W3C validator asks for: a ``rel="self"`` link to the feed's own absolute address, the
feed's language, ids (Atom) or guids (RSS) that are unique and, when they are not links,
marked ``isPermaLink="false"``, and dates in their standard formats with the local
offset. Pictures in the entries' HTML (``src`` and every ``srcset`` candidate) and links
are absolute, as feed readers fetch them from elsewhere.
"""

from __future__ import annotations

import email.utils
import io
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, post_files, section_files

BASE = "http://localhost:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339_LOCAL = "+07:00"


def jpeg(size=(1600, 1200), colour=(40, 90, 160)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def feed_site() -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/tin-hoat-dong", "Tin hoạt động", "School news")
    body = ("Lễ khai giảng lớp bồi dưỡng.\n\n![Toàn cảnh lớp học](lop-hoc.jpg)\n\n"
            '<p><picture><source type="image/jpeg" '
            'srcset="/tin-tuc/tin-hoat-dong/khai-giang/lop-hoc-480w.jpg 480w, '
            '/tin-tuc/tin-hoat-dong/khai-giang/lop-hoc-960w.jpg 960w" sizes="100vw">'
            '<img src="https://example.org/lop-hoc.jpg" alt="Lớp học"></picture></p>\n\n'
            "[Thông báo](/tin-tuc/tin-hoat-dong/thong-bao/) và [trang ngoài](https://example.org/x).\n")
    files |= post_files("tin-tuc/tin-hoat-dong/khai-giang",
                        {"Title": "Khai giảng lớp bồi dưỡng", "Date": "2024-09-11 08:00",
                         "Modified": "2024-09-20 17:45", "Author": "Ban CSPTHTX",
                         "Summary": "Ba lớp bồi dưỡng khai giảng.",
                         "Tags": "khai giảng, bồi dưỡng", "body": body},
                        {"Title": "Training classes open", "Date": "2024-09-11 08:00",
                         "body": "Three classes opened.\n\n![The classroom](lop-hoc.jpg)\n"})
    files["tin-tuc/tin-hoat-dong/khai-giang/lop-hoc.jpg"] = jpeg()
    files["tin-tuc/tin-hoat-dong/khai-giang/thao-luan.jpg"] = jpeg((1200, 1600), (160, 90, 40))
    files |= post_files("tin-tuc/tin-hoat-dong/thong-bao",
                        {"Title": "Thông báo lịch học", "Date": "2024-10-01"})
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("feed-standards"), feed_site())


def feed_files(site) -> list[str]:
    return [rel for rel in site.files() if rel.endswith(("atom.xml", "rss.xml"))]


def rfc3339(text: str) -> datetime:
    return datetime.fromisoformat(text)


def check_html_urls(html: str, where: str) -> int:
    """Every src, href and srcset candidate in ``html`` is absolute; returns images seen."""
    soup = BeautifulSoup(html, "html.parser")
    images = 0
    for tag in soup.find_all(True):
        for attr in ("src", "href", "poster"):
            if tag.has_attr(attr):
                assert tag[attr].startswith(("http://", "https://", "mailto:")), (where, tag[attr])
        if tag.has_attr("srcset"):
            for candidate in tag["srcset"].split(","):
                url = candidate.strip().split()[0]
                assert url.startswith(("http://", "https://")), (where, tag["srcset"])
        images += tag.name == "img"
    return images


def test_the_site_writes_both_kinds_of_feed_for_each_language(site):
    rels = feed_files(site)
    for rel in ("atom.xml", "rss.xml", "en/atom.xml", "en/rss.xml",
                "tin-tuc/tin-hoat-dong/atom.xml", "en/tin-tuc/tin-hoat-dong/rss.xml",
                "chu-de/khai-giang/atom.xml", "chu-de/boi-duong/rss.xml"):  # tags' feeds too
        assert rel in rels


def test_every_feed_parses_without_complaint(site):
    for rel in feed_files(site):
        feed = site.feed(rel)
        assert not feed.bozo, (rel, feed.get("bozo_exception"))
        assert feed.version in ("atom10", "rss20"), rel
        assert feed.entries, rel


def test_atom_feeds_carry_what_the_validator_requires(site):
    for rel in [r for r in feed_files(site) if r.endswith("atom.xml")]:
        root = ET.fromstring(site.path(rel).read_bytes())
        assert root.tag == f"{ATOM}feed"
        lang = "en" if rel.startswith("en/") else "vi"
        assert root.get(XML_LANG) == lang, rel
        links = {ln.get("rel"): ln.get("href") for ln in root.findall(f"{ATOM}link")}
        assert links["self"] == f"{BASE}/{rel}", rel
        assert links["alternate"].startswith(f"{BASE}/"), rel
        assert root.findtext(f"{ATOM}id"), rel
        assert root.findtext(f"{ATOM}title"), rel
        updated = rfc3339(root.findtext(f"{ATOM}updated"))
        assert updated.utcoffset() is not None, rel
        assert root.find(f"{ATOM}author/{ATOM}name") is not None, rel
        ids = []
        for entry in root.findall(f"{ATOM}entry"):
            ids.append(entry.findtext(f"{ATOM}id"))
            assert entry.findtext(f"{ATOM}title"), rel
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            assert link is not None and link.get("href").startswith(f"{BASE}/"), rel
            for name in ("updated", "published"):
                assert entry.findtext(f"{ATOM}{name}").endswith(RFC3339_LOCAL), (rel, name)
            assert entry.findtext(f"{ATOM}author/{ATOM}name"), rel
            assert rfc3339(entry.findtext(f"{ATOM}updated")) <= updated, rel
        assert all(ids) and len(ids) == len(set(ids)), rel


def test_rss_feeds_carry_what_the_validator_requires(site):
    for rel in [r for r in feed_files(site) if r.endswith("rss.xml")]:
        root = ET.fromstring(site.path(rel).read_bytes())
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for name in ("title", "link", "description"):
            assert channel.findtext(name), (rel, name)
        assert channel.findtext("language") == ("en" if rel.startswith("en/") else "vi")
        self_link = channel.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None and self_link.get("href") == f"{BASE}/{rel}", rel
        assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")).utcoffset()
        guids = []
        for item in channel.findall("item"):
            assert item.findtext("title") and item.findtext("link").startswith(f"{BASE}/"), rel
            guid = item.find("guid")
            assert guid is not None and guid.text, rel
            # The W3C validator: "guid must be a full URL, unless isPermaLink attribute
            # is false". The site's guids are stable tag: URIs, not links.
            if not guid.text.startswith(("http://", "https://")):
                assert guid.get("isPermaLink") == "false", (rel, guid.text)
            guids.append(guid.text)
            published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
            assert published.utcoffset().total_seconds() == 7 * 3600, rel
        assert guids and len(guids) == len(set(guids)), rel


def entry_html(site, rel: str) -> list[tuple[str, str]]:
    """(entry title, HTML) of each entry's content and summary, read from the XML itself
    (feedparser's sanitiser drops ``srcset`` and ``<picture>``, which readers do get)."""
    root = ET.fromstring(site.path(rel).read_bytes())
    found = []
    for entry in root.iter(f"{ATOM}entry"):
        for name in ("content", "summary"):
            if entry.find(f"{ATOM}{name}") is not None:
                found.append((entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}{name}")))
    for item in root.iter("item"):
        found.append((item.findtext("title"), item.findtext("description")))
    return found


def test_pictures_and_links_in_entries_are_absolute(site):
    images = 0
    for rel in feed_files(site):
        for _title, html in entry_html(site, rel):
            images += check_html_urls(html, rel)
    assert images > 0, "the fixture's figures and pictures reach the feeds"
    for rel in ("tin-tuc/tin-hoat-dong/atom.xml", "tin-tuc/tin-hoat-dong/rss.xml"):
        html = "".join(h for t, h in entry_html(site, rel) if t == "Khai giảng lớp bồi dưỡng")
        assert (f'srcset="{BASE}/tin-tuc/tin-hoat-dong/khai-giang/lop-hoc-480w.jpg 480w, '
                f'{BASE}/tin-tuc/tin-hoat-dong/khai-giang/lop-hoc-960w.jpg 960w"') in html, rel
        assert f'href="{BASE}/tin-tuc/tin-hoat-dong/thong-bao/"' in html, rel


def test_figures_in_feeds_point_at_published_renditions(site):
    html = "".join(h for t, h in entry_html(site, "tin-tuc/tin-hoat-dong/atom.xml")
                   if t == "Khai giảng lớp bồi dưỡng")
    soup = BeautifulSoup(html, "html.parser")
    urls = [img["src"] for img in soup.select("figure img")]
    assert urls
    for tag in soup.select("figure [srcset]"):
        urls += [candidate.strip().split()[0] for candidate in tag["srcset"].split(",")]
    for url in urls:
        assert site.exists(url[len(BASE):]), url


def test_modified_posts_show_both_dates(site):
    atom = site.feed("tin-tuc/tin-hoat-dong/atom.xml")
    entry = next(e for e in atom.entries if e.title == "Khai giảng lớp bồi dưỡng")
    assert entry.published == "2024-09-11T08:00:00+07:00"
    assert entry.updated == "2024-09-20T17:45:00+07:00"


def test_full_text_by_default_and_summaries_when_switched_off(site, tmp_path):
    full = dict(entry_html(site, "tin-tuc/tin-hoat-dong/rss.xml"))
    assert "<figure" in full["Khai giảng lớp bồi dưỡng"]
    atom = ET.fromstring(site.path("tin-tuc/tin-hoat-dong/atom.xml").read_bytes())
    assert all(e.find(f"{ATOM}content") is not None for e in atom.iter(f"{ATOM}entry"))

    # (a post whose automatic summary begins with its first photo)
    files = feed_site() | post_files("tin-tuc/tin-hoat-dong/hoi-truong",
                                     {"Title": "Hội trường mới", "Date": "2024-10-05",
                                      "body": "![Hội trường](hoi-truong.jpg)\n\nHội trường mới đã xong.\n"})
    files["tin-tuc/tin-hoat-dong/hoi-truong/hoi-truong.jpg"] = jpeg()
    short = build_site(tmp_path, files, SECTIONS_FEED_FULL_CONTENT=False)
    atom = ET.fromstring(short.path("tin-tuc/tin-hoat-dong/atom.xml").read_bytes())
    entries = list(atom.iter(f"{ATOM}entry"))
    assert entries and all(e.find(f"{ATOM}content") is None for e in entries)
    assert all(e.findtext(f"{ATOM}summary") for e in entries)
    summaries = dict(entry_html(short, "tin-tuc/tin-hoat-dong/rss.xml"))
    assert "<figure" not in summaries["Khai giảng lớp bồi dưỡng"]
    assert "Ba lớp bồi dưỡng khai giảng." in summaries["Khai giảng lớp bồi dưỡng"]
    assert not short.feed("tin-tuc/tin-hoat-dong/atom.xml").bozo
    # Each entry leads with the picture its listing shows (a reader's list had none), as an
    # absolute address of a published file; a post without photos has none.
    for feed in ("tin-tuc/tin-hoat-dong/rss.xml", "tin-tuc/tin-hoat-dong/atom.xml"):
        pictures = {e.title: BeautifulSoup(e.summary, "html.parser").find_all("img") for e in short.feed(feed).entries}
        assert len(pictures["Khai giảng lớp bồi dưỡng"]) == 1 and pictures["Thông báo lịch học"] == []
        # A summary that shows a picture already gets no second one (it had the photo twice).
        assert len(pictures["Hội trường mới"]) == 1, feed
        src = pictures["Khai giảng lớp bồi dưỡng"][0]["src"]
        assert src.startswith("http://localhost:8000/tin-tuc/tin-hoat-dong/khai-giang/lop-hoc-thumb.")
        assert short.path(urlsplit(src).path).is_file()

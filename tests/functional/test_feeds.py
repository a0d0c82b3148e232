"""Atom and RSS feeds: site-wide and per section at every level, per language, valid."""

from __future__ import annotations

import pytest
from conftest import build_site, small_site

BASE = "http://localhost:8000"
SECTIONS = ["", "tin-tuc/", "tin-tuc/tin-hoat-dong/", "tin-tuc/thong-bao/", "dao-tao/",
            "dao-tao/khai-giang/"]


def entry_links(feed):
    return [e.link for e in feed.entries]


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_every_section_has_valid_feeds_in_each_language(small, section, kind):
    for lang, prefix in (("vi", ""), ("en", "en/")):
        rel = f"{prefix}{section}{kind}.xml"
        if lang == "en" and section == "dao-tao/" and not small.exists(f"en/{section}"):
            continue
        feed = small.feed(rel)
        assert not feed.bozo, (rel, feed.get("bozo_exception"))
        assert feed.entries, rel
        assert feed.feed.get("language", "").startswith(lang) or feed.feed.get("language") == lang, rel
        self_links = [ln.href for ln in feed.feed.links if ln.rel == "self"]
        assert self_links == [f"{BASE}/{rel}"], rel
        for entry in feed.entries:
            assert entry.link.startswith(f"{BASE}/{prefix}"), entry.link
            assert entry.get("author"), entry
            assert entry.id
            assert entry.get("published_parsed")


def test_parent_feed_includes_its_subsections(small):
    links = entry_links(small.feed("tin-tuc/atom.xml"))
    assert f"{BASE}/tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/" in links
    assert f"{BASE}/tin-tuc/thong-bao/tuyen-sinh/" in links
    assert not any("/dao-tao/" in link for link in links)
    site = entry_links(small.feed("atom.xml"))
    assert f"{BASE}/dao-tao/khai-giang/quan-tri-san-xuat/" in site
    english = entry_links(small.feed("en/atom.xml"))
    assert english and all(link.startswith(f"{BASE}/en/") for link in english)
    assert not any("tham-quan-mo-hinh" in link for link in english)


def test_section_pages_advertise_their_feeds(small):
    soup = small.html("tin-tuc/tin-hoat-dong/")
    feeds = {link["type"]: link["href"] for link in soup.select('head link[rel="alternate"][type]')}
    assert feeds == {"application/atom+xml": "/tin-tuc/tin-hoat-dong/atom.xml",
                     "application/rss+xml": "/tin-tuc/tin-hoat-dong/rss.xml"}
    en = small.html("en/tin-tuc/")
    assert en.select_one('head link[type="application/atom+xml"]')["href"] == "/en/tin-tuc/atom.xml"


def test_post_pages_advertise_their_sections_feeds_then_the_sites(small):
    """A reader's "follow this site" from a post offered the post's section only."""
    for rel, prefix, site_name in (("tin-tuc/tin-hoat-dong/le-khai-giang-2018/", "", "Trường Bồi dưỡng"),
                                   ("en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/", "en/", "Cooperative")):
        links = [(link["title"], link["href"]) for link in small.html(rel).select('head link[rel="alternate"][type]')]
        assert [href for _, href in links] == [
            f"/{prefix}tin-tuc/tin-hoat-dong/atom.xml", f"/{prefix}tin-tuc/tin-hoat-dong/rss.xml",
            f"/{prefix}atom.xml", f"/{prefix}rss.xml"], links
        assert links[2][0].startswith(site_name), links


def test_entry_ids_and_feed_bytes_are_stable_across_builds(small, tmp_path):
    again = build_site(tmp_path, small_site())
    for rel in ("atom.xml", "en/rss.xml", "tin-tuc/tin-hoat-dong/atom.xml"):
        assert again.path(rel).read_bytes() == small.path(rel).read_bytes(), rel
    ids = [e.id for e in small.feed("atom.xml").entries]
    assert len(ids) == len(set(ids))


def test_titles_carry_no_markup_anywhere(tmp_path):
    """Typogrify makes curly quotes, but no entity or tag leaks into titles or feeds."""
    files = small_site()
    files["tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md"] = (
        'Title: Hội thảo "OCOP" -- HTX & cộng đồng...\nDate: 2019-03-02 14:00\n\n'
        'Nội dung "trích dẫn" -- và HTX.\n')
    return_site = build_site(tmp_path, files)
    soup = return_site.html("tin-tuc/tin-hoat-dong/hoi-thao-ocop/")
    expected = "Hội thảo “OCOP” — HTX & cộng đồng…"
    assert soup.h1.get_text() == expected
    assert soup.title.get_text().startswith(expected)
    assert "&#" not in soup.title.get_text() and "<span" not in str(soup.title)
    description = soup.select_one('meta[name="description"]')["content"]
    assert "<" not in description and "&#" not in description
    feed = return_site.feed("tin-tuc/atom.xml")
    titles = [e.title for e in feed.entries]
    assert expected in titles
    assert "&#8220;" not in return_site.text("tin-tuc/atom.xml").split("<content")[0]


def test_a_post_in_several_feeds_has_its_texts_made_absolute_once():
    from sections import feeds

    class Post:  # what feed_texts reads of a post
        reads = 0

        @property
        def content(self):
            Post.reads += 1
            return '<p><img src="/tin-tuc/a/anh.jpg" srcset="/tin-tuc/a/anh-480w.jpg 480w"></p>'

        summary = '<p><a href="/tin-tuc/a/">Xem</a></p>'

    post, texts = Post(), {}
    first = feeds.feed_texts(post, "https://truong.example.vn", True, texts)
    assert feeds.feed_texts(post, "https://truong.example.vn", True, texts) == first
    assert Post.reads == 1
    assert first == ('<p><img src="https://truong.example.vn/tin-tuc/a/anh.jpg" '
                     'srcset="https://truong.example.vn/tin-tuc/a/anh-480w.jpg 480w"></p>',
                     '<p><a href="https://truong.example.vn/tin-tuc/a/">Xem</a></p>')
    assert feeds.feed_texts(post, "https://truong.example.vn", False, texts)[0] is None


def test_a_posts_gallery_is_in_its_feed_entries(tmp_path):
    """The page shows the photos its text does not place in a grid below it; a feed
    reader sees only the entry, so the entry ends with them (and a reader's list can show
    a picture of a post whose photos are all in the gallery)."""
    import io

    from bs4 import BeautifulSoup
    from PIL import Image

    def jpeg(colour) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (1600, 1200), colour).save(out, "JPEG", quality=80)
        return out.getvalue()

    post = "tin-tuc/tin-hoat-dong/tap-huan-luat"
    files = small_site()
    files[f"{post}/index.vi.md"] = ("Title: Tập huấn Luật Hợp tác xã\nDate: 2025-01-10 08:00\n\n"
                                    "Lớp tập huấn diễn ra trong hai ngày.\n\n![Khai mạc](khai-mac.jpg)\n")
    files[f"{post}/khai-mac.jpg"] = jpeg((200, 40, 40))
    files[f"{post}/thao-luan.jpg"] = jpeg((40, 160, 60))
    files[f"{post}/trao-chung-chi.jpg"] = jpeg((40, 60, 200))
    files[f"{post}/captions.vi.txt"] = "thao-luan.jpg: Học viên thảo luận <nhóm> & trao đổi\n"
    site = build_site(tmp_path, files)
    page = site.html(f"{post}/")
    gallery = [img["src"] for img in page.select(".gallery img")]
    assert len(gallery) == 2
    for rel in ("atom.xml", "rss.xml", "tin-tuc/atom.xml"):
        [entry] = [e for e in site.feed(rel).entries if e.link == f"{BASE}/{post}/"]
        html = entry.content[0].value if "content" in entry else entry.summary
        body = BeautifulSoup(html, "html.parser")
        shown = [img["src"] for img in body.find_all("img")]
        assert len(shown) == 3, (rel, shown)  # the figure in the text, then the gallery's two
        assert "khai-mac" in shown[0] and "thao-luan" in shown[1] and "trao-chung-chi" in shown[2]
        for src in shown:
            assert src.startswith(f"{BASE}/{post}/"), src
            assert site.exists(src[len(BASE):]), src
        figures = body.find_all("figure")
        assert figures[-2].figcaption.get_text() == "Học viên thảo luận <nhóm> & trao đổi"
        assert figures[-2].img["alt"] and figures[-1].img["alt"]
        assert figures[-1].figcaption is None


def test_a_post_of_photos_alone_has_no_empty_summary_in_atom(tmp_path):
    """A post with no words of its own (its photos only) had an empty <summary> in its
    Atom entries, which feed readers showed as the entry's snippet: nothing. Without one
    they make it from the content (the photos and their captions)."""
    import io
    import xml.etree.ElementTree as ET

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(out, "JPEG", quality=80)
    post = "tin-tuc/tin-hoat-dong/anh-le-be-giang"
    files = small_site()
    files[f"{post}/index.vi.md"] = "Title: Ảnh lễ bế giảng\nDate: 2025-02-10 08:00\n"
    files[f"{post}/be-giang.jpg"] = out.getvalue()
    files[f"{post}/captions.vi.txt"] = "be-giang.jpg: Học viên nhận chứng chỉ\n"
    site = build_site(tmp_path, files)
    atom = "{http://www.w3.org/2005/Atom}"
    for rel in ("atom.xml", "tin-tuc/atom.xml", "tin-tuc/tin-hoat-dong/atom.xml"):
        root = ET.fromstring(site.path(rel).read_bytes())
        [entry] = [e for e in root.iter(f"{atom}entry")
                   if e.find(f"{atom}link").get("href") == f"{BASE}/{post}/"]
        assert entry.find(f"{atom}summary") is None, rel
        assert "Học viên nhận chứng chỉ" in entry.findtext(f"{atom}content"), rel


def test_links_relative_to_the_post_and_frames_reach_feed_readers(tmp_path):
    """A feed is read at its own address: "../bai-khac/", a footnote's "#fn:1" or
    "anh.jpg" led feed readers to pages that do not exist (each feed a different one);
    a map's frame, which most feed readers drop, left nothing in its place."""
    from bs4 import BeautifulSoup

    post = "tin-tuc/tin-hoat-dong/hoi-thao"
    files = small_site()
    files[f"{post}/index.vi.md"] = (
        "Title: Hội thảo\nDate: 2025-01-10 08:00\n\nXem [bài trước](../tham-quan-mo-hinh/) và ghi chú[^1].\n\n"
        '<iframe src="https://www.google.com/maps/embed?pb=!1m18" title="Bản đồ hội trường"></iframe>\n\n'
        "[^1]: Theo kế hoạch năm.\n")
    site = build_site(tmp_path, files)
    for rel in ("atom.xml", "rss.xml", "tin-tuc/atom.xml", "tin-tuc/tin-hoat-dong/rss.xml"):
        [entry] = [e for e in site.feed(rel).entries if e.link == f"{BASE}/{post}/"]
        body = BeautifulSoup(entry.content[0].value if "content" in entry else entry.summary, "html.parser")
        hrefs = [a["href"] for a in body.find_all("a")]
        assert f"{BASE}/tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/" in hrefs, (rel, hrefs)
        assert f"{BASE}/{post}/#fn:1" in hrefs and f"{BASE}/{post}/#fnref:1" in hrefs, (rel, hrefs)
        assert all(h.startswith(("http://", "https://")) for h in hrefs), (rel, hrefs)
        assert body.find("iframe") is None, rel
        assert body.find("a", string="Bản đồ hội trường")["href"] == "https://www.google.com/maps/embed?pb=!1m18"
    # The page itself keeps its frame and its relative links.
    page = site.html(f"{post}/")
    assert page.select_one(".post__body iframe") is not None


def test_the_page_of_feeds_gives_every_feed_of_its_language_and_the_footer_leads_to_it(small):
    """The footer's feed links opened a page of XML on a phone (readers took it for a
    broken page): they lead to a page of feeds, saying what a feed is, with each feed's
    address, the site's first, then each section's with posts in that language."""
    import feedparser

    for lang, page, other in (("vi", "kenh-tin/", "en/feeds/"), ("en", "en/feeds/", "kenh-tin/")):
        soup = small.html(page)
        assert soup.html["lang"] == lang
        listed = [(li.select_one(":scope > span").get_text(" ", strip=True),
                   [a["href"] for a in li.find_all("a")]) for li in soup.select(".feed-list li")]
        prefix = "" if lang == "vi" else "en/"
        sections = [s for s in SECTIONS if small.exists(f"{prefix}{s}rss.xml")]
        assert listed[0] == ("Tất cả tin" if lang == "vi" else "All news", [f"/{prefix}rss.xml", f"/{prefix}atom.xml"])
        assert sorted(hrefs for _, hrefs in listed) == sorted(
            [f"/{prefix}{s}rss.xml", f"/{prefix}{s}atom.xml"] for s in sections)
        assert ("Tin tức" if lang == "vi" else "News") in [name for name, _ in listed]
        for _, hrefs in listed:
            for href in hrefs:
                assert not feedparser.parse(small.path(href).read_bytes()).bozo, href
        # Every page's footer leads here, and the language switcher to the other language's.
        for where in (f"{prefix}", f"{prefix}tin-tuc/", page):
            footer = [a["href"] for a in small.html(where).select(".site-footer__pages a")]
            assert f"/{page}" in footer and not any(h.endswith(".xml") for h in footer), where
        assert {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a[hreflang]")}[
            "en" if lang == "vi" else "vi"] == f"/{other}"

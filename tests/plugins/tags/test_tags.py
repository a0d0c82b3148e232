"""Tag pages (plugins/tags): what ``Tags:`` gives readers, in each language."""

from __future__ import annotations

import re

import pytest
from conftest import build_site, post_files, section_files, shown_and_spoken

TAGS_PER_PAGE = 3


def tagged_site() -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("dao-tao", "Đào tạo", "Training")
    # One tag written four ways, on four posts: one page, titled as most posts write it.
    files |= post_files("tin-tuc/lop-1", {"Title": "Lớp một", "Date": "2021-01-01", "Tags": "bồi dưỡng, Quảng Ninh"},
                        {"Title": "Class one", "Date": "2021-01-01", "Tags": "Quảng Ninh, training"})
    files |= post_files("tin-tuc/lop-2", {"Title": "Lớp hai", "Date": "2022-02-02", "Tags": "bồi dưỡng"})
    files |= post_files("dao-tao/lop-3", {"Title": "Lớp ba", "Date": "2023-03-03",
                                          "Tags": "Bồi dưỡng, 👍, Đào tạo, bồi  dưỡng"})
    files |= post_files("dao-tao/lop-4", {"Title": "Lớp bốn", "Date": "2024-04-04", "Tags": "boi duong"})
    # Not published: a draft, and a post whose day has not come (SITE_TODAY is 2026-01-15).
    files |= post_files("dao-tao/nhap", {"Title": "Bản nháp", "Date": "2024-05-05", "Status": "draft",
                                         "Tags": "bồi dưỡng, chỉ bản nháp"})
    files |= post_files("dao-tao/sau-nay", {"Title": "Sau này", "Date": "2030-01-01", "Tags": "bồi dưỡng"})
    files |= post_files("tin-tuc/khong-the", {"Title": "Không thẻ", "Date": "2020-01-01"})
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("tags"), tagged_site(), TAGS_PER_PAGE=TAGS_PER_PAGE)


def card_titles(soup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".card__title a")]


def crumbs(soup) -> list[tuple[str, str | None]]:
    items = soup.select("nav.breadcrumbs ol > li")
    return [(li.get_text(strip=True), li.a["href"] if li.a else None) for li in items]


def test_the_list_of_tags_names_each_tag_once_with_its_posts(site):
    soup = site.html("chu-de/")
    links = [(shown_and_spoken(a)[0], a["href"]) for a in soup.select("main .pills a")]
    assert links == [("bồi dưỡng (4)", "/chu-de/boi-duong/"), ("Đào tạo (1)", "/chu-de/dao-tao/"),
                     ("Quảng Ninh (1)", "/chu-de/quang-ninh/")]
    # Said without the brackets, which some screen readers read out.
    assert [shown_and_spoken(a)[1] for a in soup.select("main .pills a")] == [
        "bồi dưỡng, 4 bài", "Đào tạo, 1 bài", "Quảng Ninh, 1 bài"]
    assert soup.h1.get_text(strip=True) == "Chủ đề"
    assert soup.find("link", rel="canonical")["href"].endswith("/chu-de/")
    en = site.html("en/topics/")
    assert [a["href"] for a in en.select("main .pills a")] == ["/en/topics/quang-ninh/", "/en/topics/training/"]
    assert [shown_and_spoken(a)[1] for a in en.select("main .pills a")] == ["Quảng Ninh, 1 post", "training, 1 post"]
    # The draft's own tag has no page; nor has a tag with no letter.
    assert not site.exists("chu-de/chi-ban-nhap/")
    assert [p for p in site.files() if p.startswith("chu-de/")] == sorted(
        ["chu-de/index.html", "chu-de/boi-duong/index.html", "chu-de/boi-duong/page/2/index.html",
         "chu-de/dao-tao/index.html", "chu-de/quang-ninh/index.html"]
        + [f"chu-de/{tag}/{feed}" for tag in ("boi-duong", "dao-tao", "quang-ninh") for feed in ("atom.xml", "rss.xml")])


def test_a_tag_page_lists_its_languages_posts_newest_first_in_pages(site):
    first = site.html("chu-de/boi-duong/")
    assert first.h1.get_text(strip=True) == "bồi dưỡng"
    assert card_titles(first) == ["Lớp bốn", "Lớp ba", "Lớp hai"]
    # Each card says its post's section.
    assert [s.get_text(strip=True) for s in first.select(".card__section")] == ["Đào tạo", "Đào tạo", "Tin tức"]
    second = site.html("chu-de/boi-duong/page/2/")
    assert card_titles(second) == ["Lớp một"]
    assert first.select_one("a[rel=next]")["href"] == "/chu-de/boi-duong/page/2/"
    assert crumbs(first) == [("Trang chủ", "/"), ("Chủ đề", "/chu-de/"), ("bồi dưỡng", None)]
    assert crumbs(second) == [("Trang chủ", "/"), ("Chủ đề", "/chu-de/"),
                              ("bồi dưỡng", "/chu-de/boi-duong/"), ("Trang 2", None)]
    assert first.find("link", rel="canonical")["href"].endswith("/chu-de/boi-duong/")
    assert second.find("link", rel="canonical")["href"].endswith("/chu-de/boi-duong/page/2/")
    assert "bồi dưỡng" in first.title.get_text()
    assert card_titles(site.html("en/topics/training/")) == ["Class one"]
    # How many, as people say it ("Posts: 1" before).
    assert first.select_one(".page-header .lead").get_text(strip=True) == "4 bài"
    assert site.html("en/topics/training/").select_one(".page-header .lead").get_text(strip=True) == "1 post"


def test_a_post_shows_its_tags_linked_once_each(site):
    post = site.html("dao-tao/lop-3/")
    tags = post.select_one("nav.tags")
    items = [(li.get_text(strip=True), li.a["href"] if li.a else None) for li in tags.select("li")]
    # As the post writes them; the same tag twice is shown once; 👍 has no page.
    assert items == [("Bồi dưỡng", "/chu-de/boi-duong/"), ("👍", None), ("Đào tạo", "/chu-de/dao-tao/")]
    assert tags.has_attr("data-pagefind-ignore")
    en = site.html("en/tin-tuc/lop-1/")
    assert [a["href"] for a in en.select("nav.tags a")] == ["/en/topics/quang-ninh/", "/en/topics/training/"]
    assert site.html("tin-tuc/khong-the/").select_one("nav.tags") is None


def test_the_switcher_leads_to_the_same_tag_or_to_the_list(site):
    def switcher(rel):
        soup = site.html(rel)
        hreflang = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        return {a.get("hreflang") or a.get("lang"): a["href"] for a in soup.select(".lang-switch a")}, hreflang

    links, hreflang = switcher("chu-de/quang-ninh/")
    assert "/en/topics/quang-ninh/" in links.values()
    assert hreflang == {"vi": "/chu-de/quang-ninh/", "x-default": "/chu-de/quang-ninh/",
                        "en": "/en/topics/quang-ninh/"}
    links, hreflang = switcher("chu-de/boi-duong/")
    assert "/en/topics/" in links.values()
    assert "en" not in hreflang  # no page of the same tag in English: nothing claims to be one
    _, hreflang = switcher("chu-de/")
    assert hreflang["en"] == "/en/topics/"


def test_the_footer_leads_to_the_list_and_the_sitemap_has_every_tag_page(site):
    assert site.html("").select_one('footer a[href="/chu-de/"]').get_text(strip=True) == "Chủ đề"
    assert site.html("chu-de/").select_one('footer a[href="/chu-de/"]')["aria-current"] == "page"
    assert not site.html("").select_one('footer a[href="/chu-de/"]').has_attr("aria-current")
    assert site.html("en/").select_one('footer a[href="/en/topics/"]').get_text(strip=True) == "Topics"
    sitemap = site.text("sitemap.xml")
    locs = re.findall(r"<loc>[a-z]+://[^/]+(/[^<]*)</loc>", sitemap)
    for url in ("/chu-de/", "/chu-de/boi-duong/", "/chu-de/boi-duong/page/2/", "/chu-de/quang-ninh/",
                "/en/topics/", "/en/topics/quang-ninh/", "/en/topics/training/"):
        assert locs.count(url) == 1, url
    entry = sitemap[sitemap.index("/chu-de/quang-ninh/</loc>"):]
    entry = entry[:entry.index("</url>")]
    assert 'hreflang="en"' in entry and "/en/topics/quang-ninh/" in entry


def test_a_site_without_tags_has_no_tag_pages_and_no_footer_link(tmp_path):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/mot", {"Title": "Một", "Date": "2021-01-01"})
    site = build_site(tmp_path, files)
    assert not site.exists("chu-de/") and not site.exists("en/topics/")
    assert site.html("").select_one('footer a[href="/chu-de/"]') is None


def test_a_folder_at_the_address_of_the_list_of_tags_stops_the_build(tmp_path):
    files = tagged_site() | section_files("chu-de", "Chủ đề", "Topics")
    files |= post_files("chu-de/bai", {"Title": "Bài", "Date": "2021-01-01"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode != 0
    assert "chu-de/: " in site.log and "TAGS_PAGE_PATHS" in site.log
    assert "Traceback" not in site.log


def test_an_old_address_among_the_tag_pages_is_refused(tmp_path):
    files = tagged_site()
    files |= post_files("tin-tuc/cu", {"Title": "Cũ", "Date": "2021-01-01", "Aliases": "/chu-de/ten-cu/"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode != 0
    assert "tin-tuc/cu/index.vi.md:3:" in site.log and "/chu-de/ten-cu/" in site.log


def test_the_list_of_tags_is_in_vietnamese_alphabetical_order(tmp_path):
    """đ after every d, ă and â after a, tones only between the same letters: by code
    point đ came after z, by the ASCII address "đăng ký" came among the d's."""
    names = ["Zalo", "đăng ký", "dự án", "Đào tạo", "an toàn", "ăn uống", "ấp", "y tế", "ơn", "ô tô", "2024"]
    files = section_files("tin-tuc", "Tin tức")
    for n, name in enumerate(names):
        files |= post_files(f"tin-tuc/bai-{n}", {"Title": f"Bài {n}", "Date": f"2021-01-{n + 1:02d}", "Tags": name})
    site = build_site(tmp_path, files)
    shown = [shown_and_spoken(a)[0].rsplit(" (", 1)[0] for a in site.html("chu-de/").select("main .pills a")]
    assert shown == ["2024", "an toàn", "ăn uống", "ấp", "dự án", "Đào tạo", "đăng ký", "ô tô", "ơn", "y tế", "Zalo"]


def test_each_tag_has_its_feeds_in_its_language(tmp_path):
    """Readers follow a topic (every course opening) as they follow a section."""
    site = build_site(tmp_path, tagged_site(), TAGS_PER_PAGE=TAGS_PER_PAGE, SECTIONS_FEED_ITEMS=3,
                      SITEURL="https://truong.example")
    for kind in ("atom", "rss"):
        feed = site.feed(f"chu-de/boi-duong/{kind}.xml")
        assert not feed.bozo, feed.bozo_exception
        # Told from a section's feed of the same name in a reader's list of feeds.
        assert feed.feed.title.startswith("Chủ đề: bồi dưỡng – ") and feed.feed.language == "vi"
        assert feed.feed.link == "https://truong.example/chu-de/boi-duong/"
        # Newest first, as many as a section's feed holds (SECTIONS_FEED_ITEMS).
        assert [e.title for e in feed.entries] == ["Lớp bốn", "Lớp ba", "Lớp hai"]
        assert feed.entries[0].link == "https://truong.example/dao-tao/lop-4/"
    atom = site.feed("chu-de/boi-duong/atom.xml").feed
    assert [l.href for l in atom.links if l.rel == "self"] == ["https://truong.example/chu-de/boi-duong/atom.xml"]
    english = site.feed("en/topics/training/atom.xml")
    assert english.feed.language == "en" and [e.title for e in english.entries] == ["Class one"]
    assert english.feed.title.startswith("Topic: training – ")
    # The tag's page announces its feeds and links them where a section page does.
    page = site.html("chu-de/boi-duong/")
    assert [(l["type"], l["title"], l["href"]) for l in page.find_all("link", rel="alternate", type=True)] == [
        ("application/atom+xml", "Chủ đề: bồi dưỡng (Atom)", "https://truong.example/chu-de/boi-duong/atom.xml"),
        ("application/rss+xml", "Chủ đề: bồi dưỡng (RSS)", "https://truong.example/chu-de/boi-duong/rss.xml")]
    links = page.select_one("main .feed-links")
    assert links.get_text(" ", strip=True).startswith("Theo dõi chủ đề này:")
    assert [a["href"] for a in links.find_all("a")] == [
        "https://truong.example/chu-de/boi-duong/rss.xml", "https://truong.example/chu-de/boi-duong/atom.xml"]
    english_page = site.html("en/topics/training/")
    assert english_page.select_one("main .feed-links").get_text(" ", strip=True).startswith("Follow this topic:")
    # Named as the page and its feeds are ("Topic: …", not "Topics: …").
    assert [l["title"] for l in english_page.find_all("link", rel="alternate", type=True)] == [
        "Topic: training (Atom)", "Topic: training (RSS)"]
    assert english_page.title.get_text().startswith("Topic: training – ")


def test_tag_feeds_can_be_turned_off(tmp_path):
    site = build_site(tmp_path, tagged_site(), TAGS_FEEDS=False)
    assert not [p for p in site.files() if p.endswith(".xml") and p.startswith(("chu-de/", "en/topics/"))]
    page = site.html("chu-de/boi-duong/")
    assert page.select_one(".feed-links") is None
    # The page's head announces the site's feeds, as other pages without their own do.
    assert [l["href"].rsplit("/", 1)[-1] for l in page.find_all("link", rel="alternate", type=True)] == [
        "atom.xml", "rss.xml"]
    assert "/chu-de/" not in " ".join(l["href"] for l in page.find_all("link", rel="alternate", type=True))


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_a_bad_tags_feeds_setting_is_one_line(tmp_path, value):
    site = build_site(tmp_path, tagged_site(), expect_ok=False, TAGS_FEEDS=value)
    assert site.result.returncode != 0
    assert "tags: Setting 'TAGS_FEEDS'" in site.log and "Traceback" not in site.log


@pytest.mark.parametrize("value", [{"vi": "/chu-de/"}, {"vi": "chu-de"}, {"vi": "a/b/"}, "chu-de/"])
def test_a_bad_tags_page_paths_setting_is_one_line(tmp_path, value):
    site = build_site(tmp_path, tagged_site(), expect_ok=False, TAGS_PAGE_PATHS=value)
    assert site.result.returncode != 0
    assert "tags: Setting 'TAGS_PAGE_PATHS'" in site.log and "Traceback" not in site.log


def test_a_very_long_tag_gets_a_page_at_an_address_a_file_system_holds(tmp_path):
    long_tag = " ".join(["hợp tác xã nông nghiệp"] * 20)  # 460 letters: over a file name's 255 bytes
    files = section_files("tin-tuc", "Tin tức") | post_files(
        "tin-tuc/dai", {"Title": "Dài", "Date": "2021-01-01", "Tags": long_tag})
    site = build_site(tmp_path, files)
    href = site.html("tin-tuc/dai/").select_one("nav.tags a")["href"]
    assert href.startswith("/chu-de/hop-tac-xa-nong-nghiep-hop-tac-xa") and len(href) <= len("/chu-de//") + 80
    assert site.html(href).h1.get_text(strip=True) == long_tag


def related(site, rel: str) -> list[str]:
    return [a.get_text(strip=True) for a in site.html(rel).select(".related a")]


def test_related_posts_share_the_most_tags_then_are_nearest_in_time(site):
    # lop-3 (2023) shares "bồi dưỡng" with lop-2 (2022), lop-4 (2024) and lop-1 (2021).
    assert related(site, "dao-tao/lop-3/") == ["Lớp hai", "Lớp bốn", "Lớp một"]
    # In English, only English posts; a post without tags has none.
    assert related(site, "en/tin-tuc/lop-1/") == []
    assert site.html("tin-tuc/khong-the/").select_one(".related") is None


def test_a_post_sharing_two_tags_comes_before_a_nearer_one_sharing_one(tmp_path):
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/a", {"Title": "A", "Date": "2020-01-01", "Tags": "OCOP, Quảng Ninh"})
    files |= post_files("tin-tuc/b", {"Title": "B", "Date": "2020-01-02", "Tags": "OCOP"})
    files |= post_files("tin-tuc/c", {"Title": "C", "Date": "2021-06-01", "Tags": "ocop, quang ninh"})
    files |= post_files("tin-tuc/d", {"Title": "D", "Date": "2020-01-03", "Tags": "Hà Tĩnh"})
    site = build_site(tmp_path / "three", files)
    assert related(site, "tin-tuc/a/") == ["C", "B"]
    assert related(site, "tin-tuc/d/") == []
    assert related(build_site(tmp_path / "one", files, TAGS_RELATED=1), "tin-tuc/a/") == ["C"]
    assert related(build_site(tmp_path / "none", files, TAGS_RELATED=0), "tin-tuc/a/") == []


def test_tag_pages_tell_search_engines_their_breadcrumb_trail(site):
    import json

    def trail(rel):
        script = site.html(rel).find("script", type="application/ld+json")
        items = json.loads(script.string)["@graph"][0]["itemListElement"]
        return [(item["name"], item["item"].split("://", 1)[1].split("/", 1)[1]) for item in items]

    home = site.html("").select_one(".site-brand__name").get_text(strip=True)
    assert trail("chu-de/boi-duong/") == [(home, ""), ("Chủ đề", "chu-de/"), ("bồi dưỡng", "chu-de/boi-duong/")]
    assert trail("chu-de/") == [(home, ""), ("Chủ đề", "chu-de/")]
    assert trail("en/topics/training/")[1:] == [("Topics", "en/topics/"), ("training", "en/topics/training/")]


def test_vietnamese_order_of_words():
    from sitemodel.collation import vietnamese_order

    words = ["mạ", "Ma", "má", "mả", "mà", "mã", "ma", "đa", "da", "dz", "ư", "ư ", "u", "ưa", "1", " ", "日本"]
    assert sorted(words, key=vietnamese_order) == [
        " ", "1", "da", "dz", "đa", "Ma", "ma", "mà", "mả", "mã", "má", "mạ", "u", "ư", "ư ", "ưa", "日本"]


def test_tags_separated_by_semicolons_or_other_marks_are_each_a_tag(tmp_path):
    """Pelican alone splits at semicolons only when there is one: "bồi dưỡng, Quảng
    Ninh; OCOP" was two tags, the first "bồi dưỡng, Quảng Ninh" with its comma."""
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/mot", {"Title": "Một", "Date": "2021-01-01", "Tags": "bồi dưỡng, Quảng Ninh; OCOP"})
    files |= post_files("tin-tuc/hai", {"Title": "Hai", "Date": "2021-01-02", "Tags": "HTX/THT | tập huấn、kế hoạch"})
    site = build_site(tmp_path, files)
    shown = [a.get_text(strip=True) for a in site.html("tin-tuc/mot/index.html").select("nav.tags a")]
    assert shown == ["bồi dưỡng", "Quảng Ninh", "OCOP"], shown
    shown = [a.get_text(strip=True) for a in site.html("tin-tuc/hai/index.html").select("nav.tags a")]
    assert shown == ["HTX/THT", "tập huấn", "kế hoạch"], shown
    for slug in ("boi-duong", "quang-ninh", "ocop", "tap-huan", "ke-hoach"):
        assert site.exists(f"chu-de/{slug}/index.html"), slug


def test_a_long_tags_address_is_cut_at_a_word_as_a_posts_folder_is():
    """A tag's address dropped a word from the middle to fit 80 characters
    ("…-cong-nghe-cao-dot"), where invoke new and the importer cut a title's at
    the end of a word: one rule (sitemodel.slugs) for all of them."""
    from importer.text import ascii_slug
    from staff.new import make_slug
    from tags.tags import tag_slug

    name = "Lớp bồi dưỡng kỹ năng quản trị hợp tác xã nông nghiệp ứng dụng công nghệ cao tỉnh Quảng Ninh đợt a"
    whole = ("lop-boi-duong-ky-nang-quan-tri-hop-tac-xa-nong-nghiep-ung-dung-cong-nghe-cao-tinh-quang-ninh"
             "-dot-a")
    slug = tag_slug(name)
    assert len(slug) <= 80 and whole.startswith(slug + "-"), slug
    assert slug == make_slug(name) == ascii_slug(name)


# --- Which spellings are one tag (identity.py) ----------------------------------------------

HOST = "https://truong.example"


def accents_site() -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    # "khóa học" (a course) is used first; "khoa học" (science) later, on more posts: their
    # ASCII address is one ("khoa-hoc"), they are two tags. "C#" and "C" alike.
    files |= post_files("tin-tuc/khoa-moi", {"Title": "Khóa mới", "Date": "2021-01-01", "Tags": "khóa học"})
    files |= post_files("tin-tuc/vat-ly", {"Title": "Vật lý", "Date": "2022-02-02", "Tags": "khoa học, C#"},
                        {"Title": "Physics", "Date": "2022-02-02", "Tags": "khoa học, boi duong"})
    files |= post_files("tin-tuc/hoa-hoc", {"Title": "Hóa học", "Date": "2023-03-03",
                                            "Tags": "khoa học, khóa học, C"})
    files |= post_files("tin-tuc/sinh-hoc", {"Title": "Sinh học", "Date": "2024-04-04",
                                             "Tags": "khoa học, bồi dưỡng"})
    files |= post_files("tin-tuc/dia-ly", {"Title": "Địa lý", "Date": "2024-06-06", "Tags": "khoa học, Hòa Bình"})
    # Without accents, it could be either: it goes with the one whose page came first.
    files |= post_files("tin-tuc/khong-dau", {"Title": "Không dấu", "Date": "2025-01-01", "Tags": "khoa hoc"})
    # The tone mark placed the old way and the new: one tag.
    files |= post_files("tin-tuc/hoa-binh", {"Title": "Hoà Bình cũ", "Date": "2021-05-05", "Tags": "Hoà Bình"})
    files |= post_files("tin-tuc/hoa-binh-moi", {"Title": "Hòa Bình mới", "Date": "2021-06-06", "Tags": "Hòa Bình"})
    return files


@pytest.fixture(scope="module")
def accents(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("accents"), accents_site(), SITEURL=HOST)



def pills(soup) -> list[tuple[str, str | None]]:
    return [(li.get_text(strip=True), li.a["href"].removeprefix(HOST) if li.a else None)
            for li in soup.select("nav.tags li")]


def test_tags_whose_accents_differ_are_two_tags_the_older_keeping_the_address(accents):
    """"khóa học" and "khoa học" both make "khoa-hoc": one page, titled "khóa học", listed
    both, and the science post's "khoa học" led to it. The tag used first keeps the
    address, though the other has more posts."""
    course = accents.html("chu-de/khoa-hoc/")
    assert course.h1.get_text(strip=True) == "khóa học"
    assert card_titles(course) == ["Không dấu", "Hóa học", "Khóa mới"]
    science = accents.html("chu-de/khoa-hoc-2/")
    assert science.h1.get_text(strip=True) == "khoa học"
    assert card_titles(science) == ["Địa lý", "Sinh học", "Hóa học", "Vật lý"]
    assert accents.html("chu-de/c/").h1.get_text(strip=True) == "C#"
    assert accents.html("chu-de/c-2/").h1.get_text(strip=True) == "C"
    assert pills(accents.html("tin-tuc/hoa-hoc/")) == [
        ("khoa học", "/chu-de/khoa-hoc-2/"), ("khóa học", "/chu-de/khoa-hoc/"), ("C", "/chu-de/c-2/")]
    assert pills(accents.html("tin-tuc/vat-ly/")) == [("khoa học", "/chu-de/khoa-hoc-2/"), ("C#", "/chu-de/c/")]
    assert pills(accents.html("tin-tuc/khong-dau/")) == [("khoa hoc", "/chu-de/khoa-hoc/")]
    listed = [(shown_and_spoken(a)[0], a["href"].removeprefix(HOST))
              for a in accents.html("chu-de/").select("main .pills a")]
    assert listed == [("bồi dưỡng (1)", "/chu-de/boi-duong/"), ("C (1)", "/chu-de/c-2/"), ("C# (1)", "/chu-de/c/"),
                      ("Hòa Bình (3)", "/chu-de/hoa-binh/"), ("khoa học (4)", "/chu-de/khoa-hoc-2/"),
                      ("khóa học (3)", "/chu-de/khoa-hoc/")]


def test_a_tone_mark_placed_the_old_way_is_the_same_tag(accents):
    page = accents.html("chu-de/hoa-binh/")
    assert page.h1.get_text(strip=True) == "Hòa Bình"
    assert card_titles(page) == ["Địa lý", "Hòa Bình mới", "Hoà Bình cũ"]
    assert pills(accents.html("tin-tuc/hoa-binh/")) == [("Hoà Bình", "/chu-de/hoa-binh/")]
    assert not [p for p in accents.files() if p.startswith("chu-de/hoa-binh-")]


def test_each_of_two_tags_sharing_an_address_has_its_own_feeds(accents):
    for slug, title, entries in (("khoa-hoc", "khóa học", ["Không dấu", "Hóa học", "Khóa mới"]),
                                 ("khoa-hoc-2", "khoa học", ["Địa lý", "Sinh học", "Hóa học", "Vật lý"])):
        feed = accents.feed(f"chu-de/{slug}/atom.xml")
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title.startswith(f"Chủ đề: {title} – ")
        assert feed.feed.link == f"{HOST}/chu-de/{slug}/"
        assert [e.title for e in feed.entries] == entries
        assert [e.title for e in accents.feed(f"chu-de/{slug}/rss.xml").entries] == entries


def test_related_posts_of_a_tag_are_not_those_of_another_with_its_address(accents):
    # "Vật lý" (science, 2022) is nearer in time than "Hóa học", but not of this tag.
    assert related(accents, "tin-tuc/khoa-moi/") == ["Hóa học", "Không dấu"]


def test_the_switcher_and_the_sitemap_pair_a_tag_with_itself_in_the_other_language(accents):
    """English has only "khoa học", at /en/topics/khoa-hoc/: the Vietnamese "khoa học" is
    at /chu-de/khoa-hoc-2/; paired by address, "khóa học" claimed the English one. A tag
    written without accents in one language is the one tag with them in the other."""
    def switcher(rel):
        return {a.get("hreflang") or a.get("lang"): a["href"].removeprefix(HOST)
                for a in accents.html(rel).select(".lang-switch a")}

    assert switcher("chu-de/khoa-hoc-2/")["en"] == "/en/topics/khoa-hoc/"
    assert switcher("chu-de/khoa-hoc/")["en"] == "/en/topics/"
    assert switcher("en/topics/khoa-hoc/")["vi"] == "/chu-de/khoa-hoc-2/"
    assert switcher("chu-de/boi-duong/")["en"] == "/en/topics/boi-duong/"
    assert switcher("en/topics/boi-duong/")["vi"] == "/chu-de/boi-duong/"
    sitemap = accents.text("sitemap.xml")

    def entry(url):
        found = sitemap[sitemap.index(f"<loc>{HOST}{url}</loc>"):]
        return found[:found.index("</url>")]

    for url in ("/chu-de/khoa-hoc/", "/chu-de/khoa-hoc-2/", "/chu-de/c/", "/chu-de/c-2/"):
        assert sitemap.count(f"<loc>{HOST}{url}</loc>") == 1, url
    assert f'hreflang="en" href="{HOST}/en/topics/khoa-hoc/"' in entry("/chu-de/khoa-hoc-2/")
    assert 'hreflang="en"' not in entry("/chu-de/khoa-hoc/")
    assert f'hreflang="vi" href="{HOST}/chu-de/khoa-hoc-2/"' in entry("/en/topics/khoa-hoc/")


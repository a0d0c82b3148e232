"""The theme's HTML, read with a real parser: languages, breadcrumbs, landmarks, header and
footer, post pages, listings, share links, and nothing a strict CSP would block."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import build_site
from theme_support import (BASE, LONG_URL, STATIC, TRICKY_TITLE, html_pages, lang_of,
                           stress_site, url_of)

POST_VI = "tin-tuc/tin-hoat-dong/le-khai-giang-2018/"
POST_EN = "en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/"


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("theme-stress"), stress_site(), SECTIONS_PER_PAGE=2)


@pytest.fixture(scope="module", params=["small", "stress"])
def any_site(request, small, stress):
    return small if request.param == "small" else stress


def crumbs(soup):
    """(label, [(text, href or None)], index of the aria-current item) of the breadcrumbs."""
    nav = soup.select_one("nav.breadcrumbs")
    assert nav is not None, "no breadcrumbs"
    items = nav.select("ol > li")
    trail = []
    for li in items:
        links = li.find_all("a")
        assert len(links) <= 1
        trail.append((li.get_text(" ", strip=True), links[0]["href"] if links else None))
    current = [i for i, li in enumerate(items) if li.get("aria-current") == "page"]
    return nav.select_one(".breadcrumbs__label").get_text(strip=True), trail, current


# --- Every page ------------------------------------------------------------------------

def test_every_page_declares_its_language(any_site):
    pages = html_pages(any_site)
    assert len(pages) > 20
    for rel in pages:
        assert any_site.html(rel).html.get("lang") == lang_of(rel), rel


def test_every_page_has_a_skip_link_and_landmarks(any_site):
    for rel in html_pages(any_site):
        soup = any_site.html(rel)
        body = soup.body
        first = body.find(True)
        assert first.name == "a" and "skip-link" in first["class"], rel
        assert first["href"] == "#main", rel
        mains = soup.find_all("main")
        assert len(mains) == 1 and mains[0].get("id") == "main", rel
        assert body.find("header", recursive=False) is not None, rel
        assert body.find("footer", recursive=False) is not None, rel
        header = body.find("header", recursive=False)
        assert header.select_one("nav.site-nav[aria-label]") is not None, rel
        assert len(soup.find_all("h1")) == 1, rel
        for nav in soup.find_all("nav"):
            assert nav.get("aria-label"), f"{rel}: every nav needs a name"


def test_every_page_has_a_language_switcher(any_site):
    for rel in html_pages(any_site):
        switch = any_site.html(rel).select_one("header nav.lang-switch")
        assert switch is not None, rel
        current = switch.select('[aria-current="true"]')
        assert [c["lang"] for c in current] == [lang_of(rel)], rel
        other = "vi" if lang_of(rel) == "en" else "en"
        links = switch.select("a[hreflang]")
        assert [a["hreflang"] for a in links] == [other], rel
        assert links[0]["href"].startswith("/en/") == (other == "en"), rel


def test_translated_post_switches_to_its_translation(small):
    switch = small.html(POST_VI).select_one(".lang-switch a[hreflang]")
    assert switch["href"] == "/" + POST_EN
    switch = small.html(POST_EN).select_one(".lang-switch a[hreflang]")
    assert switch["href"] == "/" + POST_VI


def test_no_inline_script_style_or_handlers_and_no_foreign_scripts(any_site):
    for rel in html_pages(any_site):
        soup = any_site.html(rel)
        assert soup.find("style") is None, rel
        assert soup.find(attrs={"style": True}) is None, f"{rel}: style attribute"
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, f"{rel}: <{tag.name} {handlers}>"
        for a in soup.find_all("a", href=True):
            assert not a["href"].strip().lower().startswith("javascript:"), rel
        scripts = soup.find_all("script")
        assert scripts, rel
        for script in scripts:
            if script.get("type") == "application/ld+json":
                continue  # structured data (plugins/seo): JSON that is never run
            assert script.get("src"), f"{rel}: inline <script>"
            assert not script.get_text().strip(), f"{rel}: <script> with a body"
            assert script.has_attr("defer"), f"{rel}: script without defer"
            src = urlsplit(script["src"])
            assert not src.scheme and not src.netloc, f"{rel}: script from another host: {script['src']}"


@pytest.mark.parametrize("rel, photos", [("", False), ("tin-tuc/", False), ("en/", False),
                                         (POST_VI, True), (POST_EN, True), ("gioi-thieu/", True)])
def test_theme_and_photo_assets_are_linked(small, rel, photos):
    """The photos' style and viewer only where figures and galleries are: post and
    static pages (a reader's first page, a listing, waits for neither; it fetches the
    style once it has loaded, for the first post opened from it: test_theme_cache)."""
    head = small.html(rel).head
    prefetched = [urlsplit(link["href"]).path for link in head.select('link[rel="prefetch"]')]
    assert prefetched == [] if photos else ["/theme/css/photos.css"]
    styles = [(urlsplit(link["href"]).path, link.get("media")) for link in head.select('link[rel="stylesheet"]')]
    # print.css for paper only: browsers fetch it after the page and never wait for it.
    assert styles == [("/theme/css/site.css", None)] + [("/theme/css/photos.css", None)] * photos + [
        ("/theme/css/print.css", "print")]
    scripts = [urlsplit(s["src"]).path for s in head.select("script[src]")]
    assert scripts == ["/theme/js/site.js"] + ["/theme/js/lightbox.js"] * photos
    assert small.exists("theme/css/site.css") and small.exists("theme/js/site.js")


# --- Header and footer -----------------------------------------------------------------

@pytest.mark.parametrize("rel, org, name, menu", [
    ("", "Liên minh Hợp tác xã tỉnh", "Trường Bồi dưỡng cán bộ hợp tác xã",
     [("Trang chủ", "/"), ("Đào tạo", "/dao-tao/"), ("Tin tức", "/tin-tuc/"), ("Tìm kiếm", "/tim-kiem/")]),
    ("en/", "Provincial Cooperative Alliance", "Cooperative Managers Training School",
     [("Home", "/en/"), ("Training", "/en/dao-tao/"), ("News", "/en/tin-tuc/"), ("Search", "/en/search/")]),
])
def test_header_names_the_school_and_lists_the_top_sections(small, rel, org, name, menu):
    header = small.html(rel).select_one("body > header")
    assert header.select_one(".site-brand__org").get_text(strip=True) == org
    assert header.select_one(".site-brand__name").get_text(strip=True) == name
    assert header.select_one(".site-brand")["href"] == ("/" + rel)
    links = [(a.get_text(strip=True), a["href"]) for a in header.select(".site-nav a")]
    assert links == menu


def test_menu_marks_the_section_of_the_page(small):
    nav = small.html(POST_VI).select_one(".site-nav")
    assert [a.get_text(strip=True) for a in nav.select("a.is-active")] == ["Tin tức"]
    # Said to screen readers too (the underline alone said nothing): the page is in it.
    assert [(a.get_text(strip=True), a["aria-current"]) for a in nav.select("[aria-current]")] == [
        ("Tin tức", "true")]
    nav = small.html("tin-tuc/").select_one(".site-nav")
    assert [a.get_text(strip=True) for a in nav.select('a[aria-current="page"]')] == ["Tin tức"]
    nav = small.html("").select_one(".site-nav")
    assert [a.get_text(strip=True) for a in nav.select('a[aria-current="page"]')] == ["Trang chủ"]


@pytest.mark.parametrize("rel, address, labels, pages, phone", [
    ("", "Số 12 đường Trần Hưng Đạo, phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh",
     ["Địa chỉ:", "Điện thoại:", "Email:"], [("Giới thiệu", "/gioi-thieu/"), ("Liên hệ", "/lien-he/")],
     ("0203 3 123 456", "tel:+842033123456")),  # (RFC 3966's global form)
    # The English pages' own number (SITE_LANGUAGES), which dials from abroad.
    ("en/", "12 Tran Hung Dao Street, Hong Gai Ward, Ha Long City, Quang Ninh Province, Vietnam",
     ["Address:", "Phone:", "Email:"], [("About us", "/en/gioi-thieu/")],
     ("+84 203 3 123 456", "tel:+842033123456")),
])
def test_footer_gives_contact_details_and_static_pages(small, rel, address, labels, pages, phone):
    footer = small.html(rel).select_one("body > footer")
    contact = footer.select_one("address")
    assert address in contact.get_text(" ", strip=True)
    assert [s.get_text(strip=True) for s in contact.select(".site-footer__label")] == labels
    tel = contact.select_one('a[href^="tel:"]')
    assert (tel.get_text(), tel["href"]) == phone
    assert contact.select_one('a[href^="mailto:"]').get_text() == "daotao@truongboiduong-htx.example.vn"
    links = [(a.get_text(strip=True), a["href"]) for a in footer.select(".site-footer__pages a")]
    assert links[: len(pages)] == pages
    feeds = [a["href"] for a in footer.select(".site-footer__pages a")[len(pages):]]
    # The archive (test_archive.py) and the page of feeds (a feed's own address opens
    # XML on a phone: test_feeds.py)
    assert feeds == (["/luu-tru/", "/kenh-tin/"] if rel == "" else ["/en/archive/", "/en/feeds/"])
    for href in feeds:
        assert small.exists(href)


# --- Breadcrumbs -----------------------------------------------------------------------

@pytest.mark.parametrize("rel, label, trail", [
    (POST_VI, "Bạn đang ở:", [("Trang chủ", "/"), ("Tin tức", "/tin-tuc/"),
                              ("Tin hoạt động của Nhà Trường", "/tin-tuc/tin-hoat-dong/"),
                              ("Lễ khai giảng lớp bồi dưỡng năm 2018", None)]),
    (POST_EN, "You are here:", [("Home", "/en/"), ("News", "/en/tin-tuc/"),
                                ("School news", "/en/tin-tuc/tin-hoat-dong/"),
                                ("Opening of the 2018 training classes", None)]),
    ("tin-tuc/tin-hoat-dong/", "Bạn đang ở:", [("Trang chủ", "/"), ("Tin tức", "/tin-tuc/"),
                                               ("Tin hoạt động của Nhà Trường", None)]),
    ("en/tin-tuc/tin-hoat-dong/", "You are here:", [("Home", "/en/"), ("News", "/en/tin-tuc/"),
                                                    ("School news", None)]),
    ("dao-tao/", "Bạn đang ở:", [("Trang chủ", "/"), ("Đào tạo", None)]),
    ("gioi-thieu/", "Bạn đang ở:", [("Trang chủ", "/"), ("Giới thiệu", None)]),
    ("en/gioi-thieu/", "You are here:", [("Home", "/en/"), ("About us", None)]),
    ("dao-tao/khai-giang/quan-tri-san-xuat/", "Bạn đang ở:", [
        ("Trang chủ", "/"), ("Đào tạo", "/dao-tao/"), ("Khai giảng", "/dao-tao/khai-giang/"),
        ("Khai giảng lớp Quản trị sản xuất trong hợp tác xã nông nghiệp", None)]),
])
def test_breadcrumbs_link_every_level_but_the_last(small, rel, label, trail):
    got_label, got_trail, current = crumbs(small.html(rel))
    assert got_label == label
    assert got_trail == trail
    assert current == [len(trail) - 1]
    for text, href in got_trail:
        assert unicodedata.is_normalized("NFC", text)
        assert "›" not in text, "separators are drawn by CSS, not read out"
        if href:
            assert small.exists(href), href


def test_breadcrumb_separators_are_decoration():
    css = (STATIC / "css" / "site.css").read_text(encoding="utf-8")
    assert '.breadcrumbs__list li + li::before' in css
    assert 'content: "›" / "";' in css


def test_home_has_no_breadcrumbs(small):
    assert small.html("").select_one("nav.breadcrumbs") is None
    assert small.html("en/").select_one("nav.breadcrumbs") is None


def test_later_pages_of_a_section_say_which_page(stress):
    label, trail, current = crumbs(stress.html("tin-tuc/luu-tru/page/2/"))
    assert trail == [("Trang chủ", "/"), ("Tin tức", "/tin-tuc/"),
                     ("Lưu trữ tin các năm trước", "/tin-tuc/luu-tru/"), ("Trang 2", None)]
    label, trail, current = crumbs(stress.html("en/tin-tuc/luu-tru/page/3/"))
    assert trail[-2:] == [("Archive", "/en/tin-tuc/luu-tru/"), ("Page 3", None)]
    title = stress.html("tin-tuc/luu-tru/page/2/").title.get_text()
    assert title.startswith("Lưu trữ tin các năm trước – Trang 2 – ")
    # No hreflang from a later page to another language's first page (which holds other
    # posts); the first page keeps its alternates.
    later, first = stress.html("tin-tuc/luu-tru/page/2/"), stress.html("tin-tuc/luu-tru/")
    assert later.find_all("link", hreflang=True) == [] and later.find("meta", property="og:locale:alternate") is None
    assert [link["hreflang"] for link in first.find_all("link", hreflang=True)] == ["vi", "x-default", "en"]


# --- Post pages ------------------------------------------------------------------------

@pytest.mark.parametrize("rel, title, date, section, signoff", [
    (POST_VI, "Lễ khai giảng lớp bồi dưỡng năm 2018", "11 tháng 9, 2018",
     ("Tin hoạt động của Nhà Trường", "/tin-tuc/tin-hoat-dong/"), "Ban CSPTHTX"),
    (POST_EN, "Opening of the 2018 training classes", "11 September 2018",
     ("School news", "/en/tin-tuc/tin-hoat-dong/"), "Cooperative Development Board"),
])
def test_post_page(small, rel, title, date, section, signoff):
    post = small.html(rel).select_one("main article.post")
    assert post.h1.get_text(strip=True) == title
    time = post.select_one(".post__meta time")
    assert time.get_text(strip=True) == date
    assert time["datetime"].startswith("2018-09-11T08:00")
    link = post.select_one(".post__section a")
    assert (link.get_text(strip=True), link["href"]) == section
    body = post.select_one(".post__body")
    assert body.get_text(strip=True) in ("Nội dung bài viết.", "Post body.")
    sign = post.select_one(".post__signoff")
    assert sign.get_text(strip=True) == signoff
    # The sign-off closes the text: after the body, before the share links.
    order = [el for el in post.find_all(True) if el in (body, sign, post.select_one(".share"))]
    assert order == [body, sign, post.select_one(".share")]


def test_a_post_corrected_on_a_later_day_says_when(tmp_path):
    """``Modified:`` went to search engines only (sitemap, JSON-LD): a reader of a notice
    whose dates were corrected saw the first day alone, and could not tell it was not
    the version they had read. A correction on a later day is shown beside the date."""
    from conftest import post_files, section_files

    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/sua", {"Title": "Lịch học đã đổi", "Date": "2024-03-01 08:00",
                                         "Modified": "2024-03-05 10:00"},
                        {"Title": "Timetable changed", "Date": "2024-03-01 08:00", "Modified": "2024-03-05 10:00"})
    files |= post_files("tin-tuc/cung-ngay", {"Title": "Sửa trong ngày", "Date": "2024-03-02 08:00",
                                               "Modified": "2024-03-02 17:00"})
    site = build_site(tmp_path, files)
    for rel, words in (("tin-tuc/sua/", "1 tháng 3, 2024 · Cập nhật ngày 5 tháng 3, 2024"),
                       ("en/tin-tuc/sua/", "1 March 2024 · Updated 5 March 2024")):
        meta = site.html(rel).select_one(".post__meta")
        assert meta.get_text("", strip=False).strip() == words
        assert [t["datetime"][:16] for t in meta.select("time")] == ["2024-03-01T08:00", "2024-03-05T10:00"]
    # (the same day: its date alone)
    assert len(site.html("tin-tuc/cung-ngay/").select(".post__meta time")) == 1


@pytest.mark.parametrize("rel, signoff", [
    ("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/", "Phòng Đào tạo, bồi dưỡng"),
    ("en/tin-tuc/tin-hoat-dong/hoi-thao-ocop/", "Training Department"),
])
def test_post_without_author_is_signed_by_the_default_author_of_its_language(small, rel, signoff):
    assert small.html(rel).select_one(".post__signoff").get_text(strip=True) == signoff


def test_summary_is_the_lead_as_plain_text(stress, small):
    lead = stress.html("tin-tuc/tin-hoat-dong/so-ket/").select_one(".post__lead")
    assert lead.get_text(strip=True) == "Tóm tắt có thẻ & ký tự đặc biệt."
    assert lead.find(True) is None
    # No summary written: no lead (the body's first words are not repeated).
    assert small.html("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/").select_one(".post__lead") is None


@pytest.mark.parametrize("rel, newer, older", [
    ("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/",
     ("Tin mới hơn", "Hội thảo về sản phẩm OCOP", "/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"),
     ("Tin cũ hơn", "Lễ khai giảng lớp bồi dưỡng năm 2018", "/" + POST_VI)),
    (POST_EN, ("Newer post", "Workshop on OCOP products", "/en/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"),
     None),
])
def test_newer_and_older_posts_are_named(small, rel, newer, older):
    nav = small.html(rel).select_one("nav.post-nav")
    for kind, expected in (("newer", newer), ("older", older)):
        item = nav.select_one(f".post-nav__item--{kind}")
        if expected is None:
            assert item is None
            continue
        link = item.select_one("a")
        got = (item.select_one(".post-nav__label").get_text(strip=True), link.get_text(strip=True), link["href"])
        assert got == expected


def test_share_links_carry_the_absolute_post_url(small):
    posts = [rel for rel in html_pages(small) if small.html(rel).select_one("article.post .share")]
    assert len(posts) >= 8
    for rel in posts:
        url = BASE + url_of(rel)
        share = small.html(rel).select_one(".share")
        links = {a["class"][1].split("--")[1]: a for a in share.select("a.share__link")}
        assert set(links) == {"facebook", "zalo", "email", "copy", "sheet"}, rel
        fb = urlsplit(links["facebook"]["href"])
        assert (fb.scheme, fb.netloc) == ("https", "www.facebook.com")
        assert parse_qs(fb.query)["u"] == [url], rel
        zalo = urlsplit(links["zalo"]["href"])
        assert zalo.netloc == "zalo.me" and parse_qs(zalo.query)["url"] == [url], rel
        # A link that opens a new window says so to screen readers (in the page's language).
        new_window = "(mở trong cửa sổ mới)" if lang_of(rel) == "vi" else "(opens in a new window)"
        for name in ("facebook", "zalo"):
            assert links[name]["target"] == "_blank"
            assert links[name].select_one(".visually-hidden").get_text(strip=True) == new_window, rel
        mail = urlsplit(links["email"]["href"])
        assert mail.scheme == "mailto" and parse_qs(mail.query)["body"] == [url], rel
        assert parse_qs(mail.query)["subject"] == [small.html(rel).h1.get_text(strip=True)]
        copy = links["copy"]
        assert copy["href"] == url and copy["data-copy"] == url, rel
        copied = "Đã sao chép liên kết" if lang_of(rel) == "vi" else "Link copied"
        assert copy["data-copied"] == copied
        # The phone's share sheet: hidden until the script finds one (test_theme_browser).
        sheet = links["sheet"]
        assert sheet["href"] == url and sheet["data-share"] == url and sheet.parent.has_attr("hidden"), rel
        assert sheet["data-share-title"] == small.html(rel).h1.get_text(strip=True)
        status = share.select_one(".share__status")
        assert status["role"] == "status" and not status.get_text(strip=True)


def test_static_pages_have_no_share_links_or_dates(small):
    page = small.html("gioi-thieu/")
    assert page.select_one(".share") is None
    assert page.select_one("main article time") is None


def test_titles_and_summaries_are_escaped(stress):
    soup = stress.html("tin-tuc/tin-hoat-dong/so-ket/")
    h1 = soup.select_one("main h1")
    assert h1.get_text() == TRICKY_TITLE
    assert h1.find(True) is None, "markup in a title must be shown, not rendered"
    assert soup.title.get_text().startswith(TRICKY_TITLE)
    card = stress.html("tin-tuc/tin-hoat-dong/").select_one('.card__title a[href="/tin-tuc/tin-hoat-dong/so-ket/"]')
    assert card.get_text() == TRICKY_TITLE and card.find(True) is None
    summary = card.find_parent("article").select_one(".card__summary")
    assert summary.get_text(strip=True) == "Tóm tắt có thẻ & ký tự đặc biệt." and summary.find(True) is None


def test_post_content_is_rendered_as_html(stress):
    body = stress.html("tin-tuc/tin-hoat-dong/so-ket/").select_one(".post__body")
    assert body.find("table") is not None
    assert body.find("a", href=LONG_URL) is not None


# --- Home and section pages --------------------------------------------------------------

def test_home_lists_pinned_then_sections_with_dates_and_summaries(small):
    main = small.html("").select_one("main")
    pinned = main.select_one("section.pinned")
    assert pinned.h2.get_text(strip=True) == "Thông báo quan trọng"
    assert main.find("section") is pinned
    assert [a.get_text(strip=True) for a in pinned.select("a")] == ["Thông báo tuyển sinh"]
    assert pinned.select_one("time").get_text(strip=True) == "5 tháng 1, 2020"
    blocks = main.select("section.home-section")
    assert [b.h2.get_text(strip=True) for b in blocks] == ["Đào tạo", "Tin tức"]
    for block in blocks:
        assert block.h2.a["href"] in ("/dao-tao/", "/tin-tuc/")
        assert block.select_one(".more a")["href"] == block.h2.a["href"]
        for card in block.select("article.card"):
            assert card.select_one("h3.card__title a")["href"].startswith(block.h2.a["href"])
            assert card.select_one("time[datetime]").get_text(strip=True)
            assert card.select_one(".card__summary").get_text(strip=True)
    assert blocks[1].select_one(".more a").get_text(strip=True) == "Xem tất cả tin trong mục Tin tức"


def test_only_the_first_card_of_a_page_waits_to_load_its_picture(tmp_path):
    """The first card's picture is on a phone's first screen: left "lazy", it was fetched
    last, after everything above and beside it."""
    import io

    from conftest import post_files, section_files
    from PIL import Image

    def jpeg() -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (400, 300), (30, 90, 160)).save(out, "JPEG")
        return out.getvalue()

    files = section_files("tin-tuc", "Tin tức") | section_files("dao-tao", "Đào tạo")
    for n, section in enumerate(["tin-tuc", "tin-tuc", "tin-tuc", "dao-tao", "dao-tao"]):
        files |= post_files(f"{section}/bai-{n}", {"Title": f"Bài {n}", "Date": f"2024-01-0{n + 1}",
                                                   "Tags": "chung"})
        files[f"{section}/bai-{n}/anh.jpg"] = jpeg()
    site = build_site(tmp_path, files)
    for page in ("index.html", "tin-tuc/index.html", "dao-tao/index.html", "chu-de/chung/index.html"):
        cards = site.html(page).select("main .card img")
        assert len(cards) >= 2, page
        assert [img.get("loading") for img in cards] == [None] + ["lazy"] * (len(cards) - 1), page


def test_cards_name_the_subsection_of_each_post(small):
    soup = small.html("tin-tuc/")
    card = soup.select_one('.card__title a[href="/tin-tuc/thong-bao/tuyen-sinh/"]').find_parent("article")
    assert card.select_one(".card__section").get_text(strip=True) == "Thông báo"
    # The date and the name apart in the text itself (copied text, reader views), the dot
    # not read aloud.
    meta = card.select_one(".card__meta")
    assert re.fullmatch(r"\S.* · Thông báo", meta.get_text().strip()), meta.get_text()
    assert meta.select_one(".card__sep")["aria-hidden"] == "true"
    own = small.html("tin-tuc/thong-bao/").select(".card__section")
    assert own == [], "posts of the section itself need no section name"


def test_section_page_lists_subsections_posts_and_feeds(small):
    soup = small.html("tin-tuc/")
    assert soup.h1.get_text(strip=True) == "Tin tức"
    subs = [(a.get_text(strip=True), a["href"]) for a in soup.select("nav.subsections a")]
    assert subs == [("Thông báo", "/tin-tuc/thong-bao/"), ("Tin hoạt động của Nhà Trường", "/tin-tuc/tin-hoat-dong/")]
    assert soup.select("main h2.card__title"), "cards are headed at level 2 under the h1"
    feeds = [a["href"] for a in soup.select(".feed-links a")]
    assert feeds == ["/tin-tuc/rss.xml", "/tin-tuc/atom.xml"]
    for href in feeds:
        assert small.exists(href)
    assert soup.select_one(".feed-links").get_text(" ", strip=True).startswith("Theo dõi mục này:")


def test_pagination_links_and_position(stress):
    first = stress.html("tin-tuc/luu-tru/").select_one("nav.pagination")
    assert first.select_one('a[rel="next"]')["href"] == "/tin-tuc/luu-tru/page/2/"
    assert first.select_one('a[rel="prev"]') is None
    assert first.select_one(".pagination__current").get_text(strip=True) == "Trang 1/3"
    middle = stress.html("en/tin-tuc/luu-tru/page/2/").select_one("nav.pagination")
    assert middle.select_one('a[rel="prev"]')["href"] == "/en/tin-tuc/luu-tru/"
    assert middle.select_one('a[rel="next"]')["href"] == "/en/tin-tuc/luu-tru/page/3/"
    assert [a.get_text(strip=True) for a in middle.select("a")] == ["Newer posts", "Older posts"]
    assert middle.select_one(".pagination__current").get_text(strip=True) == "Page 2 of 3"


def test_canonical_and_social_tags(small, stress):
    head = small.html(POST_VI).head
    assert head.select_one('link[rel="canonical"]')["href"] == BASE + "/" + POST_VI
    assert head.select_one('meta[property="og:url"]')["content"] == BASE + "/" + POST_VI
    assert head.select_one('meta[property="og:title"]')["content"] == "Lễ khai giảng lớp bồi dưỡng năm 2018"
    assert head.select_one('meta[property="og:type"]')["content"] == "article"
    assert small.html("").head.select_one('link[rel="canonical"]')["href"] == BASE + "/"
    second = stress.html("tin-tuc/luu-tru/page/2/").head
    assert second.select_one('link[rel="canonical"]')["href"] == BASE + "/tin-tuc/luu-tru/page/2/"

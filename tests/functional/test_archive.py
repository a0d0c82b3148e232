"""The archive (plugins/sections/archive.py): each language's posts by year, so a reader
finds a post of an old year without paging back through "Older posts" ten at a time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import build_site, post_files, section_files, shown_and_spoken

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def pills(soup) -> list[tuple[str, str]]:
    """The years' links: their words on the screen, their address."""
    return [(shown_and_spoken(a)[0], a["href"]) for a in soup.select("nav:not(.archive-months) .pills a")]


def spoken(soup) -> list[str]:
    """The years' links as a screen reader says them."""
    return [shown_and_spoken(a)[1] for a in soup.select("nav:not(.archive-months) .pills a")]


def months(soup) -> list[tuple[str, list[str]]]:
    return [(h2.get_text(strip=True), [a.get_text(strip=True) for a in h2.find_next_sibling("ul").select("li > a")])
            for h2 in soup.select("h2.archive-month")]


def test_the_archive_lists_the_years_then_each_years_posts_by_month(small):
    # The small site: Vietnamese posts of 2018, 2019 and 2020 (two each), a draft of 2021.
    soup = small.html("luu-tru/")
    assert soup.html["lang"] == "vi" and soup.h1.get_text(strip=True) == "Lưu trữ"
    assert pills(soup) == [("2020 (2)", "/luu-tru/2020/"), ("2019 (2)", "/luu-tru/2019/"),
                           ("2018 (2)", "/luu-tru/2018/")]
    # Said without the brackets, which some screen readers read out ("2020 left paren 2…").
    assert spoken(soup) == ["2020, 2 bài", "2019, 2 bài", "2018, 2 bài"]
    assert not small.exists("luu-tru/2021/")  # (a draft is not published)

    year = small.html("luu-tru/2019/")
    assert year.h1.get_text(strip=True) == "Tin năm 2019"
    assert months(year) == [("Tháng 3", ["Hội thảo về sản phẩm OCOP"]), ("Tháng 1", ["Lịch nghỉ Tết"])]
    # The months first, each leading to its list (a long year is a long scroll on a phone)
    jumps = [(a.get_text(strip=True), a["href"]) for a in year.select(".archive-months a")]
    assert jumps == [("Tháng 3", "#thang-3"), ("Tháng 1", "#thang-1")]
    assert [h2["id"] for h2 in year.select("h2.archive-month")] == ["thang-3", "thang-1"]
    item = year.select_one(".archive-list li")
    assert item.a["href"] == "/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"
    assert item.time["datetime"].startswith("2019-03-02T14:00")
    assert "Tin hoạt động của Nhà Trường" in item.get_text(" ", strip=True)  # its section
    # The way to the other years: every year (this one marked), the newer and the older.
    assert [a.get_text(strip=True) for a in year.select("nav:not(.archive-months) .pills a")] == ["2020", "2019", "2018"]
    assert year.select_one('.pills a[aria-current="page"]').get_text() == "2019"
    assert year.select_one('.pagination a[rel="prev"]')["href"] == "/luu-tru/2020/"
    assert year.select_one('.pagination a[rel="next"]')["href"] == "/luu-tru/2018/"
    assert small.html("luu-tru/2020/").select_one('.pagination a[rel="prev"]') is None
    crumbs = [li.get_text(strip=True) for li in year.select(".breadcrumbs__list li")]
    assert crumbs == ["Trang chủ", "Lưu trữ", "2019"]
    labels = [nav["aria-label"] for nav in year.select("nav")]
    assert len(labels) == len(set(labels)), labels  # (landmarks told apart by their names)


def test_the_english_archive_lists_the_english_posts_and_every_footer_leads_there(small):
    soup = small.html("en/archive/")
    assert soup.html["lang"] == "en" and soup.h1.get_text(strip=True) == "Archive"
    assert pills(soup) == [("2020 (2)", "/en/archive/2020/"), ("2019 (1)", "/en/archive/2019/"),
                           ("2018 (1)", "/en/archive/2018/")]
    assert spoken(soup) == ["2020, 2 posts", "2019, 1 post", "2018, 1 post"]
    year = small.html("en/archive/2019/")
    assert year.h1.get_text(strip=True) == "News of 2019"
    assert months(year) == [("March", ["Workshop on OCOP products"])]
    assert not year.select(".archive-months")  # (one month: nothing to jump to)
    # The switcher leads to the same year in Vietnamese, and the years' pages are each
    # other's translations.
    switch = {a["hreflang"]: a["href"] for a in year.select(".lang-switch a[hreflang]")}
    assert switch["vi"] == "/luu-tru/2019/"
    for page, archive in (("", "/luu-tru/"), ("tin-tuc/", "/luu-tru/"), ("en/", "/en/archive/")):
        assert archive in [a["href"] for a in small.html(page).select(".site-footer__pages a")], page


def test_a_year_in_one_language_only_leads_the_other_to_its_archive(tmp_path):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/cu", {"Title": "Bài cũ", "Date": "2015-05-04"})
    files |= post_files("tin-tuc/moi", {"Title": "Bài mới", "Date": "2024-02-01"},
                        {"Title": "New post", "Date": "2024-02-01"})
    # (held back until its day, after the build's SITE_TODAY: not listed, no year of its own)
    files |= post_files("tin-tuc/sap-toi", {"Title": "Bài sắp đăng", "Date": "2027-03-01"})
    site = build_site(tmp_path, files)
    assert pills(site.html("luu-tru/")) == [("2024 (1)", "/luu-tru/2024/"), ("2015 (1)", "/luu-tru/2015/")]
    assert not site.exists("luu-tru/2027/")
    assert pills(site.html("en/archive/")) == [("2024 (1)", "/en/archive/2024/")]
    assert not site.html("en/archive/2024/").select("nav.pagination")  # (no other year: no empty landmark)
    assert not site.exists("en/archive/2015/")
    old = site.html("luu-tru/2015/")
    assert {a["hreflang"]: a["href"] for a in old.select(".lang-switch a[hreflang]")}["en"] == "/en/archive/"
    # hreflang only for a real translation
    assert not old.select('link[rel="alternate"][hreflang="en"]')
    assert site.html("luu-tru/2024/").select_one('link[rel="alternate"][hreflang="en"]')["href"].endswith(
        "/en/archive/2024/")


def test_the_archive_is_in_the_sitemap(small):
    root = ET.fromstring(small.path("sitemap.xml").read_bytes())
    locs = [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]
    paths = [loc.split("/", 3)[3] for loc in locs]
    for page in ("luu-tru/", "luu-tru/2020/", "luu-tru/2019/", "luu-tru/2018/",
                 "en/archive/", "en/archive/2020/", "en/archive/2019/", "en/archive/2018/"):
        assert paths.count(page) == 1, page
    assert not [p for p in paths if "2021" in p]


def test_a_section_at_the_archives_address_is_refused(tmp_path):
    files = section_files("luu-tru", "Lưu trữ") | post_files("luu-tru/bai", {"Title": "Bài", "Date": "2024-01-03"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode == 1
    assert "luu-tru/: địa chỉ của thư mục này trùng với trang lưu trữ (vi)" in site.log, site.log
    assert "SECTIONS_ARCHIVE_PATHS" in site.log


def test_a_listing_of_several_pages_leads_to_the_archive(tmp_path):
    """Older posts are ten a page away each on a section's (or tag's) pages: below their
    "Older posts" link, the archive lists a whole year at once."""
    files = section_files("tin-tuc", "Tin tức", "News")
    for n in range(1, 4):
        files |= post_files(f"tin-tuc/bai-{n}", {"Title": f"Bài {n}", "Date": f"202{n}-05-04"})
    files |= post_files("tin-tuc/en", {"Title": "Bài có bản tiếng Anh", "Date": "2024-02-01"},
                        {"Title": "A post in English", "Date": "2024-02-01"})
    site = build_site(tmp_path, files, SECTIONS_PER_PAGE=2)
    for page in ("tin-tuc/", "tin-tuc/page/2/"):
        link = site.html(page).select_one("main .pagination + .more a")
        assert (link.get_text(strip=True), link["href"]) == ("Xem tin theo từng năm", "/luu-tru/"), page
    assert site.html("en/tin-tuc/").select_one("main .more a[href='/en/archive/']") is None  # (one page)

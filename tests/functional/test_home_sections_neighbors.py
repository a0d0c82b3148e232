"""Home page, section listings with pagination, breadcrumbs and newer/older links."""

from __future__ import annotations

import pytest
from conftest import build_site, post_files, section_files


def titles(soup, selector=".card__title a"):
    return [a.get_text(strip=True) for a in soup.select(selector)]


def test_home_shows_pinned_first_then_newest_of_each_top_section(small):
    home = small.html("")
    pinned = home.select_one(".pinned")
    assert pinned is not None
    pinned_titles = [a.get_text(strip=True) for a in pinned.select("a")]
    # "Lịch nghỉ Tết" expired in 2019: no longer pinned.
    assert pinned_titles == ["Thông báo tuyển sinh"]
    main = home.select_one("main")
    assert main.find_all("section")[0] is pinned
    blocks = main.select(".home-section")
    assert [b.h2.get_text(strip=True) for b in blocks] == ["Đào tạo", "Tin tức"]
    news = blocks[1]
    assert titles(news)[0] == "Thông báo tuyển sinh"
    assert "Lịch nghỉ Tết" in titles(news)
    assert all(card.select_one("time") for card in news.select(".card"))
    en_home = small.html("en/")
    assert [a.get_text(strip=True) for a in en_home.select(".pinned a")] == ["Enrolment notice"]


def test_section_page_lists_its_subsections_posts_newest_first(small):
    soup = small.html("tin-tuc/")
    assert titles(soup) == [
        "Thông báo tuyển sinh", "Hội thảo về sản phẩm OCOP", "Lịch nghỉ Tết",
        "Học viên tham quan mô hình hợp tác xã", "Lễ khai giảng lớp bồi dưỡng năm 2018",
    ]
    assert titles(small.html("en/tin-tuc/")) == [
        "Enrolment notice", "Workshop on OCOP products", "Opening of the 2018 training classes",
    ]
    cards = soup.select(".card")
    assert all(c.select_one("time") and c.select_one(".card__summary") for c in cards)


def crumbs(soup):
    nav = soup.select_one("nav.breadcrumbs")
    items = nav.select("ol > li")
    return [(li.get_text(strip=True), li.a["href"] if li.a else None) for li in items]


def test_breadcrumbs_name_every_level_and_link_all_but_the_last(small):
    assert crumbs(small.html("tin-tuc/tin-hoat-dong/le-khai-giang-2018/")) == [
        ("Trang chủ", "/"), ("Tin tức", "/tin-tuc/"),
        ("Tin hoạt động của Nhà Trường", "/tin-tuc/tin-hoat-dong/"),
        ("Lễ khai giảng lớp bồi dưỡng năm 2018", None),
    ]
    assert crumbs(small.html("en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/")) == [
        ("Home", "/en/"), ("News", "/en/tin-tuc/"), ("School news", "/en/tin-tuc/tin-hoat-dong/"),
        ("Opening of the 2018 training classes", None),
    ]
    assert crumbs(small.html("tin-tuc/tin-hoat-dong/")) == [
        ("Trang chủ", "/"), ("Tin tức", "/tin-tuc/"), ("Tin hoạt động của Nhà Trường", None),
    ]
    assert crumbs(small.html("en/gioi-thieu/")) == [("Home", "/en/"), ("About us", None)]


def neighbours(soup):
    return {
        kind: (item.a.get_text(strip=True), item.a["href"])
        for kind in ("newer", "older")
        for item in soup.select(f".post-nav__item--{kind}")
    }


def test_newer_and_older_stay_in_the_same_section_and_language(small):
    middle = small.html("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/")
    assert neighbours(middle) == {
        "newer": ("Hội thảo về sản phẩm OCOP", "/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"),
        "older": ("Lễ khai giảng lớp bồi dưỡng năm 2018", "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/"),
    }
    # In English the untranslated post is skipped.
    assert neighbours(small.html("en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/")) == {
        "newer": ("Workshop on OCOP products", "/en/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"),
    }
    # The newest post of a section has no newer link, even though a newer post exists
    # in another section.
    assert set(neighbours(small.html("tin-tuc/tin-hoat-dong/hoi-thao-ocop/"))) == {"older"}
    assert neighbours(small.html("dao-tao/khai-giang/quan-tri-san-xuat/")) == {}
    labels = small.html("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/").select(".post-nav__label")
    assert [lbl.get_text(strip=True).rstrip(":") for lbl in labels] == ["Tin mới hơn", "Tin cũ hơn"]


@pytest.fixture(scope="module")
def paginated(tmp_path_factory):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/con", "Mục con", "Sub")
    for i in range(5):
        files |= post_files(f"tin-tuc/con/bai-{i}", {"Title": f"Bài số {i}", "Date": f"2020-01-0{i + 1}"})
    return build_site(tmp_path_factory.mktemp("pages"), files, SECTIONS_PER_PAGE=2)


def test_section_pages_are_paginated_with_pretty_urls(paginated):
    assert titles(paginated.html("tin-tuc/")) == ["Bài số 4", "Bài số 3"]
    assert titles(paginated.html("tin-tuc/page/2/")) == ["Bài số 2", "Bài số 1"]
    assert titles(paginated.html("tin-tuc/page/3/")) == ["Bài số 0"]
    assert not paginated.exists("tin-tuc/page/4/")
    first = paginated.html("tin-tuc/")
    assert first.select_one('a[rel="next"]')["href"] == "/tin-tuc/page/2/"
    second = paginated.html("tin-tuc/page/2/")
    assert second.select_one('a[rel="prev"]')["href"] == "/tin-tuc/"


def test_a_pages_order_written_in_one_language_orders_the_footer_of_both(tmp_path):
    """``Order:`` written in a page's index.vi.md only reordered the Vietnamese footer;
    the English one kept the pages in name order (a section's Order is one for both)."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02"}, {"Title": "Post", "Date": "2024-01-02"})
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu"}, {"Title": "About us"})
    files |= post_files("pages/lien-he", {"Title": "Liên hệ", "Order": "1"}, {"Title": "Contact"})
    site = build_site(tmp_path, files)

    def footer(page):
        return [a.get_text() for a in site.html(page).select(".site-footer__pages a")][:2]
    assert footer("") == ["Liên hệ", "Giới thiệu"]
    assert footer("en/") == ["Contact", "About us"]

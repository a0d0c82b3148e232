"""Finding the article in a saved page: title, breadcrumb trail (Joomla 3 and 2.5),
body without the chrome plugins put into it."""

from __future__ import annotations

from bs4 import BeautifulSoup
from joomla_pages import BODY_CHROME, OLD_SITE, article_page, old_path

from importer.joomla import breadcrumb_trail, parse_article
from importer.text import ascii_slug

BODY = "<p>Nội dung chính của bài viết về lớp bồi dưỡng.</p>"


def test_joomla3_page():
    page = parse_article(article_page("Lớp bồi dưỡng kế toán", BODY + BODY_CHROME,
                                      trail=("Tin tức", "Thông báo")))
    assert page.title == "Lớp bồi dưỡng kế toán"
    assert page.trail == ["Tin tức", "Thông báo"]
    assert page.url == OLD_SITE + old_path("Lớp bồi dưỡng kế toán")
    assert page.created_by is None  # "Super User" is not a person
    text = page.body.get_text(" ", strip=True)
    assert text == "Nội dung chính của bài viết về lớp bồi dưỡng."


def test_joomla25_breadcrumbs_and_shortened_title():
    soup = BeautifulSoup(
        '<div class="breadcrumbs"><span class="showHere">Bạn đang ở: </span>'
        '<a href="/" class="pathway">Trang chủ</a> <img src="arrow.png" alt=""> '
        '<a href="/tin-tuc" class="pathway">Tin tức</a> <img src="arrow.png" alt=""> '
        '<a href="/tin-tuc/hoat-dong" class="pathway">Tin hoạt động</a> '
        '<img src="arrow.png" alt=""> <span>Hội nghị tổng kết công tác đào...</span></div>',
        "html.parser")
    assert breadcrumb_trail(soup, "Hội nghị tổng kết công tác đào tạo năm 2019") == \
        ["Tin tức", "Tin hoạt động"]


def test_item_page_without_article_body_keeps_its_own_headings():
    page = article_page("Bài cũ", "<h2>Phần một</h2>" + BODY)
    page = page.replace('<div itemprop="articleBody">', "<div>")
    article = parse_article(page)
    text = article.body.get_text(" ", strip=True)
    assert text.startswith("Phần một Nội dung chính")
    assert "Chi tiết" not in text and "Bài cũ" not in text and "Bài trước" not in text


def test_slug_is_ascii():
    assert ascii_slug("Đại hội Đoàn: “Tuổi trẻ” & hợp tác xã — 2020!") == \
        "dai-hoi-doan-tuoi-tre-hop-tac-xa-2020"


def test_the_title_as_a_bare_heading_of_the_item_is_not_text():
    """Joomla 2.5's layout (kept by old templates) puts the title, a link to the article,
    in an <h2> of the item without a page-header: it opened the imported text."""
    page = article_page("Lớp kế toán khóa 12", "<h2>Phần một</h2>" + BODY)
    page = page.replace('<div itemprop="articleBody">', "<div>").replace(
        '<div class="page-header"><h2 itemprop="headline">Lớp kế toán khóa 12</h2></div>',
        '<h2><a href="/index.php/tin-tuc/420-lop-ke-toan">Lớp kế toán khóa 12</a></h2>')
    article = parse_article(page)
    assert article.title == "Lớp kế toán khóa 12"
    assert article.body.get_text(" ", strip=True).startswith("Phần một Nội dung chính")

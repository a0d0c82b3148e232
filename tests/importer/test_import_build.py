"""Imported posts build with the real pelican command and --fatal warnings: figures
with their captions in the text, the gallery with its captions after it."""

from __future__ import annotations

import io

import pytest
from conftest import build_site, section_files
from joomla_pages import RICH_FOLDER, RICH_TITLE, article_page, photo, save_page, save_rich_page

from importer.cli import run


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("imported-site")
    save_rich_page(base / "old")
    body = ("<p>Liên minh tổ chức hội nghị sơ kết công tác hỗ trợ hợp tác xã sáu tháng đầu năm.</p>"
            '<p><img src="./so-ket_files/hoi-nghi.jpg" alt="Toàn cảnh hội nghị"></p>'
            '<p><img src="./so-ket_files/phat-bieu.jpg" alt="Đại biểu phát biểu ý kiến"></p>'
            "<p>Ban CSPTHTX.</p>")
    save_page(base / "old", "so-ket", article_page("Hội nghị sơ kết sáu tháng", body,
                                                   trail=("Tin tức", "Thông báo"),
                                                   published="2019-07-05T14:00:00+07:00"),
              {"hoi-nghi.jpg": photo("sienna"), "phat-bieu.jpg": photo("slateblue")})
    out = io.StringIO()
    assert run([base / "old"], base / "content", out=out) == 0, out.getvalue()
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/tin-hoat-dong", "Tin hoạt động của Nhà Trường", "School news")
    files |= section_files("tin-tuc/thong-bao", "Thông báo", "Announcements")
    return build_site(base, files)


def test_imported_posts_build_with_fatal_warnings(site):
    assert site.result.returncode == 0, site.log
    assert site.exists(f"{RICH_FOLDER}/")
    assert site.exists("tin-tuc/thong-bao/hoi-nghi-so-ket-sau-thang/")


def test_post_page_shows_figure_captions(site):
    page = site.html(f"{RICH_FOLDER}/")
    assert RICH_TITLE in page.find("h1").get_text()
    captions = [c.get_text(" ", strip=True) for c in page.select("article figure > figcaption, "
                                                                 "main figure > figcaption")]
    assert "Quang cảnh buổi khai giảng lớp học." in captions
    assert "Giảng viên trao đổi với học viên" in captions


def test_post_page_shows_the_gallery_with_its_captions(site):
    page = site.html(f"{RICH_FOLDER}/")
    gallery = page.select_one(".gallery")
    assert gallery is not None, "no gallery on the post page"
    assert len(gallery.find_all("img")) == 3
    text = gallery.get_text(" ", strip=True)
    assert "Học viên thảo luận nhóm." in text and "Học viên làm bài kiểm tra cuối khóa" in text


def test_sign_off_and_trailing_gallery_of_the_second_post(site):
    page = site.html("tin-tuc/thong-bao/hoi-nghi-so-ket-sau-thang/")
    assert "Ban CSPTHTX" in page.get_text()
    gallery = page.select_one(".gallery")
    assert gallery is not None and len(gallery.find_all("img")) == 2
    assert "Đại biểu phát biểu ý kiến" in gallery.get_text(" ", strip=True)


def test_the_old_sites_address_of_an_imported_post_leads_to_it_through_nginx(site, tmp_path):
    """A link to the old page (``/index.php/tin-tuc/…``, no slash at its end, as Joomla
    wrote them), followed through deploy/README.md's nginx, ends on the imported post."""
    import urllib.request

    from bs4 import BeautifulSoup
    from conftest import NGINX, documented_nginx_server, nginx_serving
    from joomla_pages import old_path

    if NGINX is None:
        pytest.skip("nginx is not installed")
    with nginx_serving(site.output, tmp_path / "nginx", documented_nginx_server()) as base:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(base + old_path(RICH_TITLE), timeout=10) as response:
            assert response.status == 200 and response.url == base + old_path(RICH_TITLE) + "/"
            soup = BeautifulSoup(response.read(), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.endswith(f"/{RICH_FOLDER}/")
    assert soup.find("link", rel="canonical")["href"].endswith(f"/{RICH_FOLDER}/")

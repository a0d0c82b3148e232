"""404.html: the page hosts show for an address the site does not have (plugins/not_found)."""

from __future__ import annotations

import re

import pytest
from conftest import CHROMIUM, build_site, serve_folder, small_site

from staff.serve import SiteHandler

PAGE = "404.html"


def links(soup) -> list[str]:
    return [tag.get(attr) for tag in soup.find_all(True) for attr in ("href", "src")
            if tag.get(attr)]


def test_one_page_in_the_default_language_with_a_part_for_each_language(small):
    soup = small.html(PAGE)
    assert soup.html["lang"] == "vi"
    assert soup.title.get_text().startswith("Không tìm thấy trang – ")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # No address of its own: no canonical URL, nothing to share.
    assert soup.find("link", rel="canonical") is None
    assert soup.find("meta", property=re.compile("^og:")) is None
    parts = soup.select("main section.not-found")
    assert [part["lang"] for part in parts] == ["vi", "en"]
    vi, en = parts
    assert vi.find("h1").get_text(strip=True) == "Không tìm thấy trang"
    assert en.find("h2").get_text(strip=True) == "Page not found"
    assert len(soup.find_all("h1")) == 1
    assert "chuyển chỗ" in vi.get_text() and "moved" in en.get_text()
    # (an old post's link: its year in the archive, plugins/sections/archive.py)
    assert [a["href"] for a in vi.find_all("a")] == ["/", "/tim-kiem/", "/luu-tru/"]
    assert [a["href"] for a in en.find_all("a")] == ["/en/", "/en/search/", "/en/archive/"]
    assert [a.get_text(strip=True) for a in en.find_all("a")] == [
        "Go to the home page", "Search the news", "Find it by year in the archive"]
    assert vi.find_all("a")[-1].get_text(strip=True) == "Tìm theo năm trong mục Lưu trữ"
    # The newest posts, and the switcher leading to the English home.
    assert soup.select(".sidebar__list a")
    assert soup.select_one(".lang-switch a[hreflang=en]")["href"] == "/en/"
    assert soup.find("link", rel="alternate", hreflang=True) is None


def test_each_other_language_has_the_page_in_its_own_language(small):
    """en/404.html, for a missing address under /en/: an English reader meets English
    (header, menu, newest posts, the English part first), not the Vietnamese page."""
    soup = small.html("en/" + PAGE)
    assert soup.html["lang"] == "en"
    assert soup.title.get_text() == "Page not found – Cooperative Managers Training School"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    parts = soup.select("main section.not-found")
    assert [part["lang"] for part in parts] == ["en", "vi"]
    assert parts[0].find("h1").get_text(strip=True) == "Page not found"
    assert parts[1].find("h2").get_text(strip=True) == "Không tìm thấy trang"
    assert [a["href"] for a in parts[0].find_all("a")] == ["/en/", "/en/search/", "/en/archive/"]
    assert [a["href"] for a in soup.select(".site-nav a")][0] == "/en/"
    newest = [a["href"] for a in soup.select(".sidebar__list a")]
    assert newest and all(href.startswith("/en/") for href in newest), newest
    assert soup.select_one(".lang-switch a[hreflang=vi]")["href"] == "/"
    found = links(soup)
    assert all(re.match(r"(/|https?://|#|tel:|mailto:)", link) for link in found), found


def test_every_link_works_at_any_depth_and_the_page_is_in_no_listing(small):
    """Hosts show the page at the missing address itself (/tin-tuc/cu/bai-da-xoa/):
    no link may be relative to the page. Not in the sitemap, not in the search index."""
    soup = small.html(PAGE)
    found = links(soup)
    assert found and all(re.match(r"(/|https?://|#|tel:|mailto:)", link) for link in found), found
    assert "404" not in small.text("sitemap.xml")


def test_the_setting_names_the_file_or_turns_it_off(tmp_path):
    site = build_site(tmp_path / "named", small_site(), NOT_FOUND_SAVE_AS="khong-tim-thay.html")
    assert site.exists("khong-tim-thay.html") and not site.exists(PAGE)
    assert site.exists("en/khong-tim-thay.html") and not site.exists("en/" + PAGE)
    site = build_site(tmp_path / "none", small_site(), NOT_FOUND_SAVE_AS="")
    assert not [rel for rel in site.files() if "404" in rel or "khong-tim-thay" in rel]


def test_a_wrong_setting_stops_the_build_with_one_line(tmp_path):
    site = build_site(tmp_path, small_site(), expect_ok=False, NOT_FOUND_SAVE_AS="/404")
    assert site.result.returncode != 0
    assert "Setting 'NOT_FOUND_SAVE_AS'" in site.log and "'/404'" in site.log
    assert not (tmp_path / "output").exists()


class QuietSiteHandler(SiteHandler):
    """``invoke serve``'s handler: a missing address gets 404.html with status 404, as
    GitHub Pages, Netlify and nginx with ``error_page 404 /404.html`` answer."""

    def log_message(self, *args):
        pass


@pytest.mark.browser
def test_a_reader_at_a_deep_missing_address_sees_the_styled_page(small):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS

    with serve_folder(small.output, QuietSiteHandler) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 800})
        failed: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("pageerror", lambda e: failed.append(f"page error: {e}"))
        missing = base + "/tin-tuc/cu/bai-da-xoa/"
        response = page.goto(missing, wait_until="load")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Không tìm thấy trang"
        # The stylesheet loaded from the site root: the header has the site's dark blue.
        colour = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour
        assert failed == [f"404 {missing}"]
        page.get_by_role("link", name="Go to the home page").click()
        page.wait_for_url(base + "/en/")
        assert page.locator("html").get_attribute("lang") == "en"
        # Under /en/, the English page (the nearest 404.html up the address's folders).
        missing = base + "/en/news/old/gone/"
        response = page.goto(missing, wait_until="load")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == "Page not found"
        browser.close()

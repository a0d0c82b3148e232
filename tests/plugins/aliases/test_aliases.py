"""Old addresses of a post (``Aliases:``) lead readers to where it is now (plugins/aliases)."""

from __future__ import annotations

import pytest
from conftest import CHROMIUM, build_site, post_files, serve_folder, small_site

from aliases.aliases import alias_file

POST = "tin-tuc/tin-hoat-dong/hoi-thao-ocop"


def site_with_aliases(vi: str, en: str | None = None) -> dict[str, str]:
    files = small_site()
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu", "Order": "1",
                                             "Aliases": "/gioi-thieu-truong/"},
                        {"Title": "About us", "Order": "1"})
    files |= post_files(POST, {"Title": "Hội thảo về sản phẩm OCOP", "Date": "2019-03-02 14:00",
                               "Aliases": vi},
                        {"Title": "Workshop on OCOP products", "Date": "2019-03-02 14:00",
                         **({"Aliases": en} if en else {})})
    return files


def refresh_target(soup) -> str:
    content = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    delay, url = content.split(";", 1)
    assert delay == "0" and url.strip().startswith("url=")
    return url.strip()[len("url="):]


@pytest.mark.parametrize("value, expected", [
    ("/tin-tuc/ten-cu/", "tin-tuc/ten-cu/index.html"),
    ("tin-tuc/ten-cu", "tin-tuc/ten-cu/index.html"),
    ("http://truong-cu.example.vn/index.php/tin-tuc/123-bai-viet", "index.php/tin-tuc/123-bai-viet/index.html"),
    ("/tin-tuc/bai-cu.html", "tin-tuc/bai-cu.html"),
    ("/tin-t%E1%BB%A9c/b%C3%A0i/", "tin-tức/bài/index.html"),
    ("/index.php?option=com_content&id=123", None),
    ("/tin-tuc/#phan-2", None),
    ("/", None),
    ("/tin-tuc/../bi-mat/", None),
    ("/tin tuc/", None),
    ("https://[x/", None),  # not an address: it stopped the build with a traceback
])
def test_an_old_address_becomes_a_file_of_the_site(value, expected):
    assert alias_file(value) == expected


def test_each_old_address_sends_the_reader_to_the_post_in_its_language(tmp_path):
    site = build_site(tmp_path, site_with_aliases(
        "/tin-tuc/hoi-thao-san-pham-ocop/, http://truong-cu.example.vn/index.php/tin-tuc/45-hoi-thao",
        "/en/tin-tuc/ocop-workshop/"))
    for rel, target, lang in [
            ("tin-tuc/hoi-thao-san-pham-ocop/index.html", f"/{POST}/", "vi"),
            ("index.php/tin-tuc/45-hoi-thao/index.html", f"/{POST}/", "vi"),
            ("en/tin-tuc/ocop-workshop/index.html", f"/en/{POST}/", "en")]:
        soup = site.html(rel)
        assert soup.html["lang"] == lang
        assert refresh_target(soup) == target
        assert soup.find("link", rel="canonical")["href"].endswith(target)
        assert soup.find("link", rel="canonical")["href"].startswith("http")
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert soup.find("a")["href"] == target
        assert not soup.find("script")
    assert "hoi-thao-san-pham-ocop" not in site.text("sitemap.xml")
    # A static page's old address too.
    assert refresh_target(site.html("gioi-thieu-truong/index.html")) == "/gioi-thieu/"
    # The post itself is as before.
    assert site.html(f"{POST}/index.html").find("h1").get_text(strip=True) == "Hội thảo về sản phẩm OCOP"


@pytest.mark.parametrize("value, says", [
    ("/index.php?option=com_content&id=45", "'?' hay '#'"),
    (f"/{POST}/", "is in use"),
    ("/tin-tuc/", "is in use"),
    ("/en/search/", "is in use"),
    ("/theme/cu/", "is in use"),
    ("/404.html", "is in use"),
    ("/en/404.html", "is in use"),
    ("/tin-tuc/page/7/", "is in use"),
    ("/en/page/3/", "is in use"),
    ("//[x/", "'?' hay '#'"),
])
def test_an_address_that_cannot_be_used_stops_the_build_with_its_line(tmp_path, value, says):
    site = build_site(tmp_path, site_with_aliases(value), expect_ok=False)
    assert site.result.returncode != 0
    log = " ".join(site.log.split())
    assert f"{POST}/index.vi.md:3" in log and says in log, log
    assert not (tmp_path / "output").exists()


def test_two_posts_may_not_claim_the_same_old_address(tmp_path):
    files = site_with_aliases("/tin-tuc/cu/")
    files |= post_files("tin-tuc/thong-bao/tuyen-sinh", {"Title": "Thông báo tuyển sinh",
                                                          "Date": "2020-01-05", "Aliases": "/Tin-Tuc/CU"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode != 0
    # Each file is named with the other (it was "in use (/tin-tuc/cu/index.html)", the
    # redirect page of whichever came first, naming neither post).
    log = " ".join(site.log.split())
    for line in [
        f"{POST}/index.vi.md:3: địa chỉ cũ '/tin-tuc/cu/' cũng ghi ở "
        "tin-tuc/thong-bao/tuyen-sinh/index.vi.md:3: một địa chỉ cũ chỉ dẫn tới một bài, hãy bỏ nó "
        "khỏi một trong hai tệp / the old address '/tin-tuc/cu/' is also given in "
        "tin-tuc/thong-bao/tuyen-sinh/index.vi.md:3: it can lead to one post only; remove it from one of them",
        "tin-tuc/thong-bao/tuyen-sinh/index.vi.md:3: địa chỉ cũ '/Tin-Tuc/CU' cũng ghi ở "
        f"{POST}/index.vi.md:3: một địa chỉ cũ chỉ dẫn tới một bài, hãy bỏ nó khỏi một trong hai tệp / "
        f"the old address '/Tin-Tuc/CU' is also given in {POST}/index.vi.md:3: it can lead to one post "
        "only; remove it from one of them",
    ]:
        assert line in log, log
    assert "in use" not in log


def test_an_old_address_written_twice_on_one_line_says_so(tmp_path):
    site = build_site(tmp_path, site_with_aliases("/tin-tuc/cu/, /tin-tuc/cu"), expect_ok=False)
    assert site.result.returncode != 0
    assert (f"{POST}/index.vi.md:3: địa chỉ cũ '/tin-tuc/cu' ghi hai lần trên dòng Aliases, "
            "hãy bỏ một lần / the old address '/tin-tuc/cu' is written twice on the Aliases line; "
            "remove one") in " ".join(site.log.split()), site.log


@pytest.mark.browser
def test_a_reader_following_an_old_link_lands_on_the_post(tmp_path):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS

    site = build_site(tmp_path, site_with_aliases("/tin-tuc/hoi-thao-san-pham-ocop/"))
    with serve_folder(site.output) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "/tin-tuc/hoi-thao-san-pham-ocop/")
        page.wait_for_url(f"{base}/{POST}/")
        assert page.locator("h1").inner_text() == "Hội thảo về sản phẩm OCOP"
        browser.close()


def test_a_shared_old_address_shows_the_posts_card(tmp_path):
    """A link to an old address posted on Facebook or Zalo showed a bare link: the page
    had no Open Graph tags. It has the post's (og:url its address), and stays noindex."""
    site = build_site(tmp_path, site_with_aliases("/tin-tuc/hoi-thao-cu/", "/en/tin-tuc/ocop-workshop/"))
    for old, post in [("tin-tuc/hoi-thao-cu/index.html", f"{POST}/index.html"),
                      ("en/tin-tuc/ocop-workshop/index.html", f"en/{POST}/index.html"),
                      ("gioi-thieu-truong/index.html", "gioi-thieu/index.html")]:
        alias, page = site.html(old), site.html(post)
        tags = {tag["property"]: tag["content"] for tag in alias.head.find_all("meta", property=True)}
        own = {tag["property"]: tag["content"] for tag in page.head.find_all("meta", property=True)}
        assert tags["og:url"] == page.find("link", rel="canonical")["href"], old
        assert tags == own, old
        assert alias.find("meta", attrs={"name": "twitter:card"})["content"] == \
            page.find("meta", attrs={"name": "twitter:card"})["content"]
        assert alias.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert refresh_target(alias) == "/" + post.removesuffix("index.html")
        assert not alias.find("script")

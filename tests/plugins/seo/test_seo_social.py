"""What a shared link shows (Open Graph, Twitter card) and what search engines read (JSON-LD)."""

from __future__ import annotations

import hashlib
import json

import pytest
from bs4 import BeautifulSoup
from conftest import build_site
from seo_fixture import BASE, HOSTILE_POST, HOSTILE_TITLE, PHOTO_POST, PLAIN_POST, seo_site

LOGO = BASE + "/apple-touch-icon.png"
SHARE_IMAGE = BASE + "/theme/img/share.jpg?v="  # and the version of its bytes (theme_assets)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("social"), seo_site())


def meta(soup, key: str) -> list[str]:
    """Every value of an Open Graph (property=) or Twitter (name=) tag, in order."""
    attr = "name" if key.startswith("twitter:") else "property"
    return [tag["content"] for tag in soup.head.find_all("meta", attrs={attr: key})]


def json_ld(soup) -> list[dict]:
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    data = json.loads(blocks[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def of_type(graph: list[dict], kind: str) -> dict:
    found = [item for item in graph if item["@type"] == kind]
    assert len(found) == 1, [item["@type"] for item in graph]
    return found[0]


# --- Open Graph and Twitter ---------------------------------------------------------------

def test_a_post_with_photos_shares_its_first_photo(site):
    from PIL import Image

    soup = site.html(PHOTO_POST)
    assert meta(soup, "og:type") == ["article"]
    assert meta(soup, "og:title") == ["Khai giảng lớp bồi dưỡng"]
    assert meta(soup, "og:description") == ["Ba lớp bồi dưỡng khai giảng."]
    assert meta(soup, "og:url") == [BASE + "/" + PHOTO_POST]
    assert meta(soup, "og:site_name") == ["Trường Bồi dưỡng cán bộ hợp tác xã"]
    [image] = meta(soup, "og:image")
    assert image.startswith(BASE + "/" + PHOTO_POST + "lop-hoc"), "the first photo of the text"
    with Image.open(site.path(image[len(BASE):])) as photo:
        assert meta(soup, "og:image:width") == [str(photo.width)]
        assert meta(soup, "og:image:height") == [str(photo.height)]
        assert photo.width >= 600, "big enough for a large card"
    assert meta(soup, "twitter:card") == ["summary_large_image"]
    assert meta(soup, "article:published_time") == ["2024-09-11T08:00:00+07:00"]
    assert meta(soup, "article:modified_time") == ["2024-09-20T17:45:00+07:00"]


@pytest.mark.parametrize("rel", [PLAIN_POST, "", "en/", "tin-tuc/", "lien-he/", "tim-kiem/"])
def test_a_page_without_a_photo_of_its_own_shares_the_sites_image(site, rel):
    from PIL import Image

    soup = site.html(rel)
    share = site.path("theme/img/share.jpg")
    assert meta(soup, "og:image") == [SHARE_IMAGE + hashlib.sha256(share.read_bytes()).hexdigest()[:10]]
    with Image.open(share) as image:
        assert image.format == "JPEG" and image.size[0] >= 1200, "a large card, as Facebook asks"
        assert meta(soup, "og:image:width") == [str(image.width)]
        assert meta(soup, "og:image:height") == [str(image.height)]
    assert meta(soup, "twitter:card") == ["summary_large_image"]


def test_without_the_sites_image_such_a_page_gets_a_small_card(tmp_path):
    site = build_site(tmp_path, seo_site(), SEO_SHARE_IMAGE="")
    for rel in (PLAIN_POST, ""):
        soup = site.html(rel)
        assert meta(soup, "og:image") == [] and meta(soup, "og:image:width") == []
        assert meta(soup, "twitter:card") == ["summary"]
    assert meta(site.html(PHOTO_POST), "og:image")[0].startswith(BASE + "/" + PHOTO_POST)


def test_a_share_image_the_theme_lacks_is_reported_by_name(tmp_path):
    site = build_site(tmp_path, seo_site(), expect_ok=False, SEO_SHARE_IMAGE="theme/img/khong-co.jpg")
    assert site.result.returncode != 0
    assert "Setting 'SEO_SHARE_IMAGE': no file 'theme/img/khong-co.jpg'" in site.log
    assert not site.output.exists()


@pytest.mark.parametrize("rel, locale, alternates", [
    (PHOTO_POST, "vi_VN", ["en_GB"]),
    ("en/" + PHOTO_POST, "en_GB", ["vi_VN"]),
    (PLAIN_POST, "vi_VN", []),
    ("", "vi_VN", ["en_GB"]),
    ("en/", "en_GB", ["vi_VN"]),
    ("lien-he/", "vi_VN", []),
    ("tim-kiem/", "vi_VN", ["en_GB"]),
])
def test_locale_and_the_languages_the_page_also_exists_in(site, rel, locale, alternates):
    soup = site.html(rel)
    assert meta(soup, "og:locale") == [locale]
    assert meta(soup, "og:locale:alternate") == alternates


def test_every_page_has_one_set_of_tags_with_an_absolute_url(site):
    # (404.html and en/404.html, the pages for missing addresses, have no address of their own: no tags)
    for rel in [r for r in site.files() if r.endswith(".html") and not r.startswith("pagefind/")
                and r not in ("404.html", "en/404.html")]:
        soup = site.html(rel)
        for key in ("og:type", "og:title", "og:description", "og:url", "og:locale", "twitter:card"):
            assert len(meta(soup, key)) == 1, (rel, key)
        assert meta(soup, "og:url")[0] == soup.head.select_one('link[rel="canonical"]')["href"], rel
        assert meta(soup, "og:url")[0].startswith(BASE + "/"), rel
        is_post = soup.select_one(".post__signoff") is not None
        assert meta(soup, "og:type") == (["article"] if is_post else ["website"]), rel


# --- JSON-LD ------------------------------------------------------------------------------

def test_a_post_is_a_news_article(site):
    soup = site.html(PHOTO_POST)
    article = of_type(json_ld(soup), "NewsArticle")
    url = BASE + "/" + PHOTO_POST
    assert article["headline"] == "Khai giảng lớp bồi dưỡng"
    assert article["description"] == "Ba lớp bồi dưỡng khai giảng."
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["url"] == url
    assert article["inLanguage"] == "vi"
    assert article["datePublished"] == "2024-09-11T08:00:00+07:00"
    assert article["dateModified"] == "2024-09-20T17:45:00+07:00"
    assert article["author"] == [{"@type": "Organization", "name": "Ban CSPTHTX"}]
    assert article["keywords"] == ["khai giảng", "bồi dưỡng"]
    [image] = article["image"]
    assert image["url"] == meta(soup, "og:image")[0]
    assert str(image["width"]) == meta(soup, "og:image:width")[0]
    publisher = article["publisher"]
    assert publisher["name"] == "Trường Bồi dưỡng cán bộ hợp tác xã"
    assert publisher["url"] == BASE + "/"
    assert publisher["logo"]["url"] == LOGO
    assert site.exists(LOGO[len(BASE):])
    english = of_type(json_ld(site.html("en/" + PHOTO_POST)), "NewsArticle")
    assert english["inLanguage"] == "en"
    assert english["publisher"]["name"] == "Cooperative Managers Training School"
    assert english["author"] == [{"@type": "Organization", "name": "Training Department"}]


def test_a_post_without_photos_or_author_still_says_who_and_when(site):
    soup = site.html(PLAIN_POST)
    article = of_type(json_ld(soup), "NewsArticle")
    # The site's own picture, as its share card shows (NewsArticle wants an image).
    assert article["image"] == [{"@type": "ImageObject", "url": meta(soup, "og:image")[0],
                                 "width": int(meta(soup, "og:image:width")[0]),
                                 "height": int(meta(soup, "og:image:height")[0])}]
    assert article["author"] == [{"@type": "Organization", "name": "Phòng Đào tạo, bồi dưỡng"}]
    assert article["datePublished"] == article["dateModified"] == "2023-05-02T00:00:00+07:00"


def test_a_post_signed_by_no_one_is_the_sites_as_its_feeds_say(tmp_path):
    """With no AUTHOR (None), a post without "Author:" has no sign-off on its page, its
    feeds' entries name the site, and its JSON-LD said an author named ""."""
    site = build_site(tmp_path, seo_site(), AUTHOR=None)
    soup = site.html(PLAIN_POST)
    assert soup.select(".post__signoff") == []
    name = soup.head.find("meta", property="og:site_name")["content"]
    assert of_type(json_ld(soup), "NewsArticle")["author"] == [{"@type": "Organization", "name": name}]
    import feedparser

    feed = feedparser.parse(site.path("atom.xml").read_bytes())
    assert {entry.author for entry in feed.entries if PLAIN_POST in entry.link} == {name}


def test_an_empty_author_setting_is_one_line_naming_it(tmp_path):
    """AUTHOR = "" (meant as "no sign-off") stopped the build with "would be written
    outside the site; remove 'Save_as:' and 'Slug:'" about a post that has neither."""
    site = build_site(tmp_path, seo_site(), expect_ok=False, AUTHOR=" ")
    errors = [line for line in site.log.splitlines() if "ERROR" in line or "CRITICAL" in line]
    assert site.result.returncode == 1 and "Traceback" not in site.log, site.log
    assert any("Setting 'AUTHOR': expected the name that signs posts without 'Author:', or None for no "
               "sign-off, but received: ' '" in line for line in errors), site.log
    assert not any("Save_as" in line for line in errors), site.log


@pytest.mark.parametrize("rel", [PHOTO_POST, "en/" + PHOTO_POST, PLAIN_POST])
def test_every_post_has_a_breadcrumb_list_matching_the_visible_trail(site, rel):
    soup = site.html(rel)
    crumbs = of_type(json_ld(soup), "BreadcrumbList")["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    visible = [(a.get_text(strip=True), BASE + a["href"]) for a in soup.select(".breadcrumbs__list a")]
    names = [name for name, _ in visible]
    assert [c["item"] for c in crumbs[:-1]] == [url for _, url in visible]
    assert [c["name"] for c in crumbs[1:-1]] == names[1:]
    assert crumbs[0]["name"] == meta(soup, "og:site_name")[0]
    assert crumbs[-1] == {"@type": "ListItem", "position": len(crumbs),
                          "name": soup.h1.get_text(strip=True), "item": BASE + "/" + rel}


@pytest.mark.parametrize("rel, lang, search", [("", "vi", "tim-kiem/"), ("en/", "en", "en/search/")])
def test_the_home_page_is_a_website_with_a_search_action(site, rel, lang, search):
    graph = json_ld(site.html(rel))
    website = of_type(graph, "WebSite")
    assert website["url"] == BASE + "/" + rel
    assert website["inLanguage"] == lang
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == f"{BASE}/{search}?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    assert site.exists(search)
    assert [item["@type"] for item in graph] == ["WebSite"]


def test_section_and_static_pages_carry_their_breadcrumbs(site):
    crumbs = of_type(json_ld(site.html("tin-tuc/thong-bao/")), "BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [BASE + "/", BASE + "/tin-tuc/", BASE + "/tin-tuc/thong-bao/"]
    crumbs = of_type(json_ld(site.html("en/gioi-thieu/")), "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Cooperative Managers Training School", "About us"]


def test_a_title_cannot_break_out_of_the_json_ld_script(site):
    text = site.text(HOSTILE_POST)
    soup = BeautifulSoup(text, "html.parser")
    assert soup.h1.get_text() == HOSTILE_TITLE
    article = of_type(json_ld(soup), "NewsArticle")
    assert article["headline"] == HOSTILE_TITLE
    crumbs = of_type(json_ld(soup), "BreadcrumbList")["itemListElement"]
    assert crumbs[-1]["name"] == HOSTILE_TITLE
    # No script element beyond the page's own: the JSON-LD block and the two theme scripts.
    plain = site.html(PLAIN_POST)
    assert len(soup.find_all("script")) == len(plain.find_all("script")) == 3
    assert "alert(1)" not in "".join(s.get("src", "") for s in soup.find_all("script"))
    block = text.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block


def test_a_post_of_photos_only_is_described_by_its_title_and_a_long_headline_is_cut(tmp_path):
    """No words to summarise: the share card's description was empty (Facebook and Zalo
    showed no text); a 200-character title went whole into the headline."""
    from conftest import build_site, post_files, section_files

    long_title = "Hội nghị " + " ".join(["tổng kết công tác đào tạo bồi dưỡng"] * 6)
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/chi-video", {"Title": "Video lễ khai giảng", "Date": "2024-03-02",
                                              "body": "https://youtu.be/abc123"})
    files |= post_files("tin-tuc/dai", {"Title": long_title, "Date": "2024-03-03"})
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/chi-video/")
    assert meta(soup, "og:description") == ["Video lễ khai giảng"]
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Video lễ khai giảng"
    assert of_type(json_ld(soup), "NewsArticle")["description"] == "Video lễ khai giảng"
    headline = of_type(json_ld(site.html("tin-tuc/dai/")), "NewsArticle")["headline"]
    assert len(headline) <= 110 and headline.endswith("…") and long_title.startswith(headline[:-1]), headline


def test_a_modified_day_is_never_before_the_post_was_published(tmp_path):
    """"Modified: 2026-11-29" on a post dated 15:00 that day reads as midnight: the feed's
    updated, JSON-LD's dateModified and the sitemap's lastmod came before its publication."""
    from conftest import build_site, post_files, section_files

    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2025-11-29 15:00", "Modified": "2025-11-29"})
    site = build_site(tmp_path, files)
    article = of_type(json_ld(site.html("tin-tuc/bai/")), "NewsArticle")
    assert article["dateModified"] == article["datePublished"] == "2025-11-29T15:00:00+07:00"
    entry = site.feed("atom.xml").entries[0]
    assert entry.updated == entry.published
    assert "<lastmod>2025-11-29T15:00:00+07:00</lastmod>" in site.text("sitemap.xml")

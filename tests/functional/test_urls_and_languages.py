"""URL scheme, languages, translations, drafts and static pages of a built site."""

from __future__ import annotations


def test_vietnamese_at_root_english_under_en_with_pretty_urls(small):
    for rel in ("index.html", "tin-tuc/index.html", "tin-tuc/tin-hoat-dong/index.html",
                "tin-tuc/tin-hoat-dong/le-khai-giang-2018/index.html",
                "en/index.html", "en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/index.html",
                "gioi-thieu/index.html", "en/gioi-thieu/index.html", "lien-he/index.html"):
        assert small.exists(rel), rel
    for rel, lang in (("", "vi"), ("en/", "en"), ("tin-tuc/", "vi"), ("en/tin-tuc/", "en"),
                      ("tin-tuc/tin-hoat-dong/le-khai-giang-2018/", "vi"),
                      ("en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/", "en"),
                      ("gioi-thieu/", "vi"), ("en/gioi-thieu/", "en")):
        assert small.html(rel).html["lang"] == lang, rel


def test_untranslated_post_has_no_english_page_and_is_not_listed_in_english(small):
    assert small.exists("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/")
    assert not small.exists("en/tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/")
    links = [a["href"] for a in small.html("en/tin-tuc/tin-hoat-dong/").select("main a[href]")]
    assert not any("tham-quan-mo-hinh" in href for href in links)
    vi_links = [a["href"] for a in small.html("tin-tuc/tin-hoat-dong/").select("main a[href]")]
    assert any("tham-quan-mo-hinh" in href for href in vi_links)


def test_drafts_are_never_published(small):
    files = small.files()
    assert not any("ban-nhap" in f or "drafts" in f for f in files), files
    for page in ("", "en/", "dao-tao/khai-giang/", "en/dao-tao/khai-giang/"):
        assert "ban-nhap" not in small.text(page)
        assert "Bản nháp" not in small.text(page)


def test_english_section_pages_only_where_english_posts_exist(small):
    assert small.exists("en/tin-tuc/thong-bao/")
    assert small.exists("en/dao-tao/khai-giang/")
    # every section has Vietnamese posts
    assert small.exists("dao-tao/") and small.exists("dao-tao/khai-giang/")


def switcher(soup):
    return {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a[hreflang]")}


def hreflangs(soup):
    return {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}


def test_switcher_and_hreflang_point_to_the_translation_both_ways(small):
    vi = small.html("tin-tuc/tin-hoat-dong/le-khai-giang-2018/")
    en = small.html("en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/")
    assert switcher(vi) == {"en": "/en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/"}
    assert switcher(en) == {"vi": "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/"}
    for soup in (vi, en):
        assert hreflangs(soup) == {
            "vi": "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/",
            "en": "/en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/",
            "x-default": "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/",
        }


def test_switcher_falls_back_to_nearest_section_page_then_home(small):
    # Untranslated post: its section exists in English.
    soup = small.html("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/")
    assert switcher(soup) == {"en": "/en/tin-tuc/tin-hoat-dong/"}
    # ...and no hreflang is claimed for a page that does not exist, nor for itself alone
    # (README: only real translations; the sitemap gives it none either).
    assert hreflangs(soup) == {}
    # Untranslated page: English home.
    assert switcher(small.html("lien-he/")) == {"en": "/en/"}
    assert hreflangs(small.html("lien-he/")) == {}
    assert set(hreflangs(small.html("gioi-thieu/"))) == {"vi", "en", "x-default"}
    # Section pages and home switch to the same page.
    assert switcher(small.html("tin-tuc/thong-bao/")) == {"en": "/en/tin-tuc/thong-bao/"}
    assert switcher(small.html("")) == {"en": "/en/"}
    assert switcher(small.html("en/")) == {"vi": "/"}


def test_static_pages_are_translated_and_linked_from_every_page(small):
    footer = [a["href"] for a in small.html("").select("footer a[href]")]
    assert "/gioi-thieu/" in footer and "/lien-he/" in footer
    en_footer = [a["href"] for a in small.html("en/").select("footer a[href]")]
    assert "/en/gioi-thieu/" in en_footer and "/lien-he/" not in en_footer
    assert small.html("en/gioi-thieu/").h1.get_text(strip=True) == "About us"


def test_dates_are_localised_per_language(small):
    vi = small.html("dao-tao/khai-giang/quan-tri-san-xuat/").select_one("main time")
    en = small.html("en/dao-tao/khai-giang/quan-tri-san-xuat/").select_one("main time")
    assert vi["datetime"] == en["datetime"] == "2020-07-14T08:30:00+07:00"
    assert vi.get_text(strip=True) == "14 tháng 7, 2020"
    assert en.get_text(strip=True) == "14 July 2020"


def test_a_section_named_in_vietnamese_only_is_marked_vietnamese_on_english_pages(tmp_path):
    """Its name stands in on English pages (menu, home, heading, trail, cards): marked
    lang="vi", as a screen reader must read it with a Vietnamese voice."""
    from conftest import build_site, post_files, section_files

    files = section_files("hop-tac", "Hợp tác quốc tế") | section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("hop-tac/hoi-thao", {"Title": "Hội thảo", "Date": "2024-03-01"},
                        {"Title": "Workshop", "Date": "2024-03-01"})
    site = build_site(tmp_path, files)
    post = site.html("en/hop-tac/hoi-thao/")
    assert [(a.get_text(strip=True), a.find("span")["lang"] if a.find("span") else None)
            for a in post.select(".site-nav a")][1:-1] == [("Hợp tác quốc tế", "vi")]
    assert post.select_one(".post__section span[lang=vi]").get_text() == "Hợp tác quốc tế"
    assert post.select_one(".breadcrumbs__list a[lang=vi]").get_text() == "Hợp tác quốc tế"
    listing = site.html("en/hop-tac/")
    assert listing.select_one("h1 span[lang=vi]").get_text() == "Hợp tác quốc tế"
    assert listing.select_one(".breadcrumbs__list [aria-current=page] span[lang=vi]").get_text() == "Hợp tác quốc tế"
    assert site.html("hop-tac/").select(".breadcrumbs [lang]") == []
    assert site.html("en/").select_one(".home-section__title span[lang=vi]").get_text() == "Hợp tác quốc tế"
    # Named in its own language on Vietnamese pages: nothing to mark.
    assert site.html("hop-tac/hoi-thao/").select("main [lang], .site-nav [lang], .breadcrumbs [lang]") == []


def test_a_post_in_one_language_says_so_in_the_other(small):
    """A reader of English sent a Vietnamese-only post learns why it is in Vietnamese,
    in English, and where the switcher leads (a list of other posts, not this one)."""
    page = small.html("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/")
    (only,) = page.select(".post__only")
    assert only["lang"] == "en"
    assert only.get_text(" ", strip=True).startswith("This news item is not available in English.")
    link = only.find("a")
    assert link.get_text(strip=True) == "News in English"
    assert link["href"] == page.select_one(".lang-switch a[hreflang=en]")["href"]
    # A translated post needs no such line.
    assert small.html("tin-tuc/tin-hoat-dong/le-khai-giang-2018/").select(".post__only") == []
    assert small.html("en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/").select(".post__only") == []


def test_a_post_in_english_only_says_so_in_vietnamese_as_vietnamese_is_written(tmp_path):
    """In a Vietnamese sentence a language's name is "tiếng Việt", not the switcher's
    label "Tiếng Việt" ("Bài này không có bản Tiếng Việt.")."""
    from conftest import build_site, post_files, section_files

    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/chi-tieng-anh", en={"Title": "English only", "Date": "2024-03-01"})
    files |= post_files("tin-tuc/tieng-viet", {"Title": "Tiếng Việt", "Date": "2024-03-02"})
    site = build_site(tmp_path, files)
    (only,) = site.html("en/tin-tuc/chi-tieng-anh/").select(".post__only")
    assert only["lang"] == "vi"
    assert only.get_text(" ", strip=True) == "Bài này không có bản tiếng Việt. Tin tức bằng tiếng Việt"

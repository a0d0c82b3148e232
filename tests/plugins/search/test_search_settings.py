"""The search plugin's settings and the addresses it takes, reported by name when wrong."""

from __future__ import annotations

from conftest import build_site, post_files, section_files
from hypothesis import given, settings
from hypothesis import strategies as st


def little_site() -> dict[str, str]:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/khai-giang", {"Title": "Khai giảng", "Date": "2024-09-11"},
                        {"Title": "Course opens", "Date": "2024-09-11"})
    return files


def test_search_pages_go_where_the_setting_says(tmp_path):
    site = build_site(tmp_path, little_site(),
                      SEARCH_PAGE_PATHS={"vi": "tra-cuu/", "en": "find/"})
    assert site.html("tra-cuu/").h1.get_text(strip=True) == "Tìm kiếm"
    assert site.html("en/find/").h1.get_text(strip=True) == "Search"
    assert not site.exists("tim-kiem/") and not site.exists("en/search/")
    assert site.html("").select_one(".site-nav__search a")["href"] == "/tra-cuu/"
    assert site.html("en/").select_one(".site-nav__search a")["href"] == "/en/find/"


def test_a_section_cannot_take_the_search_pages_address(tmp_path):
    files = little_site() | section_files("tim-kiem", "Tìm kiếm việc làm")
    files |= post_files("tim-kiem/viec-lam", {"Title": "Việc làm", "Date": "2024-01-01"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode != 0
    assert ("tim-kiem/: địa chỉ của thư mục này trùng với trang tìm kiếm (vi); hãy đổi tên "
            "thư mục / this folder's address is taken by the search page (vi); rename the folder") in site.log
    assert "Traceback" not in site.log


def test_a_static_page_cannot_take_the_index_folder(tmp_path):
    files = little_site() | post_files("pages/pagefind", {"Title": "Pagefind"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode != 0
    assert "pages/pagefind/index.vi.md: địa chỉ của trang này trùng với chỉ mục tìm kiếm" in site.log


def test_a_bad_setting_is_reported_with_the_value_received(tmp_path):
    site = build_site(tmp_path, little_site(), expect_ok=False, SEARCH_PAGE_PATHS={"vi": "/tim-kiem"})
    assert site.result.returncode != 0
    assert "Setting 'SEARCH_PAGE_PATHS'" in site.log
    assert "received: {'vi': '/tim-kiem'}" in site.log


def test_without_the_index_the_search_pages_say_where_search_works(tmp_path):
    site = build_site(tmp_path, little_site(), SEARCH_INDEX=False)
    assert not site.exists("pagefind/pagefind-entry.json")
    for rel, words in (("tim-kiem/", "Bản xem trước không tạo chỉ mục tìm kiếm"),
                       ("en/search/", "The live preview builds no search index")):
        page = site.html(rel)
        assert words in page.select_one(".search__off").get_text()
        assert page.select_one("#search") is None
        assert not [s for s in page.select("script[src]") if "pagefind" in s["src"]]


def test_a_search_index_setting_that_is_not_true_or_false_is_named(tmp_path):
    site = build_site(tmp_path, little_site(), expect_ok=False, SEARCH_INDEX="no")
    assert site.result.returncode != 0
    assert "Setting 'SEARCH_INDEX': expected True or False, but received: 'no'" in site.log


def test_alias_words_spell_each_dj_word_once_with_d_from_its_start():
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "plugins"))
    from search.search import alias_words

    text = "Phòng Đào tạo, bồi dưỡng: đào tạo đến đường Trần Hưng Đạo; xđx"
    assert alias_words([text]) == ["Dào", "dến", "dường", "Dạo", "xdx"]


def test_a_site_without_posts_yet_builds_and_says_there_is_nothing_to_search(tmp_path):
    """A new site (a section and an about page, the only post dated after the build day):
    Pagefind, finding no post page, would index every page; the build instead makes no
    index and the search pages say there is nothing to search yet."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/sap-toi", {"Title": "Sắp tới", "Date": "2099-01-01"})
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu"}, {"Title": "About"})
    site = build_site(tmp_path, files, verbose=True)
    assert not site.exists("pagefind/")
    assert "search: no post pages yet, no index built" in site.log
    for path, text in (("tim-kiem/", "Chưa có bài viết nào để tìm."),
                       ("en/search/", "There are no posts to search yet.")):
        page = site.html(path)
        assert page.select_one(".search__empty").get_text(strip=True) == text
        assert not page.select("#search, script[src*='pagefind']")


def test_the_size_of_an_index_part_must_be_a_number_of_pages(tmp_path):
    site = build_site(tmp_path, little_site(), expect_ok=False, SEARCH_SHARD_PAGES=0)
    assert site.result.returncode != 0
    assert ("Setting 'SEARCH_SHARD_PAGES': expected a whole number of pages, 1 or more "
            "(e.g. 4000), but received: 0") in site.result.stdout + site.result.stderr


def test_pagefinds_version_is_read_only_from_a_line_that_gives_one(tmp_path):
    """A wrapper that fails, or prints something else, gives no version (its last word,
    "found", became the UI files' ?v=)."""
    import stat

    from search.search import pagefind_version

    def program(name: str, text: str, status: int) -> str:
        path = tmp_path / name
        path.write_text(f"#!/bin/sh\necho '{text}'\nexit {status}\n")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
        return str(path)

    assert pagefind_version(program("ok", "pagefind 1.5.2", 0)) == "1.5.2"
    assert pagefind_version(program("fails", "error: unexpected argument --version found", 2)) == ""
    assert pagefind_version(program("chatty", "warning: running the binary", 0)) == ""
    assert pagefind_version(str(tmp_path / "missing")) == "" and pagefind_version(None) == ""


#: Text made of what matters to the đ-words and to taking tags out: letters with and
#: without đ, a digit, "_", a combining mark, spaces of several kinds, punctuation,
#: and the characters of tags, comments and entities.
WORDY = "aĐđdẠ9_\u0301 \t\n\xa0\u2028.,;:-<>/!&#x;=\"'"


def _plugins_path():
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "plugins"))


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(st.text(alphabet=WORDY, max_size=60))
def test_d_words_finds_what_the_d_word_pattern_finds(text):
    _plugins_path()
    from search.search import D_WORD, d_words

    assert d_words(text) == D_WORD.findall(text)


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<a href=\"x\">", "<!--", "-->", "<br/>", "&amp;", "&#273;",
                                 "&#x110;", "&dstrok;", "&nbsp;", "<", ">", "đi", "Đào", "dạy", " ", "\n\n",
                                 "_9", "x", "&"]), max_size=25))
def test_the_words_of_a_text_without_tags_are_those_striptags_leaves(parts):
    _plugins_path()
    from markupsafe import Markup
    from search.search import D_WORD, alias_words, text_words

    content = "".join(parts)
    assert D_WORD.findall(text_words(content)) == D_WORD.findall(Markup(content).striptags())
    assert alias_words([text_words(content)]) == alias_words([Markup(content).striptags()])

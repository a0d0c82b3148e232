"""The project's Markdown reader: text rules, errors for people, the content cache."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import smartypants
from conftest import ROOT, Site, build_site, post_files, run_pelican, section_files, write_files
from pelican.settings import read_settings

from reader.convert import SMARTYPANTS_STEPS, Options, convert, pass_by_plain_text
from reader.reader import POOL_THRESHOLD

SECTION = section_files("tin-tuc", "Tin tức", "News")


def counts(log: str) -> tuple[int, int, int]:
    """(files converted, conversions from the cache, post objects kept from the last build)."""
    line = " ".join(log.split("reader:")[1].split()[:9])
    words = line.split()
    assert words[1:3] == ["files", "converted,"] and words[4:6] == ["from", "cache,"] and words[7] == "kept", line
    return int(words[0]), int(words[3]), int(words[6])


def forget_kept(root: Path) -> None:
    """Remove the post objects kept between builds (``reader/kept.py``), so that the next
    build reads every file back from the reader's cache."""
    shutil.rmtree(root / "cache" / "kept")


def rebuild(site: Site, **kwargs) -> Site:
    kwargs.setdefault("SKIP_UNCHANGED", False)  # these rebuilds run, to show what the reader reuses
    result = run_pelican(site.root / "content", site.output, site.root / "cache", verbose=True, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(site.root, site.output, result)


def test_bom_windows_line_endings_and_nfd_text_read_like_plain_utf8(tmp_path):
    nfd_title = unicodedata.normalize("NFD", "Bồi dưỡng cán bộ hợp tác xã")
    nfd_body = unicodedata.normalize("NFD", "Học viên được **bồi dưỡng** kỹ năng.")
    text = f"Title: {nfd_title}\r\nDate: 2020-01-01\r\n\r\n{nfd_body}\r\n\r\nĐoạn hai.\r\n"
    files = dict(SECTION)
    files["tin-tuc/bai/index.vi.md"] = b"\xef\xbb\xbf" + text.encode("utf-8")
    site = build_site(tmp_path, files)
    page = site.text("tin-tuc/bai/")
    assert "Bồi dưỡng cán bộ hợp tác xã" in page  # NFC
    assert unicodedata.normalize("NFD", "Bồi dưỡng") not in page
    soup = site.html("tin-tuc/bai/")
    assert soup.h1.get_text(strip=True) == "Bồi dưỡng cán bộ hợp tác xã"
    assert "\r" not in page and "\ufeff" not in page
    assert soup.select_one(".post__body strong").get_text() == "bồi dưỡng"
    assert len(soup.select(".post__body p")) == 2


def test_control_characters_are_dropped(tmp_path):
    files = dict(SECTION)
    files["tin-tuc/bai/index.vi.md"] = "Title: Thông\x07 báo\x1b\nDate: 2020-01-01\n\nNội\x00 dung.\n"
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    assert soup.h1.get_text(strip=True) == "Thông báo"
    assert "\x00" not in site.text("tin-tuc/bai/") and "\x07" not in site.text("atom.xml")


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path):
    files = dict(SECTION)
    files |= post_files("tin-tuc/dung", {"Title": "Đúng", "Date": "2020-01-01"})
    # Windows-1258 bytes for "Thông báo" (ô = 0xF4, á = a + combining acute 0xEC).
    files["tin-tuc/sai/index.vi.md"] = b"Title: Th\xf4ng ba\xec o\nDate: 2020-01-01\n\nx\n"
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode == 1, site.log
    assert "Traceback" not in site.log
    assert any("tin-tuc/sai/index.vi.md:1: tệp không phải UTF-8" in line
               for line in site.log.splitlines()), site.log
    assert not site.output.exists() or not (site.output / "tin-tuc" / "dung").exists()


def test_unchanged_files_come_from_the_cache_and_an_edit_converts_one(tmp_path):
    files = dict(SECTION)
    for i in range(3):
        files |= post_files(f"tin-tuc/bai-{i}", {"Title": f"Bài {i}", "Date": f"2020-01-0{i + 1}"})
    site = build_site(tmp_path, files, verbose=True, SKIP_UNCHANGED=False)
    assert counts(site.log) == (3, 0, 0)
    first = {p: site.path(p).read_bytes() for p in site.files()}
    again = rebuild(site)
    assert counts(again.log) == (0, 0, 3)  # the post objects themselves are kept
    assert {p: again.path(p).read_bytes() for p in again.files()} == first
    forget_kept(tmp_path)
    from_cache = rebuild(site)
    assert counts(from_cache.log) == (0, 3, 0)
    assert {p: from_cache.path(p).read_bytes() for p in from_cache.files()} == first
    post = tmp_path / "content" / "tin-tuc" / "bai-1" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    edited = rebuild(site)
    assert counts(edited.log) == (1, 0, 2)
    assert "Thêm một đoạn." in edited.text("tin-tuc/bai-1/")


def test_files_converted_by_the_pool_are_in_the_cache_for_the_next_build(tmp_path):
    """Enough files for the process pool: its workers write the cache entries."""
    assert POOL_THRESHOLD <= 30
    files = dict(SECTION)
    for i in range(30):
        files |= post_files(f"tin-tuc/bai-{i:02d}", {"Title": f"Bài {i}", "Date": f"2020-01-{i % 28 + 1:02d}"})
    site = build_site(tmp_path, files, verbose=True, SKIP_UNCHANGED=False)
    assert counts(site.log) == (30, 0, 0)
    entries = list((tmp_path / "cache" / "reader").glob("??/*.pickle"))
    assert len(entries) == 30 and not list((tmp_path / "cache" / "reader").glob("??/*.tmp"))
    first = {p: site.path(p).read_bytes() for p in site.files()}
    forget_kept(tmp_path)
    from_cache = rebuild(site)
    assert counts(from_cache.log) == (0, 30, 0)
    assert {p: from_cache.path(p).read_bytes() for p in from_cache.files()} == first


def test_a_damaged_cache_entry_is_a_miss_and_a_setting_change_converts_again(tmp_path):
    files = dict(SECTION) | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    site = build_site(tmp_path, files, verbose=True)

    def entries() -> list[Path]:
        return list((tmp_path / "cache" / "reader").rglob("*.pickle"))

    assert len(entries()) == 1
    entries()[0].write_bytes(b"not a pickle")
    forget_kept(tmp_path)
    again = rebuild(site)
    assert counts(again.log) == (1, 0, 0)
    changed = rebuild(site, SUMMARY_MAX_LENGTH=40, TYPOGRIFY=False)
    assert counts(changed.log) == (1, 0, 0)
    # Unused entries are pruned: only the current one is left.
    assert len(entries()) == 1


def test_typography_is_applied_without_leaking_markup(tmp_path):
    files = dict(SECTION)
    files["tin-tuc/bai/index.vi.md"] = (
        'Title: Lớp "Quản trị HTX" -- khoá 2...\nDate: 2020-01-01\n\n'
        'Học viên nói: "Rất bổ ích" -- và HTX.\n\n```\ncode "stays" -- as is\n```\n')
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    assert soup.h1.get_text() == "Lớp “Quản trị HTX” — khoá 2…"
    assert "“Rất bổ ích” — và HTX." in soup.select_one(".post__body p").get_text()
    assert soup.select_one(".post__body code").get_text().strip() == 'code "stays" -- as is'
    assert soup.select_one(".post__body span.caps") is None


def test_empty_optional_metadata_counts_as_absent(tmp_path):
    files = dict(SECTION)
    files["tin-tuc/bai/index.vi.md"] = ("Title: Bài mới\nDate: 2020-01-01\nSummary:\nAuthor:\nTags:\n\n"
                                        "Đoạn mở đầu của bài viết mới.\n")
    site = build_site(tmp_path, files)
    card = site.html("tin-tuc/").select_one(".card__summary")
    assert "Đoạn mở đầu của bài viết mới." in card.get_text()


def test_plain_dates_read_exactly_as_pelican_reads_them():
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "plugins"))
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG
    from reader.reader import ProjectMarkdownReader

    ours, pelicans = ProjectMarkdownReader(dict(DEFAULT_CONFIG)), MarkdownReader(dict(DEFAULT_CONFIG))
    for name, value in [("date", "2024-09-11"), ("date", "2024-09-11 08:30"), ("date", " 2024-09-11  08:30:15 "),
                        ("date", "2024-09-11_08:30"), ("modified", "2025-01-02 23:59"), ("date", "2024-9-1"),
                        ("date", "11/09/2024"), ("date", "2024-09-11T08:30:00+07:00")]:
        mine, theirs = ours.process_metadata(name, value), pelicans.process_metadata(name, value)
        assert (mine, type(mine), mine.tzinfo) == (theirs, type(theirs), theirs.tzinfo), value
    for bad in ("2024-02-30", "2024-13-01 08:00"):
        try:
            pelicans.process_metadata("date", bad)
        except ValueError as expected:
            message = str(expected)
        else:
            raise AssertionError(bad)
        try:
            ours.process_metadata("date", bad)
        except ValueError as error:
            assert str(error) == message
        else:
            raise AssertionError(bad)


def test_backslashes_in_a_title_are_shown_as_typed(tmp_path):
    """SmartyPants reads \\" \\' \\- \\. \\` \\\\ as escapes; a title is plain text, so a
    backslash typed in it stays (a folder path, an emoticon)."""
    files = dict(SECTION)
    title = r'Thư mục D:\Tài liệu\.. và \"đề cương\" \- bản 2 \\ ¯\_(ツ)_/¯'
    files |= post_files("tin-tuc/bai", {"Title": title, "Date": "2020-01-01"})
    files |= post_files("pages/lien-he", {"Title": r'Liên hệ \"phòng\" đào tạo'})
    site = build_site(tmp_path, files)

    def straight(text: str) -> str:  # quotes are still made typographic
        return text.replace("“", '"').replace("”", '"')

    assert straight(site.html("tin-tuc/bai/").h1.get_text()) == title
    assert straight(site.html("lien-he/").h1.get_text()) == r'Liên hệ \"phòng\" đào tạo'


def test_a_change_to_the_readers_code_converts_every_file_again(tmp_path):
    """The cache key holds a hash of the plugin's source: an edit to it (here a comment)
    is a miss for every file, with no version number to remember to bump."""
    import shutil

    from conftest import ROOT

    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    files = dict(SECTION) | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    site = build_site(tmp_path, files, verbose=True, SKIP_UNCHANGED=False, PLUGIN_PATHS=[str(plugins)])
    assert counts(site.log) == (1, 0, 0)
    assert counts(rebuild(site, PLUGIN_PATHS=[str(plugins)]).log) == (0, 0, 1)
    with open(plugins / "reader" / "convert.py", "a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert counts(rebuild(site, PLUGIN_PATHS=[str(plugins)]).log) == (1, 0, 0)


def test_backslashes_left_by_markdown_in_the_text_are_shown(tmp_path):
    """Markdown reads the escapes staff write; a backslash it leaves (a Windows path)
    is shown, not read again as an escape by SmartyPants; code is left as written."""
    files = dict(SECTION) | post_files("tin-tuc/bai", {
        "Title": "Bài", "Date": "2020-01-01",
        "body": 'Tệp ở C:\\"Tài liệu"\\Lớp học và `a\\"b`.\n'})
    site = build_site(tmp_path, files)
    body = site.html("tin-tuc/bai/").select_one(".post__body")
    assert body.p.get_text().replace("“", '"').replace("”", '"') == 'Tệp ở C:\\"Tài liệu"\\Lớp học và a\\"b.'
    assert body.code.get_text() == 'a\\"b'


# --- SmartyPants passing by plain text (convert.pass_by_plain_text) ---------------------

TRICKY = [
    "", " ", "Khai giảng lớp bồi dưỡng", "Nhà trường", "đào tạo 60 học viên",
    "'", '"', "''", "``", "`", "--", "---", "...", ". . .", "\\", "\\'", '\\"', "\\\\",
    'He said "hello"', "it's the '80s", "'Quoted' words", '"\'Quoted\' words"', "l'\"",
    "&quot;x&quot;", "&nbsp;'a'", "&#8211;'a'", "&ndash;\"b\"", " 'a' ", '("a")', "a -- b",
    "a - b", "a.b.c", "end.", "wait... what", "Huh. . .?", "``Isn't this fun?''",
    "`single'", "x\\-y", "x\\.y", "x\\`y", "Tết 2025 — 'năm mới'", "\"Bồi dưỡng\" cán bộ",
    "s'", "rock 'n' roll", "the 1990's", "'tis", "a'b\"c", "\"\"", "\n'\n", "\t\"\t",
]


def test_smartypants_steps_pass_by_only_what_they_would_not_change():
    pass_by_plain_text(smartypants)
    pieces = TRICKY + [a + b for a in TRICKY[:12] for b in TRICKY[12:]]
    for name in SMARTYPANTS_STEPS:
        quick = getattr(smartypants, name)
        assert quick.passes_by == SMARTYPANTS_STEPS[name], name
        for text in pieces:
            assert quick(text) == quick.__wrapped__(text), (name, text)


def test_posts_convert_to_the_same_html_with_smartypants_passing_by(monkeypatch):
    """Every demo post and page, and text full of quotes, dashes and dots: the same
    HTML as SmartyPants' own steps give."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    options = Options(markdown=settings["MARKDOWN"], formatted_fields=tuple(settings["FORMATTED_FIELDS"]),
                      typogrify=True, typogrify_ignore_tags=tuple(settings.get("TYPOGRIFY_IGNORE_TAGS", [])),
                      typogrify_omit=(), typogrify_dashes="default")
    sources = [p.read_bytes() for p in sorted((ROOT / "content").rglob("*.md"))]
    sources.append(("Title: \"Lễ\" khai giảng -- 'khóa' mới...\nSummary: Nhà trường's \"tin\"\n\n"
                    + "\n\n".join(f"Đoạn {t} có *nhấn {t}* và `mã {t}`." for t in TRICKY)).encode())
    assert len(sources) > 20
    quick = [convert(data, options) for data in sources]
    assert all(getattr(smartypants, name).passes_by for name in SMARTYPANTS_STEPS)
    for name in SMARTYPANTS_STEPS:
        monkeypatch.setattr(smartypants, name, getattr(smartypants, name).__wrapped__)
    monkeypatch.setattr("reader.convert.pass_by_plain_text", lambda module: None)
    slow = [convert(data, options) for data in sources]
    assert quick == slow
    assert any("&#8220;" in c.content or "“" in c.content for c in quick)  # quotes were made typographic


def test_files_are_listed_by_one_walk_and_none_for_no_extension(tmp_path, monkeypatch):
    """Pelican's generator lists the content folder for its loop, then for its check of
    files whose reader is disabled (asking with no extension when none is): the first
    list is remembered, the second answered without walking the folder: one walk gives
    every file, each answer the one Pelican's own ``get_files`` gives."""
    import os

    from pelican.generators import ArticlesGenerator

    import reader.reader as project_reader

    content = tmp_path / "content"
    write_files(content, {**SECTION, **post_files("tin-tuc/a", {"title": "A", "date": "2024-01-02"}),
                          "tin-tuc/notes.rst": "Notes\n=====\n"})
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    generator = ArticlesGenerator(context={}, settings=settings, path=str(content),
                                  theme=settings["THEME"], output_path=str(tmp_path / "out"))
    pelicans = generator.get_files
    asked = [([""], [], None), ([""], [], ["md"]), ([""], [], ["rst"]), ([""], [], False), ([""], [], {}.keys())]
    expected = [pelicans(paths, exclude=exclude, extensions=ext) for paths, exclude, ext in asked]
    assert expected[0] and expected[2] == {"tin-tuc/notes.rst"} and expected[4] == set()

    project_reader.on_generator_init(generator)
    walks = []
    real_walk = os.walk
    monkeypatch.setattr(os, "walk", lambda *a, **k: walks.append(a[0]) or real_walk(*a, **k))
    for (paths, exclude, ext), answer in zip(asked, expected):
        assert generator.get_files(paths, exclude=exclude, extensions=ext) == answer
        assert generator.get_files(paths, exclude=exclude, extensions=ext) == answer  # remembered
    assert len(walks) == 1  # every answer from one walk of the folder


def test_addresses_typed_as_text_are_links(tmp_path):
    """Staff paste an address into a sentence (as in Facebook or Zalo, which link it);
    readers on phones could not tap it."""
    body = ("Xem tại https://example.gov.vn/van-ban/123, hoặc www.example.vn. Hỏi: daotao@truong.vn\n\n"
            "Mã `https://khong-lien-ket.vn` và [chữ](https://x.vn).\n")
    site = build_site(tmp_path, SECTION | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02", "body": body}))
    text = site.html("tin-tuc/bai/").select_one(".post__body")
    assert [(a["href"], a.get_text()) for a in text.find_all("a")] == [
        ("https://example.gov.vn/van-ban/123", "https://example.gov.vn/van-ban/123"),
        ("http://www.example.vn", "www.example.vn"),
        ("mailto:daotao@truong.vn", "daotao@truong.vn"),
        ("https://x.vn", "chữ")]
    assert text.code.get_text() == "https://khong-lien-ket.vn"


def test_a_line_ended_with_enter_ends_there(tmp_path):
    """Staff type an address, a telephone and an email on lines of their own, as in Word
    or Zalo; Markdown ran them into one line ("...liên hệ: Phòng Đào tạo Điện thoại...").
    A blank line still starts a paragraph; a list's lines are still its items."""
    body = ("Mọi chi tiết xin liên hệ:\nPhòng Đào tạo, bồi dưỡng\nĐiện thoại: 024 3825 1234  \n"
            "Email: daotao@truong.vn\n\nXin cảm ơn.\n\n- Giấy giới thiệu\n- Ảnh 3x4\n")
    site = build_site(tmp_path, SECTION | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02", "body": body}))
    text = site.html("tin-tuc/bai/").select_one(".post__body")
    first, second = text.find_all("p")
    lines = [line.strip() for line in first.get_text("\n").split("\n") if line.strip()]
    assert lines == ["Mọi chi tiết xin liên hệ:", "Phòng Đào tạo, bồi dưỡng", "Điện thoại:", "024 3825 1234",
                     "Email:", "daotao@truong.vn"]  # (the number and the email are links of their own)
    assert len(first.find_all("br")) == 3  # (two spaces before Enter: one break, not two)
    assert second.get_text() == "Xin cảm ơn."
    assert [li.get_text() for li in text.select("ul > li")] == ["Giấy giới thiệu", "Ảnh 3x4"]


def test_a_file_with_nothing_to_link_is_converted_as_the_linker_would():
    """The linker (a third more Markdown time) runs only on files with something it could
    link; on the others the output is the same without it."""
    from reader.convert import LINKABLE, _markdown

    options = Options(markdown=read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"], formatted_fields=(),
                      typogrify=False, typogrify_ignore_tags=(), typogrify_omit=(), typogrify_dashes="default")
    linking, unlinked = _markdown(options, True, True), _markdown(options, True, False)
    assert linking is not unlinked
    for text in ["Title: A\n\nLớp *bồi dưỡng* (2024) – xem [đây](/tin-tuc/)!\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                 "# Tiêu đề\n\n- một\n- hai\n\n> trích dẫn: http không phải địa chỉ; www không phải\n",
                 "<div>HTML</div>\n\n![Ảnh](anh.jpg)\n\nhttps:/mot-gach www-example.vn a.b@\n"]:
        assert (LINKABLE.search(text) is None) == ("@" not in text)
        for md in (linking, unlinked):
            md.reset()
        assert linking.convert(text) == unlinked.convert(text)


def test_links_from_the_sites_root_go_under_the_folder_it_is_published_in(tmp_path):
    """A site published in a folder of its host (a GitHub project site): a link written
    ``/tin-tuc/`` led to the host's root, not found, on the page and in the feeds."""
    body = ("[Tin tức](/tin-tuc/), [mục con](/tin-tuc/con/?a=1#b), [bài](../bai-khac/), "
            "[ngoài](https://x.vn/tin-tuc/), [cùng máy](//x.vn/a/) và [đầu trang](#top).\n\n"
            "`[trong mã](/tin-tuc/)`\n")
    files = SECTION | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02", "body": body})
    files |= post_files("tin-tuc/bai-khac", {"Title": "Bài khác", "Date": "2024-01-01"})
    written = ["/tin-tuc/", "/tin-tuc/con/?a=1#b", "../bai-khac/", "https://x.vn/tin-tuc/", "//x.vn/a/", "#top"]
    # (a folder named like a section: a link is from the site's root all the same)
    site = build_site(tmp_path / "folder", files, SITEURL="https://example.org/tin-tuc")
    text = site.html("tin-tuc/bai/").select_one(".post__body")
    assert [a["href"] for a in text.find_all("a")] == ["/tin-tuc/tin-tuc/", "/tin-tuc/tin-tuc/con/?a=1#b"] + written[2:]
    assert text.code.get_text() == "[trong mã](/tin-tuc/)"
    entry = next(e for e in site.feed("atom.xml").entries if e.title == "Bài")
    assert 'href="https://example.org/tin-tuc/tin-tuc/"' in entry.content[0].value
    # At the host's root (and in the preview) the links are as written.
    root = build_site(tmp_path / "root", files, SITEURL="https://example.org")
    assert [a["href"] for a in root.html("tin-tuc/bai/").select_one(".post__body").find_all("a")] == written


def test_a_link_whose_words_are_its_address_is_marked_for_paper():
    """Printed, a link's address follows its words (theme/static/css/print.css); one whose
    words are the address printed it twice: it gets the class that print.css leaves out."""
    options = Options(markdown=read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"], formatted_fields=(),
                      typogrify=False, typogrify_ignore_tags=(), typogrify_omit=(), typogrify_dashes="default")
    text = ("Tệp: https://x.vn/qd.pdf, www.x.vn, <https://x.vn/a?b=1&c=2>, [https://x.vn/](https://x.vn/)\n\n"
            "Khác: [Quyết định](https://x.vn/qd.pdf), [qd.pdf](qd.pdf), [x.vn](https://y.vn/), ten@x.vn\n")
    content = convert(text.encode(), options).content
    marked = re.findall(r'<a href="[^"]*" class="autolink">([^<]*)</a>', content)
    assert marked == ["https://x.vn/qd.pdf", "www.x.vn", "https://x.vn/a?b=1&amp;c=2", "https://x.vn/"], content
    assert content.count('class="autolink"') == 4


def test_characters_pasted_text_brings_that_show_as_nothing_are_dropped(tmp_path):
    """Soft hyphens, zero-width spaces, word joiners, a byte-order mark inside the text
    and joiners between Latin letters came with text pasted from Word, a PDF or Facebook
    and stayed in the page and the feeds: a hyphen showed where a phone's line broke at
    a soft hyphen, and a word was copied with them. The reader drops them once, for
    every use of the text; a joiner that joins (an emoji sequence, Hindi or Persian) is
    kept."""
    shy, zwsp, zwnj, zwj, wj, bom = "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"
    family, coder, flag = "👨\u200d👩\u200d👧", "👩🏽\u200d💻", "🏳\ufe0f\u200d🌈"
    hindi, persian = "क्\u200dष", "می\u200cخواهم"
    files = dict(SECTION)
    files["tin-tuc/dan/index.vi.md"] = (
        f"Title: Hợp{zwsp} tác{shy} xã {family}\nDate: 2020-01-01\n"
        f"Summary: Tập{wj} huấn{bom} cán bộ\n\n"
        f"Lớp học{zwsp} về hợp{zwnj} tác xã{zwj} nông nghiệp {coder} {flag} {hindi} {persian}.\n\n"
        f"![Học{shy} viên{zwsp} thảo luận](anh.jpg)\n")
    files["tin-tuc/dan/anh.jpg"] = _jpeg()
    files["tin-tuc/dan/anh-2.jpg"] = _jpeg()
    files["tin-tuc/dan/captions.vi.txt"] = f"anh-2.jpg: Buổi{zwsp} tham{shy} quan\n"
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/dan/")
    assert soup.h1.get_text(strip=True) == f"Hợp tác xã {family}"
    body = soup.select_one(".post__body").get_text()
    assert f"Lớp học về hợp tác xã nông nghiệp {coder} {flag} {hindi} {persian}." in body
    assert [f.get_text(strip=True) for f in soup.select("figcaption")] == ["Học viên thảo luận", "Buổi tham quan"]
    assert soup.select_one("figure img")["alt"] == "Học viên thảo luận"
    for page in ("tin-tuc/dan/", "atom.xml", "rss.xml", "tin-tuc/"):
        text = site.text(page)
        assert not any(char in text for char in (shy, zwsp, wj, bom)), page
        assert text.count(zwnj) == text.count(persian) and text.count(zwj) == 2 * text.count(family) + sum(
            text.count(kept) for kept in (coder, flag, hindi)), page
    entry = site.feed("atom.xml").entries[0]
    assert entry.title == f"Hợp tác xã {family}" and entry.summary == "Tập huấn cán bộ"


def test_a_soft_hyphen_between_two_vietnamese_words_is_the_space_between_them(tmp_path):
    """A PDF's line broken between two syllables with a soft hyphen pastes as
    "hợp\u00adtác" (its line's end gone), as does Word's optional hyphen typed there:
    dropped, it joined the two words ("hợptác") in the title, the summary, the tags, the
    text and the captions. Between two Vietnamese syllables it is the space between
    them; inside a word (English, or a syllable cut in two) it is still dropped."""
    shy = "\u00ad"
    files = dict(SECTION)
    files["tin-tuc/gach/index.vi.md"] = (
        f"Title: Hợp{shy}tác xã Việt{shy}Nam\nDate: 2020-01-01\nTags: bồi{shy}dưỡng\n"
        f"Summary: Lớp khai{shy}giảng ở Hà{shy}Nội\n\n"
        f"Ông Nguy{shy}ễn Văn A nói về in{shy}for{shy}ma{shy}tion và hợp{shy}\ntác xã{shy}nông nghiệp.\n\n"
        f"![Học{shy}viên](anh.jpg)\n")
    files["tin-tuc/gach/anh.jpg"] = _jpeg()
    files["tin-tuc/gach/anh-2.jpg"] = _jpeg()
    files["tin-tuc/gach/captions.vi.txt"] = f"anh-2.jpg: Buổi{shy}tham quan trư{shy}ờng\n"
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/gach/")
    assert soup.h1.get_text(strip=True) == "Hợp tác xã Việt Nam"
    assert " ".join(soup.select_one(".post__body p").get_text().split()) == (
        "Ông Nguyễn Văn A nói về information và hợp tác xã nông nghiệp.")
    assert [f.get_text(strip=True) for f in soup.select("figcaption")] == ["Học viên", "Buổi tham quan trường"]
    entry = site.feed("atom.xml").entries[0]
    assert entry.title == "Hợp tác xã Việt Nam" and entry.summary == "Lớp khai giảng ở Hà Nội"
    assert [tag.term for tag in entry.tags] == ["bồi dưỡng"]


def test_a_soft_hyphen_between_two_syllables_without_marks_parts_them_in_a_vietnamese_post(tmp_path):
    """"tham quan" has no mark, nor has "hop tac" in a text typed without accents: a soft
    hyphen between them joined the words ("thamquan"), as it did "quý\u00adanh", whose
    joined letters the syllable pattern read as one ("quyanh"). In a Vietnamese post and
    its captions such two syllables are parted where the soft hyphen is the only one of
    the run; English words broken by soft hyphens still join there, and an English post
    parts no syllables without marks; a section's Vietnamese name is read so too."""
    shy = "\u00ad"
    english = f"infor{shy}mation, com{shy}puter, con{shy}tent, in{shy}ter{shy}net, ban{shy}ner, com{shy}pu{shy}ter"
    files = section_files("tin-tuc", f"Tin{shy}tuc", f"News{shy}room")
    files["tin-tuc/gach/index.vi.md"] = (
        f"Title: Buoi tham{shy}quan HTX\nDate: 2020-01-01\n\n"
        f"Hoc vien di tham{shy}quan mo hinh hop{shy}tac xa.\n\nKính gửi quý{shy}anh chị.\n\n{english}.\n")
    files["tin-tuc/gach/index.en.md"] = f"Title: Study tour\nDate: 2020-01-01\n\nA tham{shy}quan, {english}.\n"
    files["tin-tuc/gach/anh.jpg"] = _jpeg()
    files["tin-tuc/gach/captions.vi.txt"] = f"anh.jpg: Buoi tham{shy}quan\n"
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/gach/")
    assert soup.h1.get_text(strip=True) == "Buoi tham quan HTX"
    assert [p.get_text() for p in soup.select(".post__body > p")] == [
        "Hoc vien di tham quan mo hinh hop tac xa.", "Kính gửi quý anh chị.",
        "information, computer, content, internet, banner, computer."]
    assert soup.select_one("figcaption").get_text(strip=True) == "Buoi tham quan"
    assert site.html("en/tin-tuc/gach/").select_one(".post__body p").get_text() == (
        "A thamquan, information, computer, content, internet, banner, computer.")
    assert site.html("tin-tuc/").h1.get_text(strip=True) == "Tin tuc"
    assert site.html("en/tin-tuc/").h1.get_text(strip=True) == "Newsroom"


def test_a_line_of_nothing_but_invisible_characters_does_not_split_its_paragraph(tmp_path):
    """A soft hyphen or a zero-width space (a word joiner, a BOM) pasted from a PDF or Zalo
    on a line of its own shows no text; dropped, it left the blank line that ends a
    paragraph, and the paragraph was split in two. Between two lines of text it is left
    out, and the lines are one paragraph's; beside a blank line it is blank, and in code
    it is the code's blank line."""
    files = dict(SECTION)
    files["tin-tuc/dong/index.vi.md"] = (
        "Title: Dòng trống ẩn\nDate: 2020-01-01\n\n"
        "Dòng một\n\u00ad\nDòng hai\n\nĐoạn ba\n \u200b\u2060\ufeff\n\u200b\nDòng bốn\n\n\u200b\n\nĐoạn năm\n\n"
        "```\nx = 1\n\u200b\ny = 2\n```\n")
    site = build_site(tmp_path, files)
    body = site.html("tin-tuc/dong/").select_one(".post__body")
    assert [p.get_text() for p in body.select(":scope > p")] == ["Dòng một\nDòng hai", "Đoạn ba\nDòng bốn", "Đoạn năm"]
    assert [len(p.select("br")) for p in body.select(":scope > p")] == [1, 1, 0]
    assert body.select_one("pre code").get_text() == "x = 1\n\ny = 2\n"
    assert not any(char in site.text("tin-tuc/dong/") for char in "\u00ad\u200b\u2060\ufeff")


def test_a_soft_hyphen_written_as_an_entity_is_read_as_the_character(tmp_path):
    """"&shy;" ("&#173;", "&#xAD;"), as a web editor's HTML writes the soft hyphen, stayed
    in the title, the summary, the text, a photo's caption and the feed, where the
    character itself is dropped (or is a space between two Vietnamese words): it is
    read as the character. In code it is shown as written."""
    files = dict(SECTION)
    files["tin-tuc/the/index.vi.md"] = (
        "Title: Hợp&shy;tác xã &amp; bạn\nDate: 2020-01-01\nSummary: Khai&#173;giảng lớp &#8203;mới\n\n"
        "Hợp&shy;tác xã nói về in&shy;for&shy;ma&#xAD;tion ở Việt&#xad;Nam, mã `a&shy;b`.\n\n"
        "![Học&shy;viên](anh.jpg)\n")
    files["tin-tuc/the/anh.jpg"] = _jpeg()
    files["tin-tuc/the/anh-2.jpg"] = _jpeg()
    files["tin-tuc/the/captions.vi.txt"] = "anh-2.jpg: Buổi&shy;tham quan\n"
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/the/")
    assert soup.h1.get_text() == "Hợp tác xã & bạn"
    assert soup.select_one(".post__body p").get_text() == "Hợp tác xã nói về information ở Việt Nam, mã a&shy;b."
    assert [f.get_text() for f in soup.select("figcaption")] == ["Học viên", "Buổi tham quan"]
    entry = site.feed("atom.xml").entries[0]
    assert entry.title == "Hợp tác xã & bạn" and entry.summary == "Khai giảng lớp mới"
    for page in ("tin-tuc/the/", "atom.xml", "tin-tuc/"):
        text = site.text(page)
        assert "\u00ad" not in text and "\u200b" not in text and "&#173;" not in text, page
        assert text.count("&shy;") == 0 and text.count("a&amp;shy;b") == text.count("<code>a"), page


def test_line_and_paragraph_separators_pasted_are_spaces_and_one_in_the_text_ends_its_paragraph(tmp_path):
    """Word, a PDF or a web page paste U+2028 and U+2029 where a line or a paragraph
    ended. Markdown ends a line only at a line feed, so they stayed inside the title,
    the summary, the text, a caption and a section's name, in the pages, the feeds and
    the search, shown as nothing or as a break. Each is a space, where every text is
    read, but for U+2029 in a post's text: two paragraphs parted by it alone ran into
    one; it ends the first. A line feed stays the only end of a line."""
    sep, par = "\u2028", "\u2029"
    files = section_files("tin-tuc", f"Tin{sep}tức", "News")
    files["tin-tuc/dan/index.vi.md"] = (
        f"Title: Hội nghị{sep}tổng kết\nDate: 2020-01-01\nSummary: Tóm tắt{par}kết quả\n\n"
        f"Dòng một{sep}dòng hai.{par}Đoạn ba.\n\n![Học viên{sep}thảo luận](anh.jpg)\n")
    files["tin-tuc/dan/anh.jpg"] = _jpeg()
    files["tin-tuc/dan/anh-2.jpg"] = _jpeg()
    files["tin-tuc/dan/captions.vi.txt"] = f"anh-2.jpg: Buổi{sep}tham quan\n"
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/dan/")
    assert soup.h1.get_text(strip=True) == "Hội nghị tổng kết"
    assert [p.get_text() for p in soup.select(".post__body > p")] == ["Dòng một dòng hai.", "Đoạn ba."]
    assert [f.get_text(strip=True) for f in soup.select("figcaption")] == ["Học viên thảo luận", "Buổi tham quan"]
    assert site.html("tin-tuc/").h1.get_text(strip=True) == "Tin tức"
    entry = site.feed("atom.xml").entries[0]
    assert entry.title == "Hội nghị tổng kết" and entry.summary == "Tóm tắt kết quả"
    assert "<p>Dòng một dòng hai.</p>" in entry.content[0].value
    kept = [rel for rel in site.files() if rel.endswith((".html", ".xml", ".json", ".txt"))
            and (sep in site.text(rel) or par in site.text(rel))]
    assert kept == [], kept
    # U+2029 ends a paragraph of the page, not a line of the file: VS Code and Notepad end
    # lines at line feeds alone, and so do the build's and check's line numbers.
    from staff.check import check
    from staff.project import read_settings

    tmp_path = tmp_path / "lines"
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/dan/index.vi.md"] = ("Title: Dán\nDate: 2020-01-01\n\nĐoạn một.\u2029Đoạn hai.\u2029Đoạn ba.\n\n"
                                        "<script>alert(1)</script>\n")
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode == 1
    assert "tin-tuc/dan/index.vi.md:6: thẻ <script> không dùng được" in site.log, site.log
    lines = check(tmp_path / "content", read_settings()).error_lines()
    assert [line.split(": ", 1)[0] for line in lines] == ["tin-tuc/dan/index.vi.md:6"], lines


def test_a_paragraph_separator_ends_the_first_paragraph_written_right_under_the_metadata(tmp_path):
    """A first paragraph written right under the metadata lines, with no blank line
    between (or under a "---" that ends them), is the text's, as Markdown reads it: a
    U+2029 in it ends the paragraph, as anywhere else in the text, and a no-break space
    in it is typography. It was cleaned as a metadata line: the separator a space, the
    first two paragraphs one."""
    par = "\u2029"
    files = dict(SECTION)
    files["tin-tuc/sat/index.vi.md"] = (f"Title: Sát{par}dưới\nDate: 2020-01-01\nĐoạn một, dài 10\u00a0km.{par}"
                                        f"Đoạn hai.\n\nĐoạn ba.{par}Đoạn bốn.\n")
    files["tin-tuc/gach/index.vi.md"] = (f"---\nTitle: Gạch\nDate: 2020-01-02\n---\nĐoạn một.{par}Đoạn hai.\n")
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/sat/")
    assert soup.h1.get_text(strip=True) == "Sát dưới"
    assert [p.get_text() for p in soup.select(".post__body > p")] == [
        "Đoạn một, dài 10\u00a0km.", "Đoạn hai.", "Đoạn ba.", "Đoạn bốn."]
    assert [p.get_text() for p in site.html("tin-tuc/gach/").select(".post__body > p")] == ["Đoạn một.", "Đoạn hai."]
    entry = next(e for e in site.feed("atom.xml").entries if e.title == "Sát dưới")
    assert "<p>Đoạn một, dài 10\u00a0km.</p>" in entry.content[0].value


def test_a_line_of_no_break_spaces_is_a_blank_line_and_one_between_words_is_kept(tmp_path):
    """An empty paragraph of Word or a web page pastes as a line of no-break spaces,
    which Markdown took for text: the paragraphs around it ran into one. A no-break
    space between two words is typography (10 km, TS. Lê) and stays."""
    files = dict(SECTION)
    files["tin-tuc/cach/index.vi.md"] = ("Title: Cách dòng\nDate: 2020-01-01\n\n"
                                         "Đoạn một, dài 10\u00a0km.\n\u00a0\u00a0\nĐoạn hai.\n \u202f\nĐoạn ba.\n")
    site = build_site(tmp_path, files)
    paragraphs = [p.get_text() for p in site.html("tin-tuc/cach/").select(".post__body p")]
    assert paragraphs == ["Đoạn một, dài 10\u00a0km.", "Đoạn hai.", "Đoạn ba."], paragraphs


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 60)).save(out, "JPEG")
    return out.getvalue()


def test_no_break_spaces_a_web_page_put_between_every_word_are_spaces(tmp_path):
    """Text copied from a web page that wrote "&nbsp;" between its words (or "&nbsp; "
    for a wider gap) kept them: no line of such a paragraph could break between words,
    so a phone cut its words anywhere (site.css: overflow-wrap), and a run of them was a
    gap as wide as the run. They are spaces; a few among spaces are typography, kept."""
    files = dict(SECTION)
    nbsp = "\u00a0"
    files["tin-tuc/web/index.vi.md"] = (
        "Title: Chép từ trang web\nDate: 2020-01-01\n\n"
        f"Hội{nbsp}nghị{nbsp}tổng{nbsp}kết{nbsp}năm{nbsp}học{nbsp}của{nbsp}Nhà{nbsp}trường.\n\n"
        f"Khai mạc lúc 8 giờ,{nbsp} {nbsp}tại hội trường.\n\n"
        f"Đường dài 10{nbsp}km, do TS.{nbsp}Lê dẫn đoàn.\n")
    site = build_site(tmp_path, files)
    paragraphs = [p.get_text() for p in site.html("tin-tuc/web/").select(".post__body p")]
    assert paragraphs == ["Hội nghị tổng kết năm học của Nhà trường.", "Khai mạc lúc 8 giờ, tại hội trường.",
                          f"Đường dài 10{nbsp}km, do TS.{nbsp}Lê dẫn đoàn."], paragraphs


def test_code_pasted_from_a_web_page_keeps_its_indents(tmp_path):
    """A web page indents code with "&nbsp;", which pastes as no-break spaces: a run of
    them at a line's start is the line's indent and becomes as many spaces (made one
    space, the code shown had lost its indents, and copied from the page it did not
    run). The zero-width spaces in it are dropped as in the text: copied, they broke it."""
    files = dict(SECTION)
    nbsp = "\u00a0"
    files["tin-tuc/ma/index.vi.md"] = (
        "Title: Bài tập tin học\nDate: 2020-01-01\n\n"
        "```\n"
        f"def tong(a, b):\n{nbsp * 4}if a:\n{nbsp * 8}return a\u200b + b\n{nbsp * 4}return b\n"
        "```\n")
    site = build_site(tmp_path, files)
    code = site.html("tin-tuc/ma/").select_one(".post__body pre code").get_text()
    assert code == "def tong(a, b):\n    if a:\n        return a + b\n    return b\n", repr(code)


def test_a_quoted_angle_bracket_in_a_tag_leaves_the_rest_of_the_page_whole(tmp_path):
    """``<span title="Giá > 100">`` (pasted from a web page): typogrify took the ">" for the
    tag's end and curled the closing quote ("Giá > 100”), and the attribute, never
    closed, swallowed the rest of the page: the post's next paragraph, its sign-off,
    the links below it. The value reaches the browser as written."""
    files = SECTION | post_files("tin-tuc/gia", {"Title": "Bảng giá", "Date": "2024-03-01", "Author": "Phòng Đào tạo",
                                                 "body": (
        '<span title="Giá > 100 nghìn">Học phí</span> theo khoá học.\n\n'
        "<a href=\"https://example.org/bang-gia\" title='bảng <mới>'>Bảng giá mới</a>\n\n"
        'Đoạn sau: "hai" dấu ngoặc, và 5 > 3.\n')})
    site = build_site(tmp_path, files)
    page = site.html("tin-tuc/gia/")
    body = page.select_one(".post__body")
    assert body.find("span", title="Giá > 100 nghìn").get_text() == "Học phí"
    assert body.find("a", title="bảng <mới>").get_text() == "Bảng giá mới"
    assert [p.get_text() for p in body.find_all("p")] == [
        "Học phí theo khoá học.", "Bảng giá mới", "Đoạn sau: “hai” dấu ngoặc, và 5 > 3."]
    assert page.select_one(".post__signoff").get_text(strip=True) == "Phòng Đào tạo"

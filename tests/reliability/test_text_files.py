"""The text rules of the project's reader (plugins/reader: UTF-8, BOM, Windows line endings,
NFC, an error for a file that is not UTF-8) hold through the whole build: in section
names, captions, the metadata checks, feeds, and a failed build keeps the old site."""

from __future__ import annotations

import unicodedata

from conftest import build_site, post_files, run_pelican, section_files, write_files
from reliability_support import error_lines, fingerprint, jpeg, leftovers

NFD_TITLE = unicodedata.normalize("NFD", "Bồi dưỡng cán bộ hợp tác xã")
NFC_TITLE = unicodedata.normalize("NFC", NFD_TITLE)


def windows_file(text: str) -> bytes:
    """What Notepad on Windows saves: a BOM, CR LF line endings."""
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def test_bom_crlf_and_nfd_everywhere_read_like_plain_utf8(tmp_path):
    files: dict[str, str | bytes] = {
        "tin-tuc/_index.vi.md": windows_file(f"Title: {NFD_TITLE}\nDescription: Mô tả\n"),
        "tin-tuc/bai/index.vi.md": windows_file(
            f"Title: {NFD_TITLE}\nDate: 2020-07-14 08:30\nPinned: yes\nExpires: 2099-01-01\n\n"
            "Đoạn một.\n\nĐoạn hai.\n"),
        "tin-tuc/bai/anh.jpg": jpeg(),
        # (NFC of captions files is the photos plugin's: this one is typed NFC.)
        "tin-tuc/bai/captions.vi.txt": windows_file(f"anh.jpg: {NFC_TITLE}\n"),
    }
    site = build_site(tmp_path, files)
    post = site.html("tin-tuc/bai/")
    assert post.find("h1").get_text() == NFC_TITLE
    assert post.select_one(".gallery figcaption").get_text() == NFC_TITLE
    assert post.select_one(".post__section").get_text(strip=True) == NFC_TITLE
    assert len(post.select(".post__body p")) == 2  # CR LF ends paragraphs like LF
    assert site.html("").select_one(".pinned") is not None  # "Expires" read despite CR LF
    feed = site.feed("tin-tuc/atom.xml")
    assert not feed.bozo
    assert feed.entries[0].title == NFC_TITLE
    assert feed.feed.title.startswith(NFC_TITLE)


def test_a_date_after_a_bom_and_with_crlf_is_checked_at_its_line(tmp_path):
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai/index.vi.md"] = windows_file("Title: Bài\nDate: 05/07/2020\n\nThân bài.\n")
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode == 1 and "Traceback" not in site.log
    assert error_lines(site.log)[0].startswith(
        "tin-tuc/bai/index.vi.md:2: ngày '05/07/2020' không đọc được")


def test_files_that_are_not_utf8_are_one_line_each_and_keep_the_old_site(tmp_path):
    files = section_files("tin-tuc", "Tin tức") | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    files["tin-tuc/bai/anh.jpg"] = jpeg()
    site = build_site(tmp_path, files)
    before = fingerprint(site.output)
    # Saved in a Windows code page, not UTF-8 (Latin-1 here: "é" is one byte, 0xE9).
    write_files(site.root / "content", {
        "tin-tuc/moi/index.vi.md": "Title: Café\nDate: 2020-01-02\n\nNội dung.\n".encode("latin-1", "replace"),
        "dao-tao/_index.vi.md": "Title: Café\n".encode("latin-1"),
        "tin-tuc/bai/captions.vi.txt": "anh.jpg: Café\n".encode("latin-1"),
    })
    write_files(site.root / "content", post_files("dao-tao/lop", {"Title": "Lớp", "Date": "2020-01-03"}))
    # The reader's and the site model's files are named together; the photos plugin's
    # (captions) once the model is built: fixing those shows the next, each one line.
    stages = [(["dao-tao/_index.vi.md:1", "tin-tuc/moi/index.vi.md:1"],
               {"tin-tuc/moi/index.vi.md": "Title: Café\nDate: 2020-01-02\n\nx\n", "dao-tao/_index.vi.md": "Title: Café\n"}),
              (["tin-tuc/bai/captions.vi.txt:1"], {"tin-tuc/bai/captions.vi.txt": "anh.jpg: Café\n"})]
    for where, fixed in stages:
        result = run_pelican(site.root / "content", site.output, site.root / "cache")
        log = result.stdout + result.stderr
        assert result.returncode == 1 and "Traceback" not in log
        assert [line.split(": ", 1)[0] for line in error_lines(log)[:-1]] == where, log
        # Each in the same words, with what to do (a section's name said only "not UTF-8").
        assert all("(có thể là Windows-1258 hay mã cũ khác): hãy lưu lại với bảng mã UTF-8" in line
                   for line in error_lines(log)[:-1]), log
        assert fingerprint(site.output) == before
        assert leftovers(site.output) == []
        write_files(site.root / "content", fixed)
    assert run_pelican(site.root / "content", site.output, site.root / "cache").returncode == 0

"""``invoke check``: mistakes found without building, one ``path:line: message`` each."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import ROOT, build_site, post_files, section_files, small_site, write_files
from staff_support import invoke, jpeg

from staff.check import POST_KEYS, check
from staff.project import read_settings


@pytest.fixture(scope="module")
def settings():
    return read_settings()


def base_site() -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai-mot", {"Title": "Bài một", "Date": "2024-01-02 08:00"},
                        {"Title": "Post one", "Date": "2024-01-02 08:00"})
    return files


def lines_of(tmp_path, files, settings) -> tuple[list[str], int]:
    write_files(tmp_path / "content", files)
    report = check(tmp_path / "content", settings)
    return report.lines(), report.status


def has(lines: list[str], start: str, *words: str) -> bool:
    return any(line.startswith(start) and all(w in line for w in words) for line in lines)


def test_the_small_fixture_site_is_clean(tmp_path, settings):
    lines, status = lines_of(tmp_path, small_site(), settings)
    assert status == 0 and len(lines) == 1, lines
    assert lines[0].endswith("Checked 7 posts, 2 pages: 0 errors, 0 warnings.")


def test_old_addresses_are_metadata_check_knows(tmp_path, settings):
    files = base_site()
    files |= post_files("tin-tuc/ten-moi", {"Title": "Tên mới", "Date": "2024-01-03",
                                            "Aliases": "/tin-tuc/ten-cu/"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines


def test_missing_or_unreadable_title_and_date(tmp_path, settings):
    files = base_site()
    files |= post_files("tin-tuc/khong-tieu-de", {"Date": "2024-01-02"})
    files |= post_files("tin-tuc/tieu-de-trong", {"Title": "", "Date": "2024-01-02"})
    files |= post_files("tin-tuc/khong-ngay", {"Title": "Không ngày"})
    files |= post_files("tin-tuc/ngay-sai", {"Title": "Ngày sai", "Date": "ngày mai"})
    files |= post_files("tin-tuc/ngay-30-2", {"Title": "Ngày 30/2", "Date": "2024-02-30"})
    files |= post_files("tin-tuc/ngay-kieu-khac", {"Title": "Ngày kiểu khác", "Date": "07/08/2020"})
    files |= post_files("tin-tuc/ngay-khong-so-0", {"Title": "Ngày không số 0", "Date": "2024-5-2 8:30"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/khong-tieu-de/index.vi.md:1: thiếu tiêu đề", "missing title")
    assert has(lines, "tin-tuc/tieu-de-trong/index.vi.md:1: dòng 'Title:' còn trống: viết tiêu đề bài")
    assert has(lines, "tin-tuc/khong-ngay/index.vi.md:1: thiếu ngày đăng", "missing date")
    assert has(lines, "tin-tuc/ngay-sai/index.vi.md:2: ngày 'ngày mai' không đọc được")
    # In the right form, but not on the calendar: what is wrong is said.
    assert has(lines, "tin-tuc/ngay-30-2/index.vi.md:2: ngày '2024-02-30' không có trên lịch: "
               "tháng 2 năm 2024 có 29 ngày", "month 2 of 2024 has 29 days")
    # Other forms are refused by the build, not guessed (README): errors here too.
    assert has(lines, "tin-tuc/ngay-kieu-khac/index.vi.md:2: ngày '07/08/2020' không đọc được")
    assert has(lines, "tin-tuc/ngay-khong-so-0/index.vi.md:2: ngày '2024-5-2 8:30' không đọc được")
    assert lines[-1].endswith("7 errors, 0 warnings.")


def test_unknown_repeated_and_unneeded_metadata(tmp_path, settings):
    files = base_site()
    files["tin-tuc/bai-hai/index.vi.md"] = (
        "Title: Bài hai\nDate: 2024-01-03\nSumary: Tóm tắt\nTitle: Lặp lại\nSlug: bai-2\n"
        "Pinned: chắc chắn\nExpires: cuối năm\nStatus: nháp\nSummary:\n\nNội dung.\n")
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:3: không hiểu dòng 'Sumary:' (có phải 'Summary:'?)",
               "did you mean 'Summary:'?")
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:4: 'Title:' lặp lại (đã có ở dòng 1)")
    # As the build refuses it (it warned: check passed, and the build stopped).
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:5: dòng 'Slug:' không dùng được: địa chỉ lấy từ tên thư mục")
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:6: 'Pinned: chắc chắn' không hiểu được")
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:7: ngày hết ghim 'cuối năm' không đọc được")
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:8: 'Status: nháp' không hiểu được")
    # An empty "Summary:" is no summary: the automatic one (reader.OPTIONAL_WHEN_EMPTY).
    assert not any(":9:" in line for line in lines), lines


def test_a_line_that_ends_the_metadata_early(tmp_path, settings):
    files = base_site()
    files["tin-tuc/bai-hai/index.vi.md"] = "Title: Bài hai\nDate 2024-01-03\nAuthor: A\n\nNội dung.\n"
    lines, _ = lines_of(tmp_path, files, settings)
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:2: dòng không có dạng 'Tên: giá trị'",
               "'Date 2024-01-03'")
    # One mistake, said once: the date is written there, not missing too (as the build says it).
    assert not [line for line in lines if "thiếu ngày đăng" in line], lines


def test_metadata_below_a_blank_line_or_after_a_wrong_line_is_an_error(tmp_path, settings):
    """As the build says it (sitemodel.checks.misplaced_metadata): "Status: draft" below
    a blank line was the text's first words, and the draft was published."""
    files = base_site()
    files["tin-tuc/nhap/index.vi.md"] = "Title: Bản nháp\nDate: 2024-05-02\n\nStatus: draft\n\nNội dung.\n"
    files["tin-tuc/dau-cach/index.vi.md"] = "Title: Dấu cách\nDate: 2024-05-02\nStatus : draft\n\nNội dung.\n"
    files["tin-tuc/hai-loi/index.vi.md"] = "Title: Hai lỗi\nDate 2024-05-02\nTags: a\n\nNội dung.\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/nhap/index.vi.md:4: dòng 'Status: draft' nằm dưới dòng trống ở dòng 3",
               "remove that blank line"), lines
    assert has(lines, "tin-tuc/dau-cach/index.vi.md:3: dòng 'Status : draft' không được đọc là thông tin",
               "no space before the colon"), lines
    # The line that ended the header is named once, not again from the line below it.
    assert [line for line in lines if "hai-loi" in line and "ngày" not in line] == [
        line for line in lines if line.startswith("tin-tuc/hai-loi/index.vi.md:2: dòng không có dạng")], lines



def test_an_english_name_a_vietnamese_keyboard_put_accents_on_is_said(tmp_path, settings):
    """Typed with Telex or VNI on, "Tags:" may come out "Tâgs:" or "Tág:" (the "s" read
    as an accent): Markdown reads no name with an accent, so the line was the text's
    first line, the post had no tags, and the build and check said nothing. Both now say
    what to write (the build: tests/functional/test_content_errors.py)."""
    files = base_site()
    files["tin-tuc/the/index.vi.md"] = "Title: Thẻ\nDate: 2024-05-02\nTâgs: hợp tác xã\n\nNội dung.\n"
    files["tin-tuc/tom-tat/index.vi.md"] = "Title: Tóm tắt\nDate: 2024-05-02\nSummảy: Lớp mới.\n\nNội dung.\n"
    # A word of the text that only looks like one is not (its words have spaces).
    files["tin-tuc/dia-diem/index.vi.md"] = "Title: Địa điểm\nDate: 2024-05-02\nĐịa điểm: hội trường\n\nNội dung.\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/the/index.vi.md:3: dòng 'Tâgs: hợp tác xã'", "'Tags: …'"), lines
    assert has(lines, "tin-tuc/tom-tat/index.vi.md:3: dòng 'Summảy: Lớp mới.'", "'Summary: …'"), lines
    assert not [line for line in lines if "dia-diem" in line], lines

def test_a_vietnamese_word_starting_a_line_is_no_mistyped_metadata_name(tmp_path, settings):
    """"Đất:" (land) reads like "Date:" with accents: a page's line "Đất: 2.000 m², giao
    ngày 12/03/2020" right under its title was refused as a mistyped "Date:" (a date on
    the line), by check and the build alike. A Vietnamese word is a word of the text; an
    English name with accents that is no word ("Dâte:", "Dạte:") still stops both."""
    files = base_site()
    files["pages/quy-dat/index.vi.md"] = ("Title: Quỹ đất\nĐất: 2.000 m², giao ngày 12/03/2020\n"
                                          "Đặt: 15/03/2020, tại xã Yên Đức\n")
    files["tin-tuc/ngay/index.vi.md"] = "Title: Ngày\nDâte: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/ngay-hai/index.vi.md"] = "Title: Ngày hai\nDạte: 2024-05-02 08:00\n\nNội dung.\n"
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 1 and not [line for line in lines if "quy-dat" in line], lines
    assert has(lines, "tin-tuc/ngay/index.vi.md:2: dòng 'Dâte: 2024-05-02'", "'Date: …'"), lines
    assert has(lines, "tin-tuc/ngay-hai/index.vi.md:2: dòng 'Dạte: 2024-05-02 08:00'", "'Date: …'"), lines
    stopped = build_site(tmp_path / "stopped", files, expect_ok=False)
    said = [line for line in stopped.log.splitlines() if "index.vi.md:" in line]
    assert stopped.result.returncode == 1 and len(said) == 2 and not [line for line in said if "quy-dat" in line] \
        and "tin-tuc/ngay/index.vi.md:2: dòng 'Dâte: 2024-05-02'" in said[0] + said[1], stopped.log
    del files["tin-tuc/ngay/index.vi.md"], files["tin-tuc/ngay-hai/index.vi.md"]
    site = build_site(tmp_path / "build", files)
    text = site.html("quy-dat/").select_one(".post__body").get_text()
    assert "Đất: 2.000 m², giao ngày 12/03/2020" in text and "Đặt: 15/03/2020" in text, text


def test_an_expiry_date_is_read_as_the_build_reads_it(tmp_path, settings):
    files = base_site()
    files |= post_files("tin-tuc/het-han", {"Title": "Hết hạn", "Date": "2024-02-02", "Pinned": "yes",
                                            "Expires": "10/12/2026"})
    files |= post_files("tin-tuc/dung", {"Title": "Đúng", "Date": "2024-02-02", "Pinned": "yes",
                                         "Expires": "2026-12-10"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1 and has(lines, "tin-tuc/het-han/index.vi.md:4: ngày hết ghim '10/12/2026' không đọc được",
                               "write year-month-day: 2026-12-31"), lines
    assert not any("tin-tuc/dung" in line for line in lines), lines


def test_metadata_keys_are_the_readme_table(settings):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| key | required | meaning |")[1].split("\n\n")[0]
    keys = re.findall(r"^\s*\| `(\w+)` \|", table, re.M)
    assert sorted(k.lower() for k in keys) == sorted(POST_KEYS)


def test_photos_missing_or_too_heavy(tmp_path, settings):
    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] += (
        "\n![Lớp học](Lop-Hoc.jpg)\n\n![Thiếu](anh-thieu.jpg)\n\n![Ngoài](../anh.jpg)\n"
        "\n![Ảnh xa](https://example.org/a.jpg)\n")
    files["tin-tuc/bai-mot/lop-hoc.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/to.jpg"] = jpeg((300, 200)) + b"\0" * 3_000_000
    small = jpeg((300, 200))  # just over the limit: rounded up, not "2,0 MB, at most 2 MB"
    files["tin-tuc/bai-mot/vua-qua.jpg"] = small + b"\0" * (2 * 1024 * 1024 + 1000 - len(small))
    files["tin-tuc/bai-mot/captions.vi.txt"] = "lop-hoc.jpg: Lớp học\nkhong-co.jpg: Không có\n"
    lines, status = lines_of(tmp_path, files, {**settings, "CHECK_MAX_PHOTO_MB": 2})
    assert status == 1
    assert has(lines, "tin-tuc/bai-mot/index.vi.md:6: không có ảnh 'Lop-Hoc.jpg'", "'lop-hoc.jpg'")
    assert has(lines, "tin-tuc/bai-mot/index.vi.md:8: không có ảnh 'anh-thieu.jpg'")
    assert has(lines, "tin-tuc/bai-mot/index.vi.md:10: ảnh '../anh.jpg' nằm ngoài thư mục bài viết")
    assert has(lines, "tin-tuc/bai-mot/to.jpg: ảnh nặng 2,9 MB, tối đa 2 MB", "CHECK_MAX_PHOTO_MB")
    assert has(lines, "tin-tuc/bai-mot/vua-qua.jpg: ảnh nặng 2,1 MB, tối đa 2 MB", "the photo is 2.1 MB")
    assert not has(lines, "tin-tuc/bai-mot/lop-hoc.jpg")
    assert has(lines, "tin-tuc/bai-mot/captions.vi.txt:2: không có ảnh 'khong-co.jpg'")
    # The photo from another site is no error (a warning: test_a_photo_from_another_site…),
    # nor is the English gallery without captions (test_captions_in_one_language_only).
    assert lines[-1].endswith("6 errors, 2 warnings.")


def test_photos_in_raw_html_are_checked_with_or_without_quotes(tmp_path, settings):
    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] += (
        "\nẢnh x ở dưới.\n\n<img src=x alt=\"\">\n\n<img src='lop-hoc.jpg'>\n\n<img src=\"thieu.jpg\">\n")
    files["tin-tuc/bai-mot/lop-hoc.jpg"] = jpeg((300, 200))
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/bai-mot/index.vi.md:8: không có ảnh 'x'")
    assert has(lines, "tin-tuc/bai-mot/index.vi.md:12: không có ảnh 'thieu.jpg'")
    assert lines[-1].endswith("2 errors, 0 warnings.")

    site = build_site(tmp_path / "build", files, expect_ok=False)
    assert "tin-tuc/bai-mot/index.vi.md:8: không có ảnh 'x'" in site.log


def test_photos_outside_every_post_folder_are_named(tmp_path, settings):
    files = base_site()
    files["tin-tuc/anh-lac.jpg"] = jpeg((300, 200))  # beside the section's name, in no post
    files["tin-tuc/bai-mot/anh-them/a.jpg"] = jpeg((300, 200))  # a folder inside the post
    files["tin-tuc/bai-mot/anh-bai.jpg"] = jpeg((300, 200))  # in the post: its gallery
    files["tai-lieu/logo.png"] = jpeg((300, 200))
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    assert has(lines, "tin-tuc/: cảnh báo / warning: 1 ảnh (anh-lac.jpg)", "so not shown")
    assert has(lines, "tin-tuc/bai-mot/anh-them/: cảnh báo / warning: 1 ảnh (a.jpg)")
    assert has(lines, "tai-lieu/: cảnh báo / warning: 1 ảnh (logo.png)")
    assert not any("anh-bai.jpg" in line for line in lines)
    # a folder Pelican copies as it is (STATIC_PATHS) is left alone
    lines, _ = lines_of(tmp_path, {}, {**settings, "STATIC_PATHS": ["tai-lieu"]})
    assert not any(line.startswith("tai-lieu/") for line in lines)


def test_photo_names_that_differ_only_in_capitals(tmp_path, settings):
    files = base_site()
    files["tin-tuc/bai-mot/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/Anh.JPG"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/anh.png"] = jpeg((300, 200))  # another extension: another rendition
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    found = [line for line in lines if "capitals" in line]
    assert len(found) == 1 and found[0].startswith("tin-tuc/bai-mot/anh.jpg: cảnh báo / warning:")
    assert "differs from 'Anh.JPG' only in capitals" in found[0]


def test_the_same_photo_twice_in_a_folder(tmp_path, settings):
    """Copied twice from a phone under two names: the gallery showed it twice."""
    files = base_site()
    photo = jpeg((300, 200))
    files["tin-tuc/bai-mot/IMG_0001.jpg"] = photo
    files["tin-tuc/bai-mot/IMG_0001 (1).jpg"] = photo
    files["tin-tuc/bai-mot/khac.jpg"] = jpeg((300, 201))
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    found = [line for line in lines if "the same photo as" in line]
    # (the copy is the longer name: Windows names it "… (1)")
    assert found == ["tin-tuc/bai-mot/IMG_0001 (1).jpg: cảnh báo / warning: ảnh này giống hệt 'IMG_0001.jpg': "
                     "bài sẽ hiện ảnh hai lần; hãy xoá một tệp / the same photo as 'IMG_0001.jpg': the post "
                     "shows it twice; delete one"], lines


def test_captions_in_one_language_only(tmp_path, settings):
    """The English gallery of a post captioned in Vietnamese only showed no captions."""
    files = base_site()
    files["tin-tuc/bai-mot/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/captions.vi.txt"] = "anh.jpg: Học viên thảo luận\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    assert has(lines, "tin-tuc/bai-mot/captions.vi.txt: cảnh báo / warning:",
               "there is no captions.en.txt: the gallery of the 'en' page has no captions")
    # Both, or a post with no English text: nothing to say.
    files["tin-tuc/bai-mot/captions.en.txt"] = "anh.jpg: Group discussion\n"
    lines, _ = lines_of(tmp_path / "both", files, settings)
    assert not any("captions.en.txt" in line for line in lines)
    files = section_files("tin-tuc", "Tin tức", "News") | post_files(
        "tin-tuc/bai-hai", {"Title": "Bài hai", "Date": "2024-01-02 08:00"})
    files["tin-tuc/bai-hai/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-hai/captions.vi.txt"] = "anh.jpg: Học viên\n"
    lines, _ = lines_of(tmp_path / "vi", files, settings)
    assert not any("captions" in line for line in lines)
    # An English text placing every photo with its own caption has no gallery to caption.
    files = base_site()
    files["tin-tuc/bai-mot/index.en.md"] += "\n![Group discussion](anh.jpg)\n"
    files["tin-tuc/bai-mot/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/captions.vi.txt"] = "anh.jpg: Học viên thảo luận\n"
    lines, _ = lines_of(tmp_path / "placed", files, settings)
    assert not any("captions" in line for line in lines), lines


def test_no_caption_warning_for_an_english_draft(tmp_path, settings):
    """``invoke new --en`` makes the English text a draft, with no page: a warning of its
    gallery's captions came with the Vietnamese captions file, before any translation."""
    files = section_files("tin-tuc", "Tin tức", "News") | post_files(
        "tin-tuc/bai-mot", {"Title": "Bài một", "Date": "2024-01-02 08:00"},
        {"Title": "Post one", "Date": "2024-01-02 08:00", "Status": "draft"})
    files["tin-tuc/bai-mot/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/captions.vi.txt"] = "anh.jpg: Học viên thảo luận\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0 and not any("captions" in line for line in lines), lines
    # Its "Status: draft" line removed, the English page is published: said then.
    files |= post_files("tin-tuc/bai-mot", {"Title": "Bài một", "Date": "2024-01-02 08:00"},
                        {"Title": "Post one", "Date": "2024-01-02 08:00"})
    lines, _ = lines_of(tmp_path / "published", files, settings)
    assert has(lines, "tin-tuc/bai-mot/captions.vi.txt: cảnh báo / warning:", "no captions.en.txt"), lines


def test_photo_files_the_build_would_refuse(tmp_path, settings):
    """Each photo of a post folder goes on the page (placed or in the gallery), so check
    reads each one's header as the build does: the two name the same files."""
    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] += "\n![Hỏng](hong.jpg)\n"
    files["tin-tuc/bai-mot/hong.jpg"] = b"<html>not a photo</html>"
    files["tin-tuc/bai-mot/rong.jpg"] = b""
    files["tin-tuc/bai-mot/IMG_0001.HEIC"] = jpeg((300, 200))[:40]
    files["tin-tuc/bai-mot/lon.png"] = jpeg((400, 300))
    files["tin-tuc/bai-mot/tot.jpg"] = jpeg((200, 100))
    files["tin-tuc/bai-mot/them-duoi.jpg"] = jpeg((200, 100)) + b"SEFH phone data after the end"
    whole = jpeg((300, 200))
    files["tin-tuc/bai-mot/cut.jpg"] = whole[:len(whole) * 2 // 3]  # a copy that stopped part-way
    limits = {"PHOTOS_MAX_PIXELS": 100_000}
    lines, status = lines_of(tmp_path, files, {**settings, **limits})
    assert status == 1
    refused = [line.split(":")[0] for line in lines[:-1]]
    assert refused == [f"tin-tuc/bai-mot/{name}" for name in
                       ("IMG_0001.HEIC", "cut.jpg", "hong.jpg", "lon.png", "rong.jpg")], lines
    assert has(lines, "tin-tuc/bai-mot/cut.jpg: tệp ảnh bị hỏng hoặc bị cắt cụt", "copy the photo again")
    assert has(lines, "tin-tuc/bai-mot/hong.jpg: tệp ảnh không phải ảnh JPEG, PNG",
               "the photo is not a readable JPEG, PNG, WebP, GIF or HEIC image")
    assert has(lines, "tin-tuc/bai-mot/rong.jpg: tệp ảnh rỗng (0 byte)", "copy the photo again")
    assert has(lines, "tin-tuc/bai-mot/lon.png: tệp ảnh quá lớn (400×300)", "PHOTOS_MAX_PIXELS")

    site = build_site(tmp_path / "build", files, expect_ok=False, **limits)
    assert site.result.returncode != 0
    named = set(re.findall(r"(?:tệp ảnh '([^']+)'|tin-tuc/bai-mot/([\w.]+): tệp ảnh)", site.log))
    assert {a or b for a, b in named} == {"IMG_0001.HEIC", "cut.jpg", "hong.jpg", "lon.png", "rong.jpg"}


def test_folders_with_the_same_address(tmp_path, settings):
    files = base_site()
    nfc, nfd = "hội-thảo", unicodedata.normalize("NFD", "hội-thảo")
    files |= post_files(f"tin-tuc/{nfc}", {"Title": "Hội thảo", "Date": "2024-01-03"})
    files |= post_files(f"tin-tuc/{nfd}", {"Title": "Hội thảo", "Date": "2024-01-04"})
    files |= post_files("tin-tuc/Bai-Mot", {"Title": "Bài Một", "Date": "2024-01-05"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/bai-mot/: trùng địa chỉ với thư mục 'Bai-Mot'")
    assert has(lines, "tin-tuc/Bai-Mot/: trùng địa chỉ với thư mục 'bai-mot'")
    assert sum("trùng địa chỉ" in line and "hội-thảo" in unicodedata.normalize("NFC", line)
               for line in lines) == 2
    # Names that are not slugs only get a warning, with the name to use.
    assert has(lines, "tin-tuc/Bai-Mot/: cảnh báo / warning:", "'bai-mot'")
    assert has(lines, f"tin-tuc/{nfc}/: cảnh báo / warning:", "'hoi-thao'")


def test_a_folder_name_no_address_can_hold_is_the_builds_error(tmp_path, settings):
    files = base_site()
    files |= post_files("tin-tuc/Khai giảng lớp mới", {"Title": "Khai giảng", "Date": "2024-01-03"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    found = [line for line in lines if line.startswith("tin-tuc/Khai giảng lớp mới/")]
    assert len(found) == 1, "an error, not also the warning about slugs"
    assert "has characters an address cannot hold (spaces, #, ?, %…)" in found[0]

    site = build_site(tmp_path / "build", files, expect_ok=False)
    assert site.result.returncode != 0
    assert "has characters an address cannot hold" in " ".join(site.log.split())


def test_addresses_the_build_refuses_are_errors_with_the_builds_words(tmp_path, settings):
    files = base_site()
    files["pages/tin-tuc/index.vi.md"] = "Title: Trang tin tức\n\nTrang.\n"  # the section's page
    files |= post_files("tin-tuc/page", {"Title": "Trang", "Date": "2024-01-03"})  # its page/2/
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    errors = [line for line in lines[:-1] if "warning" not in line]
    site = build_site(tmp_path / "build", files, expect_ok=False)
    built = " ".join(site.log.split())
    assert len(errors) == 2
    for line in errors:
        assert " ".join(line.split()) in built, line
    assert has(errors, "pages/tin-tuc/index.vi.md:", "would both be written to /tin-tuc/index.html")
    assert has(errors, "tin-tuc/page/:", "kept for the section's next pages")


def test_a_date_after_today_is_said_and_more_than_a_year_ahead_a_likely_typo(tmp_path, settings):
    files = base_site()
    files |= post_files("tin-tuc/nham-nam", {"Title": "Nhầm năm", "Date": "2025-06-10 08:00"})
    files |= post_files("tin-tuc/hen-dang", {"Title": "Hẹn đăng", "Date": "2025-05-01"})
    files |= post_files("tin-tuc/nhap", {"Title": "Nháp", "Date": "2030-01-01", "Status": "draft"})
    lines, status = lines_of(tmp_path, files, {**settings, "SITE_TODAY": "2024-06-01"})
    assert status == 0
    assert has(lines, "tin-tuc/nham-nam/index.vi.md:2: cảnh báo / warning: ngày 2025-06-10 còn hơn "
               "một năm nữa", "is the year mistyped?")
    # A post dated after today, within the year: said once, for the preview hides it too.
    assert has(lines, "tin-tuc/hen-dang/index.vi.md:2: cảnh báo / warning: ngày 2025-05-01 sau hôm nay",
               "appears when the site is published again on or after that day")
    assert not any("nhap/" in line for line in lines)
    assert sum("hen-dang" in line for line in lines) == 1
    lines, _ = lines_of(tmp_path, {}, {**settings, "SITE_TODAY": "2024-06-01", "SITE_PUBLISH_FUTURE": True})
    assert not any("nham-nam" in line for line in lines)


def test_sections_and_translations(tmp_path, settings):
    files = base_site()
    files |= section_files("tin-tuc/thong-bao", "Thông báo")  # no English name
    files |= post_files("tin-tuc/thong-bao/chi-tieng-anh", None, {"Title": "English only",
                                                                 "Date": "2024-01-03"})
    files |= post_files("dao-tao/bai", {"Title": "Bài", "Date": "2024-01-03"})  # section unnamed
    lines, status = lines_of(tmp_path, files, settings)
    assert has(lines, "tin-tuc/thong-bao/: cảnh báo / warning: mục chưa có tên tiếng Anh",
               "_index.en.md")
    assert has(lines, "tin-tuc/thong-bao/chi-tieng-anh/index.en.md: cảnh báo / warning:",
               "index.vi.md")
    assert has(lines, "dao-tao/: mục chưa có tên")  # the build's own error
    assert status == 1


def test_mixed_unicode_forms_are_a_warning(tmp_path, settings):
    files = base_site()
    text = "Title: Bài hai\nDate: 2024-01-03\n\nĐoạn một.\n\n" + unicodedata.normalize(
        "NFD", "Học viên thảo luận.") + "\n"
    files["tin-tuc/bai-hai/index.vi.md"] = text
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:6: cảnh báo / warning:", "(NFD)")


def test_internal_links(tmp_path, settings):
    files = small_site()
    post = "tin-tuc/tin-hoat-dong/hoi-thao-ocop"
    files[f"{post}/index.vi.md"] += "\n".join([
        "",
        "[Khai giảng](../le-khai-giang-2018/) và [tuyển sinh](/tin-tuc/thong-bao/tuyen-sinh/)",
        "[Mục](/dao-tao/khai-giang/) [feed](/tin-tuc/atom.xml) [trang](/gioi-thieu/)",
        "[Anh](/en/gioi-thieu/) [tự](./) [{filename}](../le-khai-giang-2018/index.vi.md)",
        "[Sai](../khong-co/) [Sai nữa](/tin-tuc/tin-hoat-dong/le-khai-giang-2019/)",
        "[Nháp](/dao-tao/khai-giang/ban-nhap/) [tệp](ke-hoach.txt) [kế hoạch](ke-hoach.pdf) [mẫu](mau.docx)",
        "`[trong code](/khong-co/)` [ngoài](https://example.org/x/) [thư](mailto:a@b.vn)",
        "",
        "[định nghĩa]: /tin-tuc/khong-co-nua/",
        "[Pelican]({filename}/tin-tuc/tin-hoat-dong/le-khai-giang-2018/index.vi.md)",
        "[Pelican sai]({filename}../khong-co/index.vi.md)",
        "[Mẫu](Mẫu đơn không có.docx) [lịch](lich hoc.xlsx \"Lịch học\") [mục](../khong co/)",
        "[Công văn](cong-van.jpg) [ảnh thiếu](khong-co.jpg) [nháp](../../../dao-tao/khai-giang/ban-nhap/index.vi.md)",
        ""])
    files[f"{post}/ke-hoach.pdf"] = b"%PDF-1.4"  # an attachment: published
    files[f"{post}/ke-hoach.txt"] = "Kế hoạch"  # not a kind of file the site publishes
    files[f"{post}/lich hoc.xlsx"] = b"PK"  # Python-Markdown takes spaces in a link's target
    files[f"{post}/cong-van.jpg"] = jpeg((300, 400))  # a link to it opens its largest rendition
    # The English page is under /en/: ../tham-quan-mo-hinh/ has no English version.
    files[f"{post}/index.en.md"] += "\n[Tour](../tham-quan-mo-hinh/) [Opening](../le-khai-giang-2018/)\n"
    lines, status = lines_of(tmp_path, files, settings)
    vi, en = f"{post}/index.vi.md", f"{post}/index.en.md"
    assert status == 1
    bad = [line for line in lines if "liên kết" in line]
    # A plain link to a Markdown file is the post's address (the reader makes it {filename}).
    assert not has(bad, f"{vi}:8: liên kết '../le-khai-giang-2018/index.vi.md'")
    assert has(bad, f"{vi}:9: liên kết '../khong-co/' dẫn tới /tin-tuc/tin-hoat-dong/khong-co/")
    assert has(bad, f"{vi}:9: liên kết '/tin-tuc/tin-hoat-dong/le-khai-giang-2019/'",
               "le-khai-giang-2018/?")  # a suggestion
    assert has(bad, f"{vi}:10: liên kết '/dao-tao/khai-giang/ban-nhap/' trỏ tới bản nháp")
    assert has(bad, f"{vi}:10: liên kết 'ke-hoach.txt': tệp này không được đưa lên trang")
    assert has(bad, f"{vi}:10: liên kết 'mau.docx': không có tệp này")
    assert has(bad, f"{vi}:13: liên kết '/tin-tuc/khong-co-nua/'")
    assert has(bad, f"{vi}:15: liên kết '{{filename}}../khong-co/index.vi.md' trỏ tới tệp không có")
    assert has(bad, f"{vi}:16: liên kết 'Mẫu đơn không có.docx': không có tệp này")
    assert has(bad, f"{vi}:16: liên kết '../khong co/' dẫn tới /tin-tuc/tin-hoat-dong/khong co/")
    assert has(bad, f"{en}:6: liên kết '../tham-quan-mo-hinh/' dẫn tới /en/tin-tuc/tin-hoat-dong/")
    assert has(bad, f"{vi}:17: liên kết 'khong-co.jpg': không có tệp này")
    assert has(bad, f"{vi}:17: liên kết '../../../dao-tao/khai-giang/ban-nhap/index.vi.md' trỏ tới bản nháp")
    assert len(bad) == 12, "\n".join(bad)


def test_links_to_tag_search_and_later_listing_pages_are_pages_of_the_site(tmp_path, settings):
    """check's list of the site's pages left out the tag pages, their feeds and the
    search pages (and now knows the pages of feeds and the archive's years), and gave the
    home later pages: a post linking to "/chu-de/khai-giang/"
    or "/tim-kiem/" could not be published, one to "/page/2/" could. Each link is also
    followed in a real build of the same content."""
    files = base_site()
    for n in range(1, 4):
        files |= post_files(f"tin-tuc/bai-tag-{n}", {"Title": f"Bài {n}", "Date": f"2024-02-0{n}",
                                                      "Tags": "Khai giảng, Tập huấn"},
                            {"Title": f"Post {n}", "Date": f"2024-02-0{n}", "Tags": "Opening"})
    good = ["/chu-de/", "/chu-de/khai-giang/", "/chu-de/khai-giang/page/2/", "/chu-de/tap-huan/atom.xml",
            "/chu-de/khai-giang/rss.xml", "/tim-kiem/", "/en/search/", "/en/topics/opening/", "/kenh-tin/", "/en/feeds/",
            "/en/topics/opening/page/3/", "/tin-tuc/page/2/", "/en/tin-tuc/page/2/", "/en/atom.xml",
            "/luu-tru/", "/luu-tru/2024/", "/en/archive/2024/"]
    # (a home is one page: check took it for a listing with later pages; the archive has
    # a page for each year with posts in that language, and no other)
    bad = ["/chu-de/khong-co/", "/chu-de/khai-giang/page/4/", "/tin-tuc/page/5/", "/en/tim-kiem/", "/page/2/",
           "/luu-tru/2019/"]
    files["tin-tuc/bai-mot/index.vi.md"] += "".join(f"\n[trang {n}]({url})\n" for n, url in enumerate(good + bad))
    paging = {"SECTIONS_PER_PAGE": 1, "TAGS_PER_PAGE": 1}
    lines, status = lines_of(tmp_path, files, {**settings, **paging})
    wrong = [line for line in lines if "liên kết" in line]
    for url in bad:
        assert any(f"'{url}'" in line for line in wrong), (url, wrong)
    assert len(wrong) == len(bad), "\n".join(wrong)
    site = build_site(tmp_path / "built", files, **paging)
    for url in good:
        page = site.output / url.lstrip("/")
        assert (page / "index.html" if url.endswith("/") else page).is_file(), url
    for url in bad:
        assert not (site.output / url.lstrip("/") / "index.html").exists(), url


def test_a_translation_leading_to_the_other_languages_version_is_a_warning(tmp_path, settings):
    """A translation copied with its links sent English readers to the Vietnamese page of a
    post that has an English one; a post only in Vietnamese is the only page there is."""
    files = small_site()
    post = "tin-tuc/tin-hoat-dong/hoi-thao-ocop"
    files[f"{post}/index.en.md"] += ("\n[Opening](../le-khai-giang-2018/index.vi.md) "
                                     "[Tour](../tham-quan-mo-hinh/index.vi.md)\n"
                                     "[Again]({filename}/tin-tuc/tin-hoat-dong/le-khai-giang-2018/index.vi.md) "
                                     "[Right](../le-khai-giang-2018/index.en.md)\n")
    files[f"{post}/index.vi.md"] += "\n[Khai giảng](../le-khai-giang-2018/index.en.md#anh)\n"
    # Not warned: the post's own original, and a translation the site holds back until its day.
    files[f"{post}/index.en.md"] += ("[The original](index.vi.md) [Later](../sau/index.vi.md)\n"
                                     "[Part](../le-khai-giang-2018/index.vi.md#index.vi.md)\n")
    files |= post_files("tin-tuc/tin-hoat-dong/sau", {"Title": "Sau", "Date": "2024-01-01"},
                        {"Title": "Later", "Date": "2099-01-01"})
    lines, status = lines_of(tmp_path, files, settings)
    found = [line for line in lines if "bản tiếng" in line]
    en, vi = f"{post}/index.en.md", f"{post}/index.vi.md"
    assert has(found, f"{en}:6: cảnh báo / warning: liên kết '../le-khai-giang-2018/index.vi.md' dẫn tới bản "
               "tiếng Việt của bài đã có bản tiếng Anh; viết '../le-khai-giang-2018/index.en.md'",
               "leads to the Vietnamese version of a post that is also in English")
    assert has(found, f"{en}:7: cảnh báo / warning: liên kết '{{filename}}/tin-tuc/tin-hoat-dong/le-khai-giang-2018/"
               "index.vi.md'", "viết '{filename}/tin-tuc/tin-hoat-dong/le-khai-giang-2018/index.en.md'")
    assert has(found, f"{vi}:", "'../le-khai-giang-2018/index.en.md#anh' dẫn tới bản tiếng Anh",
               "viết '../le-khai-giang-2018/index.vi.md#anh'")
    # (the file's name in the #part stays as written)
    assert has(found, f"{en}:9: ", "viết '../le-khai-giang-2018/index.en.md#index.vi.md'")
    assert len(found) == 4, found
    assert status == 0, lines  # a warning: the page is there, only in the other language


def test_the_task_prints_one_line_per_problem_and_sets_the_exit_status(tmp_path):
    files = base_site()
    files |= section_files("tin-tuc/thong-bao", "Thông báo")  # a warning only
    write_files(tmp_path / "content", files)
    result = invoke("check", "--content", str(tmp_path / "content"), home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "tin-tuc/thong-bao/: cảnh báo / warning: mục chưa có tên tiếng Anh: tạo _index.en.md với "
        "dòng 'Title: ...' / the section has no en name: create _index.en.md with a 'Title:' line",
        "Đã kiểm tra 1 bài viết, 0 trang: 0 lỗi, 1 cảnh báo. / "
        "Checked 1 post, 0 pages: 0 errors, 1 warning."]
    (tmp_path / "content" / "tin-tuc" / "bai-mot" / "index.vi.md").write_text(
        "Title: Bài một\n\nKhông có ngày.\n", encoding="utf-8")
    result = invoke("check", "--content", str(tmp_path / "content"), home=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("tin-tuc/bai-mot/index.vi.md:1: thiếu ngày đăng")
    assert result.stdout.splitlines()[-1].endswith("1 error, 1 warning.")
    assert "Traceback" not in result.stdout + result.stderr


def test_a_header_between_dashes_is_fine_but_a_title_in_quotes_is_warned(tmp_path, settings):
    """Front matter copied from another site generator: the "---" lines are read as the
    build reads them; quotes around the title would show on the page."""
    files = base_site()
    files["tin-tuc/gach-ngang/index.vi.md"] = (
        '---\ntitle: "Thông báo tuyển sinh"\ndate: 2024-05-02\n---\n\nNội dung.\n')
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    assert has(lines, "tin-tuc/gach-ngang/index.vi.md:2:", "dấu ngoặc kép", "in quotes"), lines
    assert lines[-1].endswith("0 errors, 1 warnings.") or lines[-1].endswith("0 errors, 1 warning."), lines


def test_a_title_in_curly_quotes_or_guillemets_is_warned_as_one_in_straight_quotes(tmp_path, settings):
    """A title pasted from Word comes in its curly quotes (“…”, ‘…’), or in guillemets
    from a copied page («…»): readers see them as they would straight ones, which were
    warned of while these were not. Two quoted names in a title are no title in quotes."""
    files = base_site()
    titles = {"cong-kep": "“Thông báo tuyển sinh”", "cong-don": "‘Thông báo tuyển sinh’",
              "guillemets": "«Thông báo tuyển sinh»", "thang": '"Thông báo tuyển sinh"',
              "hai-ten": "“Tam nông” và “Nông thôn mới”", "hai-ten-thang": '"Tam nông" và "Nông thôn mới"',
              "mot-phan": "Phong trào “Nông thôn mới”"}
    for number, (name, title) in enumerate(titles.items()):
        files |= post_files(f"tin-tuc/{name}", {"Title": title, "Date": f"2024-05-{number + 2:02}"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    warned = sorted(line.split("/")[1] for line in lines if "in quotes" in line)
    assert warned == ["cong-don", "cong-kep", "guillemets", "thang"], lines
    assert has(lines, "tin-tuc/cong-kep/index.vi.md:1: cảnh báo / warning: tiêu đề nằm trong dấu ngoặc kép"), lines


def test_a_value_continued_on_a_line_indented_with_a_tab_is_fine(tmp_path, settings):
    files = base_site()
    files["tin-tuc/co-tab/index.vi.md"] = (
        "Title: Thông báo có tab\nSummary: Dòng một\n\tdòng hai.\nDate: 2024-05-02\n\nNội dung.\n")
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0 and len(lines) == 1, lines


@pytest.mark.parametrize("date", ["2020-07-14", "2020-07-14 08:30", "2020-07-14T08:30", "2020-07-14 8:05",
                                  "2024-5-2", "2024-05-02 8:30:5", "05/07/2020", "2020-07-14_08:30",
                                  "2020-07-14\n    08:30"])
def test_check_and_the_build_take_and_refuse_the_same_dates(tmp_path, settings, date):
    """check read a date as Pelican can (and warned of other forms) while the build takes
    only the README's forms: a '2024-5-2' passed check and stopped the build."""
    files = base_site()
    files |= post_files("tin-tuc/ngay", {"Title": "Ngày", "Date": date})
    _, status = lines_of(tmp_path / "check", files, settings)
    built = build_site(tmp_path / "build", files, expect_ok=False).result.returncode
    assert (status, built) in ((0, 0), (1, 1)), (status, built)


@pytest.mark.parametrize("key", ["Date", "Author", "Status", "Expires"])
def test_a_one_value_line_continued_is_refused_by_check_and_build_alike(tmp_path, settings, key):
    """Pelican keeps one line of these: the build took "2020-07-14" of "Date: 2020-07-14"
    and "    08:30" below it (the time silently lost) and check called the date unreadable."""
    value = {"Date": "2020-07-14\n    08:30", "Author": "Phòng Đào tạo,\n    bồi dưỡng",
             "Status": "published\n    (đã duyệt)", "Expires": "2030-01-01\n    2031-01-01"}[key]
    meta = {"Title": "Bài", "Date": "2020-07-14", "Pinned": "yes"} | {key: value}
    files = base_site() | post_files("tin-tuc/hai-dong", meta)
    line = list(meta).index(key) + 1
    said = f"tin-tuc/hai-dong/index.vi.md:{line}: '{key}:' viết tiếp sang dòng dưới"
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 1 and has(lines, said) and sum("hai-dong" in ln for ln in lines) == 1, lines
    site = build_site(tmp_path / "build", files, expect_ok=False)
    assert site.result.returncode == 1 and said in site.log and "Traceback" not in site.log, site.log


#: Single mistakes the build's plugins refuse (search and tag pages, old addresses), which check
#: passed: each must now be an error of check too, naming the same file.
PLUGIN_MISTAKES = {
    "old address with a query": ("tin-tuc/moi/index.vi.md", post_files(
        "tin-tuc/moi", {"Title": "Mới", "Date": "2024-01-03", "Aliases": "/index.php?id=3"})),
    "old address taken by a post": ("tin-tuc/moi/index.vi.md", post_files(
        "tin-tuc/moi", {"Title": "Mới", "Date": "2024-01-03", "Aliases": "/tin-tuc/bai-mot/"})),
    "old address given twice": ("tin-tuc/moi-2/index.vi.md", post_files(
        "tin-tuc/moi", {"Title": "Mới", "Date": "2024-01-03", "Aliases": "/cu/"})
        | post_files("tin-tuc/moi-2", {"Title": "Mới 2", "Date": "2024-01-04", "Aliases": "/cu/"})),
    "section named as the search page": ("tim-kiem/", section_files("tim-kiem", "Tìm kiếm")
        | post_files("tim-kiem/bai", {"Title": "Bài", "Date": "2024-01-03"})),
    "page named as the search page": ("pages/tim-kiem/index.vi.md", {
        "pages/tim-kiem/index.vi.md": "Title: Tìm\n\nTrang.\n"}),
    "section named as the index": ("pagefind/", section_files("pagefind", "Chỉ mục")
        | post_files("pagefind/bai", {"Title": "Bài", "Date": "2024-01-03"})),
    "section named as the list of tags": ("chu-de/", section_files("chu-de", "Chủ đề")
        | post_files("chu-de/bai", {"Title": "Bài", "Date": "2024-01-03"})),
    "section named as the page of feeds": ("kenh-tin/", section_files("kenh-tin", "Kênh tin")
        | post_files("kenh-tin/bai", {"Title": "Bài", "Date": "2024-01-03"})),
    "page named as the page of feeds": ("pages/kenh-tin/index.vi.md", {
        "pages/kenh-tin/index.vi.md": "Title: Kênh tin\n\nTrang.\n"}),
    "old address of the page of feeds": ("tin-tuc/moi/index.vi.md", post_files(
        "tin-tuc/moi", {"Title": "Mới", "Date": "2024-01-03", "Aliases": "/kenh-tin/"})),
    "section named as the archive": ("luu-tru/", section_files("luu-tru", "Lưu trữ")
        | post_files("luu-tru/bai", {"Title": "Bài", "Date": "2024-01-03"})),
    "old address among the archive's years": ("tin-tuc/moi/index.vi.md", post_files(
        "tin-tuc/moi", {"Title": "Mới", "Date": "2024-01-03", "Aliases": "/en/archive/2015/"})),
    "old address among the tag pages": ("tin-tuc/moi/index.vi.md", post_files(
        "tin-tuc/moi", {"Title": "Mới", "Date": "2024-01-03", "Tags": "bồi dưỡng",
                        "Aliases": "/chu-de/cu/"})),
}


@pytest.mark.parametrize("mistake", PLUGIN_MISTAKES)
def test_check_finds_what_the_plugins_refuse(tmp_path, settings, mistake):
    where, extra = PLUGIN_MISTAKES[mistake]
    files = base_site() | extra
    lines, status = lines_of(tmp_path / "check", files, settings)
    site = build_site(tmp_path / "build", files, expect_ok=False)
    assert site.result.returncode == 1 and where in site.log, site.log
    assert status == 1 and has(lines, where), lines


def test_a_tag_written_otherwise_than_other_posts_write_it_is_a_warning(tmp_path, settings):
    """One tag, titled on its page as most posts write it: the post that writes it
    otherwise is told (a warning: the build takes it)."""
    files = base_site()
    for n, tags in enumerate(["bồi dưỡng, OCOP", "Bồi dưỡng", "bồi dưỡng", "boi duong, Ocop"]):
        files |= post_files(f"tin-tuc/bai-{n}", {"Title": f"Bài {n}", "Date": f"2024-02-0{n + 1}", "Tags": tags})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    assert has(lines, "tin-tuc/bai-1/index.vi.md:3: cảnh báo / warning: chủ đề 'Bồi dưỡng' cũng là "
               "chủ đề 'bồi dưỡng'",
               "the tag 'Bồi dưỡng' is the tag other posts write 'bồi dưỡng'"), lines
    assert has(lines, "tin-tuc/bai-3/index.vi.md:3:", "'boi duong'", "'bồi dưỡng'"), lines
    # A tie: the spelling with accents, then the first in order, is the page's title.
    assert has(lines, "tin-tuc/bai-3/index.vi.md:3:", "'Ocop'", "'OCOP'"), lines
    assert not any("bai-0" in line or "bai-2" in line for line in lines), lines
    assert sum("chủ đề" in line for line in lines) == 3, lines


def test_tags_whose_accents_differ_are_two_tags_and_one_without_accents_may_be_either(tmp_path, settings):
    """"khoa học" (science) was told it is "khóa học" (a course), "C" that it is "C#", and
    to write them the same: they are different tags, each with its page (a link to the
    second's address is a link to a page), though check says once that they differ only in
    their accents (one may be a typo). "khoa hoc" could be either: check names both.
    Tags are per language: in English, where only "khoa học" is, "khoa hoc" is that."""
    files = base_site()
    posts = [("khóa học", None), ("khoa học, C#", "khoa học"), ("khoa học, C", None), ("khoa hoc", "khoa hoc"),
             ("Hoà Bình", None), ("Hòa Bình", None), ("Hòa Bình", None)]
    for n, (vi, en) in enumerate(posts):
        date = f"2024-02-0{n + 1}"
        files |= post_files(f"tin-tuc/bai-{n}", {"Title": f"Bài {n}", "Date": date, "Tags": vi},
                            {"Title": f"Post {n}", "Date": date, "Tags": en} if en else None)
    files["tin-tuc/bai-mot/index.vi.md"] += "\n[Khoa học](/chu-de/khoa-hoc-2/), [C](/chu-de/c-2/rss.xml)\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    assert has(lines, "tin-tuc/bai-3/index.vi.md:3: cảnh báo / warning: chủ đề 'khoa hoc' viết không dấu có "
               "thể là 'khóa học' hoặc 'khoa học'",
               "the tag 'khoa hoc', without accents, may be 'khóa học' or 'khoa học'",
               "listed under 'khóa học'"), lines
    assert has(lines, "tin-tuc/bai-3/index.en.md:3: cảnh báo / warning: chủ đề 'khoa hoc' cũng là chủ đề "
               "'khoa học'"), lines
    # The old way of placing a tone mark: the same tag, written otherwise.
    assert has(lines, "tin-tuc/bai-4/index.vi.md:3:", "'Hoà Bình'", "'Hòa Bình'"), lines
    # Two tags, but one may be mistyped ("bồi duong" beside "bồi dưỡng"): said once, on the
    # first post of the tag that does not keep the address without accents.
    assert has(lines, "tin-tuc/bai-1/index.vi.md:3: cảnh báo / warning: chủ đề 'khoa học' và 'khóa học' chỉ "
               "khác dấu: là hai chủ đề, hai trang", "if 'khoa học' is mistyped, write 'khóa học'"), lines
    assert sum("chủ đề" in line for line in lines) == 4, lines
    assert not any("liên kết" in line for line in lines), lines


def test_tags_separated_by_semicolons_are_tags_as_the_build_reads_them(tmp_path, settings):
    """The build splits "Tags:" at semicolons too (reader.split_tags): check neither warns
    of them nor takes "bồi dưỡng; Quảng Ninh" for one tag when it compares spellings."""
    files = base_site()
    files |= post_files("tin-tuc/hai", {"Title": "Hai", "Date": "2024-02-02", "Tags": "bồi dưỡng; Quảng Ninh"})
    files |= post_files("tin-tuc/ba", {"Title": "Ba", "Date": "2024-02-03", "Tags": "Bồi dưỡng | OCOP"})
    files |= post_files("tin-tuc/bon", {"Title": "Bốn", "Date": "2024-02-04", "Tags": "bồi dưỡng、OCOP"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0 and not any("commas" in line for line in lines), lines
    # Three posts, one tag: "Bồi dưỡng" is the one written otherwise.
    assert has(lines, "tin-tuc/ba/index.vi.md:3: cảnh báo / warning: chủ đề 'Bồi dưỡng' cũng là"), lines
    assert len(lines) == 2, lines


def test_a_frame_the_security_policy_blocks_is_a_warning_with_its_line(tmp_path, settings):
    """It worked in the editor's browser and is an empty box on the published site
    (the site's Content-Security-Policy, frame-src)."""
    body = ("Video:\n\n"
            '<iframe src="https://www.youtube.com/embed/abc123" title="Video"></iframe>\n\n'
            "Bản đồ:\n\n"
            '<iframe src="https://www.google.com/maps/embed?pb=!1m18" title="Bản đồ"></iframe>\n\n'
            "Bài Facebook:\n\n"
            '<iframe src="https://www.facebook.com/plugins/post.php?href=x" width="500"></iframe>\n\n'
            "`<iframe src=\"https://example.org/shown-as-code\">`\n\n"
            "<!-- <iframe src=\"https://example.org/left-out\"></iframe> -->\n\n"
            '<iframe src="ban-do[1].html"></iframe>\n')
    files = base_site() | post_files("tin-tuc/hai", {"Title": "Hai", "Date": "2024-02-02", "body": body})
    lines, status = lines_of(tmp_path, files, settings)
    frames = [line for line in lines if "frame" in line]
    assert status == 0 and frames == [
        "tin-tuc/hai/index.vi.md:14: cảnh báo / warning: khung nhúng từ www.facebook.com bị chính sách "
        "bảo mật của trang chặn: người đọc sẽ thấy một ô trống; chỉ nhúng được video YouTube và bản đồ "
        "Google Maps, hoặc nhờ người quản trị thêm địa chỉ này vào SECURITY_HEADERS / a frame from "
        "www.facebook.com is blocked by the site's security policy: readers will see an empty box; embed "
        "YouTube videos or Google Maps, or have the site's maintainer add this host to SECURITY_HEADERS",
        "tin-tuc/hai/index.vi.md:20: cảnh báo / warning: khung nhúng từ ban-do[1].html bị chính sách bảo mật của "
        "trang chặn: người đọc sẽ thấy một ô trống; chỉ nhúng được video YouTube và bản đồ Google Maps, hoặc nhờ "
        "người quản trị thêm địa chỉ này vào SECURITY_HEADERS / a frame from ban-do[1].html is blocked by the "
        "site's security policy: readers will see an empty box; embed YouTube videos or Google Maps, or have the "
        "site's maintainer add this host to SECURITY_HEADERS"]
    # A site whose policy allows the host (or has none) hears nothing of it.
    allowing = dict(settings, SECURITY_HEADERS={"Content-Security-Policy": "frame-src https:"})
    assert not any("frame" in line for line in lines_of(tmp_path / "ok", files, allowing)[0])


def test_a_video_file_in_a_post_folder_is_a_warning(tmp_path, settings):
    """Copied from a phone beside the post's photos, it was left out without a word."""
    files = base_site() | post_files("tin-tuc/hai", {"Title": "Hai", "Date": "2024-02-02"})
    files["tin-tuc/hai/IMG_0001.MOV"] = b"\x00\x00\x00\x14ftypqt  " + bytes(64)
    files["tin-tuc/hai/le-khai-giang.mp4"] = b"\x00\x00\x00\x18ftypmp42" + bytes(64)
    files["tin-tuc/hai/ghi-chu.txt"] = "không phải video"
    lines, status = lines_of(tmp_path, files, settings)
    videos = [line.split(": ", 1)[0] for line in lines if "YouTube" in line]
    assert status == 0 and videos == ["tin-tuc/hai/IMG_0001.MOV", "tin-tuc/hai/le-khai-giang.mp4"], lines
    assert has(lines, "tin-tuc/hai/le-khai-giang.mp4: cảnh báo / warning: tệp video không được đưa lên trang",
               "upload it to YouTube and paste its address")


def test_the_video_part_of_a_live_photo_is_named_so(tmp_path, settings):
    """An iPhone's Live Photo copied whole (IMG_4321.HEIC and IMG_4321.MOV): staff were
    told to upload a three-second clip to YouTube."""
    files = base_site() | post_files("tin-tuc/hai", {"Title": "Hai", "Date": "2024-02-02"})
    files["tin-tuc/hai/IMG_4321.JPG"] = jpeg((300, 200))
    files["tin-tuc/hai/IMG_4321.MOV"] = b"\x00\x00\x00\x14ftypqt  " + bytes(64)
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    assert has(lines, "tin-tuc/hai/IMG_4321.MOV: cảnh báo / warning:",
               "this is the moving part of the iPhone Live Photo 'IMG_4321.JPG'", "delete this file")
    assert not any("YouTube" in line for line in lines)
    # A video beside its poster picture is a video: YouTube is the advice.
    files = base_site() | post_files("tin-tuc/ba", {"Title": "Ba", "Date": "2024-02-02"})
    files["tin-tuc/ba/hoi-nghi.jpg"] = jpeg((300, 200))
    files["tin-tuc/ba/hoi-nghi.mp4"] = b"\x00\x00\x00\x18ftypmp42" + bytes(64)
    lines, _ = lines_of(tmp_path / "poster", files, settings)
    assert has(lines, "tin-tuc/ba/hoi-nghi.mp4: cảnh báo / warning:", "YouTube")
    assert not any("Live Photo" in line for line in lines)


def test_a_photo_from_another_site_is_a_warning_with_its_line(tmp_path, settings):
    """It reaches readers' phones at whatever size that site keeps it (no renditions),
    and is gone when that site removes it."""
    body = ("![Lớp học](https://baomoi.example.vn/anh/lop-hoc.jpg)\n\n"
            '<img src="//cdn.example.org/a.png" alt="A">\n\n'
            "[Trang báo](https://baomoi.example.vn/bai.html)\n")
    files = base_site() | post_files("tin-tuc/hai", {"Title": "Hai", "Date": "2024-02-02", "body": body})
    lines, status = lines_of(tmp_path, files, settings)
    photos = [line.split(" / a photo")[0] for line in lines if "ảnh lấy từ trang khác" in line]
    assert status == 0 and photos == [
        "tin-tuc/hai/index.vi.md:4: cảnh báo / warning: ảnh lấy từ trang khác (baomoi.example.vn) không được thu "
        "nhỏ cho người đọc dùng điện thoại và sẽ mất khi trang đó xoá nó; hãy tải ảnh về thư mục bài rồi chèn "
        "bằng ![Chú thích](ten-anh.jpg)",
        "tin-tuc/hai/index.vi.md:6: cảnh báo / warning: ảnh lấy từ trang khác (cdn.example.org) không được thu "
        "nhỏ cho người đọc dùng điện thoại và sẽ mất khi trang đó xoá nó; hãy tải ảnh về thư mục bài rồi chèn "
        "bằng ![Chú thích](ten-anh.jpg)"], lines


def test_files_the_build_would_leave_out_without_a_word_are_errors(tmp_path, settings):
    """As the build says them: a post's text saved by Notepad as "index.vi.md.txt" (not a
    warning about "photos in no post's folder": the folder is a post's), a BMP picture,
    a captions file of no language of the site."""
    files = base_site()
    files["tin-tuc/notepad/index.vi.md.txt"] = "Title: Notepad\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/notepad/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/so-do.bmp"] = b"BM"
    files["tin-tuc/bai-mot/captions.vn.txt"] = "x.jpg: X\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/notepad/index.vi.md.txt: tệp 'index.vi.md.txt' không được đọc: tên phải là "
               "'index.vi.md'"), lines
    assert has(lines, "tin-tuc/bai-mot/so-do.bmp: tệp 'so-do.bmp' là ảnh BMP"), lines
    assert has(lines, "tin-tuc/bai-mot/captions.vn.txt: tệp chú thích ảnh phải có tên captions.vi.txt hoặc "
               "captions.en.txt"), lines
    assert len(lines) == 4, lines


def test_a_photo_in_a_folder_inside_the_post_that_its_text_places_is_no_warning(tmp_path, settings):
    """It is shown (the text places it: "anh/lop.jpg"); only the folder's other photos,
    which nothing shows, are warned of."""
    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] += "\n![Lớp học](anh/lop.jpg)\n"
    files["tin-tuc/bai-mot/anh/lop.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/anh/thua.jpg"] = jpeg((300, 200))
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    assert has(lines, "tin-tuc/bai-mot/anh/: cảnh báo / warning: 1 ảnh (thua.jpg)"), lines


def test_a_link_or_picture_written_so_that_markdown_shows_it_as_text_is_a_warning(tmp_path, settings):
    """"[kế hoạch] (https://…)", "[kế hoạch(https://…)", "![Ảnh(anh.jpg)": the page showed
    the brackets and the address as typed, and the photo moved to the gallery."""
    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] += (
        "\nXem [kế hoạch] (https://example.gov.vn/kh) và [lịch học(https://example.gov.vn/lich).\n"
        "\n![Ảnh lưu niệm(anh.jpg)\n\nĐúng: [kế hoạch](https://example.gov.vn/kh), giá [tham khảo] (2024).\n"
        "\n`[mã] (https://x.vn)`\n")
    lines, status = lines_of(tmp_path, files, settings)
    broken = [line for line in lines if "will show as it is written" in line]
    assert [line.split(": cảnh báo")[0] for line in broken] == ["tin-tuc/bai-mot/index.vi.md:6"] * 2 + [
        "tin-tuc/bai-mot/index.vi.md:8"], lines
    assert "'[kế hoạch] (https://example.gov.vn/kh)'" in broken[0] and "'[lịch học(https://example.gov.vn/lich)'" \
        in broken[1] and "'![Ảnh lưu niệm(anh.jpg)'" in broken[2], broken


def test_check_says_a_bad_date_status_or_pinned_line_in_the_builds_words(tmp_path, settings):
    """Each rule was written twice, with other words in each (check: "write it as
    2020-07-14 08:30", the build: "write 2020-07-14 or 2020-07-14 08:30")."""
    import re as _re

    for name, meta in [("ngay", {"Date": "14/7/2020"}), ("trang-thai", {"Date": "2024-01-02", "Status": "nhap"}),
                       ("ghim", {"Date": "2024-01-02", "Pinned": "luôn"})]:
        files = section_files("tin-tuc", "Tin tức", "News") | post_files(f"tin-tuc/{name}", {"Title": "Bài", **meta})
        lines, status = lines_of(tmp_path / name, files, settings)
        said = [line.split(": ", 1)[1].replace("lỗi / error: ", "") for line in lines if f"tin-tuc/{name}/" in line]
        site = build_site(tmp_path / f"build-{name}", files, expect_ok=False)
        log = " ".join(_re.sub(r"\s+\S+\.py:\d+$", "", line).strip() for line in site.log.splitlines())
        assert status == 1 and said, lines
        for message in said:
            assert " ".join(message.split()) in " ".join(log.split()), (message, site.log)


def test_a_text_in_a_language_the_site_lacks_is_one_error_not_also_a_missing_original(tmp_path, settings):
    """``index.vn.md`` (or ``index.vi .md``): the error names the two right names; a
    warning followed it, saying the post had no Vietnamese original and showed on
    English pages only, of a folder with no English text."""
    files = base_site()
    files["tin-tuc/bai-moi/index.vn.md"] = "Title: Bài mới\nDate: 2024-01-03\n\nNội dung.\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    mine = [line for line in lines if "bai-moi" in line]
    assert mine == ["tin-tuc/bai-moi/index.vn.md: ngôn ngữ 'vn' không có trên trang: tên tệp phải là "
                    "index.vi.md hoặc index.en.md / unknown language 'vn': the file must be named "
                    "index.vi.md or index.en.md"], lines


def test_a_lang_line_contradicting_the_file_name_is_one_error(tmp_path, settings):
    """``Lang: en`` in ``index.vi.md``: the build's error, and no "not needed" warning for
    the same line beside it; ``Lang: vi`` there is only not needed."""
    files = base_site()
    files |= post_files("tin-tuc/bai-lang", {"Title": "Bài", "Date": "2024-01-03", "Lang": "en"})
    files |= post_files("tin-tuc/bai-thua", {"Title": "Bài thừa", "Date": "2024-01-04", "Lang": "vi"})
    # a draft is not built: its line is said here, or nowhere
    files |= post_files("tin-tuc/nhap", {"Title": "Nháp", "Date": "2024-01-05", "Status": "draft", "Lang": "en"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert [line for line in lines if "bai-lang" in line] == [
        "tin-tuc/bai-lang/index.vi.md:3: 'Lang:' mâu thuẫn với tên tệp, hãy xoá dòng đó / 'Lang:' "
        "contradicts the file name; remove that line (the language comes from index.<lang>.md)"], lines
    assert [line for line in lines if "bai-thua" in line] == [
        "tin-tuc/bai-thua/index.vi.md:3: cảnh báo / warning: không cần dòng 'Lang:', trang lấy nó từ tên thư mục và tên tệp; "
        "hãy xoá dòng này / 'Lang:' is not needed: it comes from the folder and file name; remove the line"], lines
    assert any(line.startswith("tin-tuc/nhap/index.vi.md:4: cảnh báo / warning: không cần dòng 'Lang:'")
               for line in lines), lines


def test_a_file_not_saved_as_utf8_is_named_with_its_line_in_the_builds_words(tmp_path, settings):
    """Saved in Windows-1258 (an old editor's Vietnamese): check said less than the build,
    with no line; a file saved as UTF-16 (Notepad's "Unicode") is named so."""
    files = base_site()
    files["tin-tuc/bai-ma/index.vi.md"] = "Title: Bai\nDate: 2024-01-03\n\nNơi đào.\n".encode("cp1258")
    files["tin-tuc/bai-utf16/index.vi.md"] = "Title: Bài\nDate: 2024-01-03\n\nNội dung.\n".encode("utf-16")
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert "tin-tuc/bai-ma/index.vi.md:4: tệp không phải UTF-8 (có thể là Windows-1258 hay mã cũ khác): " \
           "hãy lưu lại với bảng mã UTF-8 / the file is not UTF-8 (perhaps Windows-1258): save it again " \
           "as UTF-8" in lines, lines
    assert any(line.startswith("tin-tuc/bai-utf16/index.vi.md: tệp được lưu ở dạng UTF-16") for line in lines), lines


def test_links_that_loop_or_lead_nowhere_are_errors_as_in_the_build(tmp_path, settings):
    """The build refuses a symbolic link that loops or leads nowhere; check passed them."""
    write_files(tmp_path / "content", base_site())
    post = tmp_path / "content" / "tin-tuc" / "bai-mot"
    (post / "vong-lap").symlink_to("..")
    (post / "anh-o-d.jpg").symlink_to(tmp_path / "khong-co" / "anh.jpg")
    report = check(tmp_path / "content", settings)
    lines = report.error_lines()
    assert has(lines, "tin-tuc/bai-mot/vong-lap: liên kết dẫn ngược về thư mục chứa nó"), lines
    assert has(lines, "tin-tuc/bai-mot/anh-o-d.jpg: liên kết không dẫn tới đâu cả"), lines
    assert report.status == 1


def test_a_modified_date_the_build_refuses_or_before_the_date(tmp_path, settings):
    """check passed "Modified: 5/3/2024", which the build refuses; and a Modified before
    the Date (search engines told the post changed before it was published)."""
    files = base_site()
    files |= post_files("tin-tuc/sai", {"Title": "Sai", "Date": "2024-03-01", "Modified": "5/3/2024"})
    files |= post_files("tin-tuc/som", {"Title": "Sớm", "Date": "2024-03-01 08:00", "Modified": "2023-03-05"})
    files |= post_files("tin-tuc/dung", {"Title": "Đúng", "Date": "2024-03-01", "Modified": "2024-03-05 10:00"})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1
    assert has(lines, "tin-tuc/sai/index.vi.md:3: ngày '5/3/2024' không đọc được"), lines
    assert has(lines, "tin-tuc/som/index.vi.md:3: cảnh báo / warning: ngày sửa 2023-03-05 trước ngày đăng "
               "2024-03-01 08:00"), lines
    assert not any("tin-tuc/dung/" in line for line in lines), lines
    site = build_site(tmp_path / "built", files, expect_ok=False)
    assert "tin-tuc/sai/index.vi.md:3: ngày '5/3/2024' không đọc được" in site.log


def test_a_folder_name_is_warned_of_unless_it_is_only_longer_than_an_address_is_made(tmp_path, settings):
    """Folder names ending in "_" or "." were warned of, and long ASCII ones not: both
    stay so under the one rule for addresses (a long name is not cut short by check)."""
    files = base_site()
    long = "-".join(["hoi-nghi-tong-ket-cong-tac-dao-tao"] * 3)
    for name in ("lop-hoc-cu_", "lop-hoc-xua.", "Lop-Hoc", long):
        files |= post_files(f"tin-tuc/{name}", {"Title": "Bài", "Date": "2024-01-02"})
    lines, _ = lines_of(tmp_path, files, settings)
    warned = {line.split("/")[1] for line in lines if "nên viết không dấu" in line}
    assert warned == {"lop-hoc-cu_", "lop-hoc-xua.", "Lop-Hoc"}, lines


def test_a_folder_names_suggested_name_is_never_one_its_neighbour_has(tmp_path, settings):
    """"hội-nghị" beside "hoi-nghi" (a post copied, then named in Vietnamese) was told to
    be named "hoi-nghi": two folders of one address, which the build refuses."""
    files = base_site()
    for name, title in (("hoi-nghi", "Hội nghị"), ("hội-nghị", "Hội nghị mới"), ("hoi-nghi-2", "Hội nghị 2")):
        files |= post_files(f"tin-tuc/{name}", {"Title": title, "Date": "2024-01-02"})
    lines, _ = lines_of(tmp_path, files, settings)
    assert has(lines, "tin-tuc/hội-nghị/: cảnh báo / warning: tên thư mục nên viết không dấu, chữ thường, nối "
               "bằng gạch ngang; 'hoi-nghi' là tên thư mục khác ở đây, hãy chọn tên khác, ví dụ 'hoi-nghi-3' / "
               "folder names should be lowercase ASCII words joined by hyphens; 'hoi-nghi' is another folder's "
               "name here: choose another, e.g. 'hoi-nghi-3'"), lines
    files = base_site() | post_files("tin-tuc/hội-nghị", {"Title": "Hội nghị", "Date": "2024-01-02"})
    lines, _ = lines_of(tmp_path / "mot", files, settings)
    assert has(lines, "tin-tuc/hội-nghị/: cảnh báo / warning: tên thư mục nên viết không dấu, chữ thường, nối "
               "bằng gạch ngang: 'hoi-nghi' / "), lines


def test_a_post_of_metadata_lines_alone_is_warned_of_unless_it_has_photos(tmp_path, settings):
    """Its text not pasted, the page showed its title alone, and check said nothing. With
    photos it is a gallery, as meant; an empty file and a draft are not warned of so."""
    files = base_site()
    files["tin-tuc/trong/index.vi.md"] = "Title: Hội nghị tổng kết\nDate: 2024-01-03\n"
    files["tin-tuc/dong-trong/index.vi.md"] = "Title: Lịch học\nDate: 2024-01-03\n\n\n  \n"
    files["tin-tuc/anh/index.vi.md"] = "Title: Hình ảnh lớp học\nDate: 2024-01-03\n"
    files["tin-tuc/anh/lop.jpg"] = jpeg((300, 200))
    files["tin-tuc/nhap/index.vi.md"] = "Title: Nháp\nDate: 2024-01-03\nStatus: draft\n"
    lines, status = lines_of(tmp_path, files, settings)
    empty = [line for line in lines if "bài chưa có nội dung" in line]
    assert empty == [
        "tin-tuc/dong-trong/index.vi.md:4: cảnh báo / warning: bài chưa có nội dung: dưới các dòng thông tin "
        "đầu bài không có chữ nào và thư mục không có ảnh, người đọc chỉ thấy tiêu đề; hãy viết hay dán nội "
        "dung bài dưới một dòng trống / the post has no text under its metadata lines and its folder no "
        "photos: readers see its title alone; write or paste the text below a blank line",
        "tin-tuc/trong/index.vi.md:3: cảnh báo / warning: bài chưa có nội dung: dưới các dòng thông tin "
        "đầu bài không có chữ nào và thư mục không có ảnh, người đọc chỉ thấy tiêu đề; hãy viết hay dán nội "
        "dung bài dưới một dòng trống / the post has no text under its metadata lines and its folder no "
        "photos: readers see its title alone; write or paste the text below a blank line"], lines
    assert status == 0, lines


def test_footnotes_are_no_links(tmp_path, settings):
    """A footnote's text (``[^1]: Theo Quyết định số 123…``) is not a link definition:
    check took its first word for an address ("link 'Theo' leads to …/Theo/"), an error
    that stopped publish while the build showed the footnote."""
    files = base_site()
    files |= post_files("tin-tuc/ke-hoach", {"Title": "Kế hoạch đào tạo", "Date": "2024-01-03", "body": (
        "Nhà trường ban hành kế hoạch đào tạo năm 2027[^1] theo hướng dẫn[^cv].\n\n"
        "[^1]: Theo Quyết định số 123/QĐ-TBD ngày 01/11/2026.\n"
        "[^cv]: Công văn của Liên minh, [xem tại đây](../khong-co/).\n")})
    lines, status = lines_of(tmp_path, files, settings)
    # The link inside a footnote's text is still checked, on its own line.
    assert status == 1 and has(lines, "tin-tuc/ke-hoach/index.vi.md:7:", "khong-co"), lines
    assert not any("Theo" in line for line in lines) and len(lines) == 2, lines


def test_an_english_link_to_the_folder_of_a_post_not_translated_says_what_to_write(tmp_path, settings):
    """From an English text, ``../khai-giang/`` leads to that post's English page, which
    does not exist yet: the line says to link its Vietnamese file (it suggested the
    English page of the post holding the link, the closest address)."""
    files = base_site()
    files |= post_files("tin-tuc/khai-giang", {"Title": "Khai giảng", "Date": "2024-01-03"})
    files["tin-tuc/bai-mot/index.en.md"] += "\nSee [the opening](../khai-giang/#lich).\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 1 and has(lines, "tin-tuc/bai-mot/index.en.md:6: liên kết '../khai-giang/#lich' dẫn tới "
                               "/en/tin-tuc/khai-giang/", "(bài đó chưa có bản tiếng Anh: viết "
                               "'../khai-giang/index.vi.md')", "write '../khai-giang/index.vi.md'"), lines


def test_markdown_in_a_summary_is_said_to_show_as_typed(tmp_path, settings):
    """A Summary is plain text (README): its "**" and "[chi tiết](…)" showed as typed in
    listings and shares, and nothing said so."""
    files = base_site()
    files |= post_files("tin-tuc/tom-tat", {"Title": "Tóm tắt", "Date": "2024-01-03",
                                            "Summary": "Lớp **bồi dưỡng** khai giảng, [chi tiết](../bai-mot/)."})
    files |= post_files("tin-tuc/tom-tat-2", {"Title": "Tóm tắt 2", "Date": "2024-01-04",
                                              "Summary": "Học viên 3*4 tổ, giá 5*2 triệu."})
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0
    assert has(lines, "tin-tuc/tom-tat/index.vi.md:3: cảnh báo / warning: Summary là chữ thường: "
               "'**bồi dưỡng**' sẽ hiện nguyên dạng", "the Summary is plain text"), lines
    assert not any("tom-tat-2" in line for line in lines), lines


def words_of_length(length: int) -> str:
    """Vietnamese words, ``length`` characters long."""
    text = ("Lớp bồi dưỡng cán bộ hợp tác xã nông nghiệp tỉnh Quảng Ninh " * (length // 20 + 1))[:length]
    return text[:-1] + "a" if text.endswith(" ") else text


def test_a_title_or_summary_the_site_cuts_is_warned_of_and_builds(tmp_path, settings):
    """A 300-character title built without a word, and shares (Facebook, Zalo) and search
    results show only its start: check warns of a title longer than the JSON-LD headline
    the build writes whole (README: "invoke check"), and of a Summary longer than the
    listing's card shows, as the card reads it (its tags dropped). Warnings only: the
    build takes both, and cuts them exactly there."""
    import json

    files = base_site()
    for name, title, summary in (("dai-300", words_of_length(300), None),
                                 ("dai-110", words_of_length(110), words_of_length(240)),
                                 ("dai-111", words_of_length(111), "<b>" + words_of_length(241) + "</b>")):
        meta = {"Title": title, "Date": "2024-01-03"} | ({"Summary": summary} if summary else {})
        files |= post_files(f"tin-tuc/{name}", meta)
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0, lines
    assert has(lines, "tin-tuc/dai-300/index.vi.md:1: cảnh báo / warning: tiêu đề dài 300 ký tự",
               "the title is 300 characters long", "keep it to 110 characters"), lines
    assert has(lines, "tin-tuc/dai-111/index.vi.md:1: cảnh báo / warning: tiêu đề dài 111 ký tự"), lines
    assert has(lines, "tin-tuc/dai-111/index.vi.md:3: cảnh báo / warning: Summary dài 241 ký tự",
               "the Summary is 241 characters long"), lines
    assert has(lines, "tin-tuc/dai-111/index.vi.md:3: cảnh báo / warning: Summary là chữ thường: thẻ HTML '<b>'"), lines
    assert not any("dai-110" in line for line in lines), lines
    assert lines[-1].endswith("0 errors, 4 warnings."), lines
    site = build_site(tmp_path / "build", files)
    for name, cut in (("dai-110", False), ("dai-111", True)):
        page = site.html(f"tin-tuc/{name}/")
        graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
        headline = next(item["headline"] for item in graph if item["@type"] == "NewsArticle")
        assert headline.endswith("…") == cut, headline
        card = site.html("tin-tuc/").find("a", href=f"/tin-tuc/{name}/").find_parent("article")
        assert card.select_one(".card__summary").get_text().endswith("…") == cut, card
    assert site.html("tin-tuc/dai-300/").h1.get_text(strip=True) == words_of_length(300)


#: Summaries holding a style attribute, and whether the build drops it (a Summary is plain
#: text: its tags are dropped, their words kept), so that its colour does not show.
SUMMARY_STYLES = {
    "span": ('Lớp <span style="color:red">bồi dưỡng</span> khai giảng.', True),
    "unquoted": ("Lớp <b class=a style=color:red>mới</b> khai giảng.", True),
    "style-first": ('Lớp <span style="color:red" title="a>b">mới</span> khai giảng.', True),
    "quoted-gt": ('Lớp <span title="a>b" style="color:red">mới</span> khai giảng.', True),
    "words": ("Thuộc tính style=\"color:red\" không dùng được.", False),
}


def test_a_style_in_a_summary_is_said_exactly_when_the_build_drops_it(tmp_path, settings):
    """A Summary is plain text: the build drops its tags, their words kept, and a colour
    given to them with a style attribute was gone without a word (check read the text's
    styles only). Check says so exactly when the build drops one: not of a tag the build
    cuts short, whose style then shows as words, nor of the words "style=" in a
    sentence; nor of a tag in a title, which shows as typed."""
    files = base_site()
    for number, (name, (summary, _)) in enumerate(SUMMARY_STYLES.items()):
        files |= post_files(f"tin-tuc/{name}", {"Title": name, "Date": f"2024-02-{number + 1:02}",
                                                "Summary": summary})
    files |= post_files("tin-tuc/tieu-de", {"Title": 'Chữ <span style="color:red">đỏ</span>', "Date": "2024-03-01"})
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0, lines
    assert has(lines, "tin-tuc/span/index.vi.md:3: cảnh báo / warning: Summary là chữ thường: thẻ HTML trong đó bị "
               "bỏ, chỉ giữ chữ, nên định dạng style=\"…\" của '<span style=\"color:red\">'",
               "the styling of '<span style=\"color:red\">' (colour, size…) is not shown"), lines
    site = build_site(tmp_path / "build", files)
    differ = []
    for name, (summary, dropped) in SUMMARY_STYLES.items():
        card = site.html("tin-tuc/").find("a", href=f"/tin-tuc/{name}/").find_parent("article")
        shown = card.select_one(".card__summary").get_text()
        assert ("color:red" in shown) != dropped, (name, shown)  # (the build: what readers see)
        warned = [line for line in lines if line.startswith(f"tin-tuc/{name}/") and "style=" in line]
        if len(warned) != dropped:
            differ.append(name)
    assert differ == [], (differ, lines)
    assert "style" in site.html("tin-tuc/tieu-de/").h1.get_text()
    assert not any(line.startswith("tin-tuc/tieu-de/") for line in lines), lines


def test_a_tag_in_a_summary_is_said_as_the_build_drops_it(tmp_path, settings):
    """A Summary is plain text: "<b>", "<i>", "<a href=…>" in it are dropped, their words
    kept, and staff who meant bold, italics or a link were told nothing. Check says so at
    the Summary's line; not of words in angle brackets ("<Họ và tên>"), which are no tag
    and show, as in a post's text (the build dropped them, words and all). A tag with ">"
    in a quoted value is dropped whole (its rest showed as words)."""
    files = base_site()
    files |= post_files("tin-tuc/dam", {"Title": "Đậm", "Date": "2024-02-01",
                                        "Summary": "Lễ <b>khai giảng</b> lớp <i>bồi dưỡng</i> mới."})
    files |= post_files("tin-tuc/mau", {"Title": "Mẫu", "Date": "2024-02-02",
                                        "Summary": "Điền mẫu đơn, ghi rõ <Họ và tên>."})
    files |= post_files("tin-tuc/gia", {"Title": "Giá", "Date": "2024-02-03",
                                        "Summary": 'Học phí <abbr title="Giá > 100 nghìn">cao</abbr> hơn.'})
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0, lines
    assert has(lines, "tin-tuc/dam/index.vi.md:3: cảnh báo / warning: Summary là chữ thường: thẻ HTML '<b>' "
               "(cùng 1 thẻ khác) trong đó bị bỏ", "its HTML tag '<b>' (and 1 more) is dropped"), lines
    assert has(lines, "tin-tuc/gia/index.vi.md:3: cảnh báo / warning: Summary là chữ thường: thẻ HTML "
               "'<abbr title=\"Giá > 100 nghìn\">' trong đó bị bỏ"), lines
    assert not any(line.startswith("tin-tuc/mau/") for line in lines), lines
    site = build_site(tmp_path / "build", files)
    card = site.html("tin-tuc/").find("a", href="/tin-tuc/dam/").find_parent("article")
    summary = card.select_one(".card__summary")
    assert summary.get_text() == "Lễ khai giảng lớp bồi dưỡng mới." and summary.find(["b", "i"]) is None
    card = site.html("tin-tuc/").find("a", href="/tin-tuc/mau/").find_parent("article")
    assert card.select_one(".card__summary").get_text() == "Điền mẫu đơn, ghi rõ <Họ và tên>."
    assert site.html("tin-tuc/mau/").find("meta", attrs={"name": "description"})["content"] == (
        "Điền mẫu đơn, ghi rõ <Họ và tên>.")
    # A ">" in a tag's quoted value ends no tag: the tag was cut there, its rest shown.
    card = site.html("tin-tuc/").find("a", href="/tin-tuc/gia/").find_parent("article")
    assert card.select_one(".card__summary").get_text() == "Học phí cao hơn."
    assert site.html("tin-tuc/gia/").find("meta", attrs={"name": "description"})["content"] == "Học phí cao hơn."
    entry = next(e for e in site.feed("atom.xml").entries if e.link.endswith("/gia/"))
    assert entry.summary == "Học phí cao hơn."


def test_check_reads_the_metadata_as_the_build_does_with_control_characters(tmp_path, settings):
    """Text copied from a PDF or a Word field can carry control characters (a form feed
    before "Date:", a vertical tab in a title) that the reader drops before Markdown
    reads the file: the build took such a post, check read the line as the text's start
    and refused it ("missing Date:"). Both now read the block in one place
    (sitemodel.build.parse_header)."""
    files = base_site()
    files["tin-tuc/pdf/index.vi.md"] = ("Title: Bài chép\x0b từ PDF\n\x0cDate: 2024-01-05 08:00\n"
                                        "Author: Phòng Đào tạo\n\nNội dung.\n")
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0 and not [line for line in lines if "tin-tuc/pdf" in line], lines
    site = build_site(tmp_path / "build", files)
    assert site.html("tin-tuc/pdf/").select_one(".post__meta time")["datetime"].startswith("2024-01-05T08:00")


def test_check_finds_a_script_between_two_blocks_holding_a_backtick(tmp_path, settings):
    """A backtick at the end of a heading and another in a list below made check take
    all between them for code (its pattern ran across blocks), so it missed the
    <script> in the paragraph between, which the build refuses (found by invoke fuzz).
    Markdown keeps a code span within one block; so does check now. A span over two lines
    of one paragraph is still code to both."""
    files = base_site()
    files["tin-tuc/ma/index.vi.md"] = ("Title: Mã nhúng\nDate: 2024-01-05 08:00\n\n## Cách gõ dấu `\n\n"
                                       "Đoạn có <script>alert(1)</script> ở giữa.\n\n- mục `a\n")
    files["tin-tuc/ma-dung/index.vi.md"] = ("Title: Mã trong dòng\nDate: 2024-01-06 08:00\n\n"
                                            "Gõ `<script>\nalert(1)</script>` để thử.\n")
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert has(lines, "tin-tuc/ma/index.vi.md:6:", "<script>"), lines
    assert not [line for line in lines if "ma-dung" in line], lines
    site = build_site(tmp_path / "build", files, expect_ok=False)
    assert site.result.returncode == 1 and "tin-tuc/ma/index.vi.md:6:" in site.log, site.log
    assert "ma-dung" not in site.log, site.log


@pytest.mark.parametrize("typed", [
    "Xem www.truong[1].vn, hỏi phòng đào tạo.",  # brackets typed in an address as text
    "Xem <https://[trang-cu>.",  # and in Markdown's <…>
    "Xem https://example.org/9:[+©K·H´.vn và www.9:[+©K·H´.vn, hỏi a.b@truong.vn.",  # invoke fuzz's
])
def test_an_address_typed_as_text_that_the_build_refuses_is_checks_error_too(tmp_path, settings, typed):
    """The build links addresses typed as text (pymdownx.magiclink) and refuses one no
    browser can open; check read links from the Markdown alone and passed the post, so
    invoke publish went on to a build that stopped. Both now give the same line."""
    files = base_site() | post_files("tin-tuc/dia-chi", {"Title": "Địa chỉ", "Date": "2024-01-05",
                                                         "body": f"Đoạn đầu.\n\n{typed}\n"})
    lines, status = lines_of(tmp_path / "check", files, settings)
    said = [line for line in lines if line.startswith("tin-tuc/dia-chi/index.vi.md:6: ")]
    assert status == 1 and len(said) == 1 and "không hợp lệ" in said[0], lines
    site = build_site(tmp_path / "build", files, expect_ok=False)
    assert site.result.returncode == 1 and " ".join(said[0].split()) in " ".join(site.log.split()), site.log


def test_addresses_typed_as_text_that_browsers_open_pass_check(tmp_path, settings):
    """Letters outside ASCII in an address's host or path, and brackets after its host,
    are addresses a browser opens: neither check nor the build stops on them."""
    body = ("Xem https://vi.wikipedia.org/wiki/Hợp_tác_xã, www.hợptácxã.vn và "
            "https://example.org/a[1].pdf.")
    files = base_site() | post_files("tin-tuc/dia-chi", {"Title": "Địa chỉ", "Date": "2024-01-05", "body": body})
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0, lines
    assert build_site(tmp_path / "build", files).result.returncode == 0


def test_check_reads_the_text_without_what_the_reader_drops(tmp_path, settings):
    """A zero-width space or a soft hyphen pasted inside a link's address is dropped by
    the reader (sitemodel.text.clean_pasted), so the build links the post; check read
    the address with it and said the post did not exist. Both read the text alike."""
    files = base_site()
    files["tin-tuc/lien-ket/index.vi.md"] = ("Title: Liên kết\nDate: 2024-01-05 08:00\n\n"
                                             "Xem [bài một](/tin-tuc/bai\u200b-mot/) và [bài"
                                             " khác](/tin-tuc/bai-\u00admot/).\n")
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0 and not [line for line in lines if "lien-ket" in line], lines
    site = build_site(tmp_path / "build", files)
    links = [a["href"] for a in site.html("tin-tuc/lien-ket/").select(".post__body a")]
    assert links == ["/tin-tuc/bai-mot/"] * 2, links


def test_line_separators_pasted_into_a_post_are_spaces_for_check_and_build_alike(tmp_path, settings):
    """A date pasted from a PDF with U+2028 between its day and its time was refused as
    unreadable by check and the build, in a message that showed it readable. Both read
    the separator as a space; it ends no line, so a mistake below it is said on the line
    the editor shows."""
    files = base_site()
    files["tin-tuc/dan/index.vi.md"] = ("Title: Hội nghị\u2028tổng kết\nDate: 2024-01-05\u202808:00\n\n"
                                        "Dòng một\u2028dòng hai.\u2029Đoạn ba.\n\n[Bài](/tin-tuc/khong-co/)\n")
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 1 and [line for line in lines if "tin-tuc/dan/" in line] == [
        line for line in lines if line.startswith("tin-tuc/dan/index.vi.md:6: liên kết '/tin-tuc/khong-co/'")], lines
    files["tin-tuc/dan/index.vi.md"] = files["tin-tuc/dan/index.vi.md"].replace("[Bài](/tin-tuc/khong-co/)", "")
    site = build_site(tmp_path / "build", files)
    assert site.html("tin-tuc/dan/").select_one("time")["datetime"].startswith("2024-01-05T08:00")


def test_the_task_cut_short_by_head_ends_quietly_with_its_status(tmp_path):
    """``invoke check | head``: once head had its lines, the task's next write found the
    pipe closed, and a BrokenPipeError traceback followed the lines shown. The pipe here
    is closed before the task starts, so that its first write meets it so."""
    from staff_support import invoke_into_closed_pipe

    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] = "Title: Bài một\n\nKhông có ngày.\n"
    write_files(tmp_path / "content", files)
    result = invoke_into_closed_pipe("check", "--content", str(tmp_path / "content"), home=tmp_path)
    assert result.stderr == "" and result.returncode == 1, result.stderr


@pytest.mark.parametrize("written", ["", "  \n\n\t\n", "\ufeff\n", "\u200b\u00a0\n"])
def test_an_empty_file_is_said_to_be_empty_by_check_and_build_alike(tmp_path, settings, written):
    """A post's file made and not written yet, or emptied by a copy that failed: the
    build said 'missing Date:', check said the title and the date were missing, two
    lines in other words; both now say the file is empty, once."""
    files = base_site() | {"tin-tuc/moi/index.vi.md": written}
    said = "tin-tuc/moi/index.vi.md:1: tệp trống"
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 1 and [line for line in lines if "moi" in line] == [
        line for line in lines if line.startswith(said)] and has(lines, said), lines
    site = build_site(tmp_path / "build", files, expect_ok=False)
    log = [line for line in site.log.splitlines() if "tin-tuc/moi/" in line]
    assert site.result.returncode == 1 and len(log) == 1 and said in log[0], site.log


def test_a_link_to_the_site_in_a_caption_is_said_to_show_as_words(tmp_path, settings):
    """A caption's link to a post, a page or a file of the site ("[xem bài](../khac/)",
    "{filename}…") shows as its words alone (captions do not go through the text's
    handling of links), which nothing said: check names the captions file and line.
    A link to a web address in a caption works, and is not said."""
    files = base_site()
    files["tin-tuc/bai-mot/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/lop.jpg"] = jpeg((300, 200), (160, 90, 30))
    files["tin-tuc/bai-mot/captions.vi.txt"] = (
        "# Chú thích\nanh.jpg: Học viên, [bài gốc](https://baoquangninh.vn/bai)\n\n"
        "lop.jpg: Lớp học ([xem bài](../khac/)), [kế hoạch]({filename}../bai-hai/index.vi.md)\n")
    files["tin-tuc/bai-mot/captions.en.txt"] = "anh.jpg: Students\nlop.jpg: The class ([more](/tin-tuc/))\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    said = [line for line in lines if "chỉ hiện thành chữ" in line]
    assert said == [
        "tin-tuc/bai-mot/captions.en.txt:2: cảnh báo / warning: liên kết tới '/tin-tuc/' trong chú thích ảnh "
        "chỉ hiện thành chữ 'more', bấm vào không được: chú thích chỉ giữ liên kết tới một trang web "
        "(https://…); hãy đặt liên kết này trong bài viết / the link to '/tin-tuc/' in a photo's caption "
        "shows only as its words 'more', which cannot be clicked: a caption keeps only links to a web "
        "address (https://…); put this link in the post's text",
        "tin-tuc/bai-mot/captions.vi.txt:4: cảnh báo / warning: liên kết tới '../khac/' trong chú thích ảnh "
        "chỉ hiện thành chữ 'xem bài', bấm vào không được: chú thích chỉ giữ liên kết tới một trang web "
        "(https://…); hãy đặt liên kết này trong bài viết / the link to '../khac/' in a photo's caption "
        "shows only as its words 'xem bài', which cannot be clicked: a caption keeps only links to a web "
        "address (https://…); put this link in the post's text",
        "tin-tuc/bai-mot/captions.vi.txt:4: cảnh báo / warning: liên kết tới '{filename}../bai-hai/index.vi.md' "
        "trong chú thích ảnh chỉ hiện thành chữ 'kế hoạch', bấm vào không được: chú thích chỉ giữ liên kết "
        "tới một trang web (https://…); hãy đặt liên kết này trong bài viết / the link to "
        "'{filename}../bai-hai/index.vi.md' in a photo's caption shows only as its words 'kế hoạch', which "
        "cannot be clicked: a caption keeps only links to a web address (https://…); put this link in the "
        "post's text"], lines


def test_a_picture_in_a_caption_is_said_to_show_as_words(tmp_path, settings):
    """A picture written in a captions file ("![Lớp học](anh.jpg)" as a caption's text)
    shows only as its words (a figure's caption holds no other picture), which nothing
    said: check names the captions file and line, once a picture, and says what to do."""
    files = base_site()
    files["tin-tuc/bai-mot/anh.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/lop.jpg"] = jpeg((300, 200), (160, 90, 30))
    files["tin-tuc/bai-mot/captions.vi.txt"] = (
        "# Chú thích\nanh.jpg: Học viên thảo luận\n\n"
        "lop.jpg: ![Lớp học](lop.jpg) và ![](https://baoquangninh.vn/anh.jpg) `![mã](x.jpg)`\n")
    files["tin-tuc/bai-mot/captions.en.txt"] = "anh.jpg: ![The class](anh.jpg)\nlop.jpg: The class\n"
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    said = [line for line in lines if "chú thích không chứa được ảnh" in line]
    assert said == [
        "tin-tuc/bai-mot/captions.en.txt:1: cảnh báo / warning: ảnh 'anh.jpg' trong chú thích ảnh chỉ hiện "
        "thành chữ 'The class': chú thích không chứa được ảnh; hãy chép ảnh vào thư mục bài (ảnh tự hiện "
        "trong bộ ảnh cuối bài, chú thích của nó viết trên dòng riêng) hoặc chèn ảnh vào nội dung bài / the "
        "picture 'anh.jpg' in a photo's caption shows only as its words 'The class': a caption cannot hold "
        "a picture; put the photo in the post's folder (it appears in the gallery by itself, with its "
        "caption on a line of its own) or put the picture in the post's text",
        "tin-tuc/bai-mot/captions.vi.txt:4: cảnh báo / warning: ảnh 'https://baoquangninh.vn/anh.jpg' trong "
        "chú thích ảnh không hiện gì: chú thích không chứa được ảnh; hãy chép ảnh vào thư mục bài (ảnh tự "
        "hiện trong bộ ảnh cuối bài, chú thích của nó viết trên dòng riêng) hoặc chèn ảnh vào nội dung bài / "
        "the picture 'https://baoquangninh.vn/anh.jpg' in a photo's caption shows nothing: a caption cannot "
        "hold a picture; put the photo in the post's folder (it appears in the gallery by itself, with its "
        "caption on a line of its own) or put the picture in the post's text",
        "tin-tuc/bai-mot/captions.vi.txt:4: cảnh báo / warning: ảnh 'lop.jpg' trong chú thích ảnh chỉ hiện "
        "thành chữ 'Lớp học': chú thích không chứa được ảnh; hãy chép ảnh vào thư mục bài (ảnh tự hiện "
        "trong bộ ảnh cuối bài, chú thích của nó viết trên dòng riêng) hoặc chèn ảnh vào nội dung bài / the "
        "picture 'lop.jpg' in a photo's caption shows only as its words 'Lớp học': a caption cannot hold "
        "a picture; put the photo in the post's folder (it appears in the gallery by itself, with its "
        "caption on a line of its own) or put the picture in the post's text"], lines
    assert lines[-1].endswith("0 errors, 3 warnings."), lines


def test_a_picture_or_link_in_a_caption_is_said_to_show_the_words_the_page_shows(tmp_path, settings):
    """The words check quoted for a picture or a link in a captions file were as typed,
    Markdown and all ("'Lớp học *đẹp*'", 'xem bài "mới"'), where the page shows "Lớp học
    đẹp" and "xem bài “mới”": check quotes the words as the page shows them."""
    files = base_site()
    files["tin-tuc/bai-mot/lop.jpg"] = jpeg((300, 200))
    files["tin-tuc/bai-mot/captions.vi.txt"] = (
        'lop.jpg: ![Lớp học *đẹp* &amp;ndash; "x"](lop.jpg) và [xem _bài_ "mới"](../khac/)\n')
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    said = [line for line in lines if "tin-tuc/bai-mot/captions.vi.txt:1:" in line]
    assert len(said) == 2, lines
    assert "liên kết tới '../khac/' trong chú thích ảnh chỉ hiện thành chữ 'xem bài “mới”'," in said[0]
    assert "the link to '../khac/' in a photo's caption shows only as its words 'xem bài “mới”'," in said[0]
    assert "ảnh 'lop.jpg' trong chú thích ảnh chỉ hiện thành chữ 'Lớp học đẹp &ndash; “x”':" in said[1]
    assert "picture 'lop.jpg' in a photo's caption shows only as its words 'Lớp học đẹp &ndash; “x”':" in said[1]


def test_style_attributes_are_said_not_to_show(tmp_path, settings):
    """Colour or centring written as HTML's style attribute (typed, or HTML copied from a
    web page or an editor) is ignored by browsers under the site's Content-Security-Policy
    (style-src 'self'), so it is not on the page; nothing said so. Check says it once a
    post, at its first line, and what to write instead. Not said: a style attribute in
    code or a comment, a frame's (the build drops it), <font color> and align= (which
    show), a table's column aligned with |---:|."""
    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] = (
        "Title: Bài một\nDate: 2024-01-02 08:00\n\n"
        "Mã `<span style=\"color:red\">` trong bài.\n<!-- <p style=\"x\"> -->\n\n"  # lines 4-5
        "Chữ <span style=\"color:red\">đỏ</span> và <span STYLE='font-size:20px'>to</span>.\n\n"  # line 7
        "<p style=\"text-align:center\">Giữa</p>\n\n"  # line 9
        "Đoạn căn phải\n{: style=\"text-align:right\" }\n")  # line 12
    files["tin-tuc/bai-hai/index.vi.md"] = (
        "Title: Bài hai\nDate: 2024-01-03 08:00\n\n"
        "<font color=\"red\">Đỏ</font>\n\n<p align=\"center\">Giữa</p>\n\n"
        "Ghi rõ <Họ và tên style=\"x\">.\n\n"
        "<iframe src=\"https://www.google.com/maps/embed?pb=1\" style=\"border:0;\" width=\"600\"></iframe>\n\n"
        "| Lớp | Học viên |\n|---|---:|\n| A | 30 |\n\n```\n<p style=\"color:red\">\n```\n")
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    said = [line for line in lines if "style=" in line]
    assert said == [
        "tin-tuc/bai-mot/index.vi.md:7: cảnh báo / warning: định dạng viết bằng thuộc tính style=\"…\" "
        "(màu chữ, căn giữa, cỡ chữ, thụt lề…) không hiện trên trang vì chính sách bảo mật của trang "
        "khiến trình duyệt bỏ qua nó (cùng 2 dòng khác); hãy xoá nó và dùng cách viết Markdown: "
        "**chữ đậm**, *chữ nghiêng*, tiêu đề (## Tiêu đề), và |---:| hay |:---:| để căn phải hay căn "
        "giữa một cột của bảng / styling written as a style=\"…\" attribute (colour, centring, font "
        "size, indents…) is not shown on the site: its security policy has browsers ignore it (and on "
        "2 more line(s)); remove it and use Markdown: **bold**, *italic*, headings (## Heading), and "
        "|---:| or |:---:| to align a table's column to the right or the centre"], lines
    assert lines[-1].endswith("0 errors, 1 warning."), lines


#: Odd start tags, each the text of a post of its own, and whether the page the build makes
#: of it would carry a ``style`` attribute a browser reads (so the build drops it, and check
#: should say so): checked below against html.parser's reading of Markdown's HTML.
ODD_TAGS = {
    "quoted-gt": ('<span title="a>b" style="color:red">x</span>', True),
    "style-in-a-value": ('<span title="a style=color:red">x</span>', False),
    "unquoted": ("<span class=do style=color:red>x</span>", True),
    "uppercase": ('<P STYLE="color:red">y</P>', True),
    "lt-in-text": ('2 < 3 và <span style="color:red">c</span>', True),
    "multi-line": ('<span\n  class="a"\n  style="color:red">c</span>', True),
    "br": ('Một<br/><span style="color:red">x</span>', True),
    "bare": ("<span style>x</span>", True),
    "quote-in-unquoted-block": ("<div title=it's style=\"color:red\">x</div>", True),
    "quote-in-unquoted-inline": ("Chữ <span title=it's style=\"color:red\">x</span>", True),  # as browsers read it
    "slash-before": ('<div/style="color:red">x</div>', True),
    "no-space-block": ('<div title="x"style="color:red">y</div>', True),
    "no-space-inline": ('Chữ <span title="x"style="color:red">y</span>', False),  # text
    "namespace": ('<o:p style="color:red">y</o:p>', False),  # Word's; Markdown shows it as text
    "data-style": ('<span data-style="x">y</span>', False),
}


def test_check_says_of_odd_tags_what_the_build_drops(tmp_path, settings):
    """invoke check reads the post's Markdown, the build (reader.convert.without_styles)
    the HTML Markdown made of it: for tags written oddly (a ">" or "style=" inside a quoted
    value, unquoted values, a quote inside one, "/" or no space between attributes, a bare
    style, upper case, over several lines, a namespace) check warns of a post exactly when
    the build drops a style attribute from it, and the page keeps none."""
    from bs4 import BeautifulSoup

    from reader.convert import Options, markdown_html

    options = Options(markdown=settings["MARKDOWN"], formatted_fields=(), typogrify=False,
                      typogrify_ignore_tags=(), typogrify_omit=(), typogrify_dashes="default")
    files = section_files("tin-tuc", "Tin tức", "News")
    for number, (name, (body, _)) in enumerate(ODD_TAGS.items()):
        files |= post_files(f"tin-tuc/{name}", {"Title": name, "Date": f"2024-01-{number + 1:02} 08:00",
                                                "body": body + "\n"})
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0, lines
    site = build_site(tmp_path / "build", files)
    differ = []
    for name, (body, styled) in ODD_TAGS.items():
        # The label above is a browser's reading of the HTML Markdown makes of the text.
        html = markdown_html(f"Title: {name}\n\n{body}\n", options)[0]
        assert bool(BeautifulSoup(html, "html.parser").find_all(style=True)) == styled, (name, html)
        warned = [line for line in lines if line.startswith(f"tin-tuc/{name}/index.vi.md:")
                  and 'thuộc tính style="…"' in line]
        if len(warned) != styled:
            differ.append((name, "warned" if warned else "not warned"))
        page = site.html(f"tin-tuc/{name}/")
        assert page.find_all(style=True) == [], name
    assert differ == [], differ
    page = site.html("tin-tuc/style-in-a-value/")
    assert page.select_one(".post__body span")["title"] == "a style=color:red"  # nothing dropped


def test_the_style_warning_names_the_lines_the_build_drops_a_style_from(tmp_path, settings):
    """A tag Python-Markdown shows as text ('<span title="x"style=…>' in a paragraph, no
    space before the attribute) keeps its words; with a style the build drops further
    down, check named the first
    line, the text's, and counted it among the lines. It names those the build drops a
    style from, and says nothing of a post whose only dropped style is a frame's."""
    files = base_site()
    shown = "Chữ <span title=\"x\"style=\"color:red\">x</span> trong đoạn."
    files["tin-tuc/bai-mot/index.vi.md"] = (
        f"Title: Bài một\nDate: 2024-01-02 08:00\n\n{shown}\n\n"  # line 4: shown as text
        "Dòng <span style=\"color:blue\">xanh</span>.\n")  # line 6: dropped
    files["tin-tuc/bai-hai/index.vi.md"] = (
        "Title: Bài hai\nDate: 2024-01-03 08:00\n\n<p style=\"text-align:center\">Giữa</p>\n\n"  # line 4
        f"{shown}\n\nĐoạn căn phải\n{{: style=\"text-align:right\" }}\n")  # lines 6, 9
    files["tin-tuc/bai-ba/index.vi.md"] = (
        f"Title: Bài ba\nDate: 2024-01-04 08:00\n\n{shown}\n\n"
        "<iframe src=\"https://www.google.com/maps/embed?pb=1\" style=\"border:0;\"></iframe>\n")
    lines, status = lines_of(tmp_path / "check", files, settings)
    assert status == 0, lines
    said = sorted(line.split(": ")[0] for line in lines if "thuộc tính style=" in line)
    assert said == ["tin-tuc/bai-hai/index.vi.md:4", "tin-tuc/bai-mot/index.vi.md:6"], lines
    assert has(lines, "tin-tuc/bai-hai/index.vi.md:4:", "(cùng 1 dòng khác)", "(and on 1 more line(s))"), lines
    assert not has(lines, "tin-tuc/bai-mot/index.vi.md:6:", "dòng khác"), lines
    site = build_site(tmp_path / "build", files)
    for name in ("bai-mot", "bai-hai", "bai-ba"):
        body = site.html(f"tin-tuc/{name}/").select_one(".post__body")
        assert "<span title=”x”style" in body.get_text() and body.find_all(style=True) == [], name  # text


def test_a_tag_with_a_quote_in_a_value_without_quotes_is_said_with_its_line(tmp_path, settings):
    """"<span title=it's here>" showed on the page as text; the build now reads it as a
    browser does, its title "it's" (``reader.as_typed.LooseTag``), perhaps not what was
    meant: check says where, how the page reads it and the fix. A tag written well, a
    word in angle brackets and code are not said."""
    files = base_site()
    files["tin-tuc/bai-mot/index.vi.md"] = (
        "Title: Bài một\nDate: 2024-01-02 08:00\n\n"
        "Xin <span title=\"it's here\">chào</span>, ghi rõ <Họ và tên>, mã `<b class=x'y>`.\n\n"
        "Dòng <span title=it's here>chào</span> bạn.\n")  # line 6
    lines, status = lines_of(tmp_path, files, settings)
    assert status == 0, lines
    said = [line for line in lines if "ngoặc kép" in line]
    assert said == [
        "tin-tuc/bai-mot/index.vi.md:6: cảnh báo / warning: thẻ <span title=it's here> có giá trị không "
        "nằm trong ngoặc kép mà chứa dấu nháy, nên trang đọc nó thành <span title=\"it's\" here>, có thể "
        "không như bạn muốn; hãy đặt giá trị trong ngoặc kép: title=\"…\" / the tag <span title=it's here> "
        "has a value with a quote in it that is not in double quotes, so the page reads it as "
        "<span title=\"it's\" here>, perhaps not as you meant; put the value in double quotes: "
        "title=\"…\""], lines


def test_a_drafts_metadata_mistakes_are_warnings_and_stop_neither_the_build_nor_publishing(tmp_path, settings):
    """A typo'd line in a draft (the English one ``invoke new --en`` makes) was an error in
    check, so ``invoke publish`` (check first) refused to publish anything, while the
    preview and the build said nothing; a date they could not read in a draft stopped
    the build. A draft is never published: check warns of its metadata's mistakes, saying
    they become errors once 'Status: draft' goes, and the build leaves it out as it is."""
    from staff.publish import run_check

    files = base_site()
    files["tin-tuc/bai-mot/index.en.md"] = ("Title: Post one\nDate: 2024-01-02 08:00\nStatus: draft\n"
                                            "Tgas: cooperatives\n\nText.\n")
    files |= post_files("tin-tuc/nhap", {"Title": "Nháp", "Date": "ngày mai", "Status": "Draft"})
    files["tin-tuc/hai-lan/index.vi.md"] = "Title: Hai lần\nStatus: draft\nDate: 2024-01-03\nDate: 2024-01-04\n\nx\n"
    files["tin-tuc/khong-ten/index.vi.md"] = "Date: 2024-01-05\nStatus: draft\n\nx\n"
    site = build_site(tmp_path, files)
    assert site.html("tin-tuc/bai-mot/").h1.get_text(strip=True) == "Bài một"
    assert not site.exists("en/tin-tuc/bai-mot/") and not site.exists("tin-tuc/nhap/")
    report = check(tmp_path / "content", settings)
    assert report.errors == [], report.lines()
    note = ("cảnh báo / warning: bài nháp nên chưa chặn việc đăng, nhưng sẽ là lỗi khi bỏ dòng 'Status: draft' / "
            "a draft, so publishing is not stopped, but this is an error once 'Status: draft' is removed: ")
    lines = report.lines()
    assert has(lines, f"tin-tuc/bai-mot/index.en.md:4: {note}không hiểu dòng 'Tgas:' (có phải 'Tags:'?)"), lines
    assert has(lines, f"tin-tuc/nhap/index.vi.md:2: {note}ngày 'ngày mai' không đọc được"), lines
    assert has(lines, "tin-tuc/hai-lan/index.vi.md:4: " + note), lines
    assert has(lines, f"tin-tuc/khong-ten/index.vi.md:1: {note}thiếu tiêu đề"), lines
    assert run_check(tmp_path / "content", settings)

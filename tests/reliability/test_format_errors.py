"""Mistakes in posts and folders: each is one line ``path[:line]: message``, the build
exits with status 1, and no Python traceback is printed (``--fatal warnings`` builds)."""

from __future__ import annotations

import os
import unicodedata

import pytest
from conftest import build_site, post_files, section_files, write_files
from reliability_support import error_lines

NEWS = section_files("tin-tuc", "Tin tức", "News")


def failed(tmp_path, files) -> list[str]:
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    assert not site.output.exists()
    lines = error_lines(site.log)
    assert lines and lines[-1].startswith("Dừng xây dựng"), site.log
    return lines[:-1]


def post(meta: dict, folder: str = "tin-tuc/bai") -> dict:
    return NEWS | post_files(folder, meta)


@pytest.mark.parametrize("value", ["32/13/2020", "hôm qua"])
def test_an_unreadable_date(tmp_path, value):
    lines = failed(tmp_path, post({"Title": "Bài", "Date": value}))
    assert lines == [f"tin-tuc/bai/index.vi.md:2: ngày '{value}' không đọc được, viết 2020-07-14 "
                     f"hoặc 2020-07-14 08:30 / cannot read the date '{value}'; write 2020-07-14 "
                     "or 2020-07-14 08:30"]


@pytest.mark.parametrize("value, vi, en", [
    ("2020-02-30", "tháng 2 năm 2020 có 29 ngày; hãy sửa lại ngày", "month 2 of 2020 has 29 days; correct the day"),
    ("2020-13-05", "không có tháng 13; viết năm-tháng-ngày, ví dụ 2020-07-14",
     "there is no month 13; write year-month-day, e.g. 2020-07-14"),
])
def test_a_date_in_the_right_form_that_is_not_on_the_calendar(tmp_path, value, vi, en):
    """Written as asked, year-month-day, but no such day: "cannot read, write 2020-07-14"
    sent its writer looking for a difference of form; what is wrong with it is said."""
    lines = failed(tmp_path, post({"Title": "Bài", "Date": value}))
    assert lines == [f"tin-tuc/bai/index.vi.md:2: ngày '{value}' không có trên lịch: {vi} / "
                     f"the date '{value}' is not on the calendar: {en}"]


def test_a_time_of_day_that_does_not_exist(tmp_path):
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-07-14 24:30"}))
    assert lines == ["tin-tuc/bai/index.vi.md:2: giờ trong ngày '2020-07-14 24:30' không có: giờ từ 00:00 "
                     "tới 23:59, ví dụ 2020-07-14 08:30 / the time in '2020-07-14 24:30' does not exist: "
                     "from 00:00 to 23:59, e.g. 2020-07-14 08:30"]


@pytest.mark.parametrize("value", ["05/07/2020", "2020-07", "July 2020", "14.7.2020"])
def test_a_date_pelican_would_guess_is_refused(tmp_path, value):
    """dateutil reads "05/07/2020" as May 7 and fills a missing day from today's date:
    the site would change from one day to the next. Only the README's forms are read."""
    lines = failed(tmp_path, post({"Title": "Bài", "Date": value}))
    assert len(lines) == 1 and lines[0].startswith(
        f"tin-tuc/bai/index.vi.md:2: ngày '{value}' không đọc được"), lines


def test_the_readme_date_forms_are_read(tmp_path):
    files = dict(NEWS)
    for i, value in enumerate(["2020-07-14", "2020-07-14 08:30", "2020-07-14 8:30:15",
                               "2020-07-14T08:30"]):
        files |= post_files(f"tin-tuc/bai-{i}", {"Title": f"Bài {i}", "Date": value})
    site = build_site(tmp_path, files)
    assert site.exists("tin-tuc/bai-3/")


def test_a_missing_title(tmp_path):
    lines = failed(tmp_path, post({"Date": "2020-01-01"}))
    assert lines == ["tin-tuc/bai/index.vi.md:1: thiếu dòng 'Title:' ở đầu tệp (ví dụ 'Title: "
                     "Tên bài') / missing 'Title:' at the top of the file (e.g. 'Title: Tên bài')"]


def test_a_missing_title_of_a_static_page(tmp_path):
    lines = failed(tmp_path, NEWS | post({"Title": "Bài", "Date": "2020-01-01"})
                   | post_files("pages/gioi-thieu", {"Order": "1"}))
    assert lines == ["pages/gioi-thieu/index.vi.md:1: thiếu dòng 'Title:' ở đầu tệp (ví dụ "
                     "'Title: Tên bài') / missing 'Title:' at the top of the file (e.g. 'Title: "
                     "Tên bài')"]


def test_a_missing_date_and_an_empty_title(tmp_path):
    lines = failed(tmp_path, post({"Title": " ", "Author": "Ban biên tập"}))
    assert [line.split(": ", 1)[0] for line in lines] == ["tin-tuc/bai/index.vi.md:1"] * 2
    assert any("the 'Title:' line is empty: write the title after its colon" in line for line in lines)
    assert any("missing 'Date:'" in line for line in lines)


def test_a_line_written_twice(tmp_path):
    files = NEWS | {"tin-tuc/bai/index.vi.md": "Title: Một\nDate: 2020-01-01\nTitle: Hai\n\nThân bài.\n"}
    assert failed(tmp_path, files) == [
        "tin-tuc/bai/index.vi.md:3: dòng 'Title:' đã có ở dòng 1 / 'Title:' is already on line 1"]


@pytest.mark.parametrize("key", ["Slug", "Save_as", "URL", "Template"])
def test_lines_the_folder_decides_are_refused(tmp_path, key):
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-01-01", key: "khac"}))
    assert len(lines) == 1 and lines[0].startswith(f"tin-tuc/bai/index.vi.md:3: dòng '{key.capitalize()}:'")


@pytest.mark.parametrize("status", ["hidden", "nhap"])
def test_an_unknown_status(tmp_path, status):
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-01-01", "Status": status}))
    assert lines == [f"tin-tuc/bai/index.vi.md:3: 'Status: {status}' không hiểu được, chỉ dùng "
                     f"'Status: draft' (bản nháp) / unknown 'Status: {status}'; write 'Status: draft' or "
                     "leave the line out"]


def test_a_draft_may_be_written_with_a_capital(tmp_path):
    files = post({"Title": "Bài", "Date": "2020-01-01"})
    files |= post_files("tin-tuc/nhap", {"Title": "Nháp", "Date": "2020-01-02", "Status": "Draft"})
    site = build_site(tmp_path, files)
    assert not site.exists("tin-tuc/nhap/")


def test_a_link_to_a_post_that_does_not_exist(tmp_path):
    body = "Xem thêm.\n\nBài trước: [lễ khai giảng]({filename}/tin-tuc/khong-co/index.vi.md).\n"
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-01-01", "body": body}))
    assert len(lines) == 1
    assert lines[0].startswith("tin-tuc/bai/index.vi.md:6: liên kết "
                               "'/tin-tuc/khong-co/index.vi.md' không dẫn tới tệp nào")
    # The hint in both languages (it was in English only); a space in the address is said.
    assert ("liên kết tới bài khác viết đường dẫn tới thư mục của bài (../ten-bai/) hoặc tới tệp "
            "của bài (../ten-bai/index.vi.md) / the link") in lines[0]
    body = "Xem thêm.\n\nBài trước: [lễ khai giảng]({filename}/tin-tuc/bai/index vi.md).\n"
    lines = failed(tmp_path / "space", post({"Title": "Bài", "Date": "2020-01-01", "body": body}))
    assert len(lines) == 1 and "(địa chỉ có dấu cách: tệp và thư mục có tên đúng như vậy không?)" in lines[0], lines


def test_a_link_to_another_posts_markdown_file_leads_to_that_post(tmp_path):
    """``[bài](../khac/index.vi.md)`` led to the Markdown file, which is not published;
    it is read as Pelican's {filename} link: the post's address, or the error above."""
    files = NEWS | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01",
                                              "body": "Xem [bài khác](../khac/index.vi.md#phan-2)."},
                              {"Title": "Post", "Date": "2020-01-01", "body": "See [the other](../khac/index.en.md)."})
    files |= post_files("tin-tuc/khac", {"Title": "Khác", "Date": "2020-01-02"}, {"Title": "Other", "Date": "2020-01-02"})
    site = build_site(tmp_path / "ok", files)
    assert site.html("tin-tuc/bai/index.html").select_one(".post__body a")["href"] == "/tin-tuc/khac/#phan-2"
    assert site.html("en/tin-tuc/bai/index.html").select_one(".post__body a")["href"] == "/en/tin-tuc/khac/"
    files["tin-tuc/bai/index.vi.md"] = files["tin-tuc/bai/index.vi.md"].replace("../khac/", "../khong-co/")
    lines = failed(tmp_path / "missing", files)
    assert len(lines) == 1 and lines[0].startswith(
        "tin-tuc/bai/index.vi.md:4: liên kết '../khong-co/index.vi.md#phan-2' không dẫn tới tệp nào"), lines


@pytest.mark.parametrize("body, tag, line", [
    ("Một.\n\n<script>alert(1)</script>\n", "script", 6),
    ("## </script><script>\n\nMọi thứ sau đây.\n", "script", 4),
    ("Một.\n\n## <style>S\n\nHai.\n", "style", 6),
    ("Một.\n\nHai <textarea>ba\n", "textarea", 6),
])
def test_code_or_an_open_raw_text_element_in_a_post_is_refused_at_its_line(tmp_path, body, tag, line):
    """The site's security policy blocks a post's <script> and <style>, and one left open
    (or a <textarea> never closed) took the rest of the page as its text: the page showed
    nothing after it, and a site of one such post stopped in Pagefind with a traceback."""
    from staff.check import check
    from staff.project import read_settings

    files = post({"Title": "Bài", "Date": "2020-01-01", "body": body})
    lines = failed(tmp_path / "build", files)
    assert len(lines) == 1 and lines[0].startswith(f"tin-tuc/bai/index.vi.md:{line}: thẻ <{tag}>"), lines
    write_files(tmp_path / "check" / "content", files)
    found = check(tmp_path / "check" / "content", read_settings()).lines()
    assert any(ln.startswith(f"tin-tuc/bai/index.vi.md:{line}: thẻ <{tag}>") for ln in found), found


def test_code_shown_as_code_in_a_comment_or_a_closed_frame_is_fine(tmp_path):
    body = ("Ví dụ `<script>` và\n\n```\n<style>p {}</style>\n```\n\n<!-- <script>cũ</script> -->\n\n"
            '<iframe src="https://www.google.com/maps/embed?pb=1" title="Bản đồ"></iframe>\n')
    site = build_site(tmp_path, post({"Title": "Bài", "Date": "2020-01-01", "body": body}))
    text = site.html("tin-tuc/bai/index.html").select_one(".post__body")
    assert text.find("iframe")["loading"] == "lazy" and "<style>" in text.find("pre").get_text()


def test_an_unknown_link_kind(tmp_path):
    body = "[x]({nothing}here)\n"
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-01-01", "body": body}))
    assert len(lines) == 1 and lines[0].startswith("tin-tuc/bai/index.vi.md:4: liên kết"), lines


@pytest.mark.parametrize("other", ["Bai-Viet", unicodedata.normalize("NFD", "bài-viết")])
def test_two_folders_whose_names_differ_only_in_capitals_or_accent_encoding(tmp_path, other):
    first = "bai-viet" if other == "Bai-Viet" else unicodedata.normalize("NFC", "bài-viết")
    files = NEWS | post_files(f"tin-tuc/{first}", {"Title": "Một", "Date": "2020-01-01"})
    files |= post_files(f"tin-tuc/{other}", {"Title": "Hai", "Date": "2020-01-02"})
    lines = failed(tmp_path, files)
    assert len(lines) == 1, lines
    folders = {f"tin-tuc/{first}/", f"tin-tuc/{other}/"}
    path, message = lines[0].split(": ", 1)
    assert path in folders and f"has the same name as '{(folders - {path}).pop()}'" in message


def test_the_same_folder_name_in_two_sections_is_fine(tmp_path):
    files = NEWS | section_files("dao-tao", "Đào tạo")
    files |= post_files("tin-tuc/khai-giang", {"Title": "Một", "Date": "2020-01-01"})
    files |= post_files("dao-tao/khai-giang", {"Title": "Hai", "Date": "2020-01-02"})
    site = build_site(tmp_path, files)
    assert site.exists("tin-tuc/khai-giang/") and site.exists("dao-tao/khai-giang/")


def test_a_static_page_named_like_a_section(tmp_path):
    files = post({"Title": "Bài", "Date": "2020-01-01"})
    files |= post_files("pages/tin-tuc", {"Title": "Trang trùng tên"})
    lines = failed(tmp_path, files)
    assert len(lines) == 1, lines
    assert lines[0].startswith("pages/tin-tuc/index.vi.md: pages/tin-tuc/index.vi.md và / and "
                               "tin-tuc/ (vi) cùng được ghi vào /tin-tuc/index.html")
    assert "would both be written to /tin-tuc/index.html" in lines[0]


def test_a_section_named_like_a_language(tmp_path):
    files = section_files("en", "Tiếng Anh") | post_files("en/bai", {"Title": "Bài", "Date": "2020-01-01"})
    lines = failed(tmp_path, files)
    assert any("would both be written to /en/index.html" in line for line in lines), lines


def test_a_post_folder_named_page(tmp_path):
    """A section's next pages are <section>/page/2/: "page" is kept for them."""
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-01-01"}, "tin-tuc/page"))
    assert lines == ["tin-tuc/page/: tên 'page' dành cho các trang tiếp theo của mục "
                     "(tin-tuc/page/2/), hãy đổi tên thư mục / the name 'page' is kept for the "
                     "section's next pages (tin-tuc/page/2/); rename the folder"]


def test_a_page_named_like_a_feed_file(tmp_path):
    files = post({"Title": "Bài", "Date": "2020-01-01"}) | post_files("pages/atom.xml", {"Title": "X"})
    lines = failed(tmp_path, files)
    assert any(line.startswith("pages/atom.xml/index.vi.md: địa chỉ /atom.xml/") for line in lines), lines


@pytest.mark.parametrize("name", ["bai viet", "bai#1", "bai?x", "50%"])
def test_a_folder_name_that_cannot_be_an_address(tmp_path, name):
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-01-01"}, f"tin-tuc/{name}"))
    assert lines[0].startswith(f"tin-tuc/{name}/: tên thư mục '{name}' có ký tự không dùng được"), lines


def test_a_vietnamese_folder_name_is_an_address(tmp_path):
    site = build_site(tmp_path, post({"Title": "Bài", "Date": "2020-01-01"}, "tin-tuc/bài-viết"))
    assert site.exists("tin-tuc/bài-viết/")


def test_a_link_leading_out_of_the_content(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("Title: Bí mật\nDate: 2020-01-01\n\nMật khẩu.\n", encoding="utf-8")
    files = post({"Title": "Bài", "Date": "2020-01-01"})
    content = tmp_path / "content"
    (content / "tin-tuc" / "bi-mat").mkdir(parents=True)
    os.symlink(secret, content / "tin-tuc" / "bi-mat" / "index.vi.md")
    lines = failed(tmp_path, files)
    assert lines == ["tin-tuc/bi-mat/index.vi.md: liên kết dẫn ra ngoài thư mục nội dung, hãy "
                     "chép tệp vào đây thay cho liên kết / this link leads outside the content "
                     "folder; copy the file here instead"]


def test_a_link_that_loops_and_one_that_leads_nowhere(tmp_path):
    content = tmp_path / "content"
    (content / "tin-tuc").mkdir(parents=True)
    os.symlink(content / "tin-tuc", content / "tin-tuc" / "vong-lap")
    os.symlink(content / "khong-co.jpg", content / "tin-tuc" / "anh.jpg")
    lines = failed(tmp_path, post({"Title": "Bài", "Date": "2020-01-01"}))
    assert [line.split(":")[0] for line in lines] == ["tin-tuc/anh.jpg", "tin-tuc/vong-lap"]
    assert "leads nowhere" in lines[0] and "(a loop)" in lines[1]


def test_every_mistake_is_reported_at_once(tmp_path):
    files = NEWS | section_files("dao-tao", "Đào tạo")
    files |= post_files("tin-tuc/a", {"Date": "2020-01-01"})
    files |= post_files("tin-tuc/b", {"Title": "B", "Date": "05/07/2020"})
    files |= post_files("dao-tao/page", {"Title": "C", "Date": "2020-01-01"})
    files |= post_files("khong-ten/d", {"Title": "D", "Date": "2020-01-01"})
    lines = failed(tmp_path, files)
    assert [line.split(": ", 1)[0] for line in lines] == [
        "dao-tao/page/", "khong-ten/", "tin-tuc/a/index.vi.md:1", "tin-tuc/b/index.vi.md:2"], lines


def test_a_photo_link_leading_out_is_reported_where_the_post_uses_it(tmp_path):
    """Staff look at the post they wrote, not at the link: the error names the Markdown
    line that shows the linked photo; a link nothing uses is named itself."""
    outside = tmp_path / "anh-ngoai.jpg"
    outside.write_bytes(b"not read")
    files = post({"Title": "Bài", "Date": "2020-01-01", "body": "Mở đầu.\n\n![Lớp học](lien-ket.jpg)"})
    content = tmp_path / "content"
    (content / "tin-tuc" / "bai").mkdir(parents=True, exist_ok=True)
    os.symlink(outside, content / "tin-tuc" / "bai" / "lien-ket.jpg")
    (content / "tin-tuc" / "khac").mkdir(parents=True)
    os.symlink(outside, content / "tin-tuc" / "khac" / "lien-ket.jpg")
    lines = failed(tmp_path, files)
    assert lines[0].startswith("tin-tuc/bai/index.vi.md:6: 'lien-ket.jpg': liên kết dẫn ra ngoài"), lines
    assert lines[0].endswith("this link leads outside the content folder; copy the file here instead")
    assert lines[1].startswith("tin-tuc/khac/lien-ket.jpg: liên kết dẫn ra ngoài"), lines
    assert len(lines) == 2


INVALID = ("is not valid: no browser can open it", "không hợp lệ")
ON_COMPUTER = ("is a file on your computer, which readers cannot open", "trên máy của bạn")


@pytest.mark.parametrize("body, line, words", [
    ("Xem [trang](https://[x) này.\n", 4, INVALID),  # a link
    ("Ảnh:\n\n![Lớp học](https://[x/lop.jpg)\n", 6, INVALID),  # a picture: a traceback from the photos plugin
    ('<a href="http://[::1">máy</a>\n', 4, INVALID),
    ('<iframe src="https://[x"></iframe>\n', 4, INVALID),
    # A picture pasted from Word is file:///C:/… (and so is a link dragged from the file
    # manager): published, it was a broken picture for every reader.
    ("Ảnh:\n\n![Lớp học](file:///C:/Users/ADMIN/Pictures/lop.jpg)\n", 6, ON_COMPUTER),
    ('<p><img src="file:///C:/Temp/msohtmlclip1/clip_image002.jpg"></p>\n', 4, ON_COMPUTER),
    ("Tải [mẫu đơn](FILE:///D:/mau-don.docx).\n", 4, ON_COMPUTER),
])
def test_an_address_no_reader_can_open_is_one_line_with_its_line(tmp_path, body, line, words):
    """``https://[x``: brackets hold an IPv6 address only. Every plugin that looked at it
    stopped (a traceback, or "cannot read" blamed on another file as well)."""
    from staff.check import check
    from staff.project import read_settings

    files = post({"Title": "Bài", "Date": "2020-01-01", "body": body})
    lines = failed(tmp_path / "build", files)
    assert len(lines) == 1 and lines[0].startswith(f"tin-tuc/bai/index.vi.md:{line}: địa chỉ '"), lines
    assert words[0] in lines[0]
    write_files(tmp_path / "check" / "content", files)
    found = check(tmp_path / "check" / "content", read_settings()).lines()
    assert [ln for ln in found if words[1] in ln] == lines, found


def test_such_an_address_as_plain_text_is_only_text(tmp_path):
    """Alone in its paragraph it is not a YouTube video: the page shows it as written."""
    site = build_site(tmp_path, post({"Title": "Bài", "Date": "2020-01-01", "body": "https://[x\n\nhttps://youtu.be:99999/x\n"}))
    assert "https://[x" in site.html("tin-tuc/bai/").select_one(".post__body").get_text()


def test_a_translation_linking_to_the_english_file_of_a_post_not_translated_says_what_to_write(tmp_path):
    """The English text links to the other post's index.en.md, as the guide says, but
    that post has no English version yet: the line says to link its Vietnamese file (the
    build and check alike); it said only "leads to no file"."""
    from conftest import section_files
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"},
                        {"Title": "Post", "Date": "2020-01-01", "body": "See [the opening](../khai-giang/index.en.md).\n"})
    files |= post_files("tin-tuc/khai-giang", {"Title": "Khai giảng", "Date": "2020-01-02"})
    lines = failed(tmp_path, files)
    assert len(lines) == 1 and lines[0].startswith(
        "tin-tuc/bai/index.en.md:4: liên kết '../khai-giang/index.en.md' không dẫn tới tệp nào (bài đó chưa có "
        "bản tiếng Anh: viết '../khai-giang/index.vi.md')"), lines
    report = check(tmp_path / "content", read_settings())
    assert any(line.startswith("tin-tuc/bai/index.en.md:4:") and
               "(that post has no English version yet: write '../khai-giang/index.vi.md')" in line
               for line in report.lines()), report.lines()

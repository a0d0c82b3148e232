"""Mistakes in the content format: one plain line naming the file, exit status 1."""

from __future__ import annotations

import io

from conftest import build_site, post_files, section_files, write_files


def assert_clean_failure(site, *expected_starts):
    assert site.result.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    lines = [ln for ln in site.log.splitlines() if "ERROR" in ln]
    for start in expected_starts:
        assert any(start in ln for ln in lines), (start, site.log)


def assert_build_and_check_refuse(tmp_path, files, expected: list[str], count: int, where: str = "tin-tuc/"):
    """The build fails with ``count`` errors about files under ``where``, ``expected``
    (the starts of lines) among them; ``invoke check`` finds as many, the same."""
    from staff.check import check
    from staff.project import read_settings

    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, *expected)
    errors = [line for line in site.log.splitlines() if "ERROR" in line and where in line]
    assert len(errors) == count, "\n".join(errors)
    lines = check(tmp_path / "content", read_settings()).error_lines()
    assert len(lines) == count, "\n".join(lines)
    for start in expected:
        assert any(start in line for line in lines), (start, lines)


def test_section_without_names_is_an_error(tmp_path):
    files = post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/: mục chưa có tên")
    assert not (site.output / "tin-tuc").exists()


def test_a_section_named_in_english_only_is_an_error(tmp_path):
    """README: a section needs its Vietnamese name; the English one was shown on the
    Vietnamese pages."""
    files = section_files("tin-tuc", "Tin tức") | {"tin-tuc/thong-bao/_index.en.md": "Title: Announcements\n"}
    files |= post_files("tin-tuc/thong-bao/bai", {"Title": "Bài", "Date": "2020-01-01"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/thong-bao/: mục chưa có tên: tạo _index.vi.md với dòng 'Title: Tên mục'")


def test_post_outside_a_folder_is_an_error(tmp_path):
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai-le.md"] = "Title: Bài lẻ\nDate: 2020-01-01\n\nNội dung.\n"
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/bai-le.md: bài viết phải nằm trong thư mục riêng")


def test_unreadable_expiry_names_file_and_line(tmp_path):
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01", "Pinned": "yes",
                                        "Expires": "cuối năm"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/bai/index.vi.md:4: ngày hết ghim 'cuối năm' không đọc được")


def test_a_header_between_dashes_is_read_as_markdown_reads_it(tmp_path):
    """Python-Markdown, which reads the posts, takes "Key: value" lines between "---" lines
    (the front matter of other site generators); the build's own checks read them the same
    way: the post is built, and a mistake in such a header is named at its line."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/gach-ngang/index.vi.md"] = (
        "---\nTitle: Thông báo tuyển sinh\nDate: 2024-05-02 08:00\n---\n\nNội dung thông báo.\n")
    site = build_site(tmp_path, files)
    page = site.html("tin-tuc/gach-ngang/index.html")
    assert page.h1.get_text(strip=True) == "Thông báo tuyển sinh"
    assert page.find("time")["datetime"].startswith("2024-05-02T08:00")
    body = page.select_one(".post__body")
    assert body.get_text(strip=True) == "Nội dung thông báo." and body.find("hr") is None

    files["tin-tuc/gach-ngang/index.vi.md"] = (
        "---\nTitle: Thông báo tuyển sinh\nDate: ngày mai\n---\n\nNội dung thông báo.\n")
    site = build_site(tmp_path / "sai", files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/gach-ngang/index.vi.md:3: ngày 'ngày mai' không đọc được")


def test_a_value_continued_on_a_line_indented_with_a_tab_keeps_the_header_going(tmp_path):
    """Markdown makes tabs spaces before it reads the header, so a line indented with a tab
    continues the value above it, and the lines after it are still the header."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/co-tab/index.vi.md"] = (
        "Title: Thông báo có tab\nSummary: Dòng một\n\tdòng hai.\nDate: 2024-05-02 08:00\n\nNội dung.\n")
    site = build_site(tmp_path, files)
    page = site.html("tin-tuc/co-tab/index.html")
    assert page.find("time")["datetime"].startswith("2024-05-02T08:00")
    assert page.select_one(".post__lead").get_text(" ", strip=True) == "Dòng một dòng hai."


def test_a_value_continued_on_indented_lines_is_one_value_on_pages_and_feeds(tmp_path):
    """Markdown gives each continued line of a value as an item of a list; pages, listings
    and feeds printed that list ("['Dòng một', 'dòng hai']")."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/nhieu-dong/index.vi.md"] = (
        "Title: Khai giảng lớp bồi dưỡng\n    cán bộ hợp tác xã\nDate: 2024-05-02 08:00\n"
        "Summary: Dòng một\n    dòng hai.\nAliases: /tin-tuc/ten-cu/,\n    /tin-tuc/ten-cu-hon/\n"
        "Tags: đăng ký,\n    tuyển sinh\n"
        "\nNội dung.\n")
    site = build_site(tmp_path, files)
    title, summary = "Khai giảng lớp bồi dưỡng cán bộ hợp tác xã", "Dòng một dòng hai."
    page = site.html("tin-tuc/nhieu-dong/index.html")
    assert page.h1.get_text(strip=True) == title
    assert page.select_one(".post__lead").get_text(strip=True) == summary
    assert summary in site.html("tin-tuc/index.html").get_text(" ", strip=True)
    entry = site.feed("atom.xml").entries[0]
    assert (entry.title, entry.summary) == (title, summary)
    assert sorted(tag.term for tag in entry.tags) == ["tuyển sinh", "đăng ký"]
    for old in ("tin-tuc/ten-cu/index.html", "tin-tuc/ten-cu-hon/index.html"):
        assert site.exists(old), old


def test_a_lang_line_that_contradicts_the_file_name_is_named_at_its_line(tmp_path):
    """On a page it stopped the build with a traceback (the page's words looked up in a
    language the site does not have); on a post it was refused without its line."""
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02"})
    files["pages/gioi-thieu/index.vi.md"] = "Title: Giới thiệu\nLang: xx\n\nTrang.\n"
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "pages/gioi-thieu/index.vi.md:2: 'Lang:' mâu thuẫn với tên tệp")

    del files["pages/gioi-thieu/index.vi.md"]
    files["tin-tuc/bai/index.vi.md"] = "Title: Bài\nDate: 2024-01-02\nLang: en\n\nNội dung.\n"
    site = build_site(tmp_path / "bai", files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/bai/index.vi.md:3: 'Lang:' mâu thuẫn với tên tệp")


def test_a_post_file_with_a_capital_extension_is_refused_not_left_out(tmp_path):
    """Pelican matches file extensions by case, so an index.vi.MD was left out of the site
    without a word, while invoke check called it an error."""
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02"})
    files["tin-tuc/hoa/index.vi.MD"] = "Title: Chữ hoa\nDate: 2024-01-03\n\nNội dung.\n"
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/hoa/index.vi.MD: tệp bài phải có tên index.vi.md (bản dịch: index.en.md): "
                         "đổi tên 'index.vi.MD' thành 'index.vi.md'")


def test_an_attached_file_is_published_beside_the_post_and_a_missing_one_named(tmp_path):
    """A form linked as written ([Mẫu đơn](mau-don.pdf)) was not published (a broken
    link); with {attach} in both languages, or missing, the build stopped with a traceback."""
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-02",
                                        "body": "Tải [mẫu đơn](mau-don.pdf) về."},
                        {"Title": "Post", "Date": "2024-01-02", "body": "Get [the form]({attach}mau-don.pdf)."})
    files["tin-tuc/bai/mau-don.pdf"] = b"%PDF-1.4 form"
    site = build_site(tmp_path, files)
    assert site.path("tin-tuc/bai/mau-don.pdf").read_bytes() == b"%PDF-1.4 form"
    for page in ("tin-tuc/bai/index.html", "en/tin-tuc/bai/index.html"):
        assert site.html(page).select_one(".post__body a")["href"] == "/tin-tuc/bai/mau-don.pdf"

    del files["tin-tuc/bai/mau-don.pdf"]
    site = build_site(tmp_path / "thieu", files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/bai/index.vi.md:4: liên kết tới 'mau-don.pdf': không có tệp này",
                         "tin-tuc/bai/index.en.md:4: liên kết tới 'mau-don.pdf'")


def test_metadata_markdown_reads_as_text_is_an_error_with_its_line(tmp_path):
    """A blank line ends the header: "Status: draft" below one published the draft, the
    words "Status: draft" on its page; a space before the colon ended the header too."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/nhap/index.vi.md"] = "Title: Bản nháp\nDate: 2024-05-02\n\nStatus: draft\n\nNội dung.\n"
    files["tin-tuc/dau-cach/index.vi.md"] = "Title: Dấu cách\nDate: 2024-05-02\nStatus : draft\n\nNội dung.\n"
    files["tin-tuc/tac-gia/index.vi.md"] = ("Title: Tác giả\nDate: 2024-05-02\nPhòng Đào tạo biên soạn\n"
                                            "Tags: tuyển sinh\n\nNội dung.\n")
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(
        site, "tin-tuc/nhap/index.vi.md:4: dòng 'Status: draft' nằm dưới dòng trống ở dòng 3",
        "tin-tuc/dau-cach/index.vi.md:3: dòng 'Status : draft' không được đọc là thông tin đầu bài",
        "tin-tuc/tac-gia/index.vi.md:4: dòng 'Tags: tuyển sinh' nằm dưới dòng 3 'Phòng Đào tạo biên soạn'")
    assert not (site.output / "tin-tuc").exists()



def test_metadata_below_the_texts_first_line_is_said_plainly_by_build_and_check(tmp_path):
    """"Tags:" under a line of text ("Điện thoại: …", or "Hotline: …" then a sentence)
    was said to be below a line "not a 'Key: value' line", which it looks like to staff,
    and check said it at another line in other words. Both now say that the line is the
    text's, that the metadata comes first, then a blank line, then the text, and where to
    move the line; a metadata line written wrong ("Date 2024-05-02") is the one to mend."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/dien-thoai/index.vi.md"] = ("Title: Liên hệ\nDate: 2024-05-02\nĐiện thoại: 0912 345 678\n"
                                               "Tags: tuyển sinh\n\nNội dung.\n")
    files["tin-tuc/hotline/index.vi.md"] = ("Title: Đường dây nóng\nDate: 2024-05-02\nHotline: 0912 345 678\n"
                                            "Gọi trong giờ hành chính.\nTags: tuyển sinh\n\nNội dung.\n")
    files["tin-tuc/hai-cham/index.vi.md"] = "Title: Thiếu hai chấm\nDate 2024-05-02\nTags: tuyển sinh\n\nNội dung.\n"
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/dien-thoai/index.vi.md:4: dòng 'Tags: tuyển sinh' nằm dưới dòng 3 'Điện thoại: 0912 345 678', "
        "là dòng đầu của nội dung bài",
        "tin-tuc/hotline/index.vi.md:5: dòng 'Tags: tuyển sinh' nằm dưới dòng 3 'Hotline: 0912 345 678', "
        "là dòng đầu của nội dung bài",
        "tin-tuc/hai-cham/index.vi.md:2: dòng không có dạng 'Tên: giá trị' nên phần thông tin đầu bài dừng ở "
        "đây: 'Date 2024-05-02'"], 3)
    lines = check(tmp_path / "content", read_settings()).error_lines()
    moved = [line for line in lines if "Tags: tuyển sinh" in line]
    assert len(moved) == 2 and all(
        "the metadata lines come first, then a blank line, then the text: move this line up, above line 3" in line
        for line in moved), lines
    assert any(line.startswith("tin-tuc/hai-cham/index.vi.md:2:") and line.endswith(
        "write 'Date: …' (the colon right after the name)") for line in lines), lines


def test_a_title_or_date_line_written_wrong_is_said_once_by_build_and_check(tmp_path):
    """"Date 2024-05-02" (its colon forgotten) was said to end the metadata and, in the
    same breath, the date was said to be missing, by the build and check alike; with no
    metadata line under it, only the date was said to be missing, at line 1. A "Dtae:"
    was unknown and the date missing. Each is now one message, at the line to mend, the
    same in the build and check. A page, which needs no date, keeps such a line as text."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/mot/index.vi.md"] = "Title: Một\nDate 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/hai/index.vi.md"] = "Title: Hai\nDate 2024-05-02\nTags: tuyển sinh\n\nNội dung.\n"
    files["tin-tuc/ba/index.vi.md"] = "Title Ba\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/bon/index.vi.md"] = "Title: Bốn\nDtae: 2024-05-02\n\nNội dung.\n"
    files["pages/lich/index.vi.md"] = "Title: Lịch\nDate 2024-05-02\n\nNội dung.\n"
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/mot/index.vi.md:2: dòng không có dạng 'Tên: giá trị' nên không được đọc là thông tin đầu bài "
        "mà bị coi là nội dung bài: 'Date 2024-05-02'; viết 'Date: …' (dấu hai chấm ngay sau tên) / not a "
        "'Key: value' line, so it is read as the post's text, not as metadata: 'Date 2024-05-02'; write "
        "'Date: …' (the colon right after the name)",
        "tin-tuc/hai/index.vi.md:2: dòng không có dạng 'Tên: giá trị' nên phần thông tin đầu bài dừng ở "
        "đây: 'Date 2024-05-02'",
        "tin-tuc/ba/index.vi.md:1: dòng không có dạng 'Tên: giá trị' nên phần thông tin đầu bài dừng ở "
        "đây: 'Title Ba'",
        "tin-tuc/bon/index.vi.md:2: không hiểu dòng 'Dtae:' (có phải 'Date:'?)"], 4, where="index.vi.md")
    lines = check(tmp_path / "content", read_settings()).error_lines()
    assert sorted(line.split(": ", 1)[0] for line in lines) == [
        "tin-tuc/ba/index.vi.md:1", "tin-tuc/bon/index.vi.md:2", "tin-tuc/hai/index.vi.md:2",
        "tin-tuc/mot/index.vi.md:2"], lines


def test_an_english_name_a_vietnamese_keyboard_put_accents_on_stops_the_build(tmp_path):
    """"Tâgs: hợp tác xã" (Telex read the "s"): Markdown read no metadata line there, the
    line was the text's first, and the post was published without its tags."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/the/index.vi.md"] = "Title: Thẻ\nDate: 2024-05-02\nTâgs: hợp tác xã\n\nNội dung.\n"
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/the/index.vi.md:3: dòng 'Tâgs: hợp tác xã': tên các dòng thông tin")


def test_a_line_named_like_a_date_that_holds_none_is_text(tmp_path):
    """A page's office hours under its title ("Thời gian: 7h30 – 17h00 …", no blank
    line) stopped the build and check, which asked for "Date: …": "Thời gian" and "Ngày"
    are also what staff call the date. Without a date in it, the line is the text's; with
    one ("Ngày: 02/05/2024") it is still said."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức")
    files["pages/gio-lam/index.vi.md"] = ("Title: Giờ làm việc\nThời gian: 7h30 – 17h00, thứ Hai đến thứ Sáu\n"
                                          "Địa chỉ: số 5 Lê Lợi\n")
    site = build_site(tmp_path / "site", files)
    lines = [line.strip() for line in site.html("gio-lam/").select_one("main").get_text("\n").split("\n")]
    assert "Thời gian: 7h30 – 17h00, thứ Hai đến thứ Sáu" in lines and "Địa chỉ: số 5 Lê Lợi" in lines
    write_files(tmp_path / "content", files)
    assert check(tmp_path / "content", read_settings()).status == 0
    files["tin-tuc/ngay/index.vi.md"] = "Title: Ngày\nNgày: 02/05/2024\n\nNội dung.\n"
    site = build_site(tmp_path / "ngay", files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/ngay/index.vi.md:2: dòng 'Ngày: 02/05/2024': tên các dòng thông tin")


def test_a_summary_continued_on_a_line_not_indented_is_said_by_the_build_and_check(tmp_path):
    """"Summary: Lớp bồi dưỡng cán bộ" then "hợp tác xã năm 2024." on the next line, as a
    Word paragraph wraps: Markdown continues a value only on an indented line, so the
    summary was cut and "hợp tác xã năm 2024." was the post's first line, and the build
    passed. A line under it that starts with a capital, an address or a number is the
    text's, as before."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/tom-tat/index.vi.md"] = ("Title: Khai giảng\nDate: 2024-05-02\nSummary: Lớp bồi dưỡng cán bộ\n"
                                            "hợp tác xã năm 2024.\n\nNội dung.\n")
    files["tin-tuc/tieu-de/index.vi.md"] = ("Date: 2024-05-02\nTitle: Hội nghị tổng kết\nnăm học 2023–2024\n\n"
                                            "Nội dung.\n")
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/tom-tat/index.vi.md:4: dòng 'hợp tác xã năm 2024.' ngay dưới dòng 'Summary:' bị coi là dòng đầu",
        "tin-tuc/tieu-de/index.vi.md:3: dòng 'năm học 2023–2024' ngay dưới dòng 'Title:'"], 2)
    ok = section_files("tin-tuc", "Tin tức")
    ok["tin-tuc/dia-chi/index.vi.md"] = ("Title: Tin\nDate: 2024-05-02\nSummary: Tóm tắt.\n"
                                         "https://example.org/van-ban/123\n\nNội dung.\n")
    ok["tin-tuc/thut/index.vi.md"] = ("Title: Tin\nDate: 2024-05-02\nSummary: Lớp bồi dưỡng cán bộ\n"
                                      "    hợp tác xã năm 2024.\n\nNội dung.\n")
    site = build_site(tmp_path / "ok", ok)
    assert site.html("tin-tuc/dia-chi/").select_one(".post__body a")["href"] == "https://example.org/van-ban/123"

def test_metadata_named_in_vietnamese_or_indented_is_one_error_a_line_with_what_to_write(tmp_path):
    """Markdown reads only English names at the margin: "Tiêu đề:" (or a tab before
    "Title:") ended the header, and the build said the title and the date were missing
    and that "Date:" was below a line that is not "Key: value"; a tab was told "no space
    before the colon". Each such line is one error saying what to write, in the build
    and in check alike."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/tieng-viet/index.vi.md"] = ("Tiêu đề: Khai giảng lớp mới\nNgày: 2024-05-02 08:00\n"
                                               "Tom tat: Lớp mới.\nThẻ: tuyển sinh\n\nNội dung.\n")
    files["tin-tuc/ghim/index.vi.md"] = "Title: Ghim\nDate: 2024-05-02\nGhim: có\n\nNội dung.\n"
    files["tin-tuc/tab/index.vi.md"] = "\tTitle: Thụt lề\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/nbsp/index.vi.md"] = "Title: Cách\nDate\u00a0: 2024-05-02\n\nNội dung.\n"
    # Text that begins with such words below the blank line is text (a post, a static page).
    files["tin-tuc/than-bai/index.vi.md"] = "Title: Thân bài\nDate: 2024-05-02\n\nNgày: hôm qua trời mưa.\n"
    files["tin-tuc/hoi-nghi/index.vi.md"] = ("Title: Hội nghị\nDate: 2024-05-02\n\nChủ đề: Chuyển đổi số\n"
                                             "Thời gian: 8 giờ\nMô tả: lớp học cho cán bộ.\n")
    files["pages/gio-lam/index.vi.md"] = "Title: Giờ làm việc\n\nThời gian: 7h30 – 17h00, thứ Hai đến thứ Sáu\n"
    expected = [
        "tin-tuc/tieng-viet/index.vi.md:1: dòng 'Tiêu đề: Khai giảng lớp mới': tên các dòng thông tin đầu bài "
        "viết bằng tiếng Anh, hãy viết 'Title: …' / 'Tiêu đề: Khai giảng lớp mới': metadata lines are named "
        "in English; write 'Title: …'",
        "tin-tuc/tieng-viet/index.vi.md:2: dòng 'Ngày: 2024-05-02 08:00'", "hãy viết 'Date: …'",
        "tin-tuc/tieng-viet/index.vi.md:3: dòng 'Tom tat: Lớp mới.'", "hãy viết 'Summary: …'",
        "tin-tuc/tieng-viet/index.vi.md:4: dòng 'Thẻ: tuyển sinh'", "hãy viết 'Tags: …'",
        "tin-tuc/ghim/index.vi.md:3: không hiểu dòng 'Ghim:' (có phải 'Pinned:'?)",
        "tin-tuc/tab/index.vi.md:1: dòng 'Title: Thụt lề' không được đọc là thông tin đầu bài mà bị coi là "
        "nội dung bài; hãy xoá khoảng trắng ở đầu dòng",
        "tin-tuc/nbsp/index.vi.md:2: dòng 'Date : 2024-05-02'", "(no space before the colon)"]
    # (nothing "missing", nothing of than-bai, hoi-nghi or gio-lam)
    assert_build_and_check_refuse(tmp_path, files, expected, 7, where=".md:")


def test_a_full_width_colon_is_named_not_a_space_before_the_colon(tmp_path):
    """"Title： …" (a full-width colon, as a Chinese or Japanese keyboard types it) was
    told to be written "with no space before the colon": there was none."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai/index.vi.md"] = "Title\uff1a Hội nghị\nDate\uff1a 2024-05-02\n\nNội dung.\n"
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/bai/index.vi.md:1: dòng 'Title\uff1a Hội nghị' không được đọc là thông tin đầu bài mà bị coi là "
        "nội dung bài; viết 'Title: …' (dấu hai chấm ':' thường, không phải '\uff1a') / 'Title\uff1a Hội nghị' is "
        "not read as metadata but as the post's text; write 'Title: …' (a plain colon ':', not '\uff1a')"], 2)


def test_every_line_with_a_full_width_colon_is_named_at_once(tmp_path):
    """The keyboard that typed "Title： …" typed "Date： …" and "Tags： …" too: the build
    and check named the first line only, and the next once it was mended. README
    "Reliability": every mistake at once, each on its line; "Author: …", written with a
    plain colon between them, is read once the lines above it are mended."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai/index.vi.md"] = ("Title\uff1a Hội nghị\nDate\uff1a 2024-05-02\nAuthor: Phòng Đào tạo\n"
                                        "Tags\uff1a hội nghị\n\nNội dung.\n")
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/bai/index.vi.md:1: dòng 'Title\uff1a Hội nghị' không được đọc là thông tin đầu bài",
        "tin-tuc/bai/index.vi.md:2: dòng 'Date\uff1a 2024-05-02' không được đọc là thông tin đầu bài mà bị coi "
        "là nội dung bài; viết 'Date: …' (dấu hai chấm ':' thường, không phải '\uff1a') / 'Date\uff1a "
        "2024-05-02' is not read as metadata but as the post's text; write 'Date: …' (a plain colon ':', not "
        "'\uff1a')",
        "tin-tuc/bai/index.vi.md:4: dòng 'Tags\uff1a hội nghị' không được đọc là thông tin đầu bài"], 3)


def test_a_line_without_its_colon_beside_a_full_width_colon_is_named_at_once(tmp_path):
    """"Title： …" then "Date 2024-05-02" (its colon left out): the build and check named
    the first line, and said the date was missing, where it was written; the second
    line's mistake came once the first was mended. Both at once, in either order, and no
    "missing 'Date:'"."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai/index.vi.md"] = "Title\uff1a Hội nghị\nDate 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/nguoc/index.vi.md"] = "Date 2024-05-02\nTitle\uff1a Hội nghị\n\nNội dung.\n"
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/bai/index.vi.md:1: dòng 'Title\uff1a Hội nghị' không được đọc là thông tin đầu bài",
        "tin-tuc/bai/index.vi.md:2: dòng không có dạng 'Tên: giá trị' nên không được đọc là thông tin đầu bài mà "
        "bị coi là nội dung bài: 'Date 2024-05-02'; viết 'Date: …' (dấu hai chấm ngay sau tên) / not a 'Key: "
        "value' line, so it is read as the post's text, not as metadata: 'Date 2024-05-02'; write 'Date: …' "
        "(the colon right after the name)",
        "tin-tuc/nguoc/index.vi.md:1: dòng không có dạng 'Tên: giá trị' nên phần thông tin đầu bài dừng ở đây: "
        "'Date 2024-05-02'",
        "tin-tuc/nguoc/index.vi.md:2: dòng 'Title\uff1a Hội nghị' không được đọc là thông tin đầu bài"], 4)


def test_every_line_with_a_space_before_its_colon_is_named_at_once(tmp_path):
    """A hand that types "Title : …" types "Date : …" and "Tags : …" too: the build and
    check named the first line only, and the next once it was mended (three runs for
    three lines). All at once, with a full-width colon or a forgotten one among them;
    "Author: …", written right between them, is read once the lines above are mended."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai/index.vi.md"] = ("Title : Hội nghị\nDate : 2024-05-02\nAuthor: Phòng Đào tạo\n"
                                        "Tags\u00a0: hội nghị\nSummary\uff1a Tóm tắt.\n\nNội dung.\n")
    files["tin-tuc/quen/index.vi.md"] = "Date 2024-05-02\nTitle : Quên dấu\nAuthor: Phòng\n\nNội dung.\n"
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/bai/index.vi.md:1: dòng 'Title : Hội nghị' không được đọc là thông tin đầu bài mà bị coi là "
        "nội dung bài; viết 'Title: …' (không có dấu cách trước dấu hai chấm) / 'Title : Hội nghị' is not read "
        "as metadata but as the post's text; write 'Title: …' (no space before the colon)",
        "tin-tuc/bai/index.vi.md:2: dòng 'Date : 2024-05-02' không được đọc là thông tin đầu bài mà bị coi là "
        "nội dung bài; viết 'Date: …' (không có dấu cách trước dấu hai chấm) / 'Date : 2024-05-02' is not read "
        "as metadata but as the post's text; write 'Date: …' (no space before the colon)",
        "tin-tuc/bai/index.vi.md:4: dòng 'Tags : hội nghị' không được đọc là thông tin đầu bài",
        "tin-tuc/bai/index.vi.md:5: dòng 'Summary\uff1a Tóm tắt.' không được đọc là thông tin đầu bài mà bị coi "
        "là nội dung bài; viết 'Summary: …' (dấu hai chấm ':' thường, không phải '\uff1a')",
        "tin-tuc/quen/index.vi.md:1: dòng không có dạng 'Tên: giá trị' nên phần thông tin đầu bài dừng ở đây: "
        "'Date 2024-05-02'",
        "tin-tuc/quen/index.vi.md:2: dòng 'Title : Quên dấu' không được đọc là thông tin đầu bài mà bị coi là "
        "nội dung bài; viết 'Title: …' (không có dấu cách trước dấu hai chấm)"], 6)


def test_text_that_starts_like_metadata_the_header_has_is_text(tmp_path):
    """An English notice may begin "Date: 14 July" under its own "Date:" line: text, as
    written; and a line of words with a colon is no metadata."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/khai-giang",
                        {"Title": "Khai giảng", "Date": "2024-05-02", "body": "Thời gian: 8 giờ.\nĐịa điểm: Hội trường A."},
                        {"Title": "Opening", "Date": "2024-05-02", "body": "Date: 14 July 2024\nVenue: Hall A"})
    site = build_site(tmp_path, files)
    assert "Date: 14 July 2024" in site.html("en/tin-tuc/khai-giang/index.html").select_one(".post__body").get_text()
    assert "Thời gian: 8 giờ." in site.html("tin-tuc/khai-giang/index.html").select_one(".post__body").get_text()


def test_an_expiry_date_in_another_form_is_refused_not_guessed(tmp_path):
    """"10/12/2026" (10 December, as Vietnamese write it) was read as October 12, and the
    announcement left the home page two months early; "2026-12" took today's day."""
    for n, value in enumerate(["10/12/2026", "2026-12", "31-12-2026"]):
        files = section_files("tin-tuc", "Tin tức")
        files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01", "Pinned": "yes", "Expires": value})
        site = build_site(tmp_path / str(n), files, expect_ok=False)
        assert_clean_failure(site, f"tin-tuc/bai/index.vi.md:4: ngày hết ghim '{value}' không đọc được, viết "
                             "năm-tháng-ngày: 2026-12-31")


def test_a_posts_text_under_another_name_is_named_with_the_name_it_needs(tmp_path):
    """Notepad saves "index.vi.md.txt" (Windows hides the ".txt"): the post was left out
    without a word. Other names in a post's folder were told "a post must be
    <section>/<post-folder>/index.vi.md", which they were."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/notepad/index.vi.md.txt"] = "Title: Notepad\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/word/index.en.docx"] = b"PK\x03\x04"
    files["tin-tuc/word/index.vi.md"] = "Title: Word\nDate: 2024-05-02\n\nNội dung.\n"
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(
        site,
        "tin-tuc/notepad/index.vi.md.txt: tệp 'index.vi.md.txt' không được đọc: tên phải là 'index.vi.md'",
        "tin-tuc/word/index.en.docx: tệp 'index.en.docx' không được đọc: tên phải là 'index.en.md'")
    assert "Notepad adds .txt when saving" in site.log

    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/khong-ngon-ngu/index.md"] = "Title: Không ngôn ngữ\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/hoa/Index.vi.md"] = "Title: Chữ hoa\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/ghi-chu/index.vi.md"] = "Title: Ghi chú\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/ghi-chu/ghi-chu.md"] = "Title: Việc cần làm\nDate: 2024-05-02\n\nGhi chú.\n"
    site = build_site(tmp_path / "ten-khac", files, expect_ok=False)
    assert_clean_failure(
        site,
        "tin-tuc/khong-ngon-ngu/index.md: tệp bài phải có tên index.vi.md (bản dịch: index.en.md): "
        "đổi tên 'index.md' thành 'index.vi.md'",
        "tin-tuc/hoa/Index.vi.md: tệp bài phải có tên index.vi.md (bản dịch: index.en.md): đổi tên "
        "'Index.vi.md' thành 'index.vi.md'",
        "tin-tuc/ghi-chu/ghi-chu.md: thư mục bài chỉ chứa index.vi.md, bản dịch (index.en.md), ảnh và tệp "
        "đính kèm: xoá tệp 'ghi-chu.md'")


def test_a_sections_name_in_a_file_of_another_name_is_told_the_name_it_needs(tmp_path):
    """A section's name written in "index.vi.md" (a post's name, without the underscore)
    or "_Index.vi.md" was read as a post: "missing 'Date:'" and "the section has no name",
    neither saying what to do; invoke check said to name "_Index.vi.md" "index.vi.md"."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/su-kien/index.vi.md"] = "Title: Sự kiện\n"
    files |= post_files("tin-tuc/su-kien/hoi-nghi", {"Title": "Hội nghị", "Date": "2024-05-02"})
    files["tin-tuc/thong-bao/_Index.vi.md"] = "Title: Thông báo\n"
    files |= post_files("tin-tuc/thong-bao/lich-hoc", {"Title": "Lịch học", "Date": "2024-05-02"})
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/su-kien/index.vi.md: thư mục 'tin-tuc/su-kien/' là một mục (chứa hoi-nghi/): tên mục viết "
        "trong tệp '_index.vi.md', có dấu gạch dưới ở đầu; hãy đổi tên 'index.vi.md' thành '_index.vi.md' / ",
        "tin-tuc/thong-bao/_Index.vi.md: tệp '_Index.vi.md' không được đọc: tên mục viết trong tệp "
        "'_index.vi.md', toàn chữ thường; hãy đổi tên / "], 2)

    # With its date it is a post, a copy holding others' folders: said so, as before.
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/su-kien", {"Title": "Sự kiện", "Date": "2024-05-01"})
    files |= post_files("tin-tuc/su-kien/hoi-nghi", {"Title": "Hội nghị", "Date": "2024-05-02"})
    site = build_site(tmp_path / "bai", files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/su-kien/: thư mục bài viết này chứa thư mục của bài khác (hoi-nghi/)")
    assert "_index.vi.md" not in site.log


def test_a_misspelt_metadata_line_is_named_with_the_key_it_looks_like(tmp_path):
    """"Tag:" or "Sumary:" was kept by Pelican as a value no page reads, and the build
    passed; "Tittle:" gave only "missing 'Title:'"."""
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Tittle": "Bài", "Date": "2024-05-02", "Tag": "tuyển sinh",
                                        "Sumary": "Tóm tắt", "Venue": "Hội trường A"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/bai/index.vi.md:1: không hiểu dòng 'Tittle:' (có phải 'Title:'?)",
                         "tin-tuc/bai/index.vi.md:3: không hiểu dòng 'Tag:' (có phải 'Tags:'?)",
                         "tin-tuc/bai/index.vi.md:4: không hiểu dòng 'Sumary:' (có phải 'Summary:'?)")
    assert "'Venue:'" not in site.log  # no typo of a known key, and last: the text's first line
    # The lines a post may have: not Order, which places a static page in the menu
    # (the build listed it, and invoke check then refused 'Order:' in the post).
    log = " ".join(site.log.split())
    assert "use one of: Title, Date, Modified, Summary, Author, Tags, Status, Pinned, Expires, Aliases " in log
    assert "Aliases, Order" not in log


def test_look_alike_spaces_and_invisible_characters_in_metadata_are_read_through(tmp_path):
    """Copied from Word or a web page: a no-break space inside "Date:" made the date
    unreadable, in a message that showed it as it should be; a zero-width space before
    "Date:" hid the line ("missing 'Date:'")."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai/index.vi.md"] = ("Title: Hội\u00a0nghị tổng kết\n\u200bDate: 2019-12-27\u00a015:30\n"
                                        "Tags:\u00a0tổng kết,\u2060 kế hoạch\ufeff\n\nNội dung.\n")
    site = build_site(tmp_path, files)
    page = site.html("tin-tuc/bai/index.html")
    assert page.find("time")["datetime"].startswith("2019-12-27T15:30")
    assert page.h1.get_text() == "Hội nghị tổng kết"
    assert [a.get_text() for a in page.select("nav.tags a")] == ["tổng kết", "kế hoạch"]
    write_files(tmp_path / "check", files)
    assert check(tmp_path / "check", read_settings()).status == 0


def test_a_language_the_site_does_not_have_names_the_files_right_name(tmp_path):
    files = section_files("tin-tuc", "Tin tức") | {"tin-tuc/_index.vn.md": "Title: Tin\n"}
    files |= post_files("tin-tuc/dung", {"Title": "Đúng", "Date": "2024-05-02"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(
        site, "tin-tuc/_index.vn.md: ngôn ngữ 'vn' không có trên trang: tên tệp phải là _index.vi.md hoặc "
        "_index.en.md / unknown language 'vn': the file must be named _index.vi.md or _index.en.md")
    files.pop("tin-tuc/_index.vn.md")
    files["tin-tuc/bai/index.vn.md"] = "Title: Bài\nDate: 2024-05-02\n\nNội dung.\n"
    site = build_site(tmp_path / "bai", files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/bai/index.vn.md: ngôn ngữ 'vn' không có trên trang: tên tệp phải là "
                         "index.vi.md hoặc index.en.md")


def test_a_sections_name_in_a_language_the_site_does_not_have_is_one_mistake(tmp_path):
    """"_index.vn.md" written for "_index.vi.md" was also "the section has no name: create
    _index.vi.md", two lines for one file, the second telling staff to make a new file."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/su-kien/_index.vn.md"] = "Title: Sự kiện\n"
    files["tin-tuc/su-kien/_index.en.md"] = "Title: Events\n"
    files |= post_files("tin-tuc/su-kien/hoi-nghi", {"Title": "Hội nghị", "Date": "2024-05-02"})
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/su-kien/_index.vn.md: ngôn ngữ 'vn' không có trên trang: tên tệp phải là _index.vi.md "
        "hoặc _index.en.md / "], 1)


def test_a_title_or_date_line_left_empty_is_said_empty_not_missing(tmp_path):
    """"Title:" and "Date:" of a template, not filled in: the build said "missing 'Title:'
    at the top of the file" and check "the first line must be 'Title: ...'", the line
    being there, first; the writer looked for a missing line."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/mau/index.vi.md"] = "Title:\nDate:\nSummary:\n\nNội dung.\n"
    assert_build_and_check_refuse(tmp_path, files, [
        "tin-tuc/mau/index.vi.md:1: dòng 'Title:' còn trống: viết tiêu đề bài sau dấu hai chấm (ví dụ "
        "'Title: Tên bài') / the 'Title:' line is empty: write the title after its colon",
        "tin-tuc/mau/index.vi.md:2: dòng 'Date:' còn trống: viết ngày đăng sau dấu hai chấm (ví dụ "
        "'Date: 2020-07-14 08:30') / the 'Date:' line is empty"], 2)


def test_a_file_saved_as_utf16_is_named_so(tmp_path):
    """Notepad's "Unicode" is UTF-16: the message guessed Windows-1258."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/bai/index.vi.md"] = "Title: Bài\nDate: 2024-05-02\n\nNội dung.\n".encode("utf-16")
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/bai/index.vi.md: tệp được lưu ở dạng UTF-16")


def test_the_readers_and_the_site_models_mistakes_are_named_in_one_build(tmp_path):
    """A file the reader could not read stopped the build before the site model's checks:
    staff fixed it, built again, and only then met the next mistake."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/notepad/index.vi.md.txt"] = "Title: Notepad\nDate: 2024-05-02\n\nNội dung.\n"
    files["tin-tuc/utf16/index.vi.md"] = "Title: Bài\nDate: 2024-05-02\n\nNội dung.\n".encode("utf-16")
    files["tin-tuc/bai/index.vi.md"] = "Title: Bài\nDate: 2024-05-02\nSumary: x\n\nNội dung.\n"
    files["tin-tuc/khong-ngon-ngu/index.md"] = "Title: Không ngôn ngữ\nDate: 2024-05-02\n\nNội dung.\n"
    site = build_site(tmp_path, files, expect_ok=False)
    assert_clean_failure(site, "tin-tuc/notepad/index.vi.md.txt: ", "tin-tuc/utf16/index.vi.md: ",
                         "tin-tuc/bai/index.vi.md:3: ", "tin-tuc/khong-ngon-ngu/index.md: ",
                         "Dừng xây dựng: 4 lỗi nội dung ở trên.")


def test_the_lock_file_word_keeps_beside_an_open_text_is_not_a_post(tmp_path):
    """Word keeps ``~$dex.vi.md`` beside a text it has open: the build stopped with
    "missing 'Date:'" for a file staff never made. Neither the build nor check reads it,
    and it is not published."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-01"})
    files["tin-tuc/bai/~$dex.vi.md"] = "\x00\x06Phong Dao tao"
    site = build_site(tmp_path, files)
    assert not [rel for rel in site.files() if "~$" in rel]
    report = check(tmp_path / "content", read_settings())
    assert report.status == 0 and not [line for line in report.lines() if "~$" in line]


def test_a_file_name_with_a_hidden_space_or_a_copys_mark_says_what_to_do(tmp_path):
    """"index.en.md " (Windows hides the space) left the English page out, and a photo
    "lop-hoc.jpg " left the gallery, both without a word; "index.vi (1).md", a
    browser's second copy, was "language 'vi (1)' does not exist"."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-05-02"})
    files["tin-tuc/bai/index.en.md "] = "Title: Post\nDate: 2024-05-02\n\nText.\n"
    from PIL import Image
    photo = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 90, 160)).save(photo, "JPEG")
    files["tin-tuc/bai/lop-hoc.jpg "] = photo.getvalue()
    files |= post_files("tin-tuc/bai-hai", {"Title": "Bài hai", "Date": "2024-05-03"})
    files["tin-tuc/bai-hai/index.vi (1).md"] = "Title: Bài hai\nDate: 2024-05-03\n\nNội dung.\n"
    files["tin-tuc/bai-hai/index.vi 2.md"] = "Title: Bài hai\nDate: 2024-05-03\n\nNội dung.\n"  # (macOS)
    # Not such names: a Mac's folder icon ("Icon\r"), a dot in words (no extension).
    files["tin-tuc/bai-hai/Icon\r"] = b""
    files["tin-tuc/bai-hai/TS. Nguyễn Văn A"] = "x"
    expected = [
        "tin-tuc/bai/index.en.md: tên tệp 'index.en.md ' có dấu cách ở đầu, ở cuối hay cạnh dấu chấm nên tệp "
        "không được dùng: đổi tên thành 'index.en.md' / the file name 'index.en.md ' has a space at its start, "
        "its end or beside its dot, so the file is not used: rename it 'index.en.md'",
        "tin-tuc/bai/lop-hoc.jpg: tên tệp 'lop-hoc.jpg '", "rename it 'lop-hoc.jpg'",
        "tin-tuc/bai-hai/index.vi (1).md: tệp 'index.vi (1).md' mang tên của một bản sao: đặt tên index.vi.md",
        "tin-tuc/bai-hai/index.vi 2.md: tệp 'index.vi 2.md' mang tên của một bản sao"]
    assert_build_and_check_refuse(tmp_path, files, expected, 4)


def test_a_post_folder_copied_into_another_post_is_one_error_saying_where_it_goes(tmp_path):
    """The build said the folder was a post holding posts, then that the "section" had no
    name (creating one made it worse) and that the pages of both would be written to
    one file; check warned of a section's name file copied into a post's folder as of a
    section without its English name."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-05-02"}, {"Title": "Post", "Date": "2024-05-02"})
    files |= post_files("tin-tuc/bai/bai-chep", {"Title": "Bài chép", "Date": "2024-05-03"},
                        {"Title": "Copied", "Date": "2024-05-03"})
    files |= post_files("tin-tuc/khac", {"Title": "Khác", "Date": "2024-05-04"})
    files["tin-tuc/khac/_index.vi.md"] = "Title: Tin tức\n"
    site = build_site(tmp_path, files, expect_ok=False)
    errors = [line for line in site.log.splitlines() if "ERROR" in line and "tin-tuc/" in line]
    assert len(errors) == 1, "\n".join(errors)
    assert_clean_failure(site, "tin-tuc/bai/: thư mục bài viết này chứa thư mục của bài khác (bai-chep/): "
                         "chuyển chúng ra mục tin-tuc/ (hay xoá nếu là bản chép thừa)")

    from staff.check import check
    from staff.project import read_settings
    report = check(tmp_path / "content", read_settings())
    assert report.error_lines() == [errors[0].split("ERROR", 1)[1].strip().rsplit("  ", 1)[0].strip()]
    assert [str(w) for w in report.warnings] == [
        "tin-tuc/khac/_index.vi.md: tệp tên mục _index.vi.md nằm trong thư mục bài viết, nơi nó không được "
        "dùng: hãy xoá / _index.vi.md names a section, but it is in a post's folder, where it is not used: "
        "delete it"]


def test_a_sections_name_file_with_a_misspelt_or_vietnamese_line_says_what_to_write(tmp_path):
    """"Tittle:" in _index.vi.md was only "missing 'Title:'", and "Ordre: 2" was kept
    as a value nothing reads (the menu's order silently lost)."""
    files = post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-05-02"})
    files["tin-tuc/_index.vi.md"] = "Tittle: Tin tức\nMô tả: Tin của trường\n"
    files["tin-tuc/_index.en.md"] = "Title: News\nOrdre: 2\n"
    expected = ["tin-tuc/_index.vi.md:1: không hiểu dòng 'Tittle:' (có phải 'Title:'?)",
                "tin-tuc/_index.vi.md:2: dòng 'Mô tả: Tin của trường': tên dòng viết bằng tiếng Anh, hãy viết "
                "'Description: …'",
                "tin-tuc/_index.en.md:2: không hiểu dòng 'Ordre:' (có phải 'Order:'?); các dòng dùng được: "
                "Title, Description, Order"]
    assert_build_and_check_refuse(tmp_path, files, expected, 3)


def test_a_metadata_line_indented_under_another_is_an_error_at_its_line(tmp_path):
    """A tab (or spaces) before "Author:" under "Summary:" made Markdown read it as the
    summary's last words: "… Author: Phòng Đào tạo" on the page, in search engines' and
    shared links' descriptions, without a word; under "Author:" itself the build said
    "'Author:' goes on over the next line", not which line nor why."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/tom-tat/index.vi.md"] = ("Title: Tóm tắt\nDate: 2024-05-02\nSummary: Lớp mới khai giảng.\n"
                                            "\tAuthor: Phòng Đào tạo\n\nNội dung.\n")
    files["tin-tuc/tac-gia/index.vi.md"] = ("Title: Tác giả\nDate: 2024-05-02\nAuthor: Phòng Đào tạo\n"
                                            "    Tags: tuyển sinh\n\nNội dung.\n")
    # A summary that goes on over two lines is a summary.
    files["tin-tuc/hai-dong/index.vi.md"] = ("Title: Hai dòng\nDate: 2024-05-02\nSummary: Lớp mới khai giảng\n"
                                             "    vào ngày 2 tháng 5.\n\nNội dung.\n")
    expected = [
        "tin-tuc/tom-tat/index.vi.md:4: dòng 'Author: Phòng Đào tạo' bị thụt vào đầu dòng nên bị đọc là phần "
        "tiếp theo của dòng 'Summary:' ở trên; hãy xoá khoảng trắng ở đầu dòng",
        "tin-tuc/tac-gia/index.vi.md:4: dòng 'Tags: tuyển sinh' bị thụt vào đầu dòng"]
    assert_build_and_check_refuse(tmp_path, files, expected, 2, where=".md:")


def test_a_mistyped_metadata_line_indented_under_another_is_an_error_naming_the_key_meant(tmp_path):
    """"    Tgas: hợp tác xã" indented by mistake under a long summary was the summary's
    last words, in the build and invoke check alike, and the post had no tags, without a
    word. A typo of a metadata name (or one a Vietnamese keyboard put an accent on,
    "Tâgs:") is refused as the name itself is, naming the line meant and how to keep the
    words in the summary instead; other words before a colon are the summary's."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/the/index.vi.md"] = ("Title: Thẻ\nDate: 2024-05-02\nSummary: Lớp bồi dưỡng cán bộ quản lý\n"
                                        "    Tgas: hợp tác xã\n\nNội dung.\n")
    files["tin-tuc/dau/index.vi.md"] = ("Title: Dấu\nDate: 2024-05-02\nSummary: Lớp bồi dưỡng\n"
                                        "    cán bộ quản lý\n\tTâgs: hợp tác xã\n\nNội dung.\n")
    expected = [
        "tin-tuc/the/index.vi.md:4: dòng 'Tgas: hợp tác xã' bị thụt vào đầu dòng nên bị đọc là phần tiếp theo của "
        "dòng 'Summary:' ở trên; nếu đó là dòng 'Tags:', hãy sửa tên thành 'Tags:'",
        "tin-tuc/dau/index.vi.md:5: dòng 'Tâgs: hợp tác xã' bị thụt vào đầu dòng"]
    assert_build_and_check_refuse(tmp_path, files, expected, 2, where=".md:")
    lines = check(tmp_path / "content", read_settings()).error_lines()
    assert lines[-1].endswith("'Tgas: hợp tác xã' is indented, so it is read as the rest of the 'Summary:' line "
                              "above; if it is the 'Tags:' line, write 'Tags:' and remove the space at the start "
                              "of the line; if it is part of 'Summary:', write it on at the end of the line above")
    # A summary's own "Lưu ý: …", "Hotline: …", "Chủ đề: …" on its continued lines are its words.
    tmp_path = tmp_path / "loi"
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/luu-y/index.vi.md"] = ("Title: Lưu ý\nDate: 2024-05-02\nTags: tuyển sinh\n"
                                          "Summary: Lớp khai giảng ngày 2 tháng 5.\n    Lưu ý: mang theo CCCD.\n"
                                          "    Hotline: 0912 345 678.\n    Chủ đề: hợp tác xã.\n\nNội dung.\n")
    site = build_site(tmp_path, files)
    assert site.feed("atom.xml").entries[0].summary == (
        "Lớp khai giảng ngày 2 tháng 5. Lưu ý: mang theo CCCD. Hotline: 0912 345 678. Chủ đề: hợp tác xã.")
    assert check(tmp_path / "content", read_settings()).error_lines() == []


def test_a_line_like_no_metadata_under_the_metadata_is_the_texts_first_line(tmp_path):
    """"Hotline: 0912 …" typed under "Date:" without a blank line was read by Markdown as
    metadata: gone from the page, the build passed, and invoke check, the preview and
    invoke publish refused it as an unknown line. Such lines at the end of the block are
    the text (sitemodel.build.parse_header), to the build and to check alike."""
    from staff.check import check
    from staff.project import read_settings

    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/lien-he/index.vi.md"] = ("Title: Liên hệ tuyển sinh\nDate: 2024-05-02\n"
                                            "Hotline: 0912 345 678\nEmail: tuyensinh@truong.edu.vn\n\n"
                                            "Mời các hợp tác xã đăng ký.\n")
    site = build_site(tmp_path, files)
    paragraphs = [p.get_text() for p in site.html("tin-tuc/lien-he/").select(".post__body p")]
    assert paragraphs[0].split() == "Hotline: 0912 345 678 Email: tuyensinh@truong.edu.vn".split(), paragraphs
    assert paragraphs[1] == "Mời các hợp tác xã đăng ký."
    assert site.feed("atom.xml").entries[0].title == "Liên hệ tuyển sinh"
    assert check(tmp_path / "content", read_settings()).error_lines() == []


def test_a_line_like_no_metadata_among_the_metadata_is_refused_by_build_and_check(tmp_path):
    """Above "Date:" (or between "---" lines) "Hotline:" cannot be the text: the build
    passed it, keeping a value no page reads, while check refused it. Both refuse it
    now, in the same words, saying where to write it if it is text."""
    files = section_files("tin-tuc", "Tin tức")
    files["tin-tuc/lien-he/index.vi.md"] = ("Title: Liên hệ\nHotline: 0912 345 678\nDate: 2024-05-02\n\n"
                                            "Nội dung.\n")
    files["tin-tuc/gach/index.vi.md"] = "---\nTitle: Gạch\nDate: 2024-05-03\nHotline: 0912\n---\nNội dung.\n"
    start = "không hiểu dòng 'Hotline:'; các dòng dùng được: Title, Date"
    hint = "if it is the post's text, write it below the metadata lines, after a blank line"
    assert_build_and_check_refuse(tmp_path, files, [
        f"tin-tuc/lien-he/index.vi.md:2: {start}", f"tin-tuc/gach/index.vi.md:4: {start}"], 2)
    from staff.check import check
    from staff.project import read_settings

    assert all(line.endswith(hint) for line in check(tmp_path / "content", read_settings()).error_lines())

"""A full Joomla 3 article page becomes a post folder: metadata, Markdown, figures,
gallery, sign-off; the page's chrome stays behind."""

from __future__ import annotations

import io
import os
import re

import pytest
from joomla_pages import (FOOTER, MENU, MOST_READ, RICH_FOLDER, RICH_TITLE, article_page, old_path, photo,
                          save_page, save_rich_page)

from importer.cli import run


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    base = tmp_path_factory.mktemp("rich")
    save_rich_page(base / "old")
    out = io.StringIO()
    status = run([base / "old"], base / "content", out=out)
    post = base / "content" / RICH_FOLDER
    return status, out.getvalue(), post, base / "old" / "khai-giang_files"


def split(index_text: str) -> tuple[dict[str, str], str]:
    head, body = index_text.split("\n\n", 1)
    return dict(line.split(": ", 1) for line in head.splitlines()), body


def test_post_folder_from_breadcrumb_section_and_title(rich):
    status, log, post, _ = rich
    assert status == 0, log
    assert (post / "index.vi.md").is_file()


def test_metadata_title_date_author(rich):
    meta, _ = split((rich[2] / "index.vi.md").read_text(encoding="utf-8"))
    assert meta == {"Title": RICH_TITLE, "Date": "2018-09-14 08:00",
                    "Author": "Phòng Đào tạo, bồi dưỡng",
                    # the page's address on the old site: its links lead to the post
                    "Aliases": old_path(RICH_TITLE)}


def test_sign_off_is_removed_from_the_text(rich):
    _, body = split((rich[2] / "index.vi.md").read_text(encoding="utf-8"))
    assert "Phòng Đào tạo" not in body


def test_markdown_constructs(rich):
    _, body = split((rich[2] / "index.vi.md").read_text(encoding="utf-8"))
    assert body.startswith("Sáng ngày 5/3, Nhà Trường khai giảng lớp **bồi dưỡng kỹ năng quản "
                           "lý tài chính** cho *cán bộ kế toán* các hợp tác xã trong tỉnh & các "
                           "vùng lân cận.\n\n")
    assert "\n### Nội dung chương trình\n\n- Lập kế hoạch thu chi\n- Quản lý vốn góp của " \
           "thành viên\n" in body
    assert "[trang lịch học](http://truong-cu.example.vn/index.php/dao-tao/lich-hoc)" in body
    assert "| **Buổi** | **Chuyên đề** |\n| --- | --- |\n| Sáng | Kế toán hợp tác xã |\n" \
           "| Chiều | Phân phối lợi nhuận |" in body
    assert "\n### Kết quả mong đợi\n" in body
    assert "\u00a0" not in body and "  \n" not in body


def test_inline_figures_with_captions(rich):
    _, body = split((rich[2] / "index.vi.md").read_text(encoding="utf-8"))
    # The caption under the photo, and the photo's alt text when nothing is under it.
    assert "\n\n![Quang cảnh buổi khai giảng lớp học.](toan-canh.jpg)\n\n" in body
    assert "\n\n![Giảng viên trao đổi với học viên](img-0231.jpg)\n\n" in body
    assert body.count("Quang cảnh buổi khai giảng") == 1


def test_gallery_photos_copied_not_placed_captions_file(rich):
    _, body = split((rich[2] / "index.vi.md").read_text(encoding="utf-8"))
    for name in ("anh-lop-hoc.jpg", "bai-kiem-tra.jpg", "dsc01922.jpg"):
        assert (rich[2] / name).is_file()
        assert name not in body
    assert "Một số hình ảnh" not in body and "thảo luận nhóm" not in body
    # "DSC01922" is a file name, not a caption.
    assert (rich[2] / "captions.vi.txt").read_text(encoding="utf-8") == (
        "anh-lop-hoc.jpg: Học viên thảo luận nhóm.\n"
        "bai-kiem-tra.jpg: Học viên làm bài kiểm tra cuối khóa\n")


def test_photos_are_copied_byte_for_byte_with_ascii_names(rich):
    _, _, post, files = rich
    names = sorted(p.name for p in post.iterdir())
    assert names == ["anh-lop-hoc.jpg", "bai-kiem-tra.jpg", "captions.vi.txt", "dsc01922.jpg",
                     "img-0231.jpg", "index.vi.md", "toan-canh.jpg"]
    assert all(re.fullmatch(r"[a-z0-9.-]+", n) for n in names)
    assert (post / "img-0231.jpg").read_bytes() == (files / "IMG_0231.JPG").read_bytes()
    assert (post / "anh-lop-hoc.jpg").read_bytes() == (files / "Ảnh lớp học.jpg").read_bytes()


@pytest.mark.parametrize("chrome", [
    "Tin mới hơn", "Tin cũ hơn", "Hội nghị tổng kết năm học", "Thông báo lịch học tháng Tám",
    "Chia sẻ", "Share", "facebook", "Bạn đang ở", "Home", *[m for m in MENU if m != "Đào tạo"],
    MOST_READ, FOOTER, "Lượt xem", "Super User", "Chi tiết", "Danh mục", "In bài", "Gửi email",
    "Bài trước", "Bài sau", "Về đầu trang", "Tìm kiếm", "jQuery", "margin", "template.css",
])
def test_page_chrome_is_dropped(rich, chrome):
    text = (rich[2] / "index.vi.md").read_text(encoding="utf-8")
    assert chrome not in text


def test_summary_names_the_page_and_the_post(rich):
    log = rich[1]
    assert f"khai-giang.html -> {RICH_FOLDER}/" in log
    assert "Tổng kết: đã nhập 1, bỏ qua 0, lỗi 0 / Summary: imported 1, skipped 0, problems 0" in log


def import_one(tmp_path, body, photos=None, **page):
    save_page(tmp_path / "old", "bai", article_page(page.pop("title", "Bài thử nghiệm"), body,
                                                    **page), photos)
    out = io.StringIO()
    status = run([tmp_path / "old"], tmp_path / "content", out=out)
    posts = list((tmp_path / "content").glob("**/index.vi.md"))
    return status, out.getvalue(), (posts[0].parent if posts else None)


def test_short_last_paragraph_is_the_author(tmp_path):
    body = ("<p>Hội nghị thảo luận kế hoạch tuyển sinh của năm học mới và phân công giảng viên.</p>"
            "<p>Ban CSPTHTX.</p>")
    status, log, post = import_one(tmp_path, body)
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "\nAuthor: Ban CSPTHTX\n" in text
    assert text.endswith("phân công giảng viên.\n")


def test_no_sign_off_no_author_and_generic_account_ignored(tmp_path):
    body = ("<p>Hội nghị thảo luận kế hoạch tuyển sinh của năm học mới và phân công giảng "
            "viên cho từng lớp.</p><p>Các đơn vị gửi danh sách học viên trước ngày 20 hằng "
            "tháng để Nhà Trường chuẩn bị tài liệu./.</p>")
    status, log, post = import_one(tmp_path, body)
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "Author:" not in text and "chuẩn bị tài liệu./." in text


def test_trailing_run_of_photos_is_the_gallery_in_page_order(tmp_path):
    body = ("<p>Đoàn học viên tham quan mô hình trồng rau an toàn của hợp tác xã.</p>"
            '<p><img src="./bai_files/zeta.jpg" alt="Vườn rau của hợp tác xã"></p>'
            '<p><img src="./bai_files/alpha.jpg" alt="alpha"></p>'
            '<p style="text-align:center"><em>Học viên nghe giới thiệu quy trình.</em></p>')
    status, log, post = import_one(tmp_path, body, {"zeta.jpg": photo("olive"),
                                                    "alpha.jpg": photo("teal")})
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "![" not in text and "Author:" not in text
    # The site orders a gallery by file name: the page's order is kept by numbering.
    assert sorted(p.name for p in post.glob("*.jpg")) == ["01-zeta.jpg", "02-alpha.jpg"]
    assert (post / "captions.vi.txt").read_text(encoding="utf-8") == (
        "01-zeta.jpg: Vườn rau của hợp tác xã\n02-alpha.jpg: Học viên nghe giới thiệu quy trình.\n")


def test_figure_caption_after_line_break_and_in_figcaption(tmp_path):
    body = ('<p><img src="./bai_files/mot.jpg" alt=""><br><em>Đại biểu cắt băng khai mạc.</em></p>'
            "<p>Buổi lễ có sự tham dự của lãnh đạo Liên minh và các hợp tác xã thành viên.</p>"
            '<figure><img src="./bai_files/hai.png" alt="hai"><figcaption>Trao chứng chỉ cho '
            "học viên.</figcaption></figure><p>Lớp học kết thúc sau năm ngày học tập trung "
            "với nhiều chuyên đề thiết thực.</p>")
    status, log, post = import_one(tmp_path, body, {"mot.jpg": photo(), "hai.png": photo(fmt="PNG")})
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "\n\n![Đại biểu cắt băng khai mạc.](mot.jpg)\n\n" in text
    assert "\n\n![Trao chứng chỉ cho học viên.](hai.png)\n\n" in text


def test_missing_photo_and_icons_reported_or_left_out(tmp_path):
    body = ('<p>Mẫu đơn đăng ký <img src="./bai_files/pdf.gif" alt="pdf"> tải tại văn phòng '
            "Nhà Trường trong giờ hành chính các ngày làm việc.</p>"
            '<p><img src="http://truong-cu.example.vn/images/khong-luu.jpg" alt="Ảnh chưa lưu"></p>'
            "<p>Hạn nộp đơn là cuối tháng này, sau thời hạn trên Nhà Trường không nhận hồ sơ.</p>")
    status, log, post = import_one(tmp_path, body, {"pdf.gif": photo(size=(16, 16), fmt="GIF")})
    assert status == 0
    assert "khong-luu.jpg" in log and "Cần xem lại / To check" in log
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "![" not in text and "Mẫu đơn đăng ký tải tại văn phòng" in text
    assert not list(post.glob("*.gif")) and not list(post.glob("*.png"))


def test_gif_photo_becomes_png(tmp_path):
    body = ('<p>Toàn cảnh hội trường trước giờ khai mạc hội nghị tổng kết.</p>'
            '<p><img src="./bai_files/hoi-truong.gif" alt="Hội trường"></p>'
            "<h3>Ý kiến đóng góp</h3><p>Hội nghị kết thúc lúc mười một giờ cùng ngày.</p>")
    status, log, post = import_one(tmp_path, body, {"hoi-truong.gif": photo(fmt="GIF")})
    assert (post / "hoi-truong.png").is_file()
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "![Hội trường](hoi-truong.png)" in text
    assert "Author:" not in text and text.endswith("mười một giờ cùng ngày.\n")


JOOMLA15 = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<span class="breadcrumbs pathway">Bạn đang ở: <a href="http://truong-cu.example.vn/">Trang chủ</a>
 <a href="http://truong-cu.example.vn/tin-tuc">Tin tức</a> <a href="http://truong-cu.example.vn/tin-hoat-dong">Tin hoạt động của Nhà Trường</a> {title}</span>
<table class="contentpaneopen"><tr><td class="contentheading" width="100%">{title}</td>
<td class="buttonheading"><a href="/pdf"><img src="./bai_files/pdf_button.png" alt="PDF"></a></td></tr></table>
<table class="contentpaneopen"><tr><td valign="top" class="createdate">Thứ ba, 11/9/2018</td></tr>
<tr><td valign="top">{body}</td></tr>
<tr><td class="modifydate">Lần cập nhật cuối ( Thứ tư, 12/9/2018 )</td></tr></table></body></html>"""


def test_a_joomla_15_page_gives_the_text_of_its_second_table(tmp_path):
    """Joomla 1.5 puts the title (with its PDF icon) in a first table.contentpaneopen and
    the text in a second: the text was taken from the first (the article lost: a table
    of its title; with the icon, a crash)."""
    title = "Khai giảng lớp bồi dưỡng cán bộ hợp tác xã"
    body = ("<p>Sáng nay Nhà Trường khai giảng lớp bồi dưỡng cho cán bộ quản lý hợp tác xã trong tỉnh.</p>"
            '<p><img src="./bai_files/lop-hoc.jpg"></p><p style="text-align:center"><em>Toàn cảnh lớp học.</em></p>'
            "<p>Lớp học kéo dài năm ngày với nhiều chuyên đề thiết thực cho học viên.</p><p align=right><b>Ban CSPTHTX.</b></p>")
    save_page(tmp_path / "old", "bai", JOOMLA15.format(title=title, body=body),
              {"lop-hoc.jpg": photo(), "pdf_button.png": photo(size=(16, 16), fmt="PNG")})
    out = io.StringIO()
    status = run([tmp_path / "old"], tmp_path / "content", out=out)
    assert status == 0, out.getvalue()
    [post] = [p.parent for p in (tmp_path / "content").glob("**/index.vi.md")]
    meta, text = split((post / "index.vi.md").read_text(encoding="utf-8"))
    assert meta == {"Title": title, "Date": "2018-09-11", "Author": "Ban CSPTHTX"}
    assert text.startswith("Sáng nay Nhà Trường khai giảng")
    assert "![Toàn cảnh lớp học.](lop-hoc.jpg)" in text and "|" not in text and "Lần cập nhật" not in text


def test_a_layout_table_around_the_text_is_unwrapped(tmp_path):
    """The whole article in <table width=100%><tr><td>: it became a one-cell Markdown
    table, every paragraph and photo on one line."""
    body = ('<table width="100%"><tbody><tr><td><p>Hội nghị tổng kết công tác đào tạo năm học vừa qua đã diễn ra tại hội trường lớn.</p>'
            '<table align="center"><tr><td><img src="./bai_files/hoi-truong.jpg"></td></tr>'
            '<tr><td style="text-align:center"><em>Hội trường.</em></td></tr></table>'
            "<p>Các đại biểu thảo luận kế hoạch tuyển sinh và phân công giảng viên cho năm học mới.</p></td></tr></tbody></table>")
    status, log, post = import_one(tmp_path, body, {"hoi-truong.jpg": photo()})
    assert status == 0, log
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "|" not in text
    assert "\n\nHội nghị tổng kết công tác đào tạo" in text
    assert "\n\n![Hội trường.](hoi-truong.jpg)\n\n" in text
    assert text.rstrip().endswith("phân công giảng viên cho năm học mới.")


def test_a_photo_lists_file_names_are_no_captions_and_its_order_is_the_sites(tmp_path):
    """The old site's photo list put each photo's file name under it ("hatinh05201"):
    it became the caption readers saw. And the site orders a gallery naturally (img-2
    before img-10): Python's order took img-10, img-2 for the page's."""
    body = ("<p>Học viên tham quan mô hình sản xuất rau an toàn của hợp tác xã trong tỉnh.</p>"
            "<p>Một số hình ảnh tại lớp học:</p>"
            '<p><img src="./bai_files/IMG_10.jpg"></p><p style="text-align:center">IMG_10</p>'
            '<p><img src="./bai_files/IMG_2.jpg"></p><p style="text-align:center">hatinh05201</p>')
    status, log, post = import_one(tmp_path, body, {"IMG_10.jpg": photo("olive"), "IMG_2.jpg": photo("teal")})
    assert status == 0, log
    assert sorted(p.name for p in post.glob("*.jpg")) == ["01-img-10.jpg", "02-img-2.jpg"]
    assert not (post / "captions.vi.txt").exists()
    assert "IMG_10" not in (post / "index.vi.md").read_text(encoding="utf-8")


def test_a_damaged_photo_is_reported_and_left_out(tmp_path):
    """A photo cut short when the page was saved was copied: the site's build stopped on it."""
    whole = photo(size=(400, 300))
    body = ("<p>Hội nghị thảo luận kế hoạch tuyển sinh của năm học mới và phân công giảng viên.</p>"
            '<p><img src="./bai_files/hong.jpg" alt="Hội trường"></p>')
    status, log, post = import_one(tmp_path, body, {"hong.jpg": whole[:len(whole) // 2]})
    assert status == 0
    assert "hong.jpg is not a picture or is damaged" in log
    assert not list(post.glob("*.jpg"))


def test_post_folders_are_readable_like_any_other(tmp_path):
    status, log, post = import_one(tmp_path, "<p>Hội nghị thảo luận kế hoạch tuyển sinh của năm học mới.</p>")
    mask = os.umask(0o022)
    os.umask(mask)
    assert post.stat().st_mode & 0o777 == 0o777 & ~mask  # (not mkdtemp's 0700)


def test_an_english_page_is_refused_with_what_to_do(tmp_path):
    """It was imported as a Vietnamese post and published in the Vietnamese edition."""
    page = article_page("Training courses open", "<p>Three training courses opened this week for managers.</p>")
    assert '<html lang="vi-vn"' in page
    save_page(tmp_path / "old", "en", page.replace('<html lang="vi-vn"', '<html lang="en-gb"'))
    out = io.StringIO()
    status = run([tmp_path / "old"], tmp_path / "content", out=out)
    assert status == 1
    assert "an English page: add the translation by hand, as index.en.md" in out.getvalue()
    assert not list((tmp_path / "content").glob("**/index.vi.md"))


def test_a_long_title_is_cut_at_a_word_without_dropping_one_from_the_middle():
    from importer.text import ascii_slug

    # (the 80th character falls inside "hop": the slug ends at the word before it)
    title = "Nhà trường phối hợp mở các lớp tập huấn nâng cao năng lực điều hành cho cán bộ hợp tác xã (đợt 2) năm 2021"
    slug = ascii_slug(title)
    assert len(slug) <= 80 and slug == "nha-truong-phoi-hop-mo-cac-lop-tap-huan-nang-cao-nang-luc-dieu-hanh-cho-can-bo"


def test_a_photo_saved_with_a_decomposed_name_is_found(tmp_path):
    """A Mac saves file names decomposed (NFD); the page names them composed."""
    import unicodedata

    name = unicodedata.normalize("NFD", "Ảnh lớp học.jpg")
    body = ('<p>Hội nghị thảo luận kế hoạch tuyển sinh của năm học mới và phân công giảng viên.</p>'
            '<p><img src="./bai_files/%E1%BA%A2nh%20l%E1%BB%9Bp%20h%E1%BB%8Dc.jpg"></p>'
            "<p>Lớp học kéo dài năm ngày với nhiều chuyên đề thiết thực cho học viên.</p>")
    status, log, post = import_one(tmp_path, body, {name: photo()})
    assert status == 0 and "was not saved" not in log, log
    assert (post / "anh-lop-hoc.jpg").is_file()


def test_a_sign_off_of_two_lines_is_the_author(tmp_path):
    """"Unit<br>School" under the last photo became that photo's caption."""
    body = ("<p>Học viên tham quan mô hình sản xuất rau an toàn của hợp tác xã trong tỉnh.</p>"
            '<p><img src="./bai_files/mot.jpg" alt="Vườn rau"></p><p><img src="./bai_files/hai.jpg" alt="Nhà lưới"></p>'
            "<p>Phòng Đào tạo, bồi dưỡng<br>Trường Bồi dưỡng cán bộ</p>")
    status, log, post = import_one(tmp_path, body, {"mot.jpg": photo("olive"), "hai.jpg": photo("teal")})
    meta, _ = split((post / "index.vi.md").read_text(encoding="utf-8"))
    assert meta["Author"] == "Phòng Đào tạo, bồi dưỡng, Trường Bồi dưỡng cán bộ"
    assert (post / "captions.vi.txt").read_text(encoding="utf-8") == "01-mot.jpg: Vườn rau\n02-hai.jpg: Nhà lưới\n"


def test_a_photo_list_heading_goes_when_its_photos_were_not_saved(tmp_path):
    """Saved as "HTML only": the heading of the photo list stayed, over nothing."""
    body = ("<p>Học viên tham quan mô hình sản xuất rau an toàn của hợp tác xã trong tỉnh.</p>"
            "<p><strong>Một số hình ảnh tại lớp học:</strong></p>"
            '<p><img src="http://truong-cu.example.vn/images/a.jpg"></p><p><img src="http://truong-cu.example.vn/images/b.jpg"></p>')
    status, log, post = import_one(tmp_path, body)
    assert "was not saved with the page" in log
    assert "Một số hình ảnh" not in (post / "index.vi.md").read_text(encoding="utf-8")


def test_a_date_written_in_the_text_is_the_posts_date(tmp_path):
    """Without a date element, the line "Ngày đăng: 11/09/2018 08:30" in the text was
    passed over for the saved file's time."""
    body = ("<p><em>Ngày đăng: 11/09/2018 08:30</em></p>"
            "<p>Hội nghị thảo luận kế hoạch tuyển sinh của năm học mới và phân công giảng viên.</p>")
    status, log, post = import_one(tmp_path, body, published=None)
    meta, text = split((post / "index.vi.md").read_text(encoding="utf-8"))
    assert meta["Date"] == "2018-09-11 08:30"
    assert "used the date written in it ('Ngày đăng: 11/09/2018 08:30')" in log
    # (and the line goes: the page shows the date already)
    assert "Ngày đăng" not in text and text.startswith("Hội nghị thảo luận")


def test_nbsp_left_as_text_by_an_old_cms_is_a_space(tmp_path):
    status, log, post = import_one(tmp_path, "<p>Hội nghị thảo luận kế hoạch tuyển sinh của năm học mới.</p>",
                                   title="Khai giảng", title_html="Khai&amp;nbsp;&amp;nbsp;giảng lớp mới")
    meta, _ = split((post / "index.vi.md").read_text(encoding="utf-8"))
    assert meta["Title"] == "Khai giảng lớp mới"


def test_a_photo_list_laid_out_in_tables_is_the_gallery(tmp_path):
    """The old editor laid each photo of a list out in a table, the photo's file name (or
    a caption) in the cell under it: the photos stayed in the text as figures, each
    captioned with its file name ("hatinh05201"), and the gallery was empty."""
    def table(name, under):
        return (f'<table style="margin-left:auto;margin-right:auto" border="0"><tbody>'
                f'<tr><td><img src="./bai_files/{name}.jpg" width="500" height="333"></td></tr>'
                f'<tr><td style="text-align:center">{under}</td></tr></tbody></table><p>&nbsp;</p>')
    body = ("<p>Lớp học về quản trị sản xuất dành cho 60 hợp tác xã nông nghiệp của tỉnh Hà Tĩnh.</p>"
            + table("ht01", "<strong>Giảng viên</strong> trình bày chuyên đề mở đầu.")
            + "<p>Học viên chia sẻ cách các hợp tác xã vượt qua khó khăn trong mùa dịch.</p>"
            "<p><strong>Một số hình ảnh tại lớp học:</strong></p>"
            + table("hatinh0601", "hatinh0601") + table("hatinh0602", "Học viên thảo luận nhóm.")
            + table("hatinh0603", "hatinh0603"))
    status, log, post = import_one(tmp_path, body, {f"{n}.jpg": photo(c) for n, c in (
        ("ht01", "navy"), ("hatinh0601", "olive"), ("hatinh0602", "teal"), ("hatinh0603", "maroon"))})
    assert status == 0, log
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "\n\n![Giảng viên trình bày chuyên đề mở đầu.](ht01.jpg)\n\n" in text
    assert "hatinh06" not in text and "Một số hình ảnh" not in text
    assert (post / "captions.vi.txt").read_text(encoding="utf-8") == "hatinh0602.jpg: Học viên thảo luận nhóm.\n"
    assert {p.name for p in post.glob("hatinh*.jpg")} == {"hatinh0601.jpg", "hatinh0602.jpg", "hatinh0603.jpg"}


def test_a_file_name_under_a_photo_in_the_text_is_no_caption(tmp_path):
    body = ("<p>Lớp học về quản trị sản xuất dành cho 60 hợp tác xã nông nghiệp của tỉnh Hà Tĩnh.</p>"
            '<table><tr><td><img src="./bai_files/hatinh0701.jpg" alt="hatinh0701"></td></tr>'
            '<tr><td style="text-align:center">hatinh0701</td></tr></table>'
            "<p>Học viên chia sẻ cách các hợp tác xã vượt qua khó khăn trong mùa dịch.</p>")
    status, log, post = import_one(tmp_path, body, {"hatinh0701.jpg": photo()})
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "\n\n![](hatinh0701.jpg)\n\n" in text and text.count("hatinh0701") == 1


def test_newer_and_older_lists_with_a_date_beside_each_link_are_left_behind(tmp_path):
    """A plugin listed the newer and older articles as a link and its date per line: the
    lists stayed in the post, and their last line ("Thông báo tuyển sinh - 01/10/2018")
    was taken for the sign-off, the real one kept as text."""
    body = ("<p>Nhà Trường mở lớp kế toán hợp tác xã khóa mới, học tại thị xã Quảng Yên.</p>"
            '<p style="text-align:right"><strong>Phòng Đào tạo, bồi dưỡng</strong></p>'
            '<div class="cac-tin"><div><span>Tin mới hơn:</span>'
            '<div><a href="/index.php/tin/601">Tổng kết lớp học</a> <span>- 20/10/2018</span></div>'
            '<div><a href="/index.php/tin/602">Hội thảo chuỗi giá trị</a> (25/10/2018)</div></div>'
            '<div><span>Tin cũ hơn:</span>'
            '<div><a href="/index.php/tin/590">Thông báo tuyển sinh</a> <span>- 01/10/2018</span></div></div></div>')
    status, log, post = import_one(tmp_path, body)
    meta, text = split((post / "index.vi.md").read_text(encoding="utf-8"))
    assert meta["Author"] == "Phòng Đào tạo, bồi dưỡng"
    assert text == "Nhà Trường mở lớp kế toán hợp tác xã khóa mới, học tại thị xã Quảng Yên.\n"


def test_a_line_of_text_beside_links_is_not_a_list_of_links(tmp_path):
    body = ("<p>Nhà Trường mở lớp kế toán hợp tác xã khóa mới, học tại thị xã Quảng Yên.</p>"
            "<p><strong>Xem thêm:</strong></p>"
            '<p>Mẫu đơn tại <a href="/index.php/tai-lieu/mau-don">trang tài liệu</a> của Nhà Trường.</p>')
    status, log, post = import_one(tmp_path, body)
    assert "Mẫu đơn tại [trang tài liệu]" in (post / "index.vi.md").read_text(encoding="utf-8")


def test_a_hit_counter_in_the_article_is_left_behind(tmp_path):
    """A template wrote the article's hits under its text: the counter stayed in the post,
    and, being the last line, hid the sign-off above it."""
    body = ("<p>Nhà Trường mở lớp kế toán hợp tác xã khóa mới, học tại thị xã Quảng Yên.</p>"
            "<p>Ban CSPTHTX.</p>"
            '<div class="thong-ke"><span>Số lần xem: 1.245</span></div>')
    status, log, post = import_one(tmp_path, body)
    meta, text = split((post / "index.vi.md").read_text(encoding="utf-8"))
    assert meta["Author"] == "Ban CSPTHTX"
    assert "xem" not in text


def test_a_sign_off_with_its_label_is_the_author(tmp_path):
    """"Tin, ảnh: Ban CSPTHTX" (text and photos by) was left at the end of the text, in
    bold: its colon made it a label, not a sign-off."""
    body = ("<p>Lớp bồi dưỡng cán bộ hợp tác xã tại thị xã Quảng Yên bế giảng sau năm ngày học.</p>"
            '<p style="text-align: right;"><strong>Tin, ảnh: Ban CSPTHTX</strong></p>')
    status, log, post = import_one(tmp_path, body)
    meta, text = split((post / "index.vi.md").read_text(encoding="utf-8"))
    assert meta["Author"] == "Ban CSPTHTX"
    assert text == "Lớp bồi dưỡng cán bộ hợp tác xã tại thị xã Quảng Yên bế giảng sau năm ngày học.\n"


def test_a_label_alone_is_no_sign_off(tmp_path):
    body = ("<p>Lớp bồi dưỡng cán bộ hợp tác xã tại thị xã Quảng Yên bế giảng sau năm ngày học.</p>"
            "<p>Ghi chú: học viên nhận chứng chỉ tại văn phòng.</p>")
    status, log, post = import_one(tmp_path, body)
    assert "Author:" not in (post / "index.vi.md").read_text(encoding="utf-8")


def test_a_photos_label_under_the_last_photo_is_its_caption(tmp_path):
    body = ("<p>Lớp bồi dưỡng cán bộ hợp tác xã tại thị xã Quảng Yên bế giảng sau năm ngày học.</p>"
            '<p><img src="./bai_files/lop.jpg"></p><p>Ảnh: Toàn cảnh lớp học</p>')
    status, log, post = import_one(tmp_path, body, {"lop.jpg": photo()})
    text = (post / "index.vi.md").read_text(encoding="utf-8")
    assert "Author:" not in text and "![Ảnh: Toàn cảnh lớp học](lop.jpg)" in text

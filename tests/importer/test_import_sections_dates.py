"""The section comes from the breadcrumb through the section table; the date from the
article's date element, with documented fallbacks that the summary reports."""

from __future__ import annotations

import io
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from joomla_pages import article_page, save_page

from importer.cli import run
from importer.dates import parse_date
from importer.sections import load_table

BODY = ("<p>Nhà Trường thông báo lịch học của các lớp bồi dưỡng trong tháng tới tới các hợp "
        "tác xã thành viên để kịp cử cán bộ tham dự.</p>")


def import_pages(tmp_path, pages: dict[str, str], table=None, **run_args):
    for name, html in pages.items():
        save_page(tmp_path / "old", name, html)
    out = io.StringIO()
    status = run([tmp_path / "old"], tmp_path / "content", table_file=table, out=out, **run_args)
    return status, out.getvalue()


def index_of(tmp_path, folder):
    return (tmp_path / "content" / folder / "index.vi.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("trail, folder", [
    (("Tin tức", "Tin hoạt động của Nhà Trường"), "tin-tuc/tin-hoat-dong"),
    (("Tin tức", "Thông báo"), "tin-tuc/thong-bao"),
    (("Đào tạo", "Lịch khai giảng"), "dao-tao/khai-giang"),
    (("Tin tức",), "tin-tuc"),
    (("tin  tức", "THÔNG BÁO"), "tin-tuc/thong-bao"),  # case and spacing do not matter
])
def test_section_from_breadcrumb_through_the_table(tmp_path, trail, folder):
    status, log = import_pages(tmp_path, {"a": article_page("Lịch học tháng Mười", BODY, trail=trail)})
    assert status == 0, log
    assert index_of(tmp_path, f"{folder}/lich-hoc-thang-muoi").startswith("Title: Lịch học tháng Mười\n")


def test_unknown_section_is_reported_and_the_page_skipped(tmp_path):
    status, log = import_pages(tmp_path, {
        "a-tin-anh": article_page("Phóng sự ảnh về lớp học", BODY, trail=("Tin tức", "Tin ảnh")),
        "b-thong-bao": article_page("Lịch học tháng Mười", BODY, trail=("Tin tức", "Thông báo")),
    })
    assert status == 1
    assert "a-tin-anh.html: mục 'Tin ảnh' chưa có trong bảng mục sections.toml" in log
    assert "unknown section 'Tin ảnh'" in log
    assert "Summary: imported 1, skipped 0, problems 1" in log
    assert "Không nhập được / Not imported:" in log
    assert not list((tmp_path / "content").glob("**/phong-su-anh-ve-lop-hoc"))
    assert (tmp_path / "content" / "tin-tuc/thong-bao/lich-hoc-thang-muoi/index.vi.md").is_file()


def test_page_without_breadcrumb_falls_back_to_the_category_field(tmp_path):
    page = article_page("Lịch học tháng Mười", BODY, trail=("Thông báo",))
    page = page.replace('class="breadcrumb"', 'class="not-a-crumb"')
    status, log = import_pages(tmp_path, {"a": page})
    assert status == 0, log
    assert (tmp_path / "content/tin-tuc/thong-bao/lich-hoc-thang-muoi").is_dir()


def test_page_without_breadcrumb_or_category_takes_the_section_of_its_old_address(tmp_path):
    """A template without the breadcrumb module, showing no category: the page could not
    be imported at all, though its old address names its section."""
    page = article_page("Lịch học tháng Mười", BODY, trail=("Thông báo",),
                        url="http://truong-cu.example.vn/index.php/tin-tuc/thong-bao/420-lich-hoc")
    page = page.replace('class="breadcrumb"', 'class="not-a-crumb"').replace('BreadcrumbList', 'ItemList').replace('class="category-name"', 'class="x"')
    other = article_page("Lịch thi tháng Mười", BODY, trail=("Thông báo",),
                         url="http://truong-cu.example.vn/index.php/chuyen-muc-la/421-lich-thi")
    other = other.replace('class="breadcrumb"', 'class="not-a-crumb"').replace('BreadcrumbList', 'ItemList').replace('class="category-name"', 'class="x"')
    status, log = import_pages(tmp_path, {"a": page, "b": other})
    assert (tmp_path / "content/tin-tuc/thong-bao/lich-hoc-thang-muoi").is_dir()
    assert "no breadcrumb: the section 'Thông báo' was taken from the old address, check it" in log
    assert status == 1 and "b.html: không thấy mục của bài" in log
    assert "nor an old address naming a section of the table" in log


def test_own_table_with_a_full_trail(tmp_path):
    table = tmp_path / "bang-muc.toml"
    table.write_text('"Đào tạo › Thông báo" = "dao-tao/thong-bao"\n"Thông báo" = "tin-tuc/thong-bao"\n',
                     encoding="utf-8")
    status, log = import_pages(tmp_path, {
        "a": article_page("Lịch thi cuối khóa", BODY, trail=("Đào tạo", "Thông báo")),
        "b": article_page("Lịch học tháng Mười", BODY, trail=("Tin tức", "Thông báo")),
    }, table=table)
    assert status == 0, log
    assert (tmp_path / "content/dao-tao/thong-bao/lich-thi-cuoi-khoa").is_dir()
    assert (tmp_path / "content/tin-tuc/thong-bao/lich-hoc-thang-muoi").is_dir()


def test_bad_table_stops_before_anything_is_written(tmp_path):
    table = tmp_path / "bang-muc.toml"
    table.write_text('"Thông báo" = "Tin Tuc/Thong Bao"\n"Tin ảnh" = 3\n"Tin tức" = "tin-tuc"\n',
                     encoding="utf-8")
    status, log = import_pages(tmp_path, {"a": article_page("Lịch học", BODY)}, table=table)
    assert status == 2
    assert "'Thông báo' = 'Tin Tuc/Thong Bao'" in log and "'Tin ảnh' = 3" in log
    assert "Tin tức" not in log
    assert not (tmp_path / "content").exists()


def test_committed_table_is_valid():
    table = load_table()
    assert table.folder_for(["Tin tức", "Tin hoạt động của Nhà Trường"]) == "tin-tuc/tin-hoat-dong"
    assert table.folder_for(["Tin tức", "Thông báo"]) == "tin-tuc/thong-bao"
    assert table.folder_for(["Tin tức", "Không có"]) is None


def test_date_from_the_published_element_in_local_time(tmp_path):
    status, log = import_pages(tmp_path, {
        "a": article_page("Bài một", BODY, published="2019-03-02T01:30:00+00:00"),
        "b": article_page("Bài hai", BODY, published="2020-07-14T08:30:00+07:00"),
    })
    assert status == 0 and "ngày" not in log, log
    assert "\nDate: 2019-03-02 08:30\n" in index_of(tmp_path, "tin-tuc/tin-hoat-dong/bai-mot")
    assert "\nDate: 2020-07-14 08:30\n" in index_of(tmp_path, "tin-tuc/tin-hoat-dong/bai-hai")


def test_date_fallback_meta(tmp_path):
    page = article_page("Bài một", BODY, published=None, head_extra=(
        '<meta property="article:published_time" content="2017-11-20T09:15:00+07:00">'))
    status, log = import_pages(tmp_path, {"a": page})
    assert status == 0, log
    assert "\nDate: 2017-11-20 09:15\n" in index_of(tmp_path, "tin-tuc/tin-hoat-dong/bai-mot")
    assert "Cần xem lại / To check:" in log
    assert "a.html: bài không ghi ngày đăng, lấy ngày trong <meta>" in log


def test_date_fallback_address(tmp_path):
    page = article_page("Bài một", BODY, published=None,
                        url="http://truong-cu.example.vn/tin-tuc/2016/05/09/bai-mot.html")
    status, log = import_pages(tmp_path, {"a": page})
    assert "\nDate: 2016-05-09\n" in index_of(tmp_path, "tin-tuc/tin-hoat-dong/bai-mot")
    assert "used the date in its address" in log


def test_date_fallback_file_modification_time(tmp_path):
    save_page(tmp_path / "old", "a", article_page("Bài một", BODY, published=None))
    moment = datetime(2015, 6, 1, 14, 45, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    os.utime(tmp_path / "old" / "a.html", (moment.timestamp(), moment.timestamp()))
    out = io.StringIO()
    run([tmp_path / "old"], tmp_path / "content", out=out)
    assert "\nDate: 2015-06-01 14:45\n" in index_of(tmp_path, "tin-tuc/tin-hoat-dong/bai-mot")
    assert "lấy ngày sửa tệp" in out.getvalue() and "modification time" in out.getvalue()


@pytest.mark.parametrize("text, expected", [
    ("2018-09-14T08:00:00+07:00", "2018-09-14 08:00"),
    ("2018-09-14T01:00:00Z", "2018-09-14 08:00"),
    ("2018-09-14", "2018-09-14"),
    ("Ngày đăng: 14/09/2018 16:05", "2018-09-14 16:05"),
    ("Thứ sáu, 14 Tháng 9 2018 08:00", "2018-09-14 08:00"),
    ("Published: 14 September 2018", "2018-09-14"),
    # (a language pack writing the months as words: the file's time was taken instead)
    ("Thứ sáu, 14 Tháng Chín 2018 08:00", "2018-09-14 08:00"),
    ("Đăng ngày 3 tháng Mười Hai 2019", "2019-12-03"),
    ("1 tháng Năm năm 2020", "2020-05-01"),
    ("Lượt xem: 1234", None),
])
def test_parse_date(text, expected):
    assert parse_date(text, day_first=True) == expected

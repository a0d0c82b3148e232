"""Photos staff get wrong: one line each, ``path[:line]: Vietnamese / English``, every one
reported, exit status 1, no traceback, and nothing written to the output."""

from __future__ import annotations

import os
import re

import photo_samples as samples
import pytest
from photo_builds import SECTION, error_lines, one_post_site

from conftest import Site, build_site, post_files, write_files

KINDS_VI, KINDS_EN = "JPEG, PNG, WebP, GIF hoặc HEIC", "JPEG, PNG, WebP, GIF or HEIC"
OUTSIDE = ("ảnh '{src}' nằm ngoài thư mục bài viết, hãy chép ảnh vào cùng thư mục với bài / "
           "the image '{src}' is outside the post folder; copy the photo into the post folder")
EMPTY = "rỗng (0 byte), hãy chép lại ảnh / the photo{name} is an empty file (0 bytes); copy the photo again"
BOMB = ("quá lớn (30000×30000), tối đa 80 triệu điểm ảnh; hãy thu nhỏ ảnh / the photo{name} is too large "
        "(30000×30000): at most 80 megapixels (PHOTOS_MAX_PIXELS); make it smaller")
#: Pillow's own words on a damaged file follow the message in brackets.
DAMAGED = ("bị hỏng hoặc bị cắt cụt, hãy chép lại ảnh / the photo{name} is damaged or truncated; "
           "copy the photo again (")


def post(slug: str, body: str = "Nội dung.", photos: dict | None = None, en_body: str | None = None) -> dict:
    files = post_files(f"{SECTION}/{slug}", {"Title": slug, "Date": "2024-01-01", "body": body},
                       {"Title": slug, "Date": "2024-01-01", "body": en_body} if en_body else None)
    return files | {f"{SECTION}/{slug}/{name}": data for name, data in (photos or {}).items()}


def mistakes() -> dict:
    files = one_post_site(slug="dung")  # a post without mistakes, for company
    files |= post("thieu", "Một.\n\n![Ảnh](khong-co.jpg)\n")
    files |= post("sai-hoa", "![Ảnh](Anh-01.JPG)\n", {"anh-01.jpg": samples.jpeg((64, 48))})
    files |= post("ngoai", "![A](../../x.jpg)\n\n![B](/etc/anh.jpg)\n\n![C](C:/anh.jpg)\n")
    files |= post("tieng-anh", en_body="Text.\n\n![Photo](missing.jpg)\n")
    files |= post("khong-phai-anh", "![Tệp](ghi-chu.txt)\n", {"ghi-chu.txt": b"x"})
    files |= post("hong", photos={"hong.jpg": samples.NOT_AN_IMAGE})
    # two copies of one damaged photo: both named
    files |= post("cat", "![Ảnh](cut.jpg)\n", {"cut.jpg": samples.truncated_jpeg(),
                                                 "cut-2.jpg": samples.truncated_jpeg()})
    files |= post("rong", "Một.\n\n![Ảnh](rong.jpg)\n", {"rong.jpg": b"", "rong-2.jpg": b""})
    files |= post("bom", "![Ảnh](bom.png)\n", {"bom.png": samples.bomb_png(), "bom-2.png": samples.bomb_png()})
    files |= post("lien-ket", "Xem [ảnh lớn](khong-thay.jpg).\n")  # a link to a photo
    files |= post("chu-thich", photos={"anh.jpg": samples.jpeg((64, 48))})
    files[f"{SECTION}/chu-thich/captions.vi.txt"] = "anh.jpg: Một\nanh-2.jpg: Hai\n"
    # Left out of the gallery without a word before: pictures the site cannot use, and
    # captions files of no language of the site.
    files |= post("paint", photos={"so-do.bmp": b"BM", "quet.TIFF": b"II*", "anh.jpg": samples.jpeg((64, 48))})
    files[f"{SECTION}/paint/captions.vn.txt"] = "anh.jpg: Một\n"
    files[f"{SECTION}/paint/captions.txt"] = "anh.jpg: Một\n"
    # Windows names a copy "… (2)": Markdown reads the quote and the bracket otherwise.
    files |= post("ngoac", "![Ảnh](Jerry's (2).jpg)\n", {"Jerry's (2).jpg": samples.jpeg((64, 48))})
    return files


def p(slug: str) -> str:
    return f"{SECTION}/{slug}"


EXPECTED = [
    f"{p('thieu')}/index.vi.md:6: không có ảnh 'khong-co.jpg' trong thư mục bài viết / "
    "there is no photo 'khong-co.jpg' in the post folder",
    f"{p('sai-hoa')}/index.vi.md:4: không có ảnh 'Anh-01.JPG' trong thư mục bài viết (có phải 'anh-01.jpg'?) / "
    "there is no photo 'Anh-01.JPG' in the post folder (did you mean 'anh-01.jpg'?)",
    f"{p('ngoai')}/index.vi.md:4: " + OUTSIDE.format(src="../../x.jpg"),
    f"{p('ngoai')}/index.vi.md:6: " + OUTSIDE.format(src="/etc/anh.jpg"),
    f"{p('ngoai')}/index.vi.md:8: " + OUTSIDE.format(src="C:/anh.jpg"),
    f"{p('tieng-anh')}/index.en.md:6: không có ảnh 'missing.jpg' trong thư mục bài viết / "
    "there is no photo 'missing.jpg' in the post folder",
    f"{p('khong-phai-anh')}/index.vi.md:4: 'ghi-chu.txt' không phải ảnh {KINDS_VI} / "
    f"'ghi-chu.txt' is not a {KINDS_EN} photo",
    f"{p('hong')}/hong.jpg: tệp ảnh không phải ảnh {KINDS_VI} đọc được / the photo is not a readable {KINDS_EN} image",
    f"{p('cat')}/index.vi.md:4: tệp ảnh 'cut.jpg' " + DAMAGED.format(name=" 'cut.jpg'"),
    f"{p('cat')}/cut-2.jpg: tệp ảnh " + DAMAGED.format(name=""),
    f"{p('rong')}/index.vi.md:6: tệp ảnh 'rong.jpg' " + EMPTY.format(name=" 'rong.jpg'"),
    f"{p('rong')}/rong-2.jpg: tệp ảnh " + EMPTY.format(name=""),
    f"{p('bom')}/index.vi.md:4: tệp ảnh 'bom.png' " + BOMB.format(name=" 'bom.png'"),
    f"{p('bom')}/bom-2.png: tệp ảnh " + BOMB.format(name=""),
    f"{p('lien-ket')}/index.vi.md:4: không có ảnh 'khong-thay.jpg' trong thư mục bài viết / "
    "there is no photo 'khong-thay.jpg' in the post folder",
    f"{p('chu-thich')}/captions.vi.txt:2: không có ảnh 'anh-2.jpg' trong thư mục bài viết (có phải 'anh.jpg'?) / "
    "there is no photo 'anh-2.jpg' in the post folder (did you mean 'anh.jpg'?)",
    f"{p('paint')}/so-do.bmp: tệp 'so-do.bmp' là ảnh BMP, trang không dùng được: mở bằng Paint hay Photos rồi "
    "lưu thành JPEG (.jpg) / 'so-do.bmp' is a BMP picture, which the site cannot use: open it in Paint or "
    "Photos and save it as JPEG (.jpg)",
    f"{p('paint')}/quet.TIFF: tệp 'quet.TIFF' là ảnh TIFF, trang không dùng được: mở bằng Paint hay Photos rồi "
    "lưu thành JPEG (.jpg) / 'quet.TIFF' is a TIFF picture, which the site cannot use: open it in Paint or "
    "Photos and save it as JPEG (.jpg)",
    f"{p('paint')}/captions.txt: tệp chú thích ảnh phải có tên captions.vi.txt hoặc captions.en.txt: đổi tên "
    "tệp này / a captions file must be named captions.vi.txt or captions.en.txt: rename this one",
    f"{p('paint')}/captions.vn.txt: tệp chú thích ảnh phải có tên captions.vi.txt hoặc captions.en.txt: đổi "
    "tên tệp này / a captions file must be named captions.vi.txt or captions.en.txt: rename this one",
    f"{p('ngoac')}/index.vi.md:4: không có ảnh 'Jerry's (2).jp' trong thư mục bài viết (có phải 'Jerry's (2).jpg'?); "
    "tên có dấu cách, ngoặc hay nháy thì viết trong < >: ![Chú thích](<Jerry's (2).jpg>) / there is no photo "
    "'Jerry's (2).jp' in the post folder (did you mean 'Jerry's (2).jpg'?); write a name with spaces, brackets or "
    "quotes inside < >: ![Caption](<Jerry's (2).jpg>)",
]
#: Longer than the log's 400 columns: said over two lines there (``invoke build`` says
#: each message on one line).
LONG = EXPECTED[-1]
STOP = f"Dừng xây dựng: {len(EXPECTED)} lỗi nội dung ở trên. / Build stopped: {len(EXPECTED)} content error(s) above."


def assert_stopped(site: Site) -> None:
    """Exit status 1, no traceback, and not one file written."""
    assert site.result.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    assert not site.output.exists() or not any(site.output.rglob("*")), site.files()


@pytest.fixture(scope="module")
def stopped(tmp_path_factory) -> Site:
    return build_site(tmp_path_factory.mktemp("mistakes"), mistakes(), expect_ok=False)


def test_the_build_stops_without_a_traceback_or_a_half_written_site(stopped):
    assert_stopped(stopped)


def test_every_mistake_is_one_line_naming_the_file_and_line(stopped):
    lines = error_lines(stopped)
    assert len(lines) == len(EXPECTED) + 1 and lines[-1] == STOP
    log = " ".join(re.sub(r"\s+\S+\.py:\d+$", "", line).strip() for line in stopped.log.splitlines())
    assert " ".join(LONG.split()) in " ".join(log.split()), log
    for expected in EXPECTED:
        if expected is LONG:
            continue
        if expected.endswith("("):  # damaged: Pillow's words follow
            pattern = re.escape(expected) + r"[A-Za-z]+Error: [^\n]+\)"
            assert [line for line in lines if re.fullmatch(pattern, line)], (expected, lines)
        else:
            assert expected in lines, (expected, lines)


def test_a_symlink_leading_out_of_the_post_folder(tmp_path):
    files = one_post_site("![Ảnh](lien-ket.jpg)\n")
    write_files(tmp_path / "content", files)
    secret = tmp_path / "bi-mat.jpg"
    secret.write_bytes(samples.jpeg((64, 48)))
    os.symlink(secret, tmp_path / "content" / SECTION / "bai" / "lien-ket.jpg")
    site = build_site(tmp_path, {}, expect_ok=False)
    assert_stopped(site)
    lines = error_lines(site)
    # Named at the Markdown line that uses it: never read, never published.
    assert len(lines) == 2, lines
    assert re.fullmatch(rf"{SECTION}/bai/index\.vi\.md:4: 'lien-ket\.jpg': [^/]+ / .*outside the .*", lines[0])
    assert lines[-1].startswith(f"Dừng xây dựng: {len(lines) - 1} lỗi")


def test_the_pixel_limit_is_a_setting(tmp_path):
    site = build_site(tmp_path, one_post_site(photos={"lon.jpg": samples.jpeg((200, 100))}), expect_ok=False,
                      PHOTOS_MAX_PIXELS=10_000)
    assert_stopped(site)
    assert error_lines(site)[0] == (
        f"{SECTION}/bai/lon.jpg: tệp ảnh quá lớn (200×100), tối đa 0.01 triệu điểm ảnh; hãy thu nhỏ ảnh / "
        "the photo is too large (200×100): at most 0.01 megapixels (PHOTOS_MAX_PIXELS); make it smaller")


def test_bad_settings_are_reported_with_the_value(tmp_path):
    site = build_site(tmp_path, one_post_site(), expect_ok=False, PHOTOS_JPEG_QUALITY=200,
                      PHOTOS_WIDTHS="480,960", PHOTOS_MEDIUM_WIDTH=960)
    assert_stopped(site)
    assert error_lines(site) == [
        "photos: Setting 'PHOTOS_MEDIUM_WIDTH': no longer used, set PHOTOS_WIDTHS instead, but received: 960",
        "photos: Setting 'PHOTOS_WIDTHS': expected different whole numbers of pixels, e.g. (480, 960, 1600), "
        "but received: '480,960'",
        "photos: Setting 'PHOTOS_JPEG_QUALITY': expected a whole number from 1 to 95, but received: 200",
    ]


def test_links_inside_the_folder_are_followed_and_parts_leading_out_refused(tmp_path):
    from photos.sources import OutsideFolder, check_inside

    folder = tmp_path / "bai"
    (folder / "anh").mkdir(parents=True)
    (folder / "anh" / "a.jpg").write_bytes(b"x")
    (tmp_path / "ngoai").mkdir()
    (tmp_path / "ngoai" / "b.jpg").write_bytes(b"x")
    os.symlink(folder / "anh" / "a.jpg", folder / "ban-sao.jpg")  # a link staying inside
    os.symlink(tmp_path / "ngoai", folder / "thu-muc")  # a folder link leading out
    check_inside(str(folder), "anh/a.jpg")
    check_inside(str(folder), "ban-sao.jpg")
    check_inside(str(folder), "khong-co.jpg")
    with pytest.raises(OutsideFolder):
        check_inside(str(folder), "thu-muc/b.jpg")


def test_a_jfif_photo_is_a_jpeg_in_the_gallery(tmp_path):
    """Windows names a photo saved from Chrome or Zalo ".jfif": it was left out of the
    gallery without a word."""
    site = build_site(tmp_path, one_post_site("Nội dung.\n\n![Ảnh Zalo](zalo.jfif)\n",
                                              photos={"zalo.jfif": samples.jpeg((640, 480)),
                                                      "chrome.jpe": samples.jpeg((640, 480))}))
    page = site.html(f"{SECTION}/bai/index.html")
    figure = page.select_one(".post__body figure img")
    assert figure is not None and "/zalo-640w.jpg?v=" in figure["src"], page
    assert any("/chrome-" in img["src"] for img in page.select(".gallery img")), page.select(".gallery")

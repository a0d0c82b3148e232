"""Encodings: UTF-8, Windows-1258, pages that declare the wrong charset, decomposed
(NFD) Vietnamese, HTML entities. Whatever comes in, the post is UTF-8 NFC."""

from __future__ import annotations

import io
import unicodedata

import pytest
from joomla_pages import article_page, cp1258, old_path, save_page

from importer.cli import run
from importer.encoding import decode_page

TITLE = "Hội thảo chuyển đổi số trong hợp tác xã nông nghiệp"
SLUG = "hoi-thao-chuyen-doi-so-trong-hop-tac-xa-nong-nghiep"
PARAGRAPH = ("Các đại biểu đã trao đổi về việc ứng dụng phần mềm kế toán, bán hàng trực tuyến "
             "và truy xuất nguồn gốc sản phẩm của hợp tác xã.")
BODY = f"<p>{PARAGRAPH}</p><p>Phòng Đào tạo, bồi dưỡng</p>"


def import_bytes(tmp_path, data: bytes):
    save_page(tmp_path / "old", "hoi-thao", data)
    out = io.StringIO()
    status = run([tmp_path / "old"], tmp_path / "content", out=out)
    index = tmp_path / "content" / "tin-tuc" / "tin-hoat-dong" / SLUG / "index.vi.md"
    return status, out.getvalue(), index


def assert_clean_post(index):
    data = index.read_bytes()
    text = data.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert text == (f"Title: {TITLE}\nDate: 2018-09-14 08:00\nAuthor: Phòng Đào tạo, bồi dưỡng\n"
                    f"Aliases: {old_path(TITLE)}\n\n{PARAGRAPH}\n")


def test_utf8_page(tmp_path):
    status, log, index = import_bytes(tmp_path, article_page(TITLE, BODY).encode("utf-8"))
    assert status == 0, log
    assert_clean_post(index)


def test_windows_1258_page(tmp_path):
    data = cp1258(article_page(TITLE, BODY, charset="windows-1258"))
    assert "ộ".encode("utf-8") not in data  # really the old charset, tone marks apart
    status, log, index = import_bytes(tmp_path, data)
    assert status == 0, log
    assert_clean_post(index)


def test_utf8_page_declaring_latin1(tmp_path):
    status, log, index = import_bytes(tmp_path, article_page(TITLE, BODY, charset="iso-8859-1")
                                      .encode("utf-8"))
    assert status == 0, log
    assert_clean_post(index)
    assert "trang khai báo bảng mã iso8859-1 nhưng thực ra là utf-8" in log


def test_windows_1258_page_declaring_utf8(tmp_path):
    status, log, index = import_bytes(tmp_path, cp1258(article_page(TITLE, BODY, charset="utf-8")))
    assert status == 0, log
    assert_clean_post(index)
    assert "the page declares utf-8 but is cp1258" in log


def test_decomposed_text_becomes_nfc(tmp_path):
    page = unicodedata.normalize("NFD", article_page(TITLE, BODY))
    assert "ộ" not in page
    status, log, index = import_bytes(tmp_path, page.encode("utf-8"))
    assert status == 0, log
    assert_clean_post(index)


def test_entities_are_decoded(tmp_path):
    # Named and numeric entities, and a tone mark as its own numeric entity (NFD).
    title = "H&#7897;i th&#7843;o chuy&#7875;n &#273;&#7893;i s&#7889; trong h&#417;&#803;p t&aacute;c x&atilde; n&ocirc;ng nghi&#7879;p"
    body = ("<p>C&aacute;c &#273;&#7841;i bi&#7875;u &quot;FX&quot; &amp; kh&aacute;ch m&#7901;i"
            "&nbsp;&ndash; tham d&#7921;&#8230;</p><p>Ph&ograve;ng &#272;&agrave;o t&#7841;o, "
            "b&#7891;i d&#432;&#7905;ng</p>")
    status, log, index = import_bytes(tmp_path, article_page(TITLE, body, title_html=title)
                                      .encode("utf-8"))
    assert status == 0, log
    text = index.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert text.startswith(f"Title: {TITLE}\n")
    assert "\nAuthor: Phòng Đào tạo, bồi dưỡng\n" in text
    assert text.endswith('\nCác đại biểu "FX" & khách mời – tham dự…\n')


@pytest.mark.parametrize("charset, encode, expected", [
    ("utf-8", lambda s: s.encode("utf-8"), "utf-8"),
    ("windows-1258", cp1258, "cp1258"),
    ("iso-8859-1", lambda s: s.encode("utf-8"), "utf-8"),
    ("windows-1252", lambda s: s.encode("utf-8"), "utf-8"),
    ("utf-8", cp1258, "cp1258"),
    ("iso-8859-1", cp1258, "cp1258"),
])
def test_decode_page_finds_the_real_charset(charset, encode, expected):
    page = article_page(TITLE, BODY, charset=charset)
    decoded = decode_page(encode(page))
    assert decoded.encoding == expected
    assert PARAGRAPH in decoded.text and TITLE in decoded.text
    assert (decoded.note is None) == (charset.replace("windows-", "cp") == expected)

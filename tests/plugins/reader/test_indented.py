"""Indented text is text (``plugins/reader/indented.py``): a paragraph whose first line
is indented, as in letters, or pasted from Word with its indents, is a paragraph; only
text between ``` lines is code."""

from __future__ import annotations

from conftest import build_site, post_files, section_files

NEWS = section_files("tin-tuc", "Tin tức", "News")

BODY = (
    "Nhà Trường thông báo lịch học như sau:\n\n"
    "    Lớp bồi dưỡng khai giảng ngày 5/3/2024 tại hội trường A,\n"
    "học viên mang theo giấy giới thiệu của hợp tác xã.\n\n"
    "\tHọc viên ở xa được bố trí chỗ ở tại ký túc xá.\n\n"
    "Cần mang theo:\n\n"
    "    - giấy giới thiệu\n"
    "    - ảnh 3x4\n\n"
    "1. Buổi sáng\n\n"
    "    Khai mạc và giới thiệu chương trình.\n\n"
    "2. Buổi chiều\n\n"
    "```\n"
    "Mã lớp:    BD-2024-03\n"
    "```\n"
)


def test_an_indented_paragraph_is_a_paragraph_and_code_is_between_backticks(tmp_path):
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/lich-hoc", {
        "Title": "Lịch học lớp bồi dưỡng", "Date": "2024-03-01 08:00", "body": BODY}))
    text = site.html("tin-tuc/lich-hoc/").select_one(".post__body")
    paragraphs = [" ".join(p.get_text().split()) for p in text.find_all("p", recursive=False)]
    # The first line indented alone (it was a code box of one line, the rest below it).
    assert ("Lớp bồi dưỡng khai giảng ngày 5/3/2024 tại hội trường A, học viên mang theo "
            "giấy giới thiệu của hợp tác xã.") in paragraphs
    assert "Học viên ở xa được bố trí chỗ ở tại ký túc xá." in paragraphs  # a tab before it
    # An indented list is the list; a list item's indented paragraph is still the item's.
    assert [li.get_text() for li in text.select(":scope > ul > li")] == ["giấy giới thiệu", "ảnh 3x4"]
    items = text.select(":scope > ol > li")
    assert [" ".join(li.get_text().split()) for li in items] == [
        "Buổi sáng Khai mạc và giới thiệu chương trình.", "Buổi chiều"]
    # Code is what is written between lines of ```, its spaces kept.
    assert [pre.get_text() for pre in text.find_all("pre")] == ["Mã lớp:    BD-2024-03\n"]
    # The feed's copy of the post is the same.
    content = site.feed("atom.xml").entries[0].content[0].value
    assert content.count("<pre>") == 1 and "<p>Học viên ở xa" in content

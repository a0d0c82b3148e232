"""Markdown as staff type it (``plugins/reader/as_typed.py``): indented text is text, a
line of hashtags is no heading, "(*)" and "<Họ và tên>" are text, a list may follow its
lead-in line."""

from __future__ import annotations

from conftest import build_site, post_files, section_files

NEWS = section_files("tin-tuc", "Tin tức", "News")


def jpeg() -> bytes:
    """A small photo for a post's folder."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 140, 60)).save(out, "JPEG")
    return out.getvalue()

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


def test_hashtags_marks_and_blanks_are_text_and_a_list_may_follow_its_line(tmp_path):
    body = (
        "Sáng nay hơn 200 cán bộ hợp tác xã dự ngày hội chuyển đổi số.\n"
        "#ChuyểnĐổiSố #HTX\n\n"
        "## Hồ sơ\n\n# Lịch học\n\n"
        "Các mục có dấu (*) là bắt buộc: Họ tên (*), Ngày sinh (*), *ghi rõ*.\n\n"
        "Ghi đơn theo mẫu: Tôi tên là <Họ và tên>, công tác tại <Ten HTX>, <b>ký tên</b>.\n\n"
        "Hồ sơ gồm:\n- Đơn đăng ký;\n- Bản sao căn cước công dân.\n\n"
        "Thành phần:\n•\tĐại diện Ban Giám hiệu;\n•\tTrưởng phòng Đào tạo.\n\n"
        "Các bước:\n1. Nộp đơn\n2. Nhận giấy báo\n\n"
        "```\n- không phải danh sách <Họ tên> (*)\n```\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/ngay-hoi", {
        "Title": "Ngày hội chuyển đổi số", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/ngay-hoi/").select_one(".post__body")
    # Hashtags are text (they were a heading bigger than the title); "## Hồ sơ" is one,
    # and "# Lịch học" a part of the post too, not a second title.
    assert [h.name + ":" + h.get_text() for h in text.find_all(["h1", "h2", "h3"])] == ["h2:Hồ sơ", "h2:Lịch học"]
    assert len(site.html("tin-tuc/ngay-hoi/").find_all("h1")) == 1
    paragraphs = [p.get_text() for p in text.find_all("p", recursive=False)]
    assert any(p.endswith("#ChuyểnĐổiSố #HTX") for p in paragraphs)
    # The required field's mark is text; real emphasis still is.
    assert "Các mục có dấu (*) là bắt buộc: Họ tên (*), Ngày sinh (*), ghi rõ." in paragraphs
    assert [em.get_text() for em in text.find_all("em")] == ["ghi rõ"]
    # A form's blanks are text; HTML's own tags are HTML.
    assert "Ghi đơn theo mẫu: Tôi tên là <Họ và tên>, công tác tại <Ten HTX>, ký tên." in paragraphs
    assert text.find("b").get_text() == "ký tên"
    # Lists right under their lead-in line (Word's bullets too), numbered from 1.
    assert [[li.get_text() for li in ul.find_all("li")] for ul in text.find_all(["ul", "ol"])] == [
        ["Đơn đăng ký;", "Bản sao căn cước công dân."],
        ["Đại diện Ban Giám hiệu;", "Trưởng phòng Đào tạo."],
        ["Nộp đơn", "Nhận giấy báo"]]
    assert {"Hồ sơ gồm:", "Thành phần:", "Các bước:"} <= set(paragraphs)
    # Code keeps all of it as typed.
    assert [pre.get_text() for pre in text.find_all("pre")][-1] == "- không phải danh sách <Họ tên> (*)\n"


def test_a_footnotes_way_back_is_titled_in_the_posts_language(tmp_path):
    body = "Kế hoạch năm 2027[^1].\n\n[^1]: Theo Quyết định số 123.\n"
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/ke-hoach", {
        "Title": "Kế hoạch", "Date": "2024-03-01 08:00", "body": body}, {
        "Title": "Plan", "Date": "2024-03-01 08:00", "body": "The 2027 plan[^1].\n\n[^1]: Decision 123.\n"}))
    back = site.html("tin-tuc/ke-hoach/").select_one("a.footnote-backref")
    assert back["title"] == "Quay lại chỗ chú thích 1 trong bài"
    assert site.html("en/tin-tuc/ke-hoach/").select_one("a.footnote-backref")["title"] == \
        "Jump back to footnote 1 in the text"


def test_a_list_nested_by_two_spaces_is_nested(tmp_path):
    """VS Code, Typora and CommonMark nest a list by two spaces (three under "1."):
    Python-Markdown wants four, and made "- a" then "  - b" one flat list, "1. a" then
    "   - b" a dash in a's text."""
    body = ("Nội dung:\n\n- Quản trị\n  - Kế hoạch\n    - Kế hoạch năm\n- Kế toán\n\n"
            "1. Buổi sáng\n   - Khai mạc\n2. Buổi chiều\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/noi-dung", {
        "Title": "Nội dung lớp học", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/noi-dung/").select_one(".post__body")
    top = text.find("ul", recursive=False)
    assert [li.find(string=True, recursive=False).strip() for li in top.find_all("li", recursive=False)] == [
        "Quản trị", "Kế toán"]
    assert [li.get_text(" ", strip=True) for li in top.select(":scope > li > ul > li")] == ["Kế hoạch Kế hoạch năm"]
    assert [li.get_text() for li in top.select(":scope > li > ul > li > ul > li")] == ["Kế hoạch năm"]
    numbered = text.find("ol", recursive=False)
    assert [li.get_text() for li in numbered.select(":scope > li > ul > li")] == ["Khai mạc"]


def test_a_phone_number_in_the_text_is_a_link_a_phone_calls(tmp_path):
    """A contact page or an announcement gives the number to call as text: on a phone a
    tap on it did nothing (Chrome on Android finds no numbers by itself), where the
    footer's number calls. Vietnam's numbers (0 and nine or ten digits, or +84) are
    links, however their groups are spaced; other figures stay text."""
    body = (
        "Điện thoại: 0203 3 123 456\n"
        "Hotline 0912.345.678 hoặc 0912-345-679.\n"
        "Từ nước ngoài: +84 912 345 678, (máy lẻ 12).\n\n"
        "Năm 2020 tỉnh có 1.382 HTX, 57.087 thành viên; khai giảng ngày 13/10/2022.\n"
        "Số tài khoản 0123456789012345, mã lớp 0912345678A, văn bản số 0123/QĐ.\n\n"
        "[Gọi 0987 654 321](https://example.org/lien-he) hoặc `0987654321`.\n"
        'Hoặc <a href="https://example.org/goi">0987 654 322</a> (một liên kết viết bằng HTML), '
        "[**0987 654 323**](https://example.org/dam).\n"
    )
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/lien-he-tuyen-sinh", {
        "Title": "Liên hệ tuyển sinh", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/lien-he-tuyen-sinh/").select_one(".post__body")
    calls = [(a["href"], a.get_text()) for a in text.select('a[href^="tel:"]')]
    assert calls == [("tel:+842033123456", "0203 3 123 456"), ("tel:+84912345678", "0912.345.678"),
                     ("tel:+84912345679", "0912-345-679"), ("tel:+84912345678", "+84 912 345 678")]
    assert "0912-345-679." in text.get_text(), "the full stop after a number is the sentence's"
    # A link's words and code stay as written.
    assert [a["href"] for a in text.select("a")][-3:] == ["https://example.org/lien-he", "https://example.org/goi",
                                                          "https://example.org/dam"]
    assert not text.select("a a")
    assert text.select_one("code").get_text() == "0987654321"
    # The feed's copy of the post is the same (read as written: feedparser drops tel: links).
    assert "tel:+842033123456" in site.path("atom.xml").read_text(encoding="utf-8")


def test_a_phone_number_with_its_area_code_in_brackets_calls_too(tmp_path):
    """Official letters write a landline's area code in brackets: "ĐT: (0203) 3.835.123"."""
    body = ("ĐT: (0203) 3.835.123; Hà Nội: (024) 3825 1234.\n"
            "Xem mục (02) 3 trang 45, phụ lục (0203) 12.\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/cong-van", {
        "Title": "Công văn", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/cong-van/").select_one(".post__body")
    calls = [(a["href"], a.get_text()) for a in text.select('a[href^="tel:"]')]
    assert calls == [("tel:+842033835123", "(0203) 3.835.123"), ("tel:+842438251234", "(024) 3825 1234")]


def test_figures_shaped_like_a_phone_number_stay_text_and_numbers_call_from_abroad(tmp_path):
    """A tax code of Hồ Chí Minh City (03 and eight digits), an account number, a social
    insurance number or a letter's number may have a phone's ten digits: each was a tel:
    link, and a reader who tapped it to copy it called a stranger. What the line says
    just before or after it (MST, STK, CCCD, a bank, "/QĐ-…", đồng) tells them apart.
    Numbers written as staff write them ("(+84) …", "+84 (0) …", "84-…", two joined by a
    hyphen or a slash) call, in the global form (tel:+84…) a phone roaming abroad dials;
    hotlines 1800/1900 have none and stay text. A bank transfer's reference stays text
    after its label, a code between them ("FT24065"); a room's code or a referee calls."""
    figures = [
        "MST: 0312345678; mã số thuế 0301234567-002; Mã số doanh nghiệp: 0912345678.",
        "STK 0912345678 MB Bank; chuyển khoản: 0987654321 - Ngân hàng Quân đội.",
        "Số sổ BHXH: 0312345678; CCCD số 0792030045 (cấp lại).",
        "Theo Thông báo số 0912345678/TB-TrBD; văn bản 0987.654.321/QĐ-UBND.",
        "Quyết định 0203-3123-456; doanh thu 84.912.345.678 đồng; vốn 84 912 345 678 đồng.",
        "Hotline 1900 1234 hoặc 1800 5678 (miễn phí).",
        "Số tham chiếu giao dịch FT24065 0912345678; mã GD: FT24065 0987654321; số chứng từ 0912345679.",
        "Transaction reference FT24065 0912345678; Ref. No. 0987654321.",
    ]
    phones = [
        "Tel: (+84) 203 3835 123; Phone: +84 (0) 912 345 678; Điện thoại: 84-912-345-678.",
        "Liên hệ: 0912345678-0987654321; điện thoại 0912 345 678/0987 654 321.",
        "Gọi 0345 678 901, 0789 012 345, 0567 890 123 hoặc ĐT: 0203.3835.123 – Fax: 0203 3835 124.",
        "Thủ quỹ: chị Mã Thị Lan 0912 345 670.",
        "Phòng A203 0912 345 671; Điểm giao dịch: 0203 3835 125; Người tham chiếu: anh Nam 0912 345 672.",
        "Transaction office: 0203 3835 126.",
    ]
    body = "\n\n".join(figures + phones) + "\n"
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/thong-bao", {
        "Title": "Thông báo", "Date": "2024-03-01 08:00", "body": body}))
    paragraphs = site.html("tin-tuc/thong-bao/").select(".post__body > p")
    assert [p.select('a[href^="tel:"]') for p in paragraphs[:len(figures)]] == [[]] * len(figures)
    calls = [(a.get_text(), a["href"]) for p in paragraphs[len(figures):] for a in p.select("a")]
    assert calls == [
        ("(+84) 203 3835 123", "tel:+842033835123"), ("+84 (0) 912 345 678", "tel:+84912345678"),
        ("84-912-345-678", "tel:+84912345678"),
        ("0912345678", "tel:+84912345678"), ("0987654321", "tel:+84987654321"),
        ("0912 345 678", "tel:+84912345678"), ("0987 654 321", "tel:+84987654321"),
        ("0345 678 901", "tel:+84345678901"), ("0789 012 345", "tel:+84789012345"),
        ("0567 890 123", "tel:+84567890123"), ("0203.3835.123", "tel:+842033835123"),
        ("0203 3835 124", "tel:+842033835124"), ("0912 345 670", "tel:+84912345670"),
        ("0912 345 671", "tel:+84912345671"), ("0203 3835 125", "tel:+842033835125"),
        ("0912 345 672", "tel:+84912345672"), ("0203 3835 126", "tel:+842033835126")]
    # The footer's number is written the same way (pelicanconf.py: "0203 3 123 456").
    footer = site.html("tin-tuc/thong-bao/").select_one("body > footer a[href^='tel:']")
    assert footer["href"] == "tel:+842033123456"


def test_a_phone_number_kept_on_one_line_by_no_break_spaces_calls_too(tmp_path):
    """A number copied from a web page or typed in Word with no-break spaces between its
    groups (they keep it on one line, and a no-break space between words stays as
    typed) was left as text, where the same number spaced by spaces called."""
    body = ("Hotline: 0912\u00a0345\u00a0678, văn phòng (0203)\u00a03\u202f835\u202f123.\n"
            "Tỉnh có 1\u00a0382 HTX; cách 10\u00a0km.\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/lien-he", {
        "Title": "Liên hệ", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/lien-he/").select_one(".post__body")
    calls = [(a["href"], a.get_text()) for a in text.select('a[href^="tel:"]')]
    assert calls == [("tel:+84912345678", "0912\u00a0345\u00a0678"), ("tel:+842033835123", "(0203)\u00a03\u202f835\u202f123")]
    assert "1\u00a0382 HTX; cách 10\u00a0km." in text.get_text()


def test_a_phone_number_pasted_with_no_break_space_entities_calls_too(tmp_path):
    """A web editor pastes a number kept on one line as "0912&nbsp;345&nbsp;678": the
    entities were left between its groups as text, and the number with them, where the
    same number with no-break spaces typed called. Other entities, HTML's tags and a
    longer figure part numbers as before."""
    body = ("Hotline: 0912&nbsp;345&nbsp;678, văn phòng (0203)&#160;3&#8239;835&#x202F;123.\n"
            "Tỉnh có 1&nbsp;382 HTX; STK&nbsp;0987&nbsp;654&nbsp;321; mã 0912<b>345</b>678.\n"
            "Giá 0987&nbsp;654&nbsp;321&nbsp;đồng; &copy;0987&nbsp;654&nbsp;322.\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/lien-he", {
        "Title": "Liên hệ", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/lien-he/").select_one(".post__body")
    calls = [(a["href"], a.get_text()) for a in text.select('a[href^="tel:"]')]
    assert calls == [("tel:+84912345678", "0912\u00a0345\u00a0678"),
                     ("tel:+842033835123", "(0203)\u00a03\u202f835\u202f123"),
                     ("tel:+84987654322", "0987\u00a0654\u00a0322")]
    assert "Hotline: 0912\u00a0345\u00a0678, văn phòng" in text.get_text()
    assert "Tỉnh có 1\u00a0382 HTX; STK\u00a00987\u00a0654\u00a0321; mã 0912345678." in text.get_text()
    assert "© 0987" not in text.get_text() and "©0987" in text.get_text()


def test_an_asterisk_between_two_figures_is_an_asterisk(tmp_path):
    """"Lớp 2*3 và 4*5 mét" is how staff type sizes and products: Markdown (CommonMark
    too) read "*3 và 4*" as italics, and the asterisks were gone from the page, its
    summary and the feed. Emphasis written as such, spaced asterisks and code are as
    before."""
    body = ("Phòng học 2*3 và 4*5 mét, diện tích 5*3 m, 4*2 m; 2**3 là tám.\n\n"
            "Chữ *nghiêng* và **đậm**, năm 2024 *15 lớp* mới, 6 * 7 vẫn vậy, "
            "mã `7*8 và 9*6`.\n\n```\nx = 2*3 và 4*5\n```\n")
    files = NEWS | post_files("tin-tuc/phong-hoc", {"Title": "Phòng học", "Date": "2024-03-01 08:00", "body": body})
    # Texts with and without such an asterisk, converted one after the other (the reader
    # reads the pattern only for a text that holds one).
    for number in range(1, 5):
        files |= post_files(f"tin-tuc/bai-{number}", {"Title": f"Bài {number}", "Date": "2024-02-01",
                                                        "body": f"Bàn {number}*2 m, *nghiêng*." if number % 2
                                                        else f"Chữ *nghiêng* {number}."})
    site = build_site(tmp_path, files)
    for number in range(1, 5):
        text = site.html(f"tin-tuc/bai-{number}/").select_one(".post__body")
        assert text.get_text().strip() == (f"Bàn {number}*2 m, nghiêng." if number % 2 else f"Chữ nghiêng {number}.")
        assert [em.get_text() for em in text.find_all("em")] == ["nghiêng"]
    page = site.html("tin-tuc/phong-hoc/")
    text = page.select_one(".post__body")
    first = "Phòng học 2*3 và 4*5 mét, diện tích 5*3 m, 4*2 m; 2**3 là tám."
    assert [p.get_text() for p in text.find_all("p", recursive=False)] == [
        first, "Chữ nghiêng và đậm, năm 2024 15 lớp mới, 6 * 7 vẫn vậy, mã 7*8 và 9*6."]
    assert [em.get_text() for em in text.find_all("em")] == ["nghiêng", "15 lớp"]
    assert [b.get_text() for b in text.find_all("strong")] == ["đậm"]
    assert [c.get_text() for c in text.find_all("code")] == ["7*8 và 9*6", "x = 2*3 và 4*5\n"]
    # The automatic summary (the page's description, the feed's) and the feed's copy.
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(first)
    entry = site.feed("atom.xml").entries[0]
    assert first in entry.summary and "<em>3" not in entry.summary
    assert f"<p>{first}</p>" in entry.content[0].value


def test_an_attribute_list_under_a_paragraph_leaves_no_line_break_at_its_end(tmp_path):
    """"{: .ghi-chu }" on the line under a paragraph or a list item gave it its class, and
    a <br> at its end: a line's end is a break (nl2br) before attr_list reads the list off
    the last line. Only that break goes; the others, and a "{…}" in the middle of a
    paragraph (text), stay as they were."""
    body = ("Học viên mang theo giấy giới thiệu,\nảnh 3x4.\n{: .ghi-chu }\n\n"
            "- Buổi sáng: khai mạc\n{: .buoi }\n- Buổi chiều: thảo luận\n\n"
            "> Trích thư mời\n> {: .trich }\n\n"
            "Dòng một.\n{: .giua }\nDòng hai.\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/thuoc-tinh", {
        "Title": "Thuộc tính", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/thuoc-tinh/").select_one(".post__body")
    note = text.select_one("p.ghi-chu")
    assert [child.name for child in note.children if child.name] == ["br"]  # the line's end within it
    assert " ".join(note.get_text().split()) == "Học viên mang theo giấy giới thiệu, ảnh 3x4."
    item = text.select_one("li.buoi")
    assert item.find("br") is None and item.get_text() == "Buổi sáng: khai mạc"
    quote = text.select_one("blockquote p.trich")
    assert quote.find("br") is None and quote.get_text() == "Trích thư mời"
    middle = text.find_all("p", recursive=False)[-1]
    assert len(middle.find_all("br")) == 2 and " ".join(middle.get_text().split()) == "Dòng một. {: .giua } Dòng hai."
    from bs4 import BeautifulSoup

    feed = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    for block in feed.find_all(["p", "li"]):
        last = [child for child in block.children if child.name or child.strip()][-1]
        assert last.name != "br", block


def test_an_attribute_list_under_a_heading_is_the_headings(tmp_path):
    """Staff write "{: .ghi-chu }" on the line under a heading, as under a paragraph:
    attr_list reads a heading's list on its own line only, so the braces showed as text
    under the heading, which had no class nor id. The list is the heading's, "# …",
    "## … ##" or underlined alike; in code it stays as written, and a heading that has
    one on its line keeps it."""
    body = ("## Lịch học\n{: #lich-hoc }\nBuổi sáng khai mạc.\n\n"
            "# Ghi chú #\n{: .ghi-chu }\n\n"
            "Địa điểm\n--------\n{: .dia-diem }\n\n"
            "```\n# Cấu hình\n{: .ma }\n```\n\n"
            "## Đã có {: .co }\n{: .nua }\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/tieu-de", {
        "Title": "Thuộc tính tiêu đề", "Date": "2024-03-01 08:00", "body": body}))
    text = site.html("tin-tuc/tieu-de/").select_one(".post__body")
    headings = [(h.get_text(), h.get("id"), h.get("class")) for h in text.find_all("h2")]
    assert headings == [("Lịch học", "lich-hoc", None), ("Ghi chú", None, ["ghi-chu"]),
                        ("Địa điểm", None, ["dia-diem"]), ("Đã có", None, ["co"])]
    assert [p.get_text() for p in text.find_all("p", recursive=False)] == ["Buổi sáng khai mạc.", "{: .nua }"]
    assert text.select_one("pre code").get_text() == "# Cấu hình\n{: .ma }\n"


def test_a_tag_with_a_quote_in_a_value_without_quotes_is_read_as_browsers_read_it(tmp_path):
    """"<span title=it's here>" (HTML pasted from an old site or Word) is no tag for
    Markdown: the page showed it as text, "<" and all, and took its end tag as one. It is
    read as a browser reads it, its values written in quotes; a word in angle brackets,
    code and a caption (whose HTML is words) stay as written."""
    body = ("Xin <span title=it's here>chào</span> bạn, <b class=x'y>đậm</b>.\n\n"
            "Ghi rõ <Họ và tên>, mã `<span title=it's>`.\n\n![Ảnh](anh.jpg)\n")
    files = NEWS | post_files("tin-tuc/the-long", {"Title": "Thẻ viết lỏng", "Date": "2024-03-01 08:00", "body": body})
    files["tin-tuc/the-long/anh-2.jpg"] = jpeg()
    files["tin-tuc/the-long/anh.jpg"] = jpeg()
    files["tin-tuc/the-long/captions.vi.txt"] = "anh-2.jpg: Lớp <b class=x>học</b>\n"
    site = build_site(tmp_path, files)
    text = site.html("tin-tuc/the-long/").select_one(".post__body")
    first, second = text.find_all("p", recursive=False)
    assert first.get_text() == "Xin chào bạn, đậm."
    span = first.find("span")
    assert span.get_text() == "chào" and span["title"] == "it's" and span.has_attr("here")
    assert first.find("b")["class"] == ["x'y"]
    assert second.get_text() == "Ghi rõ <Họ và tên>, mã <span title=it's>."
    caption = next(f for f in site.html("tin-tuc/the-long/").select("figcaption") if f.get_text() != "Ảnh")
    assert caption.find("b") is None and caption.get_text() == "Lớp <b class=x>học</b>"
    from bs4 import BeautifulSoup

    feed = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    assert feed.p.get_text() == "Xin chào bạn, đậm." and feed.p.span["title"] == "it's"

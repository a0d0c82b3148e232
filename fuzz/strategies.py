"""Hypothesis strategies: hostile text, metadata, Markdown and whole content folders.

Text is drawn from fragments known to break HTML, XML, Markdown, terminals and URLs
(script tags, attribute breakers, entities, control and bidi characters, NFD accents,
Pelican's link syntax), mixed with arbitrary Unicode.
"""

from __future__ import annotations

import html

import io
import re
import unicodedata
from urllib.parse import quote

from hypothesis import strategies as st

FRAGMENTS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</script><script>",
    "<b>", "</p>", "<!--", "-->", "]]>", "<![CDATA[", "<style>", "javascript:alert(1)",
    "&", "&amp;", "&lt;", "&#x202e;", "&#1;", "&#0;", "&nbsp;", '"', "'", "`", "--", "...",
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[2J", "\x7f", "\x85", "\x9b",
    "\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "\u200b", "\ufeff", "\u2028", "\ufffe",
    "{filename}", "{static}x.jpg", "{nothing}", "](javascript:alert(1))", "[x]", "*", "_",
    "#", "%", "|", ":", "\\", "{{ 7*7 }}", "{% raw %}", "\t", "  ",
    "Tiếng Việt", "Đào tạo", unicodedata.normalize("NFD", "Hợp tác xã"), "𝔘𝔫𝔦", "👍🏽", "ا",
]

#: What text pasted from Word, a PDF, Facebook or Zalo brings that shows as nothing or as
#: a space (``sitemodel.text.clean_pasted``): soft hyphen, zero-width space, word joiner,
#: a BOM inside the text, the (non-)joiner, no-break and other look-alike spaces, and a
#: joiner where it joins (an emoji sequence, Hindi).
PASTED = ["\u00ad", "\u200b", "\u2060", "\ufeff", "\u200c", "\u200d", "\u00a0", "\u00a0\u00a0",
          " \u00a0", "\u202f", "\u2007", "\u3000", "&nbsp;", "&nbsp; ", "&nbsp;&nbsp;&nbsp;",
          "👩\u200d💻", "👍🏽\u200d", "क\u200dष", "می\u200cخواهم", "\u200d\u200c"]

#: Phone numbers as staff type them (``reader.as_typed.PhoneLinks``), and what stands
#: beside them in a notice: dates, money, decision numbers, other runs of figures.
PHONES = ["0912 345 678", "0912.345.678", "0912-345-678", "0912345678", "091 234 5678", "+84 912 345 678",
          "+84912345678", "+84-912-345-678", "(024) 3825 1234", "(0203) 3.835.123", "0203 3 123 456",
          "02033835123", "84912345678", "0912 345 6789", "0912  345 678", "0912\u00a0345\u00a0678",
          "09\u00ad12 345 678", "0912\u200b345678", "(+84) 912 345 678", "1900 1234", "113"]
BESIDE_PHONES = ["ngày 12/03/2024", "12/03/2024", "2024-03-12", "1.500.000 đồng", "2.000.000đ",
                 "1,5 triệu", "Quyết định số 123/QĐ-UBND", "số 0912/2024/QĐ-BNN", "Số: 45/2023/TT-BTC",
                 "QĐ 0203-3835123", "CCCD 001203012345", "STK 0912345678901", "mã 84-912-345-678-9",
                 "Điện thoại:", "ĐT:", "Hotline", "Zalo", "Fax:", "(", ")", "/", ",", "-", ".", ":"]


@st.composite
def phone_text(draw) -> str:
    """A line of a notice with phone numbers beside dates, money and decision numbers,
    spaced or glued, in bold, code or a link."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        part = draw(st.sampled_from(PHONES + BESIDE_PHONES))
        wrap = draw(st.integers(0, 9))
        if wrap == 0:
            part = f"**{part}**"
        elif wrap == 1:
            part = f"`{part}`"
        elif wrap == 2:
            part = f"[{part}](https://example.org/)"
        elif wrap == 3:
            part = f"<{part}>"
        parts.append(part)
        parts.append(draw(st.sampled_from([" ", " ", ", ", "", "/", "-", ".", "\u00a0", " - "])))
    return "".join(parts).strip()


#: Arbitrary characters that can be written to a UTF-8 file (no lone surrogates).
CHARACTERS = st.characters(blacklist_categories=("Cs",))


def hostile_text(max_parts: int = 6) -> st.SearchStrategy[str]:
    part = st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARACTERS, max_size=6),
                     st.sampled_from(PASTED), st.sampled_from(PHONES))
    return st.lists(part, max_size=max_parts).map("".join)


def one_line(max_parts: int = 6) -> st.SearchStrategy[str]:
    """Text for a ``Key: value`` line: anything but the characters that end a line."""
    return hostile_text(max_parts).map(lambda t: t.replace("\n", " ").replace("\r", " "))


@st.composite
def pasted_into(draw, text: str) -> str:
    """``text`` with what pasting leaves that shows as nothing (``PASTED``) put in it,
    between or inside words, as Word's soft hyphens and a web page's ``&nbsp;`` are."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(PASTED)) + text[at:]
    return text


def pasted(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``strategy``'s text, often with pasted invisible characters in it (``pasted_into``)."""
    return st.one_of(strategy, strategy.flatmap(pasted_into))


VALID_DATES = st.one_of(
    st.sampled_from(["2020-07-14", "2020-07-14 08:30", "2019-01-01 23:59:59", "2026-01-15 17:00",
                     "2026-03-01", "2020-07-14T08:30", "2020-07-14 8:05"]),
    st.dates(min_value=__import__("datetime").date(1990, 1, 1)).map(lambda d: d.isoformat()),
)
DATES = st.one_of(
    VALID_DATES,
    st.sampled_from(["05/07/2020", "2020-07", "2020-02-30", "hôm qua", "", " ", "14/7/2020 8:30",
                     "July 2020", "9999-12-31"]),
    one_line(2),
)


def title_text() -> st.SearchStrategy[str]:
    """A title with at least one letter: hostile, but a title."""
    return pasted(st.tuples(st.sampled_from(["Tin", "Lớp", "Bài", "News"]), one_line()).map(" ".join))


#: Tags posts share, written several ways (one tag), so that sites have tag pages with
#: many posts, related posts, and edits that move posts between them.
SHARED_TAGS = ["bồi dưỡng", "Bồi dưỡng", "boi duong", "OCOP", "ocop", "Quảng Ninh", "Đào tạo",
               "👍", "HTX/THT"]


def tags_text() -> st.SearchStrategy[str]:
    """A ``Tags:`` value: a few shared tags, maybe hostile text among them."""
    tag = st.one_of(st.sampled_from(SHARED_TAGS), st.sampled_from(SHARED_TAGS), one_line(3))
    return st.lists(tag, min_size=1, max_size=4).map(", ".join)


@st.composite
def metadata(draw, page: bool = False, valid: bool = False) -> dict[str, str]:
    """Metadata lines of a post (or a static page): hostile text in every field; with
    ``valid``, no mistake in the format itself (so that the site builds)."""
    meta: dict[str, str] = {}
    if valid or draw(st.integers(0, 9)):
        meta["Title"] = draw(title_text() if valid else one_line())
    if not page and (valid or draw(st.integers(0, 9))):
        meta["Date"] = draw(VALID_DATES if valid else DATES)
    for key in ("Summary", "Author", "Tags"):
        if draw(st.booleans()):
            meta[key] = draw(tags_text() if key == "Tags" else one_line())
    if draw(st.integers(0, 7)) == 0:
        meta["Status"] = draw(st.sampled_from(["draft", "Draft", "published"] if valid
                                              else ["draft", "hidden", "x"]))
    if not page and draw(st.integers(0, 5)) == 0:
        meta["Pinned"] = draw(st.sampled_from(["yes", "no", "có"] if valid else ["yes", "maybe"]))
        meta["Expires"] = draw(st.sampled_from(["2026-01-10", "2099-12-31"]) if valid else DATES)
    if page and draw(st.booleans()):
        meta["Order"] = draw(st.sampled_from(["1", "2", "-3"] if valid else ["1", "x"]))
    if not valid and draw(st.integers(0, 11)) == 0:
        meta[draw(st.sampled_from(["Slug", "Lang", "Save_as", "Template", "Title", "Date"]))] = \
            draw(one_line(2))
    continued = [key for key in ("Title", "Summary", "Tags") if key in meta]
    if continued and draw(st.integers(0, 5)) == 0:
        # A value continued on the next line, indented with spaces or a tab.
        more = draw(st.sampled_from(["lớp học", "HTX Đông Triều", "năm 2024"]) if valid else one_line(2))
        meta[draw(st.sampled_from(continued))] += draw(st.sampled_from(["\n    ", "\n\t"])) + more
    return meta


#: Addresses typed as text (the build links them, ``reader.convert.typed_address_error``):
#: ones a browser opens, and ones with brackets in the host or odd characters it cannot.
TYPED_ADDRESSES = ["www.trường.vn", "https://example.org/(a)", "www.example.org/a_(b)", "https://例え.jp/",
                   "https://example.org/?q=[1]", "http://ví-dụ.vn/đường-dẫn", "(www.truong.vn)",
                   "www.truong.vn.", "https://example.org/a%20b"]
BAD_TYPED_ADDRESSES = ["https://[::1]/", "https://[x]/a", "https://exa]mple.org", "www.[x].vn", "www.truong[2].vn",
                       "<https://[cu>", "https://đ[1].vn/a", "www.hợp[tác].vn",
                       "http://a.vn:99999/", "www.ex%ample.vn", "https://@/", "https://[x", "http://[đ]/",
                       "www.a\u00adb.vn", "https://\u200bexample.org/"]

#: What a "Key: value" line under the metadata may be when its key is no metadata: text
#: (``sitemodel.build.parse_header``), or among the metadata lines an error.
UNKNOWN_KEYS = ["Hotline", "Email", "Địa chỉ", "Zalo", "Website", "Ghi chú", "Note", "Điện thoại", "Thời gian",
                "Hạn nộp"]
#: Keys meant for metadata (a typo, a Vietnamese name): an error wherever they are.
NEAR_KEYS = ["Sumary", "Titel", "Ngay", "Ngày", "Tag"]


@st.composite
def unknown_line(draw, valid: bool = False) -> str:
    """A ``Key: value`` line whose key is no metadata (``UNKNOWN_KEYS``; but for
    ``valid`` ones, maybe one meant for metadata, ``NEAR_KEYS``)."""
    value = draw(st.one_of(phone_text(), st.sampled_from(TYPED_ADDRESSES + ["a.b@truong.vn", "8h00 ngày 12/3"]),
                           one_line(2)))
    key = draw(st.sampled_from(UNKNOWN_KEYS + ([] if valid else NEAR_KEYS)))
    return draw(pasted(st.just(f"{key}: {value}")))


#: Captions as staff write them: inline Markdown (read as such: ``photos.caption_text``),
#: half-written Markdown, links to the site's files, and HTML (shown as typed).
CAPTION_MARKUP = ["**đậm**", "*nghiêng*", "`mã`", "_nghiêng_", "[liên kết](https://example.org/)",
                  "[bài](../khac/index.vi.md)", "[tệp]({filename}/tin-tuc/x/index.vi.md)", "[ảnh](anh.jpg)",
                  "<b>in đậm</b>", "<script>alert(1)</script>", "<a href=\"javascript:x\">x</a>", "**", "*",
                  "`", "[", "](", "<https://example.org>", "www.truong.vn", "![x](anh.jpg)", "\\*",
                  "***đậm nghiêng***", "**Ông *A***", "`a **b** c`", "[**x**](https://example.org/)", "&amp;",
                  "&nbsp;", "Ảnh: **Nguyễn Văn A**", *TYPED_ADDRESSES, *BAD_TYPED_ADDRESSES]


@st.composite
def caption_text(draw) -> str:
    """One caption of a captions file: hostile text, inline Markdown, phone numbers."""
    parts = draw(st.lists(st.one_of(st.sampled_from(CAPTION_MARKUP), one_line(2), phone_text()),
                          max_size=4))
    return draw(pasted(st.just(" ".join(parts))))


#: A post file with nothing to show: empty, spaces, a BOM, what pasting leaves.
EMPTY_FILES = ["", " ", "\n", "\n\n\n", " \t \n", "\ufeff", "\ufeff\n", "\u00a0\n", "\u200b", "\u00ad\n\u2060",
               "\r\n\r\n", "&nbsp;\n", "\u3000", "---\n---\n", "\n\u00a0\u00a0\n"]


@st.composite
def markdown_body(draw, photos: list[str], valid: bool = False) -> str:
    """A post's text: paragraphs, headings, lists, links, photos, raw HTML, code."""
    blocks = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 11))
        text = draw(pasted(hostile_text()))
        if kind == 0:
            blocks.append("## " + text.replace("\n", " "))
        elif kind == 1:
            blocks.append("\n".join("- " + draw(one_line(3)) for _ in range(draw(st.integers(1, 3)))))
        elif kind == 2 and photos:
            name = draw(st.sampled_from(photos + ([] if valid else ["khong-co.jpg"])))
            blocks.append(f"![{draw(one_line(3)).replace(']', '').replace('[', '')}]({name})")
        elif kind == 3:
            # A link to a photo of the folder opens its largest rendition (photos plugin).
            targets = ["https://example.org/", "#", "javascript:x", "mailto:a@b.vn"] + photos
            if not valid:
                targets += ["{filename}/khong/co.md", "{nothing}x", "../khong-co/index.vi.md", "https://[x",
                            "file:///C:/Users/A/anh.jpg"]
            blocks.append(f"[{draw(one_line(2)).replace(']', '')}]({draw(st.sampled_from(targets))})")
        elif kind == 4:
            blocks.append("```\n" + text + "\n```")
        elif kind == 5:
            # Embeds as staff paste them (reader/embeds.py): the frame's title is theirs.
            title = html.escape(draw(one_line(3)).replace("\n", " "))
            blocks.append(draw(st.sampled_from([
                "<div class=\"box\">hộp</div>", "<table><tr><td>ô",
                "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
                f'<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123?si=Q&amp;start=9" '
                f'title="{title}" frameborder="0" allowfullscreen></iframe>',
                "https://youtu.be/abc123?t=1m5s", "<https://www.youtube.com/watch?v=def456&list=PL1>",
                f"https://youtu.be/{title}", "https://[x", "https://youtu.be:99999/abc123",
                f"Xem https://example.org/{title}_a*b* và www.{title}.vn, hỏi a.b@truong.vn.",
                '<iframe src="https://www.google.com/maps/embed?pb=1"></iframe>',
                '<iframe src="https://www.facebook.com/plugins/video.php?href=x"></iframe>'])))
        elif kind == 9:
            # A notice's contact lines: phone numbers beside dates, money, decisions.
            lines = [draw(pasted(phone_text())) for _ in range(draw(st.integers(1, 3)))]
            blocks.append(draw(st.sampled_from(["\n", "  \n", "\n\n"])).join(lines))
        elif kind == 10:
            # Paragraphs pasted from Word or a web page: lines of no-break spaces between
            # them, "&nbsp;" between every word or beside spaces.
            words = draw(st.lists(st.sampled_from(["Lớp", "học", "HTX", "ngày", "12/3", "10", "km", "TS."]),
                                  min_size=1, max_size=8))
            spaces = st.sampled_from([" ", "\u00a0", " \u00a0", "\u00a0\u00a0", "&nbsp;", "&nbsp; "])
            line = "".join(w + draw(spaces) for w in words).rstrip(" ")
            blank = draw(st.sampled_from(["\u00a0", "\u00a0 ", " \u00a0\u00a0", "\u3000", "\u202f", "&nbsp;"]))
            blocks.append(draw(st.sampled_from([f"{line}\n{blank}\n{text}", f"{blank}\n{line}", line])))
        elif kind == 11:
            address = draw(st.sampled_from(TYPED_ADDRESSES + ([] if valid else BAD_TYPED_ADDRESSES)))
            blocks.append(draw(st.sampled_from([f"Xem {address} để biết thêm.", address, f"({address})",
                                                f"**{address}**", f"Trang: {address}, ĐT: 0912 345 678"])))
        else:
            blocks.append(text.replace("{", "(") if valid else text)
    return "\n\n".join(blocks) + "\n"


FOLDER_NAMES = ["bai-viet", "Bai-Viet", unicodedata.normalize("NFC", "bài-viết"),
                unicodedata.normalize("NFD", "bài-viết"), "page", "bai viet", "a#b", "en",
                "atom.xml", "khai-giang-2020", "x"]
VALID_FOLDER_NAMES = ["bai-viet", "bài-viết", "khai-giang-2020", "x", "tin_2.0"]
PHOTO_NAMES = ["anh.jpg", "Ảnh 2.JPG", "a'b.png", "hinh.webp", "x<y>.jpg", "anh #1.jpg", "IMG_0001 (1).jpg"]
#: (``anh.JPG`` beside ``anh.jpg``: two photos whose renditions once had one name;
#: ``anh #1.jpg``: a name once read as an address)
VALID_PHOTO_NAMES = ["anh.jpg", "hinh-2.JPG", "a'b.jpg", "ảnh.jpg", "anh.JPG", "anh #1.jpg"]


def tiny_jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 90, 160)).save(buf, "JPEG", quality=70)
    return buf.getvalue()


@st.composite
def header(draw, lines: str) -> str:
    """A post's metadata lines as staff may write them: plain, or between "---" lines (or
    "---" and "..."), the front matter of other site generators, which Python-Markdown
    reads as the same header."""
    opening, closing = draw(st.sampled_from([("", ""), ("---\n", "---\n"), ("---\n", "...\n")]))
    return opening + lines + closing


@st.composite
def content_folder(draw, valid: bool | None = None) -> dict[str, str | bytes]:
    """A whole content folder in the project's format with hostile text; half of them
    (or as ``valid`` says) without any mistake in the format, the others with some."""
    if valid is None:
        valid = draw(st.booleans())
    files: dict[str, str | bytes] = {}
    sections = draw(st.lists(st.sampled_from(["tin-tuc", "dao-tao", "tin-tuc/thong-bao"]),
                             min_size=1, max_size=2, unique=True))
    if valid and "tin-tuc/thong-bao" in sections and "tin-tuc" not in sections:
        sections.append("tin-tuc")
    for section in sections:
        for lang in ("vi", "en"):
            if lang == "vi" and not valid and draw(st.integers(0, 9)) == 0:
                continue  # a section without its name
            if lang == "vi" or draw(st.booleans()):
                name = draw(title_text() if valid else pasted(one_line(4)))
                extra = f"Description: {draw(one_line(3))}\n" if draw(st.booleans()) else ""
                files[f"{section}/_index.{lang}.md"] = f"Title: {name}\n{extra}"
    jpeg = tiny_jpeg()
    names = VALID_FOLDER_NAMES if valid else FOLDER_NAMES
    posts = draw(st.lists(st.tuples(st.sampled_from(sections), st.sampled_from(names)),
                          min_size=1, max_size=3, unique=True))
    for number, (section, name) in enumerate(posts):
        folder = f"{section}/{name}"
        photos = draw(st.lists(st.sampled_from(VALID_PHOTO_NAMES if valid else PHOTO_NAMES),
                               max_size=2, unique=True))
        for photo in photos:
            files[f"{folder}/{photo}"] = jpeg if valid or draw(st.integers(0, 5)) else b"\xff\xd8 broken"
        if photos and draw(st.booleans()):
            named = photos if valid else photos + ["khong-co.jpg"]
            chosen = draw(st.lists(st.sampled_from(named), min_size=1, max_size=2, unique=valid))
            files[f"{folder}/captions.vi.txt"] = "".join(f"{draw(pasted(st.just(p + ':')))} {draw(caption_text())}\n"
                                                         for p in chosen)
        for lang in ("vi", "en"):
            if lang == "en" and draw(st.booleans()):
                continue
            meta = draw(metadata(valid=valid))
            if valid and number == 0 and lang == "vi":
                # A site with something to publish: one post neither draft nor scheduled.
                meta.pop("Status", None)
                meta["Date"] = draw(st.sampled_from(["2020-07-14", "2025-12-31 23:59", "1999-02-03"]))
            lines = [f"{k}: {v}\n" for k, v in meta.items()]
            if lines and draw(st.integers(0, 3)) == 0:
                # A key with what pasting leaves in it or before it ("\u200bDate:").
                at = draw(st.integers(0, len(lines) - 1))
                key, sep, value = lines[at].partition(":")
                nothing = st.sampled_from(["\u00ad", "\u200b", "\u2060", "\ufeff", "\u200c", "\u200d"])
                where = draw(st.integers(0, len(key)))
                lines[at] = key[:where] + draw(nothing if valid else st.sampled_from(PASTED)) + key[where:] + sep + value
            if not valid and len(lines) > 1 and draw(st.integers(0, 4)) == 0:
                # A line that is no metadata among the metadata lines: refused.
                lines.insert(draw(st.integers(1, len(lines) - 1)), draw(unknown_line()) + "\n")
            if not valid and len(lines) > 2 and draw(st.integers(0, 5)) == 0:
                lines.insert(draw(st.integers(1, len(lines) - 1)), "\n")  # a blank line inside the header
            head = draw(header("".join(lines)))
            if draw(st.integers(0, 3)) == 0:
                # "Hotline: 0912 …" right under the metadata, no blank line: the text's first line.
                head += "".join(draw(unknown_line(valid)) + "\n" for _ in range(draw(st.integers(1, 2))))
            files[f"{folder}/index.{lang}.md"] = head + "\n" + draw(markdown_body(photos, valid))
            if not valid and draw(st.integers(0, 9)) == 0:
                files[f"{folder}/index.{lang}.md"] = draw(st.sampled_from(EMPTY_FILES))
        if not valid and draw(st.integers(0, 5)) == 0:
            # A file staff put in the folder that the build would once leave out unsaid.
            stray = draw(st.sampled_from(STRAY_FILES))
            files[f"{folder}/{stray}"] = jpeg if stray.endswith((".jfif", ".bmp")) else "Title: x\nDate: 2020-01-01\n\nx\n"
    if draw(st.booleans()):
        slugs = ["gioi-thieu", "lien-he"] + ([] if valid else ["tin-tuc", "page", "en"])
        meta = draw(metadata(page=True, valid=valid))
        body = draw(st.sampled_from(["Trang.\n", "Điện thoại: 0203 3 123 456\n", "Hotline: (024) 3825 1234\n"]))
        page = "".join(f"{k}: {v}\n" for k, v in meta.items()) + "\n" + body
        if not valid and draw(st.integers(0, 7)) == 0:
            page = draw(st.sampled_from(EMPTY_FILES))
        files[f"pages/{draw(st.sampled_from(slugs))}/index.vi.md"] = page
    return files


#: Files a post folder may hold by mistake (a Notepad copy, a Windows picture type, a
#: captions file of no language).
STRAY_FILES = ("index.vi.md.txt", "index.en.docx", "captions.vn.txt", "captions.txt", "anh.bmp", "zalo.jfif",
               "~$dex.vi.md")

#: Files to download the "attach" edit puts in a post's folder.
FORM_NAMES = ("mau-don.pdf", "Mẫu đơn đăng ký.docx")

#: What staff do to a site between two builds (``edited_site``).
EDITS = ("edit", "delete", "add", "rename", "move", "redate", "caption", "drop-photo",
         "new-photo", "section-name", "draft", "pin", "order", "translate", "summary", "attach", "paste",
         "hotline")


def _post_files(files: dict) -> list[str]:
    return sorted(k for k in files if k.endswith(".md") and "/_index." not in k and not k.startswith("pages/"))


def _move_folder(files: dict, old: str, new: str) -> dict:
    if any(k.startswith(new + "/") for k in files):
        return files
    return {(new + k[len(old):] if k.startswith(old + "/") else k): v for k, v in files.items()}


def _set_meta(text: str, key: str, value: str | None) -> str:
    """``text`` with its ``key:`` line set to ``value`` (None: dropped)."""
    head, sep, body = text.partition("\n\n")
    lines = [line for line in head.split("\n") if not line.startswith(key + ":")]
    if value is not None:
        lines.insert(0 if key != "Date" else len(lines), f"{key}: {value}")
    return "\n".join(lines) + sep + body


@st.composite
def edit(draw, files: dict) -> tuple[str, dict]:
    """One edit of ``files`` as staff make it, and its name (the content may stop being
    valid: a photo the text names deleted, say; both builds must then refuse it)."""
    files = dict(files)
    name = draw(st.sampled_from(EDITS))
    posts = _post_files(files)
    post = draw(st.sampled_from(posts)) if posts else None
    folder = post.rsplit("/", 1)[0] if post else None
    photos = sorted(k for k in files if k.lower().endswith((".jpg", ".png")))
    sections = sorted({k.rsplit("/", 1)[0] for k in files if "/_index." in k})
    if name == "edit" and post:
        files[post] = files[post] + "\n" + draw(title_text()) + "\n"
    elif name == "delete" and len(posts) > 1:
        del files[post]
    elif name == "add":
        other = draw(content_folder(valid=True))
        files.update({k: v for k, v in other.items() if k not in files})
    elif name == "rename" and folder:
        files = _move_folder(files, folder, folder + "-moi")
    elif name == "move" and folder and sections:
        files = _move_folder(files, folder, draw(st.sampled_from(sections)) + "/" + folder.rsplit("/", 1)[1])
    elif name == "redate" and post:
        files[post] = _set_meta(files[post], "Date", draw(st.sampled_from(["2021-03-04", "2026-01-15 07:00", "2008-12-31"])))
    elif name == "caption":
        captions = sorted(k for k in files if "/captions." in k)
        if captions:
            key = draw(st.sampled_from(captions))
            files[key] = files[key].replace(": ", ": " + draw(st.one_of(title_text(), caption_text())) + " ", 1)
    elif name == "drop-photo" and photos:
        del files[draw(st.sampled_from(photos))]
    elif name == "new-photo" and photos:
        from PIL import Image

        buf = io.BytesIO()
        Image.new("RGB", (draw(st.integers(20, 90)), 40), (draw(st.integers(0, 255)), 90, 60)).save(buf, "JPEG")
        files[draw(st.sampled_from(photos))] = buf.getvalue()
    elif name == "section-name" and sections:
        key = f"{draw(st.sampled_from(sections))}/_index.{draw(st.sampled_from(['vi', 'en']))}.md"
        files[key] = f"Title: {draw(title_text())}\n"
    elif name == "draft" and post:
        files[post] = _set_meta(files[post], "Status", None if "Status: draft" in files[post] else "draft")
    elif name == "pin" and post:
        files[post] = _set_meta(files[post], "Pinned", draw(st.sampled_from(["yes", None])))
    elif name == "order" and sections:
        key = f"{draw(st.sampled_from(sections))}/_index.vi.md"
        if key in files:
            files[key] = _set_meta(files[key], "Order", draw(st.sampled_from(["1", "2", None])))
    elif name == "translate" and post:
        other = post[:-5] + ("en.md" if post.endswith("vi.md") else "vi.md")
        if other in files and post.endswith("en.md"):
            del files[post]
        elif other not in files:
            files[other] = files[post]
    elif name == "summary" and post:
        files[post] = _set_meta(files[post], "Summary", draw(st.sampled_from([draw(title_text()), None])))
    elif name == "paste":
        # Text pasted again from Word or a web page: what shows as nothing, no-break spaces.
        pastable = sorted(k for k, v in files.items() if isinstance(v, str))
        key = draw(st.sampled_from(pastable))
        files[key] = draw(pasted_into(files[key]))
    elif name == "hotline" and post:
        # "Hotline: …" typed right under the metadata (the text's first line), or taken away.
        head, sep, body = files[post].partition("\n\n")
        lines = head.split("\n")
        if any(line.startswith(tuple(UNKNOWN_KEYS)) for line in lines[1:]):
            head = "\n".join(line for line in lines if not line.startswith(tuple(UNKNOWN_KEYS)))
        else:
            head += "\n" + draw(unknown_line(valid=True))
        files[post] = head + sep + body
    elif name == "attach" and post:
        # A form to download: linked and added, replaced under its name (its size label
        # changing or not), or taken away. Named plainly, or with accents and spaces and
        # linked as written or percent-encoded (as a browser's address bar gives it).
        present = [n for n in FORM_NAMES if f"{folder}/{n}" in files]
        size = st.sampled_from([8, 1500, 3000])
        if not present:
            form = draw(st.sampled_from(FORM_NAMES))
            target = draw(st.sampled_from([form, quote(form)]))
            files[f"{folder}/{form}"] = b"%PDF-1.4 " + bytes(draw(size))
            files[post] += f"\n[Mẫu đơn]({target})\n"
        elif draw(st.booleans()):
            files[f"{folder}/{present[0]}"] = b"%PDF-1.4 " + draw(st.binary(min_size=1, max_size=8)) + bytes(draw(size))
        else:
            del files[f"{folder}/{present[0]}"]
            links = [f"\n[Mẫu đơn]({t})\n" for t in (present[0], quote(present[0]))]
            files = {k: (re.sub("|".join(map(re.escape, links)), "\n", v) if isinstance(v, str) else v)
                     for k, v in files.items()}
    return name, files


@st.composite
def edited_site(draw) -> list[tuple[str, dict]]:
    """A valid content folder, then one to three edited versions of it: ``[(what was
    done, files), ...]``, built one after the other in the same folder (``check_incremental``)."""
    files = draw(content_folder(valid=True))
    states = [("first build", files)]
    for _ in range(draw(st.integers(1, 3))):
        done = []
        for _ in range(draw(st.integers(1, 3))):
            name, files = draw(edit(files))
            done.append(name)
        states.append((", ".join(done), files))
    return states

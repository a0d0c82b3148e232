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

#: Arbitrary characters that can be written to a UTF-8 file (no lone surrogates).
CHARACTERS = st.characters(blacklist_categories=("Cs",))


def hostile_text(max_parts: int = 6) -> st.SearchStrategy[str]:
    part = st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARACTERS, max_size=6))
    return st.lists(part, max_size=max_parts).map("".join)


def one_line(max_parts: int = 6) -> st.SearchStrategy[str]:
    """Text for a ``Key: value`` line: anything but the characters that end a line."""
    return hostile_text(max_parts).map(lambda t: t.replace("\n", " ").replace("\r", " "))


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
    return st.tuples(st.sampled_from(["Tin", "Lớp", "Bài", "News"]), one_line()).map(" ".join)


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


@st.composite
def markdown_body(draw, photos: list[str], valid: bool = False) -> str:
    """A post's text: paragraphs, headings, lists, links, photos, raw HTML, code."""
    blocks = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 8))
        text = draw(hostile_text())
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
                name = draw(title_text() if valid else one_line(4))
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
            files[f"{folder}/captions.vi.txt"] = "".join(f"{p}: {draw(one_line(3))}\n" for p in chosen)
        for lang in ("vi", "en"):
            if lang == "en" and draw(st.booleans()):
                continue
            meta = draw(metadata(valid=valid))
            if valid and number == 0 and lang == "vi":
                # A site with something to publish: one post neither draft nor scheduled.
                meta.pop("Status", None)
                meta["Date"] = draw(st.sampled_from(["2020-07-14", "2025-12-31 23:59", "1999-02-03"]))
            lines = [f"{k}: {v}\n" for k, v in meta.items()]
            if not valid and len(lines) > 2 and draw(st.integers(0, 5)) == 0:
                lines.insert(draw(st.integers(1, len(lines) - 1)), "\n")  # a blank line inside the header
            head = draw(header("".join(lines)))
            files[f"{folder}/index.{lang}.md"] = head + "\n" + draw(markdown_body(photos, valid))
        if not valid and draw(st.integers(0, 5)) == 0:
            # A file staff put in the folder that the build would once leave out unsaid.
            stray = draw(st.sampled_from(STRAY_FILES))
            files[f"{folder}/{stray}"] = jpeg if stray.endswith((".jfif", ".bmp")) else "Title: x\nDate: 2020-01-01\n\nx\n"
    if draw(st.booleans()):
        slugs = ["gioi-thieu", "lien-he"] + ([] if valid else ["tin-tuc", "page", "en"])
        meta = draw(metadata(page=True, valid=valid))
        files[f"pages/{draw(st.sampled_from(slugs))}/index.vi.md"] = \
            "".join(f"{k}: {v}\n" for k, v in meta.items()) + "\nTrang.\n"
    return files


#: Files a post folder may hold by mistake (a Notepad copy, a Windows picture type, a
#: captions file of no language).
STRAY_FILES = ("index.vi.md.txt", "index.en.docx", "captions.vn.txt", "captions.txt", "anh.bmp", "zalo.jfif",
               "~$dex.vi.md")

#: Files to download the "attach" edit puts in a post's folder.
FORM_NAMES = ("mau-don.pdf", "Mẫu đơn đăng ký.docx")

#: What staff do to a site between two builds (``edited_site``).
EDITS = ("edit", "delete", "add", "rename", "move", "redate", "caption", "drop-photo",
         "new-photo", "section-name", "draft", "pin", "order", "translate", "summary", "attach")


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
            files[key] = files[key].replace(": ", ": " + draw(title_text()) + " ", 1)
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

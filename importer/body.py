"""The article body as a list of blocks: tidied (wrapper divs unwrapped, loose text put
in paragraphs, empty paragraphs dropped) and without its sign-off line, which becomes
the post's ``Author``."""

from __future__ import annotations

import re

from bs4 import Tag

from .text import clean_text, text_of

BLOCK_TAGS = {"p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
              "blockquote", "figure", "pre", "hr", "section", "article", "center", "iframe",
              "video", "address"}
_WRAPPERS = {"div", "section", "article", "center", "span", "font", "main"}
_KEEP_EMPTY = ["img", "hr", "iframe", "video", "table"]
#: A caption or a sign-off is a short paragraph.
CAPTION_CHARS, CAPTION_WORDS = 200, 35
SIGNOFF_CHARS, SIGNOFF_WORDS = 60, 8
#: A sign-off ending with a full stop is shorter still ("Ban CSPTHTX."); a longer line
#: ending with one is the text's last sentence.
SIGNOFF_SENTENCE_WORDS = 5
_SIGNOFF_TAGS = {"p", "div", "span", "strong", "b", "em", "i", "address"}
# Closing formulas are the text's last line, not a sign-off.
_CLOSING = re.compile(r"^(trân trọng|xin (chân thành )?cảm ơn|kính (mời|đề nghị)|xin giới thiệu)",
                      re.I)
#: A sign-off's label ("Tin, ảnh: Ban CSPTHTX"): who wrote the text and took the photos.
_SIGNOFF_LABEL = re.compile(r"^(tin|bài|tin\s*(,|và|-|&)\s*ảnh|bài\s*(,|và|-|&)\s*ảnh|"
                            r"thực hiện|người viết)\s*:\s*", re.I)
# "Một số hình ảnh tại lớp học:", "Hình ảnh:", "Một vài hình ảnh của hội nghị"
_GALLERY_MARKER = re.compile(r"^(một\s+(số|vài)\s+(hình\s+)?ảnh\b.*|(hình\s+)?ảnh\b.{0,60}:)$",
                             re.I)


def block_text(node) -> str:
    if isinstance(node, Tag):
        return clean_text(text_of(node))
    return clean_text(str(node))


def images_in(node) -> list[Tag]:
    if not isinstance(node, Tag):
        return []
    return [node] if node.name == "img" else node.find_all("img")


def is_image_only(node) -> bool:
    return bool(images_in(node)) and not block_text(node)


def is_gallery_marker(node) -> bool:
    text = block_text(node)
    return bool(text) and len(text) <= 100 and not images_in(node) and \
        bool(_GALLERY_MARKER.match(text))


def is_caption_like(node) -> bool:
    """A short paragraph of plain text: may be the caption of the photo above it."""
    if not isinstance(node, Tag) or node.name not in ("p", "div", "span", "em", "i", "strong",
                                                      "b", "font", "small", "figcaption"):
        return False
    text = block_text(node)
    return bool(text) and not images_in(node) and len(text) <= CAPTION_CHARS and \
        len(text.split()) <= CAPTION_WORDS and not text.endswith(":") and \
        not node.find(["ul", "ol", "table"]) and not is_gallery_marker(node)


def blocks(body: Tag) -> list:
    """The body's top-level blocks (elements, and any text left loose)."""
    return [c for c in body.children if isinstance(c, Tag) or c.strip()]


def next_block(node):
    sibling = node.next_sibling
    while sibling is not None and not isinstance(sibling, Tag) and not sibling.strip():
        sibling = sibling.next_sibling
    return sibling


def previous_block(node):
    sibling = node.previous_sibling
    while sibling is not None and not isinstance(sibling, Tag) and not sibling.strip():
        sibling = sibling.previous_sibling
    return sibling


def layout_cell(table: Tag) -> Tag | None:
    """The one cell of a table of one row and one cell that wraps text (an old site's
    layout: the whole article in ``<table width=100%><tr><td>``); None for other tables."""
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    cells = [cell for cell in table.find_all(["td", "th"]) if cell.find_parent("table") is table]
    if len(rows) != 1 or len(cells) != 1:
        return None
    cell = cells[0]
    text = clean_text(text_of(cell))
    return cell if cell.find(BLOCK_TAGS) or len(text) > CAPTION_CHARS else None


def tidy(body: Tag, soup) -> None:
    """Unwrap layout wrappers (also a one-cell layout table), put loose text into
    paragraphs, drop empty blocks."""
    changed = True
    while changed:
        changed = False
        for child in blocks(body):
            if isinstance(child, Tag) and child.name in _WRAPPERS and \
                    child.find(BLOCK_TAGS, recursive=False):
                child.unwrap()
                changed = True
            elif isinstance(child, Tag) and child.name == "table" and (cell := layout_cell(child)):
                # (it became a one-cell Markdown table: every paragraph and photo on one line)
                for node in list(cell.contents):
                    child.insert_before(node.extract())
                child.decompose()
                changed = True
    _wrap_loose(body, soup)
    for child in blocks(body):
        if isinstance(child, Tag):
            _trim_breaks(child)
            if not block_text(child) and child.name not in _KEEP_EMPTY and \
                    not child.find(_KEEP_EMPTY):
                child.decompose()


def _wrap_loose(body: Tag, soup) -> None:
    """Text and inline elements straight in the body become paragraphs (a blank line,
    ``<br><br>``, separates them)."""
    run: list = []

    def flush():
        if any(isinstance(n, Tag) or n.strip() for n in run):
            paragraph = soup.new_tag("p")
            run[0].insert_before(paragraph)
            for node in run:
                paragraph.append(node.extract())
        run.clear()

    for child in list(body.children):
        if isinstance(child, Tag) and child.name in BLOCK_TAGS:
            flush()
        elif isinstance(child, Tag) and child.name == "br" and run and \
                isinstance(run[-1], Tag) and run[-1].name == "br":
            run.pop().decompose()
            child.decompose()
            flush()
        else:
            run.append(child)
    flush()


def _trim_breaks(block: Tag) -> None:
    for end in (0, -1):
        while block.contents:
            node = block.contents[end]
            if isinstance(node, Tag) and node.name == "br":
                node.decompose()
            elif not isinstance(node, Tag) and not node.strip():
                node.extract()
            else:
                break


def drop_line(body: Tag, line: str) -> None:
    """Remove the block of the body that is only ``line`` (the post's date, read from it:
    "Ngày đăng: 11/09/2018 08:30" stood above every imported post's text, under its date)."""
    for block in blocks(body):
        if block_text(block).rstrip(" .") == clean_text(line):
            block.extract()
            return


def take_signoff(body: Tag) -> str | None:
    """Remove the sign-off line ("Ban CSPTHTX.") from the end of the body and return it
    (without its final full stop)."""
    found = [b for b in blocks(body) if block_text(b)]
    if len(found) < 2 or not is_signoff(found[-1]):
        return None
    last = found[-1]
    before = previous_block(last)
    if before is not None and is_image_only(before) and _looks_like_caption(last):
        return None
    lines = signoff_lines(last) if last.find("br") else []
    text = ", ".join(lines) if 2 <= len(lines) <= 3 else block_text(last)
    text = _SIGNOFF_LABEL.sub("", text)
    last.extract()
    return text.strip(" .()–-")


def signoff_lines(block: Tag) -> list[str]:
    """The lines of a block split at its ``<br>``s ("Phòng Đào tạo, bồi dưỡng<br>Trường
    Bồi dưỡng cán bộ": a unit and its school, a sign-off of two lines)."""
    lines, line = [], []
    for node in block.descendants:
        if isinstance(node, Tag) and node.name == "br":
            lines.append(clean_text(" ".join(line)))
            line = []
        elif not isinstance(node, Tag):
            line.append(str(node))
    lines.append(clean_text(" ".join(line)))
    return [text for text in lines if text]


def is_signoff(block) -> bool:
    """A short line of plain text that is not a sentence, a label or a closing formula (or
    two or three such lines, one under the other)."""
    if not isinstance(block, Tag) or block.name not in _SIGNOFF_TAGS or images_in(block):
        return False
    lines = signoff_lines(block) if block.find("br") else []
    if 2 <= len(lines) <= 3:
        return all(_is_signoff_line(line) for line in lines)
    return _is_signoff_line(block_text(block))


def _is_signoff_line(text: str) -> bool:
    text = _SIGNOFF_LABEL.sub("", text)
    words = len(text.split())
    if not text or len(text) > SIGNOFF_CHARS or words > SIGNOFF_WORDS:
        return False
    if text.endswith(".") and words > SIGNOFF_SENTENCE_WORDS:
        return False
    return not (text.endswith(("/.", "?", "!")) or ":" in text or "http" in text
                or _CLOSING.match(text))


def _looks_like_caption(block) -> bool:
    """Under a photo, a centred or italic line is its caption; a right-aligned or bold
    one is still the sign-off."""
    if not isinstance(block, Tag):
        return False
    align = _alignment(block)
    if align == "right" or block.find(["strong", "b"]) or block.name in ("strong", "b"):
        return False
    italics = block.find_all(["em", "i"]) if block.name not in ("em", "i") else [block]
    italic = bool(italics) and block_text(block) == clean_text(" ".join(map(text_of, italics)))
    return align == "center" or italic


def _alignment(block: Tag) -> str:
    for tag in (block, *block.find_all(True)):
        match = re.search(r"text-align:\s*(\w+)", tag.get("style", ""), re.I)
        if match:
            return match.group(1).lower()
        if tag.get("align"):
            return tag["align"].lower()
    return ""

"""Markdown as staff type it: the Markdown extension ``reader.as_typed`` (``MARKDOWN`` in
pelicanconf.py).

Staff write posts as they write in Word, Zalo or Facebook, and paste text from them.
Markdown reads some of what they type as something else, and nothing says so: the post
builds and checks. Each rule below reads such text as what it is, in the cases where
Markdown's reading is never what staff meant:

- **Indented text is text** (``IndentedText``). A block indented by four spaces or a tab
  is code in Markdown: a grey box, a typewriter font, lines never wrapped (on a phone the
  reader scrolls sideways). Staff indent a paragraph's first line as letters and official
  documents do, or paste text from Word or the old site with its indents kept; a first
  line indented alone became a code box of one line above the rest. As in MDX, which has
  no indented code either, such a block is read again without its indent. The indent of
  a list's continued paragraph or nested list is the list's, read as before; code is
  written between lines of three backticks (```).
- **A heading has a space after its #** (``SpacedHeading``), as in CommonMark: a line of
  hashtags copied from Facebook ("#ChuyểnĐổiSố #HTX") was a heading bigger than the
  post's title, its first word's # gone. And a heading "# …" in the text is a section
  of the post (``h2``, as "## …"), not a second title (``NoSecondTitle``).
- **"(*)" is text** (``MARK``): the mark of a form's required fields ("Họ tên (*), Ngày
  sinh (*)") opened an italic run at one and closed it at the next, both marks gone.
- **An asterisk between two figures is text** (``TIMES``): "lớp 2*3 và 4*5 mét", "diện
  tích 5*3 m, 4*2 m" is a multiplication or a size as staff type it; Markdown (and
  CommonMark alike) read "*3 và 4*" as italics, and both asterisks were gone from the
  page, its summary, the feeds and the search. An asterisk with a figure on either side,
  no space between, stays one ("2**3" too); "*nghiêng*", "**đậm**", "năm 2024 *15 lớp*"
  and "2 * 3" are read as before, and code is left as written.
- **A word in angle brackets is text** (``TagsOnlyHtml``): "ghi rõ <Họ và tên>" is how a
  form's blanks are written, and Markdown passed "<Họ và tên>" to the page as an HTML tag
  (an unknown one: the browser shows nothing). Only HTML's own elements are HTML.
- **A tag is read as browsers read it** (``LooseTag``): "<span title=it's here>" (a quote
  in a value written without quotes, as HTML pasted from an old site or Word has it) is
  no tag for Markdown, which showed it on the page as text, "<" and all, while its end
  tag was taken as one; a browser reads it (``title="it's"``, then ``here``), and so does
  the build, writing its values quoted. ``invoke check`` says where, the value being
  perhaps not the one meant (``loose_tags``).
- **A list may follow its lead-in line** (``ListAfterLine``): "Hồ sơ gồm:" and, on the
  next lines, "- Đơn đăng ký", "- Bản sao…" is a list, as in CommonMark (Python-Markdown
  wants a blank line first, and showed the dashes in one paragraph); Word's pasted
  bullets ("•" and a tab) are a list's dashes. A numbered list does so when it starts at
  1, as in CommonMark ("2019. Năm…" on a line of its own stays text). A list nested by
  two or three spaces is nested (``ListIndents``): Python-Markdown wants four.
- **A phone number calls** (``PhoneLinks``): "Điện thoại: 0203 3 123 456" in a contact
  page or an announcement is a ``tel:`` link, as the footer's number is; on a phone a tap
  on the text did nothing (Chrome on Android finds no numbers by itself). Only Vietnam's
  numbers as they are written: 0 and nine (a mobile's 03, 05, 07, 08, 09) or ten (a
  landline's 02…, its area code maybe in brackets) digits, or +84 for the 0, in groups
  spaced by a space, a dot or a hyphen (or a no-break space, typed or written "&nbsp;"
  as web editors paste it); a link's words, code, and longer runs of figures stay as
  they are.
- **An attribute list ends its block** (``NoBreakBeforeAttributes``): "{: .ghi-chu }" on
  the line under a paragraph or a list item left a line break (nl2br's) at its end.
- **An attribute list under a heading is the heading's** (``HeadingAttributes``): "{:
  .ghi-chu }" or "{: #lich-hoc }" on the line under "## Lịch học", as staff write it under
  a paragraph, showed on the page as text under the heading (attr_list reads a heading's
  list at the end of its own line only).
"""

from __future__ import annotations

import html
import re

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor, HashHeaderProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor, InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from sitemodel.text import HTML_ELEMENTS
from xml.etree.ElementTree import Element


class IndentedText(BlockProcessor):
    """Takes the place of Markdown's indented code blocks (its ``code`` processor, which
    runs after a list's indented lines were taken)."""

    def test(self, parent, block: str) -> bool:
        return block.startswith(" " * self.tab_length)  # (tabs are spaces by now)

    def run(self, parent, blocks: list[str]) -> None:
        block = blocks.pop(0)
        lines = block.split("\n")
        indent = len(lines[0]) - len(lines[0].lstrip(" "))
        # The first line's indent off every line indented as far (a list inside keeps its
        # nesting), the spaces off the others; at least four spaces go, so this ends.
        blocks.insert(0, "\n".join(line[indent:] if line[:indent].isspace() else line.lstrip(" ")
                                   for line in lines))


class SpacedHeading(HashHeaderProcessor):
    """Markdown's "# Heading", with a space (or nothing) after the #s."""

    RE = re.compile(HashHeaderProcessor.RE.pattern.replace(r"(?P<level>#{1,6})",
                                                           r"(?P<level>#{1,6})(?=[ \t]|\n|$)"))


class NoSecondTitle(Treeprocessor):
    """A heading "# …" (or underlined with "===") in the text is one level below the
    post's title, the page's one ``h1``: it was a second title, as big as the first."""

    def run(self, root) -> None:
        for heading in root.iter("h1"):
            heading.tag = "h2"


#: "(*)", "(**)": a required field's mark.
MARK = r"\((\*{1,3})\)"


class MarkAsText(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's name)
        return m.group(0), m.start(0), m.end(0)  # (a text node: no later pattern reads it)


#: Asterisks before a figure: the pattern of ``Times``, which looks for the figure before
#: them. Its first character is the asterisk, so that a text without one is passed by at
#: once (a pattern starting with the figure before, a lookbehind, took 13 times longer).
TIMES = r"\*{1,3}(?=\d)"


class Times(MarkAsText):
    """An asterisk (or two, three) between two figures, "2*3": text (``TIMES``)."""

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's name)
        if m.start(0) and data[m.start(0) - 1].isdecimal():  # (what \d is)
            return super().handleMatch(m, data)
        return None, None, None  # (Markdown looks on after it)


#: A figure, asterisks, a figure: what ``Times`` reads as text, found in a text's lines.
TIMES_WRITTEN = re.compile(r"\d\*{1,3}\d")


class TimesWhereWritten(Preprocessor):
    """``Times`` among the inline patterns for a text that holds "2*3", not for the others:
    each inline pattern is called for every run of text, and this one cost 2-3 % of the
    conversion of the bench corpus, whose texts hold none."""

    def __init__(self, md: Markdown, times: Times) -> None:
        super().__init__(md)
        self.times = times

    def run(self, lines: list[str]) -> list[str]:
        patterns = self.md.inlinePatterns
        if any("*" in line and TIMES_WRITTEN.search(line) for line in lines):
            if "times" not in patterns:
                patterns.register(self.times, "times", 64)  # before em_strong
        elif "times" in patterns:
            patterns.deregister("times")
        return lines


#: HTML's elements (``sitemodel.text.HTML_ELEMENTS``, where a Summary's tags are read too).
#: What follows "<" or "</" in a tag: its name.
TAG_NAME = re.compile(r"</?([^\s/>]+)")


class TagsOnlyHtml(HtmlInlineProcessor):
    """Markdown's raw inline HTML, for HTML's elements only (and comments, ``<?…?>``,
    ``<![CDATA[…]]>``): any other "tag" is text, its "<" shown as typed."""

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's name)
        name = TAG_NAME.match(m.group(1))
        if name and name.group(1).lower() not in HTML_ELEMENTS and "-" not in name.group(1):
            return None, None, None
        return super().handleMatch(m, data)


#: A start tag as a browser reads it, whose attribute written without quotes may hold a
#: quote ("title=it's"), which Markdown's HTML_RE (CommonMark's) refuses. Group 1: the
#: tag's name; group 2: its attributes, each read by ``LOOSE_ATTRIBUTE``.
LOOSE_TAG = re.compile(r"""<([A-Za-z][A-Za-z0-9-]*+)((?:\s++[^\s"'=<>/`][^\s=<>/`]*+(?:\s*+=\s*+"""
                       r"""(?:"[^"]*+"|'[^']*+'|[^\s"'=<>`][^\s<>]*+))?+)*+)\s*+/?>""")
LOOSE_ATTRIBUTE = re.compile(r"""\s++([^\s"'=<>/`][^\s=<>/`]*+)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s<>]++))?+""")
MARKDOWN_TAG = re.compile(HTML_RE)


def loose_tags(text: str) -> list[re.Match]:
    """The start tags of HTML's elements in ``text`` that a browser reads and Markdown
    does not (``LOOSE_TAG``): the build reads them (``LooseTag``), ``invoke check`` says
    where, as their values may not be the ones meant."""
    if "<" not in text:
        return []
    return [m for m in LOOSE_TAG.finditer(text) if m[1].lower() in HTML_ELEMENTS
            and MARKDOWN_TAG.fullmatch(m[0]) is None]


def quoted_tag(tag: re.Match) -> str:
    """The start tag ``tag`` (a ``LOOSE_TAG``) with its values in double quotes."""
    def quoted(a: re.Match) -> str:
        value = a[2]
        if value is None or value[0] in "\"'":
            return a[0]
        value = value.replace('"', "&quot;")  # (its entities are the browser's to read, as written)
        return f' {a[1]}="{value}"'

    return f"<{tag[1]}{LOOSE_ATTRIBUTE.sub(quoted, tag[2])}>"


class LooseTag(InlineProcessor):
    """A start tag Markdown's raw HTML (``TagsOnlyHtml``, before it) left as text, read as
    browsers read it (``LOOSE_TAG``), its values quoted (``quoted_tag``); a word in angle
    brackets stays text."""

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's name)
        if m[1].lower() not in HTML_ELEMENTS:
            return None, None, None
        return self.md.htmlStash.store(quoted_tag(m)), m.start(0), m.end(0)


#: A list item's start as CommonMark lets it follow a paragraph's line: a bullet, or the
#: number 1; Word's pasted bullet ("•" and spaces or a tab) too.
LIST_START = re.compile(r"^ {0,3}(?:[-*+]|1[.])[ \t]+\S")
WORD_BULLET = re.compile(r"^( {0,3})[•●▪][ \t]+(?=\S)")
#: A list item's line: its indent, then a bullet or a number and a dot (in a paragraph
#: that already holds one, the next is no lead-in; ``ListIndents`` nests them).
ITEM_LINE = re.compile(r"^( *)(?:[-*+]|\d+[.])[ \t]+\S")


class ListAfterLine(Preprocessor):
    """A blank line put before a list that follows its lead-in line; Word's bullets made
    dashes. Runs after fenced code is put aside, so code keeps its lines."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_list = False  # the paragraph so far holds a list item
        for line in lines:
            line = WORD_BULLET.sub(r"\1- ", line)
            if not line.strip():
                in_list = False
            elif LIST_START.match(line) and out and out[-1].strip() and not in_list:
                out.append("")
                in_list = True
            elif ITEM_LINE.match(line):
                in_list = True
            out.append(line)
        return out


class ListIndents(Preprocessor):
    """A list nested by two or three spaces (as VS Code, Typora or CommonMark write it)
    is nested: Python-Markdown wants four a level, and read "- a" then "  - b" as one
    flat list ("1. a" then "   - b": the dash inside a's text). Each item line gets four
    spaces a level below the list's first, its level being how far it is indented
    beyond the items above it (two spaces or more: a level deeper)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        stack: list[int] = []  # the written indents of the open levels
        after_blank = False
        for line in lines:
            item = ITEM_LINE.match(line)
            if item:
                written = len(item[1])
                while stack and written < stack[-1] - 1:
                    stack.pop()
                if not stack or written >= stack[-1] + 2:
                    stack.append(written)
                level = len(stack) - 1
                if level:
                    line = " " * (4 * level) + line[written:]
            elif not line.strip():
                after_blank = True
                out.append(line)
                continue
            elif after_blank and not line.startswith(" "):
                stack = []  # a paragraph after the list
            after_blank = False
            out.append(line)
        return out


#: What may part a phone number's digits: a space, a no-break space, a dot, a hyphen.
PHONE_SPACE = "[ .\u00a0\u202f-]"
#: A Vietnamese phone number as written: 0 (or +84, "(+84)", "+84 (0)", or "84" and a
#: space or hyphen) then a mobile's 3, 5, 7, 8 or 9 and eight digits, or a landline's 2,
#: a digit and eight; one space (or a no-break one: what keeps a number on one line, in
#: Word or a web page), dot or hyphen may part any two digits. A landline's area
#: code may be in brackets, as official letters write it: "(024) 3825 1234", "(0203)
#: 3.835.123" (ten digits after the 0 all the same). Not within a word; whether it
#: stands alone is ``phone_numbers``'s to say. (Hotlines 1800/1900 are no links: they
#: have no global number, and a valid local tel: address needs a "phone-context"
#: phones do not all read; a 1900 call is charged by the minute.)
PHONE = re.compile(r"(?<![\w+])(?:(?:(?:\+84|\(\+84\)|(?<!\d)84(?=[ \u00a0\u202f-])){s}?(?:\(0\){s}?)?|0)"
                   r"(?:[35789]|2{s}?\d)(?:{s}?\d){{8}}"
                   r"|\(02\d\){s}?\d(?:{s}?\d){{7}}|\(02\d\d\){s}?\d(?:{s}?\d){{6}})".format(s=PHONE_SPACE))
#: Nine digits, each pair parted by at most two characters: every number ``PHONE`` reads
#: holds such a run (its brackets too: "(0203) 3…"). A post without one has no phone
#: number, and its texts are not walked (a tenth of the text's Markdown time).
PHONE_DIGITS = re.compile(r"\d(?:[ .\u00a0\u202f()-]{0,2}\d){8}")
#: An HTML entity as Markdown puts it aside ("&nbsp;", "&#160;", "&#xa0;"): the numbers
#: are read in the text with the character it stands for ("0912&nbsp;345&nbsp;678", as a
#: web editor pastes a number kept on one line, calls as "0912\u00a0345\u00a0678" does).
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
#: What may part two numbers written together: "0912 345 678 - 0987 654 321", "…/…", a
#: list's comma.
BETWEEN_NUMBERS = re.compile(r" ?[-–/] ?|[,;] ?")
#: After a number, what makes it part of something longer: a letter or digit, more
#: figures ("0912.345.6789", a date), or a document's symbol ("0912345678/TB-UBND").
MORE_AFTER = re.compile(r"\w|[ .,/–\u00a0\u202f-]\d|/ ?[A-ZĐ]{2}")
#: Before a number, more figures ("12/0912…", "1.0912…", "1,0912…").
MORE_BEFORE = re.compile(r"\d(?:[.,]|[/–-] ?)$")
#: What a number of the same shape as a phone's is when its line says so just before it
#: (a tax code of Hồ Chí Minh City is 03 and eight digits; an account number, a social
#: insurance number may be a phone's ten digits): a tap on it called a stranger. ("Mã"
#: alone is a surname: "chị Mã Thị Lan 0912 345 678" calls.) A bank transfer's reference
#: ("Số tham chiếu giao dịch FT24065 0912345678") may have a code of capitals and digits
#: between its label and its number (``REFERENCE_CODE``); such a code alone says nothing
#: ("Phòng A203 0912 345 678", "Ki-ốt B12: …" are a contact's), nor does "tham chiếu"
#: alone ("Người tham chiếu: anh Nam 0912 345 678", a CV's referee).
REFERENCE_CODE = r"(?-i:[A-Z]{1,5}\d[A-Z\d]*)"
NOT_A_PHONE_BEFORE = re.compile(
    r"(?:\b(?:MST|MSDN|MSHTX|mã\s+(?:số|định\s+danh|hồ\s+sơ|giao\s+dịch|khách\s+hàng|học\s+viên|lớp|"
    r"HTX|hợp\s+tác\s+xã|doanh\s+nghiệp|thuế|đơn\s+vị|tra\s+cứu)(?:\s+[^\W\d_]+){0,3}|"
    r"(?:(?:số|mã)\s+(?:tham\s+chiếu|giao\s+dịch|GD|chứng\s+từ)|transaction\s+(?:reference|ref|ID|code|number|no\b)|"
    r"ref(?:erence)?\.?\s+(?:no\b|number))(?:\s+[^\W\d_]+){0,3}[:.]?\s*(?:" + REFERENCE_CODE + r")?|"
    r"STK|TK|số\s+(?:tài\s+khoản|TK|thẻ|hiệu|sổ|hồ\s+sơ|"
    r"seri|serial|CCCD|CMND|định\s+danh|BHXH|BHYT|giấy\s+phép|đăng\s+ký)|tài\s+khoản|quyết\s+định|"
    r"công\s+văn|thông\s+báo|kế\s+hoạch|văn\s+bản|nghị\s+định|thông\s+tư|tờ\s+trình|"
    r"CCCD|CMND|CMT|căn\s+cước(?:\s+công\s+dân)?|định\s+danh(?:\s+cá\s+nhân)?|BHXH|BHYT|hộ\s+chiếu)"
    r"\s*(?:số\s*)?(?:là\s*)?[:.]?\s*)$", re.IGNORECASE)
#: What follows an account's number: its bank; or an amount's unit.
NOT_A_PHONE_AFTER = re.compile(
    r"\s*[-–(,]?\s*(?:(?:mở\s+)?tại\s+)?(?:ngân\s+hàng|NH\b|Agribank|Vietcombank|VCB\b|BIDV|VietinBank|"
    r"Techcombank|MB\s?Bank|MB\b|ACB\b|Sacombank|VPBank|TPBank|SHB\b|HDBank|SeABank|VIB\b|LPBank|"
    r"LienVietPostBank|OCB\b|MSB\b|Kho\s+bạc|KBNN|đồng\b|đ(?![/\w])|VNĐ|VND)", re.IGNORECASE)


def phone_numbers(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """The phone numbers (``PHONE``) in ``text[start:end]`` that stand alone: not a
    longer figure's part (``MORE_AFTER``, ``MORE_BEFORE``) but where two numbers are
    written together ("0912345678-0987654321"), nor an account's, a tax code's or an
    identity card's number (``NOT_A_PHONE_BEFORE``, ``NOT_A_PHONE_AFTER``)."""
    end = len(text) if end is None else end
    found: list[re.Match] = []
    candidates = list(PHONE.finditer(text, start, end))
    for i, match in enumerate(candidates):
        before, after = text[start:match.start()], text[match.end():end]
        joined_before = bool(found) and found[-1] is candidates[i - 1] and \
            BETWEEN_NUMBERS.fullmatch(text[found[-1].end():match.start()]) is not None
        joined_after = i + 1 < len(candidates) and \
            BETWEEN_NUMBERS.fullmatch(text[match.end():candidates[i + 1].start()]) is not None
        if MORE_BEFORE.search(before) and not joined_before:
            continue
        if MORE_AFTER.match(after) and not joined_after:
            continue
        if NOT_A_PHONE_BEFORE.search(before[-60:]) or NOT_A_PHONE_AFTER.match(after):
            continue
        found.append(match)
    return found


def tel_uri(number: str) -> str:
    """A phone number's ``tel:`` address in RFC 3966's global form, which calls from any
    network, a phone roaming abroad too: "0912 345 678" is tel:+84912345678 (the 0 is
    Vietnam's trunk prefix), "(+84) 203 …" tel:+84203…; a number ``PHONE`` does not read
    keeps its digits and a leading "+"."""
    digits = re.sub(r"\(0\)", "", number)
    digits = ("+" if digits.lstrip(" (").startswith("+") else "") + re.sub(r"\D", "", digits)
    if PHONE.fullmatch(number.strip()):
        if digits.startswith("0"):
            digits = "+84" + digits[1:]
        elif digits.startswith("84"):
            digits = "+" + digits
    return "tel:" + digits


class PhoneLinks(Treeprocessor):
    """Each phone number in the text (``PHONE``) is a ``tel:`` link, outside links and
    code: Markdown's, and an HTML link written in the text (its tags are stashed, and the
    words between them are text here)."""

    SKIP = {"a", "code", "pre", "script", "style"}

    def run(self, root) -> None:
        text = "\n".join(root.itertext())
        if PHONE_DIGITS.search(text) is None and (
                HTML_PLACEHOLDER_RE.search(text) is None
                or PHONE_DIGITS.search(HTML_PLACEHOLDER_RE.sub(lambda m: self._entity(m) or m[0], text)) is None):
            return  # no number in the post (most posts): no text of it walked
        self.in_html_link = False
        self._walk(root)

    def _entity(self, placeholder: re.Match) -> str | None:
        """The character(s) an entity put aside (``ENTITY``) stands for; None for HTML."""
        stashed = str(self.md.htmlStash.rawHtmlBlocks[int(placeholder.group(1))])
        return html.unescape(stashed) if ENTITY.fullmatch(stashed) else None

    def _walk(self, parent, skip: bool = False) -> None:
        """The texts of ``parent``'s tree in reading order (the HTML links' tags count)."""
        skip = skip or parent.tag in self.SKIP
        if parent.text:
            self._link(parent, 0, parent, "text", skip)
        for child in list(parent):
            self._walk(child, skip)
            if child.tail:
                self._link(parent, list(parent).index(child) + 1, child, "tail", skip)

    def _numbers(self, text: str, skip: bool) -> list[tuple[int, int, str]]:
        """Where each number in ``text`` starts and ends, and the number as read. HTML's
        tags part the text; entities are read as what they stand for."""
        numbers, position = [], 0
        for tag in [*HTML_PLACEHOLDER_RE.finditer(text), None]:
            if tag and self._entity(tag) is not None:
                continue
            end = tag.start() if tag else len(text)
            if not skip and not self.in_html_link:
                numbers += self._read(text, position, end)
            if tag:
                stashed = str(self.md.htmlStash.rawHtmlBlocks[int(tag.group(1))])
                if re.match(r"<a\b", stashed, re.I):
                    self.in_html_link = True
                elif re.match(r"</a\s*>", stashed, re.I):
                    self.in_html_link = False
                position = tag.end()
        return numbers

    def _read(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """``phone_numbers`` of ``text[start:end]``, its entities read as characters."""
        if HTML_PLACEHOLDER_RE.search(text, start, end) is None:
            return [(m.start(), m.end(), m.group()) for m in phone_numbers(text, start, end)]
        read: list[str] = []
        starts: list[int] = []  # for each character read, where it starts in text
        ends: list[int] = []  # and where it ends
        position = start
        for entity in [*HTML_PLACEHOLDER_RE.finditer(text, start, end), None]:
            before = entity.start() if entity else end
            read.append(text[position:before])
            starts.extend(range(position, before))
            ends.extend(range(position + 1, before + 1))
            if entity:
                meaning = self._entity(entity) or ""
                read.append(meaning)
                starts.extend([entity.start()] * len(meaning))
                ends.extend([entity.end()] * len(meaning))
                position = entity.end()
        return [(starts[m.start()], ends[m.end() - 1], m.group()) for m in phone_numbers("".join(read))]

    def _link(self, parent, index: int, holder, attr: str, skip: bool) -> None:
        """``holder``'s text (or tail) with each number in it a link inserted in ``parent``
        from ``index`` on."""
        from xml.etree.ElementTree import Element

        text = getattr(holder, attr)
        numbers = self._numbers(text, skip)
        if not numbers:
            return
        setattr(holder, attr, None)
        position = 0
        for start, end, number in numbers:
            setattr(holder, attr, (getattr(holder, attr) or "") + text[position:start])
            link = Element("a", href=tel_uri(number))
            link.text = text[start:end]
            parent.insert(index, link)
            index += 1
            holder, attr = link, "tail"
            position = end
        setattr(holder, attr, (getattr(holder, attr) or "") + text[position:])


#: A line of an attribute list alone, as attr_list reads one at a block's end.
ATTRIBUTES_LINE = re.compile(r"^ {0,3}(\{:?[^}\n]*\})[ \t]*$")
#: A heading's line ("## Lịch học", its closing #s left out: ``HEADING_CLOSE``), and the
#: line under a heading's text that makes it one ("===", "---").
HASH_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
HEADING_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


class HeadingAttributes(Preprocessor):
    """An attribute list on the line under a heading ("## Lịch học", then "{: #lich-hoc
    }") is put at the end of the heading's line, where attr_list reads it; its own line is
    left blank (the heading ended there all the same). Runs after fenced code is put
    aside, so code keeps its lines."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            found = ATTRIBUTES_LINE.match(line)
            if found and out and HASH_HEADING.match(out[-1]) and not out[-1].rstrip().endswith("}"):
                out[-1] = f"{HEADING_CLOSE.sub('', out[-1])} {found[1]}"
                line = ""
            elif found and len(out) > 1 and UNDERLINE.match(out[-1]) and out[-2].strip() \
                    and not out[-2].rstrip().endswith("}"):
                out[-2] = f"{out[-2].rstrip()} {found[1]}"
                line = ""
            out.append(line)
        return out


class NoBreakBeforeAttributes(Treeprocessor):
    """An attribute list written on the line under a paragraph or a list item ("{: .ghi-chu
    }", Markdown's attr_list) leaves no line break at its end. A line's end is a ``<br>``
    (nl2br, ``MARKDOWN`` in pelicanconf.py) before attr_list reads the list off the
    block's last line: the block ended in a ``<br>`` (browsers show nothing for it, but
    feed readers may show a blank line). Runs before attr_list: the break before a list
    attr_list will read is taken out, its text kept; a "{…}" attr_list leaves as text
    keeps the break before it."""

    def run(self, root) -> None:
        attr_list = self.md.treeprocessors["attr_list"] if "attr_list" in self.md.treeprocessors else None
        if attr_list is None:
            return
        for element in root.iter():
            if not self.md.is_block_level(element.tag) or not len(element):
                continue
            children = list(element)
            # The block's last line: after its last child, or (a list item) before its nested list.
            last = next((i for i, child in enumerate(children) if child.tag in ("ul", "ol")), len(children)) - 1
            if last < 0 or any(child.tag not in ("ul", "ol") for child in children[last + 1:]):
                continue
            br = children[last]
            found = attr_list.BLOCK_RE.search(br.tail or "") if br.tag == "br" else None
            if found is None or attr_list.assign_attrs(Element("p"), found.group(1), strict=True):
                continue  # (not a list attr_list reads: its text, and the break before it, stay)
            if last:
                children[last - 1].tail = (children[last - 1].tail or "") + br.tail
            else:
                element.text = (element.text or "") + br.tail
            element.remove(br)


class AsTypedExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        blocks = md.parser.blockprocessors
        blocks.deregister("code")
        blocks.register(IndentedText(md.parser), "indented_text", 80)
        blocks.register(SpacedHeading(md.parser), "hashheader", 70)
        md.inlinePatterns.register(MarkAsText(MARK, md), "required_mark", 65)  # before em_strong
        md.preprocessors.register(TimesWhereWritten(md, Times(TIMES, md)), "times_where_written", 5)
        md.inlinePatterns.register(TagsOnlyHtml(HTML_RE, md), "html", 90)
        md.inlinePatterns.register(LooseTag(LOOSE_TAG.pattern, md), "loose_tag", 89)
        md.preprocessors.register(ListAfterLine(md), "list_after_line", 22)  # after fenced code
        md.preprocessors.register(ListIndents(md), "list_indents", 21)
        md.preprocessors.register(HeadingAttributes(md), "heading_attributes", 23)  # after fenced code
        md.treeprocessors.register(NoSecondTitle(md), "no_second_title", 25)
        md.treeprocessors.register(PhoneLinks(md), "phone_links", 19)  # after "inline" (20)
        md.treeprocessors.register(NoBreakBeforeAttributes(md), "no_break_before_attributes", 8.5)  # attr_list: 8


def makeExtension(**kwargs) -> AsTypedExtension:  # noqa: N802 (Markdown's name)
    return AsTypedExtension(**kwargs)

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
- **A word in angle brackets is text** (``TagsOnlyHtml``): "ghi rõ <Họ và tên>" is how a
  form's blanks are written, and Markdown passed "<Họ và tên>" to the page as an HTML tag
  (an unknown one: the browser shows nothing). Only HTML's own elements are HTML.
- **A list may follow its lead-in line** (``ListAfterLine``): "Hồ sơ gồm:" and, on the
  next lines, "- Đơn đăng ký", "- Bản sao…" is a list, as in CommonMark (Python-Markdown
  wants a blank line first, and showed the dashes in one paragraph); Word's pasted
  bullets ("•" and a tab) are a list's dashes. A numbered list does so when it starts at
  1, as in CommonMark ("2019. Năm…" on a line of its own stays text). A list nested by
  two or three spaces is nested (``ListIndents``): Python-Markdown wants four.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor, HashHeaderProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor, InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor


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


#: HTML's elements (WHATWG HTML, with the obsolete ones Word and old sites paste: font,
#: center…), as Markdown may pass them on; a name with a "-" is a custom element.
HTML_ELEMENTS = frozenset("""
a abbr acronym address area article aside audio b base basefont bdi bdo big blink
blockquote body br button canvas caption center cite code col colgroup data datalist dd
del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form
frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd
label legend li link main map mark marquee math menu meta meter nav nobr noembed noframes
noscript object ol optgroup option output p param picture plaintext pre progress q rb rp
rt rtc ruby s samp script search section select slot small source span strike strong
style sub summary sup svg table tbody td template textarea tfoot th thead time title tr
track tt u ul var video wbr xmp
""".split())
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


#: A list item's start as CommonMark lets it follow a paragraph's line: a bullet, or the
#: number 1; Word's pasted bullet ("•" and spaces or a tab) too.
LIST_START = re.compile(r"^ {0,3}(?:[-*+]|1[.])[ \t]+\S")
WORD_BULLET = re.compile(r"^( {0,3})[•●▪][ \t]+(?=\S)")
#: Any list item's start (in a paragraph that already holds one, the next is no lead-in).
ANY_ITEM = re.compile(r"^ *(?:[-*+]|\d+[.])[ \t]+\S")


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
            elif ANY_ITEM.match(line):
                in_list = True
            out.append(line)
        return out


#: A list item's line: its indent, then a bullet or a number and a dot.
ITEM_LINE = re.compile(r"^( *)(?:[-*+]|\d+[.])[ \t]+\S")


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


class AsTypedExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        blocks = md.parser.blockprocessors
        blocks.deregister("code")
        blocks.register(IndentedText(md.parser), "indented_text", 80)
        blocks.register(SpacedHeading(md.parser), "hashheader", 70)
        md.inlinePatterns.register(MarkAsText(MARK, md), "required_mark", 65)  # before em_strong
        md.inlinePatterns.register(TagsOnlyHtml(HTML_RE, md), "html", 90)
        md.preprocessors.register(ListAfterLine(md), "list_after_line", 22)  # after fenced code
        md.preprocessors.register(ListIndents(md), "list_indents", 21)
        md.treeprocessors.register(NoSecondTitle(md), "no_second_title", 25)


def makeExtension(**kwargs) -> AsTypedExtension:  # noqa: N802 (Markdown's name)
    return AsTypedExtension(**kwargs)

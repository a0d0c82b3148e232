"""A photo's caption is written as the text around it is: inline Markdown.

Staff write ``![Đồng chí **Nguyễn Văn A** phát biểu](anh.jpg)`` or, in
``captions.vi.txt``, ``anh.jpg: Ảnh: *Báo Quảng Ninh*``, as they write the post; the
caption showed the asterisks as typed. A caption is now read with the site's own
Markdown (``MARKDOWN``: the text's rules, ``reader.as_typed`` among them), inline only:
bold, italic, code, links to a web address and addresses typed as text (a link to a
post or a file of the site, ``../khac/index.vi.md``, is its words alone: the build's
handling of such links, and its check that they lead somewhere, is the text's, which a
caption does not go through; so is a link to an address no browser opens, which the
text's build refuses, and a picture, "![Lớp học *đẹp*](anh.jpg)", is its words, read as
the caption's others are, "Lớp học đẹp": a figure's caption holds no other picture); a
caption is one line of words, so "1. …", "- …" or "# …" at its start stay text, as
before. HTML written in a caption is shown as typed (escaped), as before: captions are
text, not markup; a character reference is read as the text reads it ("&ndash;",
"&amp;", "&nbsp;", "&#8220;" show the character, where a captions file's showed its
name), and the plain form holds that character; a caption written in the text is read
from its picture's ``alt`` as Markdown wrote it (``as_typed``).

Each caption has two forms (``Caption``): ``html`` where a caption is shown (the figure's
``figcaption`` in the page, the gallery, the feeds), and ``text``, plain, where it is a
description (``alt``, ``og:image:alt``, the photo viewer's label, search).

A caption gets the text's typography too (``TYPOGRIFY``, with the text's own settings:
``reader.convert.typogrify_text``): "Lớp "Quản trị HTX" -- khoá 2..." shows curly quotes,
a dash and an ellipsis, as the same words typed in the text beside it do. Its plain form
carries those characters (“ ” – …), not the entities the HTML has, as a post's title does.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement

from markupsafe import Markup
from sitemodel.text import clean_pasted, clean_text

if TYPE_CHECKING:
    from reader.convert import Options

#: Python-Markdown's tree steps a caption does not take: footnotes (a caption has none
#: of the post's), ``{: …}`` attributes (a caption's words are not markup), abbreviations.
SKIPPED_STEPS = {"footnote", "footnote-duplicate", "attr_list", "abbr"}
#: Its inline patterns a caption does not take: HTML written in the text ("<b>", and
#: "<b class=x'y>" as browsers read it: ``reader.as_typed.LooseTag``), which in a caption
#: is words, escaped as Markdown escapes any "<" (character references, "&ndash;", are
#: read as the text reads them).
SKIPPED_PATTERNS = {"html", "loose_tag"}
#: What the one paragraph of a caption serialises as.
PARAGRAPH = re.compile(r"\A<div>\s*<p>(?P<inside>.*)</p>\s*</div>\s*\Z", re.S)
#: A link as Markdown writes it, and the addresses a caption's link may have: a web
#: address or an email, which lead the same way from the page, the gallery and a feed.
LINK = re.compile(r'<a href="(?P<href>[^"]*)"[^>]*>(?P<words>.*?)</a>', re.S)
WEB_ADDRESS = re.compile(r"(?i)^(?:https?://|mailto:)")
#: A picture as Markdown writes it ("![Lớp học](anh.jpg)"), and its words (``alt``).
IMAGE = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r'\salt="(?P<words>[^"]*)"')
SRC = re.compile(r'\ssrc="(?P<address>[^"]*)"')
#: What Markdown writes in an attribute for the characters typed there that it escapes:
#: '"', "<", ">", and "&" but for that of a reference, which it keeps.
ATTRIBUTE_ESCAPES = re.compile(r"&(?:quot|lt|gt|amp(?!;(?i:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);));")
ATTRIBUTE_ESCAPED = {"&quot;": '"', "&lt;": "<", "&gt;": ">", "&amp;": "&"}
#: Typogrify's filters (``TYPOGRIFY_OMIT_FILTERS`` names those left out).
TYPOGRIFY_FILTERS = ("amp", "widont", "smartypants", "caps", "initial_quotes")
#: What SmartyPants changes, whichever ``TYPOGRIFY_DASHES``: quotes and backticks (and
#: "&quot;", which it reads as a quote), two hyphens (a dash: "--", "---"), two dots (an
#: ellipsis: "...", ". . ."), a backslash (an escape). Finer than the characters of
#: ``reader.convert.SMARTYPANTS_STEPS``: one "." or "-" is left as it is.
SMARTYPANTS_MARKS = re.compile(r"""['"`\\]|--|\.\.|\. \.|&quot;""")
#: Markdown's marks of inline markup: a caption without any is its own HTML.
MARKS = re.compile(r"[*_`\[\]<>&\\]|://|www\.|@")


@dataclass(frozen=True)
class Caption:
    """A caption as HTML (for ``figcaption``) and as plain text (for ``alt``)."""

    html: Markup
    text: str

    def __bool__(self) -> bool:
        return bool(self.text)


NO_CAPTION = Caption(Markup(""), "")

#: Markdown instances by their settings (one a build: the site's ``MARKDOWN``).
_instances: dict[str, object] = {}


def _markdown(settings: dict):
    key = json.dumps(settings, sort_keys=True, default=repr)
    found = _instances.get(key)
    if found is None:
        from reader.convert import markdown_of  # (the text's own way to make one)

        _instances.clear()
        found = _instances[key] = markdown_of(settings)
        for name in SKIPPED_STEPS:
            if name in found.treeprocessors:
                found.treeprocessors.deregister(name)
        for name in SKIPPED_PATTERNS:
            if name in found.inlinePatterns:
                found.inlinePatterns.deregister(name)
    return found


def as_typed(alt: str) -> str:
    """A picture's words as typed ("![Lớp học *đẹp*](anh.jpg)"), from its ``alt`` as
    Markdown writes it in the HTML: as typed, references and all ("&amp;ndash;", shown
    "&ndash;" in the text, "&#34;", a quote SmartyPants leaves straight), but for '"',
    "<", ">" and an "&" not of a reference, which it escapes. (Read from the page, with
    its references read once, the caption read them once more: "&amp;ndash;" showed "–".)
    """
    return ATTRIBUTE_ESCAPES.sub(lambda found: ATTRIBUTE_ESCAPED[found[0]], alt)


def _opens(link: str, href: str) -> bool:
    """The caption's ``link`` (to ``href``) leads to a web address a browser opens: not
    to the site's own files, nor to an address typed with brackets in its host
    ("www.truong[1].vn"), which the build refuses in the text (``reader.convert.bad_address``)."""
    from reader.convert import bad_address

    return WEB_ADDRESS.match(html.unescape(href)) is not None and bad_address(link) is None


def caption(written: str, markdown: dict, typography: Options | None = None) -> Caption:
    """The caption ``written`` (as in the post or the captions file), read as inline
    Markdown with the site's ``markdown`` settings, with the text's typography when
    ``typography`` (the text's conversion options) has ``typogrify`` on."""
    written = written.strip()
    if not written:
        return NO_CAPTION
    escaped = html.escape(written, quote=False)
    if MARKS.search(written) is None:
        inside = escaped
    else:
        inside = _inline(written, markdown)
    inside = _typeset(inside, typography)
    if inside == escaped:
        return Caption(Markup(escaped), written)
    return Caption(Markup(inside), _plain(inside))


def _typeset(inside: str, typography: Options | None) -> str:
    """The HTML ``inside`` with the text's typography, when ``typography`` has it on."""
    if typography is not None and typography.typogrify and _typographic(inside, typography):
        from reader.convert import typogrify_text  # (the text's own)

        return typogrify_text(inside, typography)
    return inside


def _plain(inside: str) -> str:
    """The words of the HTML ``inside``: the characters its references stand for, without
    those a text may not hold."""
    return clean_pasted(clean_text(Markup(inside).striptags()))


def _typographic(inside: str, typography: Options) -> bool:
    """Typogrify may change the caption ``inside``: with SmartyPants its only filter on
    (``TYPOGRIFY_OMIT_FILTERS``), a caption holding none of ``SMARTYPANTS_MARKS`` comes
    out as it went in, and is not handed to it (30 µs a caption, more than its Markdown;
    a caption's one "." or "-", "TS. Lê", "Hà Nội - Huế", is most often all it has)."""
    if set(TYPOGRIFY_FILTERS).difference(typography.typogrify_omit) != {"smartypants"}:
        return True
    return SMARTYPANTS_MARKS.search(inside) is not None


def words_only_links(written: str, markdown: dict,
                     typography: Options | None = None) -> list[tuple[str, str]]:
    """The links of the caption ``written`` that it shows as their words alone, but for
    the addresses no browser opens ("www.truong[1].vn", an error in the text): those to
    a post, a page or a file of the site (``[xem bài](../khac/)``, ``{filename}…``),
    whose handling is the text's. Each one's address and words as the caption shows them
    (read as ``caption`` reads them, with ``typography``), in the order written
    (``invoke check`` warns of them)."""
    if "](" not in written:  # (a caption has no reference definitions: "[words](…)" only)
        return []
    found: list[tuple[str, str]] = []
    _inline(written.strip(), markdown, found)
    return _as_shown(found, typography)


def words_only_pictures(written: str, markdown: dict,
                        typography: Options | None = None) -> list[tuple[str, str]]:
    """The pictures written in the caption ``written`` ("![Lớp học *đẹp*](anh.jpg)"),
    which it shows as their words alone (a figure's caption holds no other picture):
    each one's address and words as the caption shows them ("Lớp học đẹp": read as
    ``caption`` reads them, with ``typography``), in the order written (``invoke check``
    warns of them)."""
    if "![" not in written:
        return []
    found: list[tuple[str, str]] = []
    _inline(written.strip(), markdown, pictures=found)
    return _as_shown(found, typography)


def _as_shown(found: list[tuple[str, str]], typography: Options | None) -> list[tuple[str, str]]:
    """Each (address, words as HTML) of ``found`` with its words as the caption shows them
    (``caption``'s typography, then plain)."""
    return [(address, _plain(_typeset(words, typography))) for address, words in found]


def _inline(written: str, markdown: dict, words_only: list | None = None,
            pictures: list | None = None) -> str:
    """The caption ``written`` as inline Markdown makes it (its HTML escaped), its
    pictures and the links no browser should follow made their words, read as the
    caption's other words are (the address and words, as HTML, of each link that is not
    to a web address added to ``words_only``, each picture's to ``pictures``)."""
    md = _markdown(markdown)
    md.reset()
    root = Element("div")
    SubElement(root, "p").text = written  # (its "<" and "&" escaped as the tree is written)
    for step in md.treeprocessors:  # (Markdown's own order: inline patterns, then the rest)
        root = step.run(root) or root
    out = md.serializer(root)
    for step in md.postprocessors:
        out = step.run(out)
    match = PARAGRAPH.match(out)
    inside = match["inside"].strip() if match else html.escape(written, quote=False)

    def picture(match: re.Match) -> str:
        # (its words as typed, "Lớp học *đẹp*", which Markdown puts in "alt" escaped)
        alt = ALT.search(match[0])
        typed = as_typed(alt["words"]) if alt else ""
        at = len(pictures) if pictures is not None else 0  # (before those its words hold)
        if MARKS.search(typed) is None:  # (words alone, "Lớp học": their own HTML)
            words = html.escape(typed.strip(), quote=False)
        else:
            words = _inline(typed, markdown, words_only, pictures)
        if pictures is not None:
            src = SRC.search(match[0])
            pictures.insert(at, (html.unescape(src["address"]) if src else "", words))
        return words

    inside = IMAGE.sub(picture, inside)

    def link(match: re.Match) -> str:
        if _opens(match[0], match["href"]):
            return match[0]
        address = html.unescape(match["href"])
        if words_only is not None and WEB_ADDRESS.match(address) is None:
            words_only.append((address, match["words"]))
        return match["words"]

    return LINK.sub(link, inside)

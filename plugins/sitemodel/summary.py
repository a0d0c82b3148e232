"""A post's or page's summary: its ``Summary:`` line, else the first words of its text.

This is the one place the automatic summary is made; listings, the description and
Open Graph tags, JSON-LD, feeds and search all read ``article.summary``. Pelican's own
(``SUMMARY_MAX_LENGTH`` words of the finished HTML, tags stripped by whoever shows it)
ran a photo's caption into the sentence around it, and kept a file's size note "(PDF,
53 KB)", the footnote numbers and their "↩" and the video's picture. Here the summary is
plain text, as a ``Summary:`` line is (``text.plain_summary``): the words of the text
without figures, file notes, footnotes and videos, blocks kept apart by a space, then the
first ``SUMMARY_MAX_LENGTH`` words, an ellipsis ending them when there are more.

It is made the first time something reads it, from the post's finished HTML (after the
photos plugin has written its figures; ``photos.placement.forget_rendered`` makes it be
made again when it writes them anew), and kept for the build.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from pelican.contents import Content
from pelican.utils import memoized

from .text import clean_text

#: Elements whose words are no part of the text's sentences.
SKIPPED_TAGS = {"figure", "figcaption", "script", "style", "template", "iframe", "svg", "noscript", "object",
                "video", "audio"}
#: Classes of what the reader adds to the text: a file's kind and size (reader.attachments),
#: Markdown's footnote marks and notes, a YouTube video's picture (reader.embeds).
SKIPPED_CLASSES = {"file-info", "footnote", "footnote-ref", "footnote-backref", "video"}
#: Elements that hold no end tag.
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: Elements after which the next words start a new block (no "Đông TriềuHội nghị").
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2",
              "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
              "td", "th", "tr", "ul", "caption"}


class _TextWords(HTMLParser):
    """The text of an HTML fragment as the summary reads it (see the module's docstring)."""

    def __init__(self, most: int | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, skipped) of each open element
        self.skipping = 0
        self.most = most  # words wanted: the parse stops once more are read (``text_of``)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        if tag in VOID_TAGS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)
        self.open.append((tag, skipped))
        self.skipping += skipped

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        if not any(name == tag for name, _ in self.open):
            return  # (an end tag without its start: raw HTML in a post)
        while self.open:
            name, skipped = self.open.pop()
            self.skipping -= skipped
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)
            if self.most is not None and len(clean_text("".join(self.parts)).split()) > self.most:
                raise _Enough


class _Enough(Exception):
    """The parser has read more words than were asked for (``text_of``)."""


def text_of(content: str, most: int | None = None) -> str:
    """The words of the HTML ``content`` as plain text, one space between them (see above).

    With ``most``, the text may end once it holds more than ``most`` words: the parse
    stops at the first text that makes them more (a post's summary keeps its first 40
    words and needs to know only that there are more, not its whole text parsed: the
    parse was most of a summary's time). The first ``most`` words are then whole (each
    is followed by a space and another word, perhaps cut) and those of the whole text:
    the parse is the same, stopped, and words are only added after them."""
    # (a count that is not a whole number of words, as Pelican would take it: all parsed)
    parser = _TextWords(most if isinstance(most, int) and most >= 0 else None)
    try:
        parser.feed(content or "")
        parser.close()
    except _Enough:
        pass
    return " ".join(clean_text("".join(parser.parts)).split())


def first_words(text: str, count: int | None, ellipsis: str = "…") -> str:
    """The first ``count`` words of ``text`` (all when None), ``ellipsis`` after them
    (in place of a comma or dash ending the last) when some are left out."""
    words = text.split()
    if count is None or len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]).rstrip(" ,;:–—-") + ellipsis


#: What search engines show of a page's description, about (Google: 155-160 characters
#: on a computer, more on a phone); a listing's card shows a little more.
DESCRIPTION_MAX = 200
#: ... a listing's card (``partials/post_card.html``: ``shorten(CARD_SUMMARY_MAX)``): a ``Summary:``
#: longer than this is cut everywhere the site shows it (``invoke check`` warns of it).
CARD_SUMMARY_MAX = 240


def shortened(text: str, most: int = DESCRIPTION_MAX) -> str:
    """``text`` cut at a word's end to at most ``most`` characters, "…" ending it (the
    Jinja filter ``shorten``: descriptions, cards, JSON-LD headlines). Jinja's
    ``truncate`` left "..." and could cut a name in two ("…in Đông...")."""
    text = str(text)
    if len(text) <= most:
        return text
    head = text[: most - 1]
    if not text[most - 1].isspace() and " " in head:  # (inside a word: not that word)
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:–—-") + "…"


def auto_summary(content: str, count: int | None, ellipsis: str = "…") -> str:
    """The summary of a text without ``Summary:``: its first ``count`` words, as escaped
    plain text (a summary is HTML to Pelican and to the feeds, as ``plain_summary``'s)."""
    return html.escape(first_words(text_of(content, count), count, ellipsis), quote=False)


def summary_of(item) -> str:
    """``Summary:`` as written (``text.plain_summary``), else ``auto_summary``."""
    if "summary" in item.metadata:
        return item.metadata["summary"]
    settings = item.settings
    return auto_summary(item.content, settings.get("SUMMARY_MAX_LENGTH"), settings.get("SUMMARY_END_SUFFIX") or "…")


def install() -> None:
    """Make ``summary_of`` Pelican's summary of every post and page (once per process):
    remembered per post as Pelican's is, so forgetting it works alike."""
    if getattr(Content.__dict__.get("get_summary"), "func", None) is _get_summary:
        return
    Content.get_summary = memoized(_get_summary)


def _get_summary(self, _siteurl: str) -> str:
    return summary_of(self)

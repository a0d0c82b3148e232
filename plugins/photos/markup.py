"""Inline photos in a post's HTML become figures: a linked medium rendition and a caption.

Markdown writes ``![Caption](anh.jpg)`` as ``<p><img alt="Caption" src="anh.jpg"></p>``.
The HTML is parsed with BeautifulSoup (html.parser) and serialised back with plain
escaping, so captions are always escaped and the rest of the text is left as it was.

- An image alone in its paragraph (or several, one per line) replaces the paragraph
  with one ``<figure class="figure">`` each.
- An image inside running text splits the paragraph around its figure.
- An image inside a link keeps that link; one inside a list item, table cell or
  emphasis becomes a linked image without a caption (a figure is not allowed there).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from .sources import is_local_src

class _Formatter(HTMLFormatter):
    """Escape only ``&``, ``<`` and ``>`` (Vietnamese text stays readable), write HTML5
    void elements, and keep attributes in their order (``src`` first)."""

    def attributes(self, tag: Tag):
        return list(tag.attrs.items())


FORMATTER = _Formatter(entity_substitution=EntitySubstitution.substitute_xml,
                       void_element_close_prefix=None, empty_attributes_are_booleans=True)


def parse(html: str) -> BeautifulSoup | None:
    """The parsed HTML when it has an image, else None (and the HTML is left untouched)."""
    if not html or "<img" not in html.lower():
        return None
    return BeautifulSoup(html, "html.parser")


def local_images(doc: BeautifulSoup) -> list[Tag]:
    """The ``<img>`` elements whose ``src`` is a file path, in document order."""
    return [img for img in doc.find_all("img") if is_local_src(img.get("src") or "")
            or not (img.get("src") or "").strip()]


def serialize(doc: BeautifulSoup) -> str:
    return doc.decode(formatter=FORMATTER)


def image_attrs(img: Tag, src: str, width: int, height: int, alt: str, lazy: bool) -> dict:
    """The image's attributes: the rendition first, then what the author wrote (title...)."""
    attrs = {"src": src, "width": str(width), "height": str(height), "alt": alt}
    for name, value in img.attrs.items():
        if name not in attrs and name not in ("loading", "decoding"):
            attrs[name] = value
    if lazy:
        attrs["loading"] = "lazy"
    attrs["decoding"] = "async"
    return attrs


def make_figure(doc: BeautifulSoup, img: Tag, href: str, caption: str) -> Tag:
    """``<figure class="figure"><a class="figure__link" href><img></a><figcaption>``."""
    figure = doc.new_tag("figure", attrs={"class": "figure"})
    link = doc.new_tag("a", attrs={"class": "figure__link", "href": href})
    link.append(img.extract())
    figure.append(link)
    if caption:
        figcaption = doc.new_tag("figcaption")
        figcaption.string = caption
        figure.append(figcaption)
    return figure


def place(doc: BeautifulSoup, img: Tag, attrs: dict, href: str, caption: str) -> None:
    """Turn one inline image into a figure (or a linked image where a figure cannot go).

    ``attrs`` are the image's new attributes (see ``image_attrs``); images in the same
    paragraph must be placed in document order.
    """
    img.attrs = attrs
    parent = img.parent
    if img.find_parent("a") is not None:
        return  # already a link: keep the author's target
    if parent is None or parent.name != "p":
        link = doc.new_tag("a", attrs={"class": "figure__link", "href": href})
        img.replace_with(link)
        link.append(img)
        return
    _split_paragraph(doc, parent, img, href, caption)


def _split_paragraph(doc: BeautifulSoup, paragraph: Tag, img: Tag, href: str, caption: str) -> None:
    """Replace ``paragraph`` by [text before, figure, text after], dropping empty parts."""
    before = doc.new_tag("p", attrs=dict(paragraph.attrs))
    after = doc.new_tag("p", attrs=dict(paragraph.attrs))
    target = before
    for child in list(paragraph.contents):
        if child is img:
            target = after
            continue
        target.append(child.extract())
    figure = make_figure(doc, img, href, caption)
    items: list = []
    for part in (_trimmed(before), figure, _trimmed(after)):
        if part is not None:
            if items:
                items.append(NavigableString("\n"))  # one block a line, as Markdown writes
            items.append(part)
    for item in items:  # each lands just before the paragraph, so after the previous one
        paragraph.insert_before(item)
    paragraph.decompose()


def _trimmed(paragraph: Tag) -> Tag | None:
    """``paragraph`` without leading/trailing whitespace and ``<br>``; None if nothing is left."""
    for index in (0, -1):
        while paragraph.contents:
            edge = paragraph.contents[index]
            if isinstance(edge, NavigableString) and not edge.strip():
                edge.extract()
            elif isinstance(edge, Tag) and edge.name == "br":
                edge.extract()
            elif isinstance(edge, NavigableString):
                stripped = edge.lstrip() if index == 0 else edge.rstrip()
                if stripped != edge:
                    edge.replace_with(NavigableString(stripped))
                break
            else:
                break
    return paragraph if paragraph.contents else None


def source_line(markdown: str, src: str, occurrence: int = 0) -> int | None:
    """The line of ``markdown`` where the ``occurrence``-th image pointing to ``src`` is.

    Looks for ``](src``, ``](<src`` and reference definitions ``]: src``, then for
    ``src`` anywhere (raw HTML); None when it cannot be found.
    """
    escaped = re.escape(src)
    for pattern in (rf"\]\(\s*<?{escaped}", rf"^[ \t]*\[[^\]]+\]:\s*<?{escaped}", escaped):
        starts = [m.start() for m in re.finditer(pattern, markdown, re.MULTILINE)]
        if starts:
            start = starts[min(occurrence, len(starts) - 1)]
            return markdown.count("\n", 0, start) + 1
    return None

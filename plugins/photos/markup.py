"""Inline photos in a post's HTML become figures: a linked, responsive picture and a caption.

Markdown writes ``![Caption](anh.jpg)`` as ``<p><img alt="Caption" src="anh.jpg"></p>``;
the image becomes ``<picture>`` with a WebP ``<source srcset sizes>`` and the ``<img
src srcset sizes width height>`` fallback, linked to the largest rendition.
The HTML is parsed with BeautifulSoup (html.parser) and serialised back with plain
escaping; a caption is the HTML ``caption_text`` makes of it (its inline Markdown read,
any HTML written in it escaped), and the rest of the text is left as it was.

- An image alone in its paragraph (or several, one per line) replaces the paragraph
  with one ``<figure class="figure">`` each.
- An image inside running text splits the paragraph around its figure.
- An image inside a link keeps that link; one inside a list item, table cell or
  emphasis becomes a linked image without a caption (a figure is not allowed there).
"""

from __future__ import annotations

import functools
import html as html_lib
import posixpath
import re
from urllib.parse import urlsplit
from typing import TYPE_CHECKING

from markupsafe import Markup

from sitemodel.text import line_at

from .sources import PHOTO_EXTENSIONS, is_local_src, is_photo_name

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# BeautifulSoup is imported when a post with an image is first parsed, not with the
# plugin: its 70 ms would be in every build, also those that parse nothing (a build
# with nothing changed stops before; a site without photos has nothing to parse).


@functools.cache
def formatter():
    """Escape only ``&``, ``<`` and ``>`` (Vietnamese text stays readable), write HTML5
    void elements, and keep attributes in their order (``src`` first)."""
    from bs4.dammit import EntitySubstitution
    from bs4.formatter import HTMLFormatter

    class _Formatter(HTMLFormatter):
        def attributes(self, tag: Tag):
            return list(tag.attrs.items())

    return _Formatter(entity_substitution=EntitySubstitution.substitute_xml,
                      void_element_close_prefix=None, empty_attributes_are_booleans=True)


_PHOTO_EXT = "|".join(re.escape(ext[1:]) for ext in PHOTO_EXTENSIONS)
#: A link that may lead to a photo (``[Xem ảnh lớn](anh.jpg)``): the text is parsed then.
PHOTO_HREF = re.compile(rf"""<a\b[^>]*\shref=(?:"[^"]*\.(?:{_PHOTO_EXT})(?:[?#][^"]*)?"|"""
                        rf"""'[^']*\.(?:{_PHOTO_EXT})(?:[?#][^']*)?')""", re.I)


def parse(html: str) -> BeautifulSoup | None:
    """The parsed HTML when it has an image or a link to a photo, else None (and the
    HTML is left untouched)."""
    if not html or ("<img" not in html.lower() and not PHOTO_HREF.search(html)):
        return None
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


#: An image's start tag as Markdown writes it, from its ``alt`` on.
WRITTEN_ALT = re.compile(r'<img\b[^>]*?\salt="(?P<alt>[^"]*)"')


def written_alt(img: Tag, html: str, lines: list[int]) -> str:
    """The ``alt`` of ``img`` as written in the ``html`` it was parsed from (``lines``:
    where each of its lines starts), references and all (BeautifulSoup reads them); for
    one written otherwise than Markdown writes it (HTML typed in the text), the ``alt``
    read, written again."""
    found = None
    if img.sourceline is not None and img.sourceline <= len(lines):
        found = WRITTEN_ALT.match(html, lines[img.sourceline - 1] + img.sourcepos)
    if found is not None and img.get("alt") == html_lib.unescape(found["alt"]):
        return found["alt"]
    return html_lib.escape(img.get("alt") or "", quote=False)


def line_starts(html: str) -> list[int]:
    """Where each line of ``html`` starts (BeautifulSoup's ``sourceline`` counts them)."""
    return [0, *(found.end() for found in re.finditer("\n", html))]


def local_images(doc: BeautifulSoup) -> list[Tag]:
    """The ``<img>`` elements whose ``src`` is a file path, in document order."""
    return [img for img in doc.find_all("img") if is_local_src(img.get("src") or "")
            or not (img.get("src") or "").strip()]


def local_photo_links(doc: BeautifulSoup) -> list[Tag]:
    """The ``<a>`` elements whose ``href`` is a relative path to a photo file, in document
    order (also one around an image, which keeps its link: ``[![Ảnh](anh.jpg)](anh.jpg)``)."""
    return [a for a in doc.find_all("a", href=True)
            if is_local_src(a["href"]) and not a["href"].startswith("/")
            and is_photo_name(posixpath.basename(urlsplit(a["href"]).path))]


def serialize(doc: BeautifulSoup) -> str:
    return doc.decode(formatter=formatter())


#: Attributes the plugin decides; the author's own values for them are dropped.
OWN_ATTRIBUTES = ("src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding",
                  "fetchpriority")


def image_attrs(img: Tag, src: str, width: int, height: int, alt: str, first: bool,
                srcset: str = "", sizes: str = "") -> dict:
    """The image's attributes: the rendition first, then what the author wrote (title...).

    The first image of a post loads at once and early (it is often the largest thing
    on a phone's first screen); the others only when scrolled near, decoded off the
    main thread.
    """
    attrs = {"src": src}
    if srcset:
        attrs |= {"srcset": srcset, "sizes": sizes}
    attrs |= {"width": str(width), "height": str(height), "alt": alt}
    for name, value in img.attrs.items():
        if name not in OWN_ATTRIBUTES:
            attrs[name] = value
    if first:
        attrs["fetchpriority"] = "high"
    else:
        attrs |= {"loading": "lazy", "decoding": "async"}
    return attrs


def make_picture(doc: BeautifulSoup, img: Tag, webp_srcset: str, sizes: str) -> Tag:
    """Put ``img`` in a ``<picture>`` offering the WebP renditions first; the picture."""
    picture = doc.new_tag("picture")
    source = doc.new_tag("source", attrs={"type": "image/webp", "srcset": webp_srcset, "sizes": sizes})
    img.replace_with(picture)
    picture.append(source)
    picture.append(img)
    return picture


def make_figure(doc: BeautifulSoup, node: Tag, link_attrs: dict, caption: str) -> Tag:
    """``<figure class="figure"><a class="figure__link" href><picture></a><figcaption>``;
    a ``caption`` that is ``Markup`` is HTML (``caption_text``: its inline Markdown read,
    any HTML written in it escaped), any other is text."""
    figure = doc.new_tag("figure", attrs={"class": "figure"})
    link = doc.new_tag("a", attrs=link_attrs)
    link.append(node.extract())
    figure.append(link)
    if caption:
        figcaption = doc.new_tag("figcaption")
        if isinstance(caption, Markup):
            from bs4 import BeautifulSoup

            for part in list(BeautifulSoup(str(caption), "html.parser").contents):
                figcaption.append(part.extract())
        else:
            figcaption.string = caption
        figure.append(figcaption)
    return figure


def place(doc: BeautifulSoup, img: Tag, attrs: dict, link_attrs: dict, caption: str,
          webp_srcset: str = "", sizes: str = "") -> None:
    """Turn one inline image into a figure (or a linked image where a figure cannot go).

    ``attrs`` are the image's new attributes (see ``image_attrs``), ``link_attrs`` those
    of the link around it (``href`` first); with ``webp_srcset`` the image goes in a
    ``<picture>``. Images in the same paragraph must be placed in document order.
    """
    img.attrs = attrs
    node = make_picture(doc, img, webp_srcset, sizes) if webp_srcset else img
    link_attrs = {"class": "figure__link", **link_attrs}
    parent = node.parent
    if node.find_parent("a") is not None:
        return  # already a link: keep the author's target
    if parent is None or parent.name != "p":
        link = doc.new_tag("a", attrs=link_attrs)
        node.replace_with(link)
        link.append(node)
        return
    _split_paragraph(doc, parent, node, link_attrs, caption)


def _split_paragraph(doc: BeautifulSoup, paragraph: Tag, img: Tag, link_attrs: dict, caption: str) -> None:
    """Replace ``paragraph`` by [text before, figure, text after], dropping empty parts."""
    from bs4 import NavigableString

    before = doc.new_tag("p", attrs=dict(paragraph.attrs))
    after = doc.new_tag("p", attrs=dict(paragraph.attrs))
    target = before
    for child in list(paragraph.contents):
        if child is img:
            target = after
            continue
        target.append(child.extract())
    figure = make_figure(doc, img, link_attrs, caption)
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
    from bs4 import NavigableString, Tag

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

    Looks for ``](src``, ``](<src`` and reference definitions ``]: src``, then for a
    raw HTML ``src=`` attribute, then for ``src`` anywhere; None when it cannot be found.
    """
    escaped = re.escape(src)
    for pattern in (rf"\]\(\s*<?{escaped}", rf"^[ \t]*\[[^\]]+\]:\s*<?{escaped}",
                    rf"""\bsrc\s*=\s*["']?{escaped}(?![^\s"'>])""", escaped):
        starts = [m.start() for m in re.finditer(pattern, markdown, re.MULTILINE)]
        if starts:
            start = starts[min(occurrence, len(starts) - 1)]
            return line_at(markdown, start)
    return None

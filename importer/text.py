"""Plain-text helpers shared by the stages: visible text of an element, clean spacing,
ASCII slugs."""

from __future__ import annotations

import unicodedata

from bs4 import Comment, NavigableString, Tag

from staff.project import use_plugins

use_plugins()
from sitemodel.slugs import slug_of  # noqa: E402

_BLOCKS = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br",
           "table", "ul", "ol", "dd", "dt", "blockquote", "figcaption"}


def text_of(tag: Tag) -> str:
    """The visible text of an element; ``<br>`` and block edges count as spaces."""
    parts = []
    for node in tag.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name in _BLOCKS:
            parts.append(" ")
    return "".join(parts)


def clean_text(text: str) -> str:
    """NFC, no-break spaces as spaces, runs of whitespace as one space, trimmed."""
    # ("&nbsp;" as text: an old CMS escaped its own entities once more)
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("&nbsp;", " ").split())


def ascii_slug(text: str) -> str:
    """``Khai giảng lớp "Quản trị"`` -> ``khai-giang-lop-quan-tri``: ``sitemodel.slugs``, as
    ``invoke new`` makes a post's folder name."""
    return slug_of(text)

"""Files to download: a form or a timetable in a post's folder, linked as written.

``[Mẫu đơn](mau-don.pdf)`` in a post (README, "The content format"):

- ``attachment_links`` (run on the converted text, ``convert.py``) makes the link
  Pelican's ``{static}`` link, so the file is published where it lies, in the post's
  folder, whose address the post has in either language (and a link to another post's
  ``index.vi.md`` its ``{filename}`` link, to that post's address);
- ``published_addresses`` puts a static page's files beside the page, and writes every
  published file's address percent-encoded, as the photos' are (Pelican puts the name
  into ``href`` as it is: ``Mẫu đơn đăng ký.pdf`` had raw spaces and accents);
- ``label_sizes`` writes the kind and size of the file after its link, "(PDF, 120 KB)",
  so that a reader on a slow connection knows what a tap will cost.

A linked file that is missing is an error named at its line
(``sitemodel.checks.check_linked_files``).
"""

from __future__ import annotations

import html
import math
import os
import re
from urllib.parse import quote, unquote, urlsplit

from babel.numbers import format_decimal

#: Files a post may offer for download, by extension (lower case).
ATTACHMENTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
               ".zip", ".rar")
#: The kind a reader is told, by extension; the others are their extension in capitals.
KINDS = {".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel",
         ".ppt": "PowerPoint", ".pptx": "PowerPoint"}
HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")', re.I)
#: Pelican's placeholders that publish a file where it lies (or, ``attach``, move it).
PLACEHOLDER = re.compile(r"^(?:\{(?:attach|static)\}|\|(?:attach|static)\|)")
#: A ``{static}`` link to a file and the label already after it (a post kept from the
#: last build has its label: it is written again, with the file's size now).
LABELLED = re.compile(r'(<a\b[^>]*?\shref="\{static\}([^"]*)"[^>]*>.*?</a>)'
                      r'(?: <small class="file-info"[^>]*>[^<]*</small>)?', re.I | re.S)


def attachment_links(content: str) -> str:
    """Links to attachments become Pelican's ``{static}`` links, which publish the file at
    its place in the content folder (the post's own folder, whose address the post has,
    in either language); ``{attach}`` does too (it would move the file beside the first
    language that links it and stop the build at the second). A link to another post's
    Markdown file (``[Bài](../khac/index.vi.md)``) becomes Pelican's ``{filename}`` link,
    which leads to that post's address (it led to the unpublished file)."""
    def link(match: re.Match) -> str:
        target = match[2]
        if PLACEHOLDER.match(target):
            target, kind = PLACEHOLDER.sub("", target), "{static}"
        else:
            parts = urlsplit(html.unescape(target))
            path = parts.path.lower()
            if parts.scheme or parts.netloc or target.startswith(("#", "{", "|")):
                return match[0]
            if path.endswith(".md") and not path.startswith("/"):
                kind = "{filename}"
            elif path.endswith(ATTACHMENTS) and not path.startswith("/"):
                kind = "{static}"
            else:
                return match[0]
        # Pelican looks the file up by the name as written, reading only "%20" in it: a
        # link copied from a browser's address bar (M%E1%BA%ABu.pdf) named no file.
        # (Not a name with a double quote, which would end the attribute: left as written.)
        plain = unquote(target)
        return match[1] + kind + (target if '"' in plain else plain) + match[3]

    return HREF.sub(link, content) if "href=" in content else content


def published_addresses(generator) -> None:
    """Where the linked files are published (``static_generator_finalized``): a static
    page's beside the page, as its photos are (``pages/lien-he/mau.pdf`` at
    ``/lien-he/mau.pdf``, not under ``/pages/``); every address percent-encoded, while
    the file keeps its name on disk, and the reader's download its name."""
    pages = tuple(path.strip("/") + "/" for path in generator.settings.get("PAGE_PATHS") or ())
    for static in generator.staticfiles:
        rel = static.relative_source_path.replace(os.sep, "/")
        if rel.startswith(pages) and rel.count("/") >= 2:  # in a page's own folder
            static.override_save_as = static.override_url = rel.split("/", 1)[1]
        url = static.url
        if url != (quoted := quote(url, safe="/")):
            static.override_url = quoted


def size_text(size: int, lang: str) -> str:
    """``120 KB``, ``1,2 MB`` (Vietnamese decimal comma), ``1.2 MB``: as file managers
    count (1 KB = 1,024 bytes), kilobytes rounded up, so no file is "0 KB". The spaces
    are no-break spaces, as in the whole label: a narrow phone never splits it."""
    if size < 1024 * 1024:
        return f"{max(1, math.ceil(size / 1024))}\u00a0KB"
    return f"{format_decimal(size / 1024 / 1024, format='#,##0.#', locale=lang)}\u00a0MB"


def label_sizes(content: str, folder: str, lang: str) -> str:
    """After each link to a file of ``folder`` that is there: its kind and size."""
    def label(match: re.Match) -> str:
        path = html.unescape(urlsplit(match[2]).path)  # (attachment_links unquoted it)
        ext = os.path.splitext(path)[1].lower()
        if ext not in ATTACHMENTS or path.startswith("/"):
            return match[0]
        try:
            size = os.path.getsize(os.path.join(folder, path))
        except OSError:
            return match[1]  # missing: check_linked_files names it
        kind = KINDS.get(ext, ext[1:].upper())
        return (f'{match[1]} <small class="file-info" data-pagefind-ignore>'
                f"({kind},\u00a0{size_text(size, lang)})</small>")

    return LABELLED.sub(label, content)


def on_content_object_init(content) -> None:
    """Label the files a post or page links (new or kept from the last build, each is
    sent this signal once per build: the size is always the file's as it is now)."""
    text = getattr(content, "_content", None)
    if isinstance(text, str) and "{static}" in text and getattr(content, "source_path", None):
        lang = getattr(content, "lang", None) or content.settings["DEFAULT_LANG"]
        content._content = label_sizes(text, os.path.dirname(content.source_path), lang)

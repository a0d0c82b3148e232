"""Links and images written in a post's Markdown, with the line each one is on.

Inline ``[text](target)`` and ``![alt](photo.jpg)``, reference definitions
``[label]: target`` and raw HTML ``<a href>`` / ``<img src>``. Code (fenced blocks and
`` `spans` ``) is skipped: a link shown as an example is not a link. (Not a block
indented four spaces: inside a list that is the item's text, and telling the two apart
is Markdown's whole parse; staff show code in fences.)
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .project import use_plugins

use_plugins()
from reader.convert import is_computer_file  # noqa: E402  (the reader's own rule)
from sitemodel.text import line_at  # noqa: E402

#: As Python-Markdown reads an inline link (not CommonMark): its target may hold spaces
#: (``[Mẫu đơn](Mẫu đơn đăng ký.pdf)`` is a link to that file), up to a title in quotes.
INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(?P<target><[^>\n]*>|(?:[^\s()]|\([^\s()]*\)|[ \t]+(?=[^\s\"'()]))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REFERENCE_USE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\[\]]*)\]\[(?P<label>[^\[\]]*)\]")
REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[(?!\^)(?P<label>[^\]]+)\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.M)
HTML_ATTR = re.compile(
    r"<(?P<tag>a|img)\b[^>]*?\b(?:href|src)\s*=\s*"
    r"(?:(?P<q>[\"'])(?P<target>.*?)(?P=q)|(?P<bare>[^\s\"'=<>`]+))",  # HTML allows src=x
    re.I | re.S)
FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)", re.S)
#: Pelican's links to other content files: ``{filename}../other/index.vi.md``.
PELICAN_LINK = re.compile(r"^(?:\{(?P<a>filename|static|attach)\}|\|(?P<b>filename|static|attach)\|)")


@dataclass(frozen=True)
class Ref:
    """One link or image: ``kind`` is "link" or "image"; ``line`` counts from 1."""

    kind: str
    target: str
    line: int


#: A line that starts a block of its own in Markdown (a heading, a list item, a quote):
#: a code span does not run from the block before it into it.
BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|>)")


def mask_code(text: str) -> str:
    """``text`` with fenced code blocks and code spans blanked (line breaks kept). A code
    span lies within one block, as Markdown reads it: a backtick at the end of a heading
    and another in a list below did not make the paragraph between them code (check
    missed a ``<script>`` there that the build refused)."""
    out, fence = [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match["fence"][0] * 3
            out.append("")
        elif fence is not None:
            if match and match["fence"].startswith(fence):
                fence = None
            out.append("")
        else:
            out.append(line)
    blocks: list[list[str]] = []
    heading = False  # (the last block is a heading: one line)
    for line in out:
        if not line.strip() or BLOCK_START.match(line) or heading or not blocks:
            blocks.append([line])
            heading = bool(re.match(r"^ {0,3}#{1,6}(?:[ \t]|$)", line))
        else:
            blocks[-1].append(line)
    return "\n".join(CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(block))
                     for block in blocks)


def _clean(target: str) -> str:
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    return target


def find_refs(text: str) -> list[Ref]:
    """Every link and image in ``text``, in the order written."""
    text = mask_code(text)
    refs: list[tuple[int, Ref]] = []
    for m in INLINE.finditer(text):
        kind = "image" if m["bang"] else "link"
        refs.append((m.start(), Ref(kind, _clean(m["target"]), line_at(text, m.start("target")))))
    image_labels = {(m["label"] or m["text"]).strip().casefold()
                    for m in REFERENCE_USE.finditer(text) if m["bang"]}
    for m in REFERENCE_DEF.finditer(text):
        kind = "image" if m["label"].strip().casefold() in image_labels else "link"
        refs.append((m.start(), Ref(kind, _clean(m["target"]), line_at(text, m.start("target")))))
    for m in HTML_ATTR.finditer(text):
        kind = "image" if m["tag"].lower() == "img" else "link"
        group = "target" if m["q"] else "bare"
        refs.append((m.start(), Ref(kind, m[group].strip(), line_at(text, m.start(group)))))
    return [ref for _, ref in sorted(refs, key=lambda r: r[0])]


def kind_of(target: str) -> str:
    """What a target points to.

    ``skip`` (empty, ``#fragment``, ``mailto:``...), ``external`` (another site),
    ``content`` (Pelican's ``{filename}`` links), ``site`` (a path on this site) or
    ``invalid`` (not an address: ``https://[x``; a file on the writer's computer).
    """
    if not target or target.startswith("#"):
        return "skip"
    if PELICAN_LINK.match(target):
        return "content"
    if is_computer_file(target):
        return "invalid"  # file:///C:/…, on the writer's computer (the reader refuses it too)
    try:
        parts = urlsplit(target)
    except ValueError:
        return "invalid"  # https://[x (check_text reports it, as the reader does)
    if not (parts.scheme or parts.netloc or target.startswith("/")) and parts.path.lower().endswith(".md"):
        return "content"  # another post's file: the reader makes it {filename} (reader.attachments)
    if parts.netloc or target.startswith("//"):
        return "external"
    if parts.scheme and len(parts.scheme) > 1:
        return "skip" if parts.scheme not in ("http", "https") else "external"
    return "site"


def host_of(target: str) -> str:
    """The host an address names (``//cdn.example.org/a.png`` too), else the address
    itself; for an address ``kind_of`` did not call invalid."""
    return urlsplit(target).hostname or target


def pelican_target(target: str) -> str:
    """The path a ``{filename}`` link names (after the placeholder)."""
    path = PELICAN_LINK.sub("", target)
    return unquote(urlsplit(path).path)


def site_path(base_url: str, target: str) -> str:
    """The site path (``/tin-tuc/x/``) a link written on the page at ``base_url`` leads to."""
    path = unquote(urlsplit(target).path)
    if not path:
        return base_url
    joined = path if path.startswith("/") else posixpath.join(base_url, path)
    normal = posixpath.normpath(joined)
    if path.endswith("/") and not normal.endswith("/"):
        normal += "/"
    if normal.startswith("//"):
        normal = "/" + normal.lstrip("/")
    return unicodedata.normalize("NFC", normal)


def page_like(path: str) -> bool:
    """A path that names a page (``/x/``, ``/x/index.html``, ``/x``), not a file."""
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith((".html", ".htm")) or "." not in last


def page_key(path: str) -> str:
    """The one form of a page path: ``/x``, ``/x/`` and ``/x/index.html`` are the same page."""
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path

"""Turn one Markdown file's bytes into HTML and raw metadata: the work done per file.

Runs in worker processes, so it holds no Pelican objects: the result is plain data
(``Converted``), cached by content hash and turned into Pelican metadata by reader.py.
One Markdown instance per process is reused with ``reset()``: building a new one per
file costs more than converting a typical post. SmartyPants (typogrify's quotes, dashes
and ellipses) passes by the runs of text it would not change (``pass_by_plain_text``):
it cost more than Markdown itself.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from types import ModuleType
from urllib.parse import urlsplit

from markdown import Markdown
from sitemodel.build import parse_header
from sitemodel.checks import source_line
from sitemodel.errors import not_utf8
from sitemodel.text import START_TAG, TAG_ATTRIBUTE, clean_header, clean_pasted, line_at, part_paragraphs, quoted_angles
from sitemodel.text import read_pasted_entities

from .attachments import attachment_links
from .embeds import embedded_frames

BOM = "\ufeff"
# Control characters other than tab and newline have no business in a post; they are
# dropped rather than passed on to HTML, feeds or JSON (where some are invalid).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Converted:
    """What one file gives: HTML of the body, metadata lists, or an error for people."""

    content: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    formatted: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    line: int | None = None


@dataclass
class Options:
    """The settings that change what a file converts to (part of the cache key)."""

    markdown: dict
    formatted_fields: tuple[str, ...]
    typogrify: bool
    typogrify_ignore_tags: tuple[str, ...]
    typogrify_omit: tuple[str, ...]
    typogrify_dashes: str

    @property
    def digest(self) -> str:
        """A stable fingerprint of these options (cache keys, per-process instances)."""
        import hashlib
        import json

        blob = json.dumps(self.__dict__, sort_keys=True, default=repr)
        return hashlib.sha256(blob.encode()).hexdigest()


_instances: dict[tuple[str, bool, bool], Markdown] = {}  # see _markdown


#: The extension that links addresses typed as text (``MARKDOWN`` in pelicanconf.py). It
#: costs a third more Markdown time on every file, so a file with nothing it could link
#: (no ``://``, ``www.``, ``ftp.`` nor ``@``) is converted by an instance without it.
LINKER = "pymdownx.magiclink"
LINKABLE = re.compile(r"://|www\.|ftp\.|@", re.I)


def _markdown(options: Options, meta: bool, link: bool) -> Markdown:
    """This process's Markdown instance for ``options``, made on first use: with the meta
    extension (a file) or without (a formatted field), with the linker or without (a
    build whose files hold no address never loads it)."""
    key = (options.digest, meta, link)
    found = _instances.get(key)
    if found is None:
        if any(k[0] != options.digest for k in _instances):
            _instances.clear()  # other settings: a new build in this process
        found = _instances[key] = markdown_of(options.markdown, meta=meta, leave_out=() if link else (LINKER,))
    return found


def markdown_of(setting: dict, meta: bool = False, leave_out: tuple[str, ...] = ()) -> Markdown:
    """A new Markdown instance of the site's ``MARKDOWN`` setting: its ``extensions`` and
    those named only in its ``extension_configs`` (as Pelican reads it), less
    ``leave_out``; with the meta extension when ``meta``. (The text's, and the captions'
    in ``photos.caption_text``.)"""
    config = dict(setting)
    configs = dict(config.get("extension_configs", {}))
    extensions = list(config.get("extensions", []))
    extensions += [name for name in configs if name not in extensions]
    extensions = [name for name in extensions if name not in leave_out]
    for name in leave_out:
        configs.pop(name, None)
    if meta and "markdown.extensions.meta" not in extensions:
        extensions.append("markdown.extensions.meta")
    return Markdown(**{**config, "extensions": extensions, "extension_configs": configs})


def decode(data: bytes, vietnamese: bool = False) -> tuple[str | None, str | None, int | None]:
    """UTF-8 text with the BOM dropped, line endings as ``\\n``, without the characters
    pasted text brings that show as nothing (``sitemodel.text.clean_pasted``: title,
    summary, text, captions and so feeds and search alike; a ``vietnamese`` text's soft
    hyphens between syllables without marks are spaces too), NFC; or an error. The text
    keeps its paragraph separators (U+2029), which end paragraphs (``markdown_html``)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, *not_utf8(data, exc)
    if text.startswith(BOM):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean_header(clean_pasted(CONTROL.sub("", text), paragraphs=True, vietnamese=vietnamese))
    return unicodedata.normalize("NFC", text), None, None


#: The SmartyPants steps run on every run of text between two tags (a dozen regular
#: expressions each), and the characters every pattern of the step holds: a text with
#: none of them comes out of the step as it went in.
SMARTYPANTS_STEPS = {
    "process_escapes": "\\",
    "convert_dashes": "-",
    "convert_dashes_oldschool": "-",
    "convert_dashes_oldschool_inverted": "-",
    "convert_ellipses": ".",
    "convert_backticks": "`'",
    "convert_single_backticks": "`'",
    "convert_quotes": "'\"",
}
#: The SmartyPants whose steps are known to be as above (requirements.txt pins it).
SMARTYPANTS_VERSIONS = ("2.0.2",)


def pass_by_plain_text(smartypants: ModuleType) -> None:
    """Make each SmartyPants step return a text without its characters at once.

    ``smartypants()`` calls the steps by their module names for each run of text; in a
    post most runs hold no quote, dash or dot, and the steps' regular expressions cost
    1.1 of 2.6 ms per post (the output is the same: tests/plugins/reader). Only for the
    versions whose steps were read; another is left as it is."""
    if getattr(smartypants, "__version__", None) not in SMARTYPANTS_VERSIONS:
        return
    for name, chars in SMARTYPANTS_STEPS.items():
        step = getattr(smartypants, name)
        if getattr(step, "passes_by", None) is None:
            setattr(smartypants, name, _passing_by(step, chars))


def _passing_by(step, chars: str):
    def quick(text: str) -> str:
        for char in chars:
            if char in text:
                return step(text)
        return text

    quick.passes_by = chars
    quick.__wrapped__ = step
    return quick


def typogrify_text(text: str, options: Options) -> str:
    import smartypants
    from typogrify.filters import typogrify

    pass_by_plain_text(smartypants)

    attr = {"oldschool": smartypants.Attr.set2,
            "oldschool_inverted": smartypants.Attr.set3}.get(options.typogrify_dashes,
                                                             smartypants.Attr.set1)
    smartypants.Attr.default = attr | smartypants.Attr.w
    # SmartyPants reads \" \' \- \. \` \\ as escapes and drops the backslash. The
    # escapes staff meant were Markdown's, already read (titles have none): every
    # backslash left is one to show, so it is hidden from SmartyPants and put back.
    hold = next((c for c in map(chr, range(0xFDD0, 0xFDF0)) if c not in text), None)
    if hold is not None:
        text = text.replace("\\", hold)
    text = typogrify(text, list(options.typogrify_ignore_tags),
                     **dict.fromkeys(options.typogrify_omit, False))
    return text.replace(hold, "\\") if hold is not None else text


#: A ``<script>`` or ``<style>`` element written in a post's text (raw HTML is allowed,
#: README "Reliability"), the elements whose content is text up to their end tag (one
#: left open takes the rest of the page as its text), and the HTML comments that may
#: hold either harmlessly.
RAW_CODE = re.compile(r"<(script|style)\b", re.I)
RAW_TEXT = re.compile(r"<(textarea|title|xmp|iframe|noscript|noembed|noframes|plaintext)\b", re.I)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def blank_comments(text: str) -> str:
    """``text`` with its HTML comments blanked (line breaks kept: lines still count)."""
    return HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def raw_code(text: str) -> tuple[str, int] | None:
    """The first ``<script>`` or ``<style>`` of ``text`` outside HTML comments, or the
    first element of RAW_TEXT that is never closed: its tag and line (from 1), or None."""
    blanked = blank_comments(text)
    found = [m for m in RAW_TEXT.finditer(blanked)
             if not re.search(rf"</{m[1]}\s*>", blanked[m.end():], re.I)]
    found += RAW_CODE.finditer(blanked)
    first = min(found, key=lambda m: m.start(), default=None)
    return (first[1].lower(), line_at(blanked, first.start())) if first else None


def raw_code_message(tag: str) -> str:
    """Why a post may not hold ``<script>``/``<style>`` (the site's security policy blocks
    them) nor an element like ``<textarea>`` left open: either hides the rest of the page
    from readers and from search."""
    if tag in ("script", "style"):
        return (f"thẻ <{tag}> không dùng được trong bài: trang web chặn mã nhúng, và thẻ này làm mất phần "
                "còn lại của trang; hãy xoá nó (bài Facebook: dán liên kết; video: mã nhúng YouTube) / "
                f"a <{tag}> element cannot be used in a post: the site blocks embedded code, and it hides "
                "the rest of the page; remove it (a Facebook post: paste its link; a video: YouTube's embed code)")
    return (f"thẻ <{tag}> không được đóng (thiếu </{tag}>), nên phần còn lại của trang bị ẩn; hãy đóng "
            f"hoặc xoá nó / the <{tag}> element is never closed (</{tag}> is missing), which hides the rest "
            "of the page; close it or remove it")


#: An address in converted HTML: a link's, a picture's, a frame's (found from the tag's
#: "<": seven times faster than looking at every space of the text).
ADDRESS = re.compile(r"""<[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def bad_address(content: str) -> str | None:
    """The first address in ``content`` that cannot be read as one (``https://[x``:
    brackets hold an IPv6 address only) or that is a file on the writer's computer
    (``file:///C:/…``), or None. Every plugin that looks at a link
    would stop on it with a traceback, and no browser can follow it."""
    for match in ADDRESS.finditer(content):
        address = match[1] if match[1] is not None else match[2]
        if "&" in address:
            address = html.unescape(address)
        if is_computer_file(address):
            return address
        if address.isascii() and "[" not in address and "]" not in address:
            continue  # urlsplit refuses only brackets and some hosts not in ASCII
        try:
            urlsplit(address)
        except ValueError:
            return address
    return None


def address_line(text: str, address: str) -> int | None:
    """The line of ``text`` holding ``address``, also when the linker wrote it out from an
    address typed as ``www.…`` (its link is ``http://www.…``)."""
    return source_line(text, address) or source_line(text, address.removeprefix("http://"))


#: An address typed as text (or as ``<https://…>``) whose host holds brackets or letters
#: outside ASCII: the kind the linker may make a link that is no address
#: (``www.9:[+…``). Only what ``invoke check`` converts to ask ``bad_address``; most
#: files hold none.
ODD_TYPED_ADDRESS = re.compile(r"(?:(?:ht|f)tps?://|www\.)[^\s<>/?#]*[\[\]\u0080-\U0010ffff]", re.I)


def typed_address_error(text: str, options: Options) -> tuple[str, int | None] | None:
    """The build's error for an address typed as text that no browser can open, with its
    line, or None: ``text`` converted as the build converts it, for ``invoke check``,
    which otherwise reads links from the Markdown and would not see the linker's."""
    if not ODD_TYPED_ADDRESS.search(text):
        return None
    if address := bad_address(markdown_html(text, options)[0]):
        return bad_address_message(address), address_line(text, address)
    return None


def is_computer_file(address: str) -> bool:
    """A ``file:`` address: a file on the writer's computer (a picture pasted from Word
    is ``file:///C:/Users/…/clip_image002.jpg``), which no reader's browser opens."""
    return address.lstrip()[:5].lower() == "file:"


def bad_address_message(address: str) -> str:
    if is_computer_file(address):
        return (f"địa chỉ '{address}' là tệp trên máy của bạn, người đọc không mở được: chép nó vào thư mục "
                f"bài rồi ghi tên tệp / '{address}' is a file on your computer, which readers cannot open: "
                "copy it into the post's folder and write its name")
    return (f"địa chỉ '{address}' không hợp lệ, không trình duyệt nào mở được; hãy sửa lại / "
            f"the address '{address}' is not valid: no browser can open it; correct it")


#: A table as Python-Markdown writes it, whole (tables do not nest in Markdown).
TABLE = re.compile(r"<table>.*?</table>", re.S)


#: A column's alignment as Markdown's tables write it (``|---:|``) on each of its cells.
CELL_ALIGN = re.compile(r'(<t[hd]) style="text-align: (left|center|right);"')


def scrolling_tables(content: str) -> str:
    """Each table in a box that scrolls sideways on a phone and takes the keyboard's focus
    (``tabindex``: a reader without a mouse or touch could not scroll a wide table in
    Safari; and a table drawn as a block to scroll itself loses its table semantics
    there). theme/static/css/site.css: ``.table-scroll``.

    A column aligned in Markdown (``|---:|``, numbers to the right) gets its cells a class
    (``align-right``) for the style Markdown wrote: the site's Content-Security-Policy
    (``style-src 'self'``, plugins/security_headers) has browsers ignore ``style``
    attributes, so every column was left-aligned."""
    if "<table>" not in content:
        return content
    content = CELL_ALIGN.sub(r'\1 class="align-\2"', content)
    return TABLE.sub(lambda m: f'<div class="table-scroll" tabindex="0">{m[0]}</div>', content)


def has_style(tag: str) -> bool:
    """The start tag ``tag`` (a ``START_TAG``) has a ``style`` attribute as browsers read
    it, the one ``without_styles`` drops: not "style=" inside another attribute's quoted
    value; a bare ``style`` too."""
    return "style" in tag.lower() and any(a[1].lower() == "style" for a in TAG_ATTRIBUTE.finditer(tag))


def drops_styles(text: str, options: Options) -> bool:
    """The build drops a ``style`` attribute from the HTML Markdown makes of ``text``
    (``without_styles``): for ``invoke check``, which reads the Markdown, where a tag
    Markdown shows as text ("<span title=\"x\"style=…>" in a paragraph) keeps its words."""
    content = markdown_html(text, options)[0]
    return without_styles(content) != content


def without_styles(content: str) -> str:
    """``content`` without the ``style`` attributes of its tags (written by staff,
    ``<span style="color:red">``, ``{: style="…"}``, or in HTML pasted from Word or a web
    page; a bare ``style`` too): the site's Content-Security-Policy
    (``style-src 'self'``, plugins/security_headers) has browsers ignore every one (each
    an error in the browser's console, and bytes for nothing on a phone). So the page,
    listings, feeds and search hold none. Code showing ``style="…"`` as text is no tag
    (its "<" is written ``&lt;``) and stays as written, as do words in a paragraph;
    ``<font color>`` and ``align=`` are no ``style`` and show (``invoke check`` still
    tells staff their colour does not show: ``check_styles``).
    After ``scrolling_tables``, which makes Markdown's column alignment classes."""
    if "style" not in content.lower():
        return content  # most posts (a substring: 6 times faster than a case-blind pattern)

    def attribute(a: re.Match) -> str:
        if a[1].lower() != "style":
            return a[0]
        after = a.string[a.end():a.end() + 1]
        return "" if after == ">" or after.isspace() else " "  # not `class=a/b` of `class=a style/b`

    def drop(tag: re.Match) -> str:
        return TAG_ATTRIBUTE.sub(attribute, tag[0]) if has_style(tag[0]) else tag[0]

    return START_TAG.sub(drop, content)


#: A link as the linker (pymdownx.magiclink) and Markdown's ``<https://…>`` write it.
PLAIN_LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')
#: What an address's words may leave out: the scheme (``www.…`` is linked as
#: ``http://www.…``), a last "/". (An email's link is never printed after it.)
ADDRESS_PARTS = re.compile(r"^(?:https?|ftp)://|/$", re.I)


def own_address_links(content: str) -> str:
    """A link whose words are its own address (``https://…`` or ``www.…`` typed as text,
    ``<https://…>``, ``[https://…](https://…)``) gets the class ``autolink``: on paper
    (theme/static/css/print.css) its address is not printed again after it, as other
    links' are ("… .pdf (https://… .pdf)")."""
    if "<a href=" not in content:
        return content

    def mark(match: re.Match) -> str:
        href, words = html.unescape(match[1]).strip(), html.unescape(match[2]).strip()
        if words and not href.lower().startswith("mailto:") and \
                ADDRESS_PARTS.sub("", href).lower() == ADDRESS_PARTS.sub("", words).lower():
            return f'<a href="{match[1]}" class="autolink">{match[2]}</a>'
        return match[0]

    return PLAIN_LINK.sub(mark, content)


#: A link written from the site's root (``[Tin tức](/tin-tuc/)``: one "/" first).
ROOT_HREF = re.compile(r'(<a\b[^>]*?\shref=")(/(?!/)[^"]*)(")', re.I)


def under_site_path(content: str, siteurl: str | None) -> str:
    """Links written from the site's root (``/tin-tuc/``) put under the site's own path,
    for a site published in a folder of its host (``SITEURL =
    "https://truong.github.io/tin-tuc-htx"``, as ``invoke gh-pages`` makes without a
    domain of its own): they led to the host's root, not found. Such a link is always
    from the site's root, as in the preview and as ``invoke check`` reads it (one
    written with the folder, ``/site/tin-tuc/``, is that folder inside the site: the
    folder may be named like a section). A site at its host's root is unchanged. (After
    the cache: the converted text is the same for the preview and the published site.)"""
    path = urlsplit(siteurl or "").path.rstrip("/")
    if not path or 'href="/' not in content:
        return content
    return ROOT_HREF.sub(lambda match: match[1] + path + match[2] + match[3], content)


def text_after_metadata(text: str) -> str:
    """``text`` for Markdown: with a blank line before the lines at the end of its metadata
    block whose keys are no metadata ("Hotline: 0912 345 678" under "Date:"), which are
    the text's first lines (``sitemodel.build.parse_header``, read so by the build's checks
    and invoke check alike); Markdown took them for metadata, and they were gone from the
    page. (Lines are counted in ``text``, as written.)"""
    lines = text.split("\n")
    header = parse_header(lines)
    if header.as_text is None:
        return text
    lines.insert(header.as_text - 1, "")
    return "\n".join(lines)


def markdown_html(text: str, options: Options) -> tuple[str, dict]:
    """A file's text as Python-Markdown makes it (no typogrify, nothing after), and its
    metadata block as the meta extension read it. A paragraph separator left in the text
    (``decode``) ends its paragraph (``sitemodel.text.part_paragraphs``)."""
    with_meta = _markdown(options, True, LINKABLE.search(text) is not None)
    with_meta.reset()
    return with_meta.convert(part_paragraphs(text_after_metadata(text))), getattr(with_meta, "Meta", {})


def convert(data: bytes, options: Options, vietnamese: bool = False) -> Converted:
    """Convert one file (a post in Vietnamese when ``vietnamese``: ``decode``); every
    failure becomes an ``error`` for people, never an exception."""
    text, error, line = decode(data, vietnamese)
    if error:
        return Converted(error=error, line=line)
    content, metadata = markdown_html(text, options)
    content = quoted_angles(content)
    # "&shy;" is the soft hyphen the text's own is (sitemodel.text.read_pasted_entities).
    content = read_pasted_entities(content, vietnamese)
    metadata = {key: [read_pasted_entities(value, vietnamese) for value in values] for key, values in metadata.items()}
    if address := bad_address(content):
        return Converted(error=bad_address_message(address), line=address_line(text, address))
    content = without_styles(scrolling_tables(own_address_links(embedded_frames(attachment_links(content)))))
    if found := raw_code(content):
        tag, line = raw_code(text) or (found[0], None)  # the line in the file staff wrote
        return Converted(error=raw_code_message(tag), line=line)
    meta = {k.lower(): list(v) for k, v in metadata.items()}
    formatted = {}
    for name in options.formatted_fields:
        if name in meta:
            plain = _markdown(options, False, True)
            plain.reset()
            formatted[name] = without_styles(plain.convert("\n".join(meta[name])))
    if options.typogrify:
        content = typogrify_text(content, options)
        if "title" in meta:
            # Titles stay plain text (escaped by templates, feeds and JSON alike):
            # keep the typographic characters, drop the entities typogrify wrote.
            meta["title"] = [html.unescape(typogrify_text(t, options)) for t in meta["title"]]
        for name in formatted:
            formatted[name] = typogrify_text(formatted[name], options)
    return Converted(content=content, meta=meta, formatted=formatted)

"""``invoke check``: find mistakes in the content without building the site.

Every problem is one line, ``path:line: Vietnamese / English``, paths relative to the
content folder as in the build's errors. Errors make the exit status 1; warnings
(``cảnh báo / warning``) are worth fixing but do not stop anything.

The structure of the site (sections, posts, translations, static pages) is checked by
the site model's own ``build_model`` on stand-ins for Pelican's articles, so the
rules are the build's; photos are checked with the photos plugin's helpers.
"""

from __future__ import annotations

import datetime
import filecmp
import json
import math
import os
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from .content import Content, Source, nfc_key, scan, section_names
from .linkcheck import LANGUAGE_NAMES as LINK_LANGUAGE_NAMES
from .linkcheck import check_links, written_date
from .links import find_refs, host_of, kind_of, mask_code
from .new import PLACEHOLDER_EN, PLACEHOLDER_TITLE_EN, PLACEHOLDER_VI
from .project import DEFAULTS as STAFF_DEFAULTS
from .project import languages as site_languages
from .project import use_plugins
from .report import ContentWarning, Report  # noqa: F401  (ContentWarning: for callers)

use_plugins()
from aliases.aliases import collect as collect_aliases  # noqa: E402
from photos.caption_text import words_only_links, words_only_pictures  # noqa: E402
from photos.captions import read_captions  # noqa: E402
from photos.placement import _check_src, folder_mistakes  # noqa: E402  (the photos plugin's own rules)
from photos.settings import current as photo_settings  # noqa: E402
from photos.sources import PhotoError, check_file, folder_photos, is_local_src  # noqa: E402
from reader.convert import bad_address_message, blank_comments, raw_code, raw_code_message  # noqa: E402
from reader.convert import Options, markdown_html, typed_address_error  # noqa: E402
from reader.convert import drops_styles, has_style, without_styles  # noqa: E402  (tags as the build reads them)
from reader.as_typed import HTML_ELEMENTS, LOOSE_ATTRIBUTE, loose_tags, quoted_tag  # noqa: E402
from reader.embeds import attributes  # noqa: E402
from reader.reader import options_from, split_tags  # noqa: E402
from search import settings as search_settings  # noqa: E402
from seo.structured import HEADLINE_MAX  # noqa: E402  (the JSON-LD headline's length)
from search.search import clashes as search_clashes  # noqa: E402
from search.search import search_urls  # noqa: E402
from sections.sections import FALSE_WORDS, TRUE_WORDS, expiry_message, pinned_message  # noqa: E402
from security_headers import settings as headers_settings  # noqa: E402
from security_headers.frames import frame_allowed, frame_sources  # noqa: E402
from tags import settings as tags_settings  # noqa: E402
from tags.identity import tag_key  # noqa: E402
from tags.tags import clashes as tag_clashes  # noqa: E402
from sections import settings as sections_settings  # noqa: E402
from sections.sections import clashes as feeds_page_clashes, feeds_page_urls  # noqa: E402
from sections import archive  # noqa: E402
from tags.tags import index_tags  # noqa: E402
from sitemodel.build import build_model, read_header_block  # noqa: E402
from sitemodel.checks import check_folder_names, check_output_collisions, check_pagination_names  # noqa: E402
from sitemodel.checks import (  # noqa: E402
    ONE_LINE_KEYS, indented_key, indented_key_message, misplaced_metadata, one_line_message)
from sitemodel.checks import file_problems, unread_keys  # noqa: E402
from sitemodel.slugs import SLUG_MAX, slug_of  # noqa: E402
from sitemodel.summary import CARD_SUMMARY_MAX, DESCRIPTION_MAX  # noqa: E402
from sitemodel.text import START_TAG, TAG_ATTRIBUTE, line_at, plain_summary  # noqa: E402
from sitemodel.checks import FROM_FOLDER, FROM_PATH, HEADER_KEYS, POST_KEYS, from_folder_message  # noqa: E402
from sitemodel.checks import meant_by, required_keys, unknown_metadata  # noqa: E402
from sitemodel.checks import date_message, empty_file_message, empty_value_message, status_message  # noqa: E402,E501
from sitemodel.checks import parse_date as post_date  # noqa: E402  (Date: as the build reads it)
from sitemodel.schedule import site_today  # noqa: E402

#: The metadata a post may have (README, "The content format"); a page may also have Order.
PAGE_KEYS = HEADER_KEYS
STATUSES = ("draft", "published")
#: Language names in Vietnamese, for messages about a missing translation.
LANGUAGE_NAMES = LINK_LANGUAGE_NAMES["vi"]


def check(content_root: Path, settings: dict) -> Report:
    """Check the content folder; ``settings`` are the site's (``project.read_settings``)."""
    langs = site_languages(settings)
    pages_dir = (settings.get("PAGE_PATHS") or ["pages"])[0]
    report = Report()
    unreadable, links = file_problems(str(content_root), settings.get("IGNORE_FILES") or ())  # the build's first
    if unreadable:  # (nothing else is read: the build stops there too)
        report.errors.extend(unreadable)
        return report
    report.errors.extend(links)
    content = scan(content_root, langs, settings.get("IGNORE_FILES"), pages_dir)
    report.posts = len({s.folder for s in content.sources if s.kind == "post"})
    report.pages = len({s.folder for s in content.sources if s.kind == "page"})
    frames = frame_sources(headers_settings.check(settings)[0]["SECURITY_HEADERS"])
    markdown = options_from(settings)
    report.errors.extend(content.misnamed)
    for source in content.sources:
        report.errors.extend(source.problems)
        check_metadata(source, report)
        check_text(source, markdown, report)
        check_frames(source, frames, report)
        check_styles(source, markdown, report)
        check_loose_tags(source, report)
    model = check_structure(content, report)
    unsafe = check_folder_names(model, str(content.root))  # the build's error, the same words
    report.errors.extend(unsafe)
    clashes = check_names(content, report, {e.path for e in unsafe})
    check_outputs(model, settings, content.languages[0], clashes, report)
    tag_pages = index_tags(model, tags_settings.read(settings))  # as the build groups them
    check_reserved_addresses(model, settings, tag_pages, report)
    check_tags(model, tag_pages, report)
    check_sections(content, model, report)
    check_translations(content, report)
    check_photos(content, settings, report)
    check_links(content, model, settings, report, tag_pages)
    check_far_dates(content, settings, report)
    return report


# --- Metadata -------------------------------------------------------------------------------

#: Put before each mistake ``check_metadata`` finds in a draft's metadata lines.
DRAFT_NOTE = ("bài nháp nên chưa chặn việc đăng, nhưng sẽ là lỗi khi bỏ dòng 'Status: draft' / a draft, so "
              "publishing is not stopped, but this is an error once 'Status: draft' is removed: ")


def check_metadata(source: Source, report: Report) -> None:
    """The mistakes in a post's or page's metadata lines, in the build's words.

    In a draft (``Status: draft``) they are warnings (``DRAFT_NOTE``): a draft is never
    published, and the build leaves out a draft it cannot read without a word
    (``sitemodel.skipped``), so they stop neither the build nor ``invoke publish``, which
    runs check first (it stopped on a typo'd line in an English draft ``invoke new --en``
    made, while the preview and the build said nothing). Once its ``Status: draft``
    line goes, they are errors, in the build and here."""
    if not source.is_draft or source.text is None or source.kind == "stray":
        _check_metadata(source, report)
        return
    found = Report()
    _check_metadata(source, found)
    for problem in found.errors:
        report.warn(problem.path, DRAFT_NOTE + problem.message, problem.line)
    report.warnings.extend(found.warnings)


def _check_metadata(source: Source, report: Report) -> None:
    if source.text is None or source.kind == "stray":
        if source.header_stop:  # (a stray file's header: not read by the build's rule below)
            report.errors.append(source.header_stop)
        return
    if not source.text.strip():  # as the build says it (check_header)
        report.error(source.rel, empty_file_message(source.kind == "page"), 1)
        return
    known = PAGE_KEYS if source.kind == "page" else POST_KEYS
    seen: dict[str, int] = {}
    meant: set[str | None] = set()
    for f in source.fields:
        if f.name in seen:
            report.error(source.rel, (
                f"'{f.key}:' lặp lại (đã có ở dòng {seen[f.name]}), hãy giữ một dòng / "
                f"'{f.key}:' is repeated (first on line {seen[f.name]}); keep one"), f.line)
            continue
        seen[f.name] = f.line
        if indented := indented_key(f.value, f.line):  # as the build says it (check_header)
            report.error(source.rel, indented_key_message(indented[1], f.key, indented[2]), indented[0])
        elif f.name in ONE_LINE_KEYS and "\n" in f.value:
            # As the build says it (sitemodel.checks.check_header); not read further below.
            report.error(source.rel, one_line_message(f.key), f.line)
        elif f.name in FROM_FOLDER:  # as the build refuses it (sitemodel.checks.check_header)
            report.error(source.rel, from_folder_message(f.key), f.line)
        elif f.name == "lang" and f.value.strip() != source.lang and not source.is_draft:
            continue  # the build's error, 'Lang:' contradicts the file name (said once; a draft is not built)
        elif f.name in FROM_PATH:
            report.warn(source.rel, (
                f"không cần dòng '{f.key}:', trang lấy nó từ tên thư mục và tên tệp; hãy xoá dòng này / "
                f"'{f.key}:' is not needed: it comes from the folder and file name; remove the line"),
                f.line)
        elif unknown := unknown_metadata(f.name, f.key, known):  # the build's rule and words
            report.error(source.rel, unknown, f.line)
            meant.add(meant_by(f.name, known))  # ("Dtae:": not "missing date" too, as the build)
    entries, blank, after = read_header_block(str(source.path))
    misplaced = misplaced_metadata(source.rel, entries, blank, after, required_keys(source.kind == "page"))
    # The build's words; or, where it finds nothing to say, that the metadata ended early.
    report.errors.extend(misplaced or ([source.header_stop] if source.header_stop else []))
    unread = unread_keys(entries, after, misplaced) | meant  # (written, so not "missing")
    title = source.get("title")
    if title is None or not title.value:
        if "title" not in unread:
            report.error(source.rel, empty_value_message("title") if title else (
                "thiếu tiêu đề: dòng đầu tệp phải là 'Title: Tiêu đề bài' / "
                "missing title: the first line must be 'Title: ...'"), title.line if title else 1)
    elif quoted_whole(title.value):
        # As in the front matter of other site generators (YAML), or Word's “…”: the quotes are text.
        report.warn(source.rel, (
            "tiêu đề nằm trong dấu ngoặc kép nên bạn đọc sẽ thấy cả dấu ngoặc; hãy bỏ chúng / "
            "the title is in quotes, which readers will see; remove them"), title.line)
    if title is not None and len(shown := " ".join(title.value.split())) > TITLE_MAX:
        report.warn(source.rel, title_length_message(len(shown)), title.line)
    check_date(source, report, "date" in unread)
    status = source.get("status")
    if status is not None and "\n" not in status.value and status.value.lower() not in STATUSES:
        report.error(source.rel, status_message(status.value), status.line)
    pinned = source.get("pinned")
    if pinned is not None and pinned.value.lower() not in TRUE_WORDS | FALSE_WORDS:
        report.error(source.rel, pinned_message(pinned.value), pinned.line)
    expires = source.get("expires")
    if expires is not None and expires.value and "\n" not in expires.value and post_date(expires.value) is None:
        # As the build reads it (sections.mark_pinned): in Date:'s form only.
        report.error(source.rel, expiry_message(expires.value), expires.line)


#: Quotes and the quote that closes each: straight ones as YAML writes them, Word's
#: curly ones (“…”, ‘…’) and the guillemets («…») a French keyboard or a copied page gives.
QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}


def quoted_whole(value: str) -> bool:
    """The whole of ``value`` is in quotes (not two quoted names, “Tam nông” và “Nông thôn mới”)."""
    close = QUOTES.get(value[:1])
    return close is not None and len(value) > 1 and value.endswith(close) and close not in value[1:-1]


#: A title longer than this is cut wherever a post is shared or found (README, "invoke
#: check"): the JSON-LD headline search engines read is cut here too (``seo.structured``).
TITLE_MAX = HEADLINE_MAX


def title_length_message(length: int) -> str:
    return (f"tiêu đề dài {length} ký tự: khi bài được chia sẻ lên Facebook, Zalo hay hiện trong kết quả tìm "
            f"kiếm của Google, chỉ phần đầu tiêu đề được hiện, và trên điện thoại nó chiếm nhiều dòng trong "
            f"danh sách bài; hãy viết gọn trong {TITLE_MAX} ký tự, đưa chi tiết vào Summary hay nội dung bài / "
            f"the title is {length} characters long: Facebook, Zalo and Google show only its start when the "
            f"post is shared or found, and it takes many lines in a phone's list of posts; keep it to "
            f"{TITLE_MAX} characters and put the details in the Summary or the text")


def check_date(source: Source, report: Report, unread: bool = False) -> None:
    date = source.get("date")
    if date is None or not date.value:
        if source.kind == "post" and not unread:
            report.error(source.rel, empty_value_message("date") if date else (
                "thiếu ngày đăng: thêm dòng 'Date: 2020-07-14 08:30' dưới dòng Title / "
                "missing date: add a line 'Date: 2020-07-14 08:30' under the title"),
                date.line if date else 1)  # (line 1 as the build says it: one mistake, said once)
        return
    if "\n" in date.value:
        return  # continued on the next line: said in check_metadata
    if post_date(date.value) is None:
        # The build refuses it too (sitemodel.checks.check_header): other forms are not guessed.
        report.error(source.rel, date_message(date.value), date.line)
        return
    modified = source.get("modified")
    if modified is None or not modified.value or "\n" in modified.value:
        return
    if (changed := post_date(modified.value)) is None:  # (the build's error too)
        report.error(source.rel, date_message(modified.value), modified.line)
    elif changed < post_date(date.value):
        # Search engines are told the post was updated before it was published.
        report.warn(source.rel, (
            f"ngày sửa {modified.value} trước ngày đăng {date.value}: có gõ nhầm không? / Modified "
            f"{modified.value} is before Date {date.value}: is one of them mistyped?"), modified.line)


#: A post dated further ahead than this is most likely a mistyped year.
FAR_AHEAD = datetime.timedelta(days=366)


def check_far_dates(content: Content, settings: dict, report: Report) -> None:
    """A post dated after today: it stays off the site, and the preview, until that day,
    and appears when the site is built and published again on or after it (a static
    site changes only then); staff wrote one and could not find it in the preview. More
    than a year ahead, the year is most likely mistyped."""
    if settings.get("SITE_PUBLISH_FUTURE"):
        return
    today = site_today(settings)
    for source in content.sources:
        parsed = written_date(source) if source.kind == "post" and not source.is_draft else None
        if parsed is None or parsed.date() <= today:
            continue
        if parsed.date() - today > FAR_AHEAD:
            report.warn(source.rel, (
                f"ngày {parsed:%Y-%m-%d} còn hơn một năm nữa: bài không hiện trên trang tới ngày đó; "
                f"có gõ nhầm năm không? / the date {parsed:%Y-%m-%d} is more than a year ahead: the "
                "post stays off the site until then; is the year mistyped?"), source.get("date").line)
        else:
            report.warn(source.rel, (
                f"ngày {parsed:%Y-%m-%d} sau hôm nay: bài chưa hiện trên trang (cả bản xem trước) và "
                "chỉ lên trang khi trang được đăng lại từ ngày đó / the date "
                f"{parsed:%Y-%m-%d} is after today: the post is not on the site (nor in the "
                "preview), and appears when the site is published again on or after that day"),
                source.get("date").line)


#: Markdown in a ``Summary:``, which is plain text (README): bold, a link, a picture.
SUMMARY_MARKUP = re.compile(r"\*\*[^*]+\*\*|__[^_]+__|!?\[[^\]]+\]\([^)]*\)")


def check_text(source: Source, markdown: Options, report: Report) -> None:
    """Unicode normalisation, what the build refuses in the text, and text left over
    from ``invoke new``."""
    if source.text is None:
        return
    lines = source.text.split("\n")
    decomposed = [n for n, line in enumerate(lines, 1) if unicodedata.normalize("NFC", line) != line]
    if decomposed:
        more = len(decomposed) - 1
        report.warn(source.rel, (
            f"chữ có dấu được lưu ở dạng tách rời (NFD){f', cùng {more} dòng khác' if more else ''}: "
            "tìm kiếm và sao chép có thể sai; hãy gõ lại dòng này hoặc lưu tệp bằng trình soạn thảo khác / "
            f"accented letters are stored decomposed (NFD){f', and on {more} more line(s)' if more else ''}; "
            "retype the line or save the file with another editor"), decomposed[0])
    code = raw_code(mask_code(source.body))
    if code:  # the build refuses it too (reader.convert)
        report.error(source.rel, raw_code_message(code[0]), code[1])
    if typed := typed_address_error(source.text, markdown):  # the linker's links (the build's error)
        report.error(source.rel, *typed)
    if (source.kind in ("post", "page") and not source.is_draft and source.text.strip()
            and not source.body.strip() and not folder_photos(str(source.folder))):
        # (metadata lines alone, the text not pasted: a page of its title alone; with
        # photos it is a gallery, as meant. An empty file is an error of its own.)
        report.warn(source.rel, (
            "bài chưa có nội dung: dưới các dòng thông tin đầu bài không có chữ nào và thư mục không có "
            "ảnh, người đọc chỉ thấy tiêu đề; hãy viết hay dán nội dung bài dưới một dòng trống / the post "
            "has no text under its metadata lines and its folder no photos: readers see its title alone; "
            "write or paste the text below a blank line"), min(source.body_line, len(lines)))
    # Left from invoke new in a post that would be published (an error: publish stops).
    for number, line in enumerate(lines, 1) if not source.is_draft else ():
        if number >= source.body_line and (PLACEHOLDER_VI in line or PLACEHOLDER_EN in line):
            report.error(source.rel, (
                "vẫn còn dòng mẫu của 'invoke new', hãy thay bằng nội dung bài / "
                "the placeholder text of 'invoke new' is still here; replace it with the post"),
                number)
    title = source.get("title")
    if title is not None and title.value == PLACEHOLDER_TITLE_EN and not source.is_draft:
        report.error(source.rel, (
            f"tiêu đề vẫn là dòng mẫu '{PLACEHOLDER_TITLE_EN}' của 'invoke new': hãy viết tiêu đề tiếng Anh / "
            f"the title is still invoke new's '{PLACEHOLDER_TITLE_EN}': write the English title"), title.line)
    summary = source.get("summary")
    if summary is not None and (found := SUMMARY_MARKUP.search(summary.value)):
        report.warn(source.rel, (
            f"Summary là chữ thường: '{found[0]}' sẽ hiện nguyên dạng (không in đậm, không thành "
            f"liên kết); hãy bỏ dấu / the Summary is plain text: '{found[0]}' shows as it is "
            "written (no bold, no link); remove the marks"), summary.line)
    if summary is not None and (styled := summary_styles(summary.value)):
        more = len(styled) - 1
        report.warn(source.rel, (
            f"Summary là chữ thường: thẻ HTML trong đó bị bỏ, chỉ giữ chữ, nên định dạng style=\"…\" của "
            f"'{styled[0]}'{f' (cùng {more} thẻ khác)' if more else ''} (màu chữ, cỡ chữ…) không hiện; hãy xoá "
            f"thẻ / the Summary is plain text: its HTML tags are dropped, their words kept, so the styling of "
            f"'{styled[0]}'{f' (and {more} more tag(s))' if more else ''} (colour, size…) is not shown; remove "
            "the tag"), summary.line)
    elif summary is not None and (tags := summary_tags(summary.value)):
        more = len(tags) - 1
        report.warn(source.rel, (
            f"Summary là chữ thường: thẻ HTML '{tags[0]}'{f' (cùng {more} thẻ khác)' if more else ''} trong đó "
            f"bị bỏ, chỉ giữ chữ (không in đậm, không nghiêng, không thành liên kết); hãy bỏ thẻ / the Summary "
            f"is plain text: its HTML tag '{tags[0]}'{f' (and {more} more)' if more else ''} is dropped, its "
            "words kept (no bold, no italics, no link); remove the tag"), summary.line)
    if summary is not None and len(shown := Markup(plain_summary(summary.value)).striptags()) > CARD_SUMMARY_MAX:
        # (as a listing's card reads it: tags dropped, spaces one, then cut)
        report.warn(source.rel, (
            f"Summary dài {len(shown)} ký tự, dài hơn một đoạn tóm tắt: danh sách bài chỉ hiện "
            f"{CARD_SUMMARY_MAX} ký tự đầu, Facebook, Zalo và Google còn ít hơn ({DESCRIPTION_MAX}), phần sau "
            f"bị cắt thành '…'; hãy viết một hai câu, phần còn lại để trong bài / the Summary is {len(shown)} "
            f"characters long, more than a summary: lists of posts show its first {CARD_SUMMARY_MAX} "
            f"characters, Facebook, Zalo and Google fewer ({DESCRIPTION_MAX}), the rest cut to '…'; write "
            "a sentence or two and leave the rest to the text"), summary.line)
    body = mask_code(source.body)
    for match in BROKEN_LINK.finditer(body):
        written = " ".join(match[0].split())
        report.warn(source.rel, (
            f"'{written}' sẽ hiện nguyên dạng chữ, không thành liên kết hay ảnh: viết [chữ](địa chỉ) hay "
            f"![chú thích](anh.jpg), dấu ] ngay trước dấu ( / '{written}' will show as it is written, not as "
            "a link or a picture: write [words](address) or ![caption](photo.jpg), with ] right before ("),
            line_at(body, match.start()))


def summary_styles(value: str) -> list[str]:
    """The start tags of a ``Summary:`` whose ``style`` attribute the build drops: a
    Summary is plain text, its tags dropped and their words kept
    (``sitemodel.text.plain_summary``), so the colour given to its words is not shown.
    A style is dropped when the summary reads the same without it
    (``reader.convert.without_styles``, ``has_style``): not one of a tag the build would
    show as words."""
    if "style" not in value.lower():
        return []
    shown = plain_summary(value)
    return [m[0] for m in START_TAG.finditer(value) if has_style(m[0])
            and plain_summary(value[:m.start()] + without_styles(m[0]) + value[m.end():]) == shown]


def summary_tags(value: str) -> list[str]:
    """The start tags of HTML's elements in a ``Summary:`` that the build drops, their
    words kept (``sitemodel.text.plain_summary``): "<b>", "<i>", "<a href=…>" gave no
    bold, no italics, no link, and nothing said so. Not a tag with a style
    (``summary_styles`` says those), nor one the build cuts short, whose rest shows."""
    if "<" not in value:
        return []
    shown = plain_summary(value)
    return [m[0] for m in START_TAG.finditer(value)
            if m[1].lower() in HTML_ELEMENTS and not has_style(m[0])
            and plain_summary(value[:m.start()] + value[m.end():]) == shown]


#: Markdown's link and picture written so that neither is made, the words shown as typed:
#: "[kế hoạch] (https://…)" (a space between ] and (), "[kế hoạch(https://…)" and
#: "![Ảnh(anh.jpg)" (no ]).
BROKEN_LINK = re.compile(
    r"!?\[[^\]\[\n]*\]\s+\((?:https?://|www\.|[^\s()]+\.\w{2,4}\))[^)\n]*\)?"
    r"|!?\[[^\]\[\n]*\((?:https?://|www\.|[^\s()]+\.\w{2,4}\))[^)\n]*\)?(?![^\[\n]*\])")


#: The start tag of a frame embedded in a post.
FRAME_TAG = re.compile(r"<iframe\b[^>]*>", re.I)


def check_frames(source: Source, sources: list[str] | None, report: Report) -> None:
    """A frame from a host the site's security policy does not allow (``frame-src``):
    the published page shows an empty box where it worked in the editor's browser."""
    if source.text is None:
        return
    body = blank_comments(mask_code(source.body))
    for match in FRAME_TAG.finditer(body):
        src = attributes(match[0]).get("src", "").strip()
        line = line_at(body, match.start())
        if kind_of(src) == "invalid":
            report.error(source.rel, bad_address_message(src), line)  # as the build does
            continue
        if not src or frame_allowed(sources, src):
            continue
        host = host_of(src)
        report.warn(source.rel, (
            f"khung nhúng từ {host} bị chính sách bảo mật của trang chặn: người đọc sẽ thấy một ô "
            "trống; chỉ nhúng được video YouTube và bản đồ Google Maps, hoặc nhờ người quản trị thêm "
            f"địa chỉ này vào SECURITY_HEADERS / a frame from {host} is blocked by the site's security "
            "policy: readers will see an empty box; embed YouTube videos or Google Maps, or have the "
            "site's maintainer add this host to SECURITY_HEADERS"), line)


#: Markdown's ``{: style="…"}`` (attr_list), which gives the block before it a ``style``
#: attribute. (HTML's start tags are read as the build reads them: ``START_TAG``, ``has_style``.)
STYLE_IN_ATTRIBUTES = re.compile(r"""\{:?[ ]*[^}\n]*?(?<![\w-])style\s*=[^}\n]*\}""", re.I)


def check_styles(source: Source, markdown: Options, report: Report) -> None:
    """Styling written as HTML's ``style`` attribute ("<span style="color:red">", "<p
    style="text-align:center">", HTML copied from a web page or an editor): the site's
    Content-Security-Policy (``style-src 'self'``, plugins/security_headers) has browsers
    ignore every ``style`` attribute, so the build drops them all
    (``reader.convert.without_styles``: no console error for readers) and the colour or
    centring staff saw in their editor is not on the page. Said once a post, at the first
    line the build drops one from, with how many more (``dropped_style_lines``). (A frame's ``style`` is not said: nothing of it was meant
    to show, site.css gives frames no border; a table column's
    alignment is Markdown's ``|---:|``, made a class, ``reader.convert.scrolling_tables``;
    ``<font color=…>`` and ``align=`` are no style attributes, and show.) Said exactly when
    the build drops one (``drops_styles``): a tag Markdown shows as text keeps its words."""
    if source.text is None or "style" not in source.body.lower():
        return
    body = blank_comments(mask_code(source.body))
    found = [m for m in START_TAG.finditer(body)
             if (m[1].lower() in HTML_ELEMENTS or "-" in m[1]) and m[1].lower() != "iframe"
             and has_style(m[0])]
    found += STYLE_IN_ATTRIBUTES.finditer(body)
    if not found or not drops_styles(source.text, markdown):
        return
    lines = dropped_style_lines(source.text, body, found, markdown)
    if not lines:  # (a frame's dropped, and a tag Markdown shows as text)
        return
    more = len(lines) - 1
    report.warn(source.rel, (
        "định dạng viết bằng thuộc tính style=\"…\" (màu chữ, căn giữa, cỡ chữ, thụt lề…) không hiện "
        "trên trang vì chính sách bảo mật của trang khiến trình duyệt bỏ qua nó"
        f"{f' (cùng {more} dòng khác)' if more else ''}; hãy xoá nó và dùng cách viết Markdown: "
        "**chữ đậm**, *chữ nghiêng*, tiêu đề (## Tiêu đề), và |---:| hay |:---:| để căn phải hay căn "
        "giữa một cột của bảng / styling written as a style=\"…\" attribute (colour, centring, font "
        "size, indents…) is not shown on the site: its security policy has browsers ignore it"
        f"{f' (and on {more} more line(s))' if more else ''}; remove it and use Markdown: **bold**, "
        "*italic*, headings (## Heading), and |---:| or |:---:| to align a table's column to the right "
        "or the centre"), lines[0])


#: A ``style`` attribute's name in Markdown's ``{: …}`` (``STYLE_IN_ATTRIBUTES``).
LISTED_STYLE = re.compile(r"(?<![\w-])(style)\s*=", re.I)
#: The name each style ``dropped_style_lines`` follows is given: ``data-kiem-tra-3``.
MARKED = re.compile(r"data-kiem-tra-(\d+)")


def dropped_style_lines(text: str, body: str, found: list[re.Match], markdown: Options) -> list[int]:
    """The lines of the styles ``found`` in ``body`` (``text``'s, as ``check_styles``
    reads it: its lines are the text's) that the build drops: not one in a tag Markdown
    shows as text ('<span title="x"style=…>' in a paragraph), which was named when the
    post also had a style dropped further down, and counted among its lines. Each style
    is renamed ``data-kiem-tra-N`` (no name tells Markdown what is a tag): those the HTML
    Markdown makes of the text holds in a tag are the styles it would hold, and the
    build drops (``reader.convert.without_styles``); one conversion."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    marked = text
    for number, m in sorted(enumerate(found), key=lambda pair: pair[1].start(), reverse=True):
        at = starts[line_at(body, m.start()) - 1] + m.start() - body.rfind("\n", 0, m.start()) - 1
        if marked[at:at + len(m[0])] != m[0]:
            continue  # (not where the text has it: not followed)
        names = TAG_ATTRIBUTE.finditer(m[0]) if m[0].startswith("<") else LISTED_STYLE.finditer(m[0])
        tag = m[0]
        for name in reversed([a.span(1) for a in names if a[1].lower() == "style"]):
            tag = tag[:name[0]] + f"data-kiem-tra-{number}" + tag[name[1]:]
        marked = marked[:at] + tag + marked[at + len(m[0]):]
    kept = {int(mark[1]) for tag in START_TAG.finditer(markdown_html(marked, markdown)[0])
            for a in TAG_ATTRIBUTE.finditer(tag[0]) if (mark := MARKED.fullmatch(a[1].lower()))}
    return sorted({line_at(body, m.start()) for number, m in enumerate(found) if number in kept})


def check_loose_tags(source: Source, report: Report) -> None:
    """A tag whose value, written without quotes, holds a quote ("<span title=it's
    here>", HTML pasted from an old site or Word): Markdown showed it as text; the build
    reads it as browsers do (``reader.as_typed.LooseTag``), its value ending at the
    first space ("it's"), perhaps not the one meant. Said at each such tag's line, with
    how the page reads it and the fix."""
    if source.text is None or "<" not in source.body:
        return
    body = blank_comments(mask_code(source.body))
    for tag in loose_tags(body):
        written = [a for a in LOOSE_ATTRIBUTE.finditer(tag[2]) if a[2] and a[2][0] not in "\"'"]
        name = next((a[1] for a in written if any(c in a[2] for c in "\"'=`")), written[0][1] if written else "title")
        report.warn(source.rel, (
            f"thẻ {tag[0]} có giá trị không nằm trong ngoặc kép mà chứa dấu nháy, nên trang đọc nó thành "
            f"{quoted_tag(tag)}, có thể không như bạn muốn; hãy đặt giá trị trong ngoặc kép: {name}=\"…\" / "
            f"the tag {tag[0]} has a value with a quote in it that is not in double quotes, so the page reads "
            f"it as {quoted_tag(tag)}, perhaps not as you meant; put the value in double quotes: {name}=\"…\""),
            line_at(body, tag.start()))


# --- Structure: the site model's own rules --------------------------------------------------

@dataclass
class Stub:
    """Stands in for a Pelican article or page when building the site model."""

    source_path: str
    lang: str
    slug: str
    date: datetime.datetime
    order: str = "100"
    source: Source | None = None

    @property
    def tags(self) -> list[str]:
        """``Tags:``, as the reader splits it (the tags plugin reads them)."""
        return split_tags(self.source.value("tags") if self.source else "")

    @property
    def metadata(self) -> dict:
        """What the plugins' checks read of the metadata (``Aliases:``)."""
        aliases = self.source.value("aliases") if self.source else ""
        return {"aliases": aliases} if aliases else {}


def stub(source: Source, default_lang: str) -> Stub:
    parsed = post_date(source.value("date")) if source.value("date") else None
    date = parsed.replace(tzinfo=None) if parsed else datetime.datetime.min
    lang = source.value("lang") or source.lang or default_lang
    slug = source.slug or source.path.stem
    return Stub(str(source.path), lang, slug, date, source.value("order", "100"), source)


def check_structure(content: Content, report: Report):
    """Build the site model from the published files; its errors are the build's."""
    articles, pages = [], []
    for source in content.sources:
        if source.text is None or source.is_draft:
            continue
        is_page = source.rel.startswith(content.pages_dir + "/")
        (pages if is_page else articles).append(stub(source, content.languages[0]))
    model, errors = build_model(str(content.root), content.languages, articles, pages,
                                content.pages_dir)
    report.errors.extend(errors)
    return model


def check_names(content: Content, report: Report, unsafe: set[str] = frozenset()) -> list[str]:
    """Folders whose names clash once case and accents are ignored; names that are not
    slugs (but not those in ``unsafe``, already an error: no address can hold them).
    Returns the clashing folders."""
    clashing = []
    for folder, subfolders in content.folders.items():
        groups: dict[str, list[str]] = defaultdict(list)
        for name in subfolders:
            groups[nfc_key(name)].append(name)
        for names in groups.values():
            if len(names) > 1:
                for name in names:
                    others = ", ".join(n for n in names if n != name)
                    rel = f"{folder}/{name}" if folder else name
                    clashing.append(rel)
                    report.error(rel + "/", (
                        f"trùng địa chỉ với thư mục '{others}' (chỉ khác chữ hoa/thường hoặc cách gõ dấu); "
                        f"hãy đổi tên một thư mục / the same address as '{others}' (only case or "
                        "accents differ); rename one of them"))
        for name in subfolders:
            rel = f"{folder}/{name}" if folder else name
            wanted = slug_of(name)  # (as invoke new makes a folder's name)
            longer = len(name) > SLUG_MAX and name.startswith(wanted + "-")  # (only cut short)
            if wanted and wanted != name and not longer and rel + "/" not in unsafe:
                taken = {nfc_key(other) for other in subfolders if other != name}
                if nfc_key(wanted) not in taken:
                    report.warn(rel + "/", (
                        f"tên thư mục nên viết không dấu, chữ thường, nối bằng gạch ngang: '{wanted}' / "
                        f"folder names should be lowercase ASCII words joined by hyphens: '{wanted}'"))
                    continue
                # ("hội-nghị" beside "hoi-nghi": that name would be two folders of one address)
                other = wanted
                wanted = next(f"{other}-{n}" for n in range(2, len(subfolders) + 3)
                              if nfc_key(f"{other}-{n}") not in taken)
                report.warn(rel + "/", (
                    f"tên thư mục nên viết không dấu, chữ thường, nối bằng gạch ngang; '{other}' là tên thư "
                    f"mục khác ở đây, hãy chọn tên khác, ví dụ '{wanted}' / folder names should be lowercase "
                    f"ASCII words joined by hyphens; '{other}' is another folder's name here: choose another, "
                    f"e.g. '{wanted}'"))
    return clashing


def check_outputs(model, settings: dict, default_lang: str, clashing: list[str], report: Report) -> None:
    """Two things the build would write to the same file, or where the theme's files or a
    section's next pages go (the build's own checks, on the files the settings give the
    stand-ins)."""
    for post in model.posts:
        for lang, item in post.versions.items():
            key = "ARTICLE_SAVE_AS" if lang == default_lang else "ARTICLE_LANG_SAVE_AS"
            item.save_as = settings[key].format(section_path=post.section.path, slug=post.slug, lang=lang)
            item.relative_source_path = item.source.rel
    for lang, pages in model.pages.items():
        for page in pages:
            key = "PAGE_SAVE_AS" if lang == default_lang else "PAGE_LANG_SAVE_AS"
            page.save_as = settings[key].format(slug=page.slug, lang=lang)
            page.relative_source_path = page.source.rel
    reserved = [settings.get("THEME_STATIC_DIR") or "theme"]
    report.errors.extend(check_pagination_names(model))
    report.errors.extend(check_output_collisions(model, reserved, clashing))


def check_reserved_addresses(model, settings: dict, tag_pages: dict, report: Report) -> None:
    """What the search pages, the tag pages, the pages of feeds and the archive take (a
    section or page named tim-kiem/, pagefind/, chu-de/, luu-tru/) and old addresses
    (``Aliases:``) that cannot be, or are taken: the plugins' own checks, on the
    stand-ins (after ``check_outputs`` has given them their files)."""
    cfg = search_settings.read(settings)
    report.errors.extend(search_clashes(model, cfg))
    report.errors.extend(tag_clashes(model, tags_settings.read(settings)))
    sections_cfg = sections_settings.read(settings)
    report.errors.extend(feeds_page_clashes(model, sections_cfg))
    report.errors.extend(archive.clashes(model, sections_cfg))
    context = {**settings, "search_pages": search_urls(model, cfg),  # as the build's context
               "tag_pages": tag_pages, "feeds_pages": feeds_page_urls(model, sections_cfg),
               "archive_pages": archive.archive_urls(model, sections_cfg)}
    report.errors.extend(collect_aliases(model, context)[1])


def check_tags(model, tag_pages: dict, report: Report) -> None:
    """A tag written otherwise than other posts write it (capitals, a tone mark placed
    the other way, without accents): it is the same tag, whose page is titled as most posts
    write it; the post may say it so too. A tag written without accents that could be
    several tags (``khoa hoc``: ``khóa học``, ``khoa học``): the post is listed under the
    first (``tags.identity``); it should say which. Tags whose accents differ are two tags
    (``check_accent_twins``). ``tag_pages``: the tags as the build groups them (``tags.index_tags``)."""
    for lang, index in tag_pages.items():
        for item in model.latest(lang):
            field = item.source.get("tags")
            line = field.line if field else None
            for name, tag in index.tags_of(item):
                if tag is None or tag.name == name:
                    continue
                several = [f"'{other.name}'" for other in index.ambiguous.get(tag_key(name), [])]
                if several:
                    report.warn(item.source.rel, (
                        f"chủ đề '{name}' viết không dấu có thể là {' hoặc '.join(several)}, là các chủ đề "
                        f"khác nhau: hãy viết có dấu (bài đang được xếp vào '{tag.name}') / the tag "
                        f"'{name}', without accents, may be {' or '.join(several)}, which are different "
                        f"tags: write it with its accents (the post is listed under '{tag.name}')"), line)
                    continue
                report.warn(item.source.rel, (
                    f"chủ đề '{name}' cũng là chủ đề '{tag.name}' của các bài khác, nên viết giống "
                    f"nhau / the tag '{name}' is the tag other posts write '{tag.name}'; write it "
                    "the same way"), line)
        check_accent_twins(index, report)


def check_accent_twins(index, report: Report) -> None:
    """Tags that differ only in their accents are two tags, two pages (``khóa học``, a
    course, and ``khoa học``, science); but one of them may be mistyped (``bồi duong``
    beside ``bồi dưỡng``): said once, on the first post of each tag that does not keep
    the address without accents."""
    for group in index.accent_twins():
        first = next((tag for tag in group if tag.slug == slug_of(tag.name)), group[0])
        for tag in group:
            posts = index.posts.get(tag.slug) or []
            if tag is first or not posts:
                continue
            oldest = posts[-1]
            field = oldest.source.get("tags")
            report.warn(oldest.source.rel, (
                f"chủ đề '{tag.name}' và '{first.name}' chỉ khác dấu: là hai chủ đề, hai trang; nếu "
                f"'{tag.name}' gõ nhầm, hãy viết '{first.name}' / the tags '{tag.name}' and "
                f"'{first.name}' differ only in their accents: two tags, two pages; if '{tag.name}' "
                f"is mistyped, write '{first.name}'"), field.line if field else None)


def check_sections(content: Content, model, report: Report) -> None:
    """Every section should be named in every language."""
    paths = {s.path for s in model.root.walk() if not s.is_root}
    paths |= {p for p in content.index_files if p and p != content.pages_dir}
    post_folders = {s.folder for s in content.sources if s.kind in ("post", "page")}
    for path in sorted(paths):
        if content.root / path in post_folders:  # (a section's name file copied into a post)
            for lang, file in sorted(content.index_files.get(path, {}).items()):
                report.warn(f"{path}/{file.name}", (
                    f"tệp tên mục {file.name} nằm trong thư mục bài viết, nơi nó không được dùng: hãy "
                    f"xoá / {file.name} names a section, but it is in a post's folder, where it is "
                    "not used: delete it"))
            continue
        names = section_names(content, path)
        if content.languages[0] not in names:
            continue  # an error of the build (check_structure)
        for lang in content.languages:
            if lang not in names:
                report.warn(f"{path}/", (
                    f"mục chưa có tên tiếng {LANGUAGE_NAMES.get(lang, lang)}: tạo _index.{lang}.md "
                    f"với dòng 'Title: ...' / the section has no {lang} name: create _index.{lang}.md "
                    "with a 'Title:' line"))



def check_translations(content: Content, report: Report) -> None:
    """A translation whose original (in the default language) is missing. (Not a text
    in a language the site does not have, ``index.vn.md``: an error of its own, which
    this warning followed, saying the post showed on English pages.)"""
    default = content.languages[0]
    by_folder: dict[Path, set[str]] = defaultdict(set)
    for source in content.sources:
        if source.kind in ("post", "page"):
            by_folder[source.folder].add(source.lang)
    for source in content.sources:
        if source.kind in ("post", "page") and source.lang in content.languages[1:] \
                and default not in by_folder[source.folder]:
            report.warn(source.rel, (
                f"chưa có bản tiếng Việt index.{default}.md trong thư mục này; bài chỉ hiện ở "
                f"trang tiếng Anh / there is no index.{default}.md (the Vietnamese original) "
                "in this folder; the post shows on English pages only"))


# --- Photos ------------------------------------------------------------------------------------

#: Video files as phones and cameras save them: never published (README "Videos").
VIDEO_EXTENSIONS = (".mp4", ".mov", ".m4v", ".3gp", ".avi", ".mkv", ".webm", ".wmv", ".mts")


def copies(folder: Path, names: list[str]) -> list[tuple[str, str]]:
    """``(name, first)`` for each photo of ``names`` (files of one size) whose bytes are
    those of an earlier one (a photo copied twice from a phone, under two names)."""
    found: list[tuple[str, str]] = []
    kept: list[str] = []
    for name in sorted(names, key=lambda name: (len(name), name)):  # "IMG_0001 (1).jpg" is the copy
        first = next((k for k in kept if filecmp.cmp(folder / k, folder / name, shallow=False)), None)
        if first:
            found.append((name, first))
        else:
            kept.append(name)
    return found


def check_photos(content: Content, settings: dict, report: Report) -> None:
    limit_mb = settings.get("CHECK_MAX_PHOTO_MB", STAFF_DEFAULTS["CHECK_MAX_PHOTO_MB"])
    limit = limit_mb * 1024 * 1024
    max_pixels = photo_settings(settings)["PHOTOS_MAX_PIXELS"]
    folders = sorted({s.folder for s in content.sources if s.kind in ("post", "page")})
    used = {content.rel(folder) for folder in folders}
    static = [path.strip("/") for path in settings.get("STATIC_PATHS") or []]  # copied as they are
    misnamed = {error.path.rpartition("/")[0] for error in content.misnamed}  # said: its text's name
    # (the text's typography, which captions get: the words a warning quotes as shown)
    typography = replace(options_from(settings), typogrify=bool(settings.get("TYPOGRIFY")))
    texts = [s for s in content.sources if s.kind in ("post", "page") and s.text is not None]
    drafts = {(s.folder, s.lang) for s in texts if s.is_draft}
    refs = {source.rel: find_refs(source.body) for source in texts}
    placed = set()  # photos a post's text places, from a folder inside its own too ("anh/lop.jpg")
    figures: dict[tuple[Path, str], set[str]] = defaultdict(set)  # (folder, language) -> its figures
    missing: dict[int, str] = {}  # id() of a picture's reference (``refs``) -> what is wrong with it
    for source in texts:
        for ref in refs[source.rel]:
            if ref.kind in ("image", "link") and kind_of(ref.target) == "site" and is_local_src(ref.target):
                name, problem = _check_src(str(source.folder), ref.target)  # as the photos plugin reads it
                placed.add(os.path.normpath(source.folder / name))
                if ref.kind == "image":
                    figures[(source.folder, source.lang)].add(name)
                    if problem:
                        missing[id(ref)] = problem
    for rel in sorted(set(content.folders) - used - misnamed):
        if any(rel == path or rel.startswith(path + "/") or not path for path in static):
            continue
        lost = [name for name in folder_photos(str(content.root / rel))
                if os.path.normpath(content.root / rel / name) not in placed]
        if lost:
            names = ", ".join(lost[:3]) + (", …" if len(lost) > 3 else "")
            report.warn(f"{rel}/" if rel else "./", (
                f"{len(lost)} ảnh ({names}) không nằm trong thư mục bài viết nào nên không hiện trên "
                f"trang; hãy chép vào thư mục của bài / {len(lost)} photo(s) ({names}) in no post's "
                "folder, so not shown; copy them into the post's folder"))
    for folder in folders:
        rel_folder = content.rel(folder)
        same: dict[str, list[str]] = defaultdict(list)  # names that differ only in capitals
        by_size: dict[int, list[str]] = defaultdict(list)  # (copies of one photo have one size)
        photos = folder_photos(str(folder))  # the photos the build takes from the folder
        for name in photos:
            same[nfc_key(name)].append(name)
            size = (folder / name).stat().st_size
            by_size[size].append(name)
            if size > limit:
                mb = f"{math.ceil(size / 1024 / 1024 * 10) / 10:.1f}"  # (up: "20,0 MB, at most 20")
                report.error(f"{rel_folder}/{name}", (
                    f"ảnh nặng {mb.replace('.', ',')} MB, tối đa {limit_mb} MB: hãy thu nhỏ ảnh "
                    f"(ví dụ chụp lại ở cỡ vừa hoặc gửi qua Zalo rồi lưu) / the photo is {mb} MB, "
                    f"at most {limit_mb} MB (CHECK_MAX_PHOTO_MB); make it smaller"))
                continue
            try:  # what the build would refuse: an empty, damaged or huge file
                check_file(str(folder / name), max_pixels)
            except PhotoError as error:
                report.error(f"{rel_folder}/{name}", f"tệp ảnh {error.vi} / the photo {error.en}")
        for group in by_size.values():
            for name, first in copies(folder, group):
                report.warn(f"{rel_folder}/{name}", (
                    f"ảnh này giống hệt '{first}': bài sẽ hiện ảnh hai lần; hãy xoá một tệp / the same "
                    f"photo as '{first}': the post shows it twice; delete one"))
        names = sorted(os.listdir(folder))
        report.errors.extend(folder_mistakes(rel_folder, names, content.languages))
        # An iPhone's Live Photo copied whole: IMG_4321.HEIC (or .JPG) and IMG_4321.MOV.
        stems = {os.path.splitext(name)[0].casefold(): name for name in names
                 if name.lower().endswith((".heic", ".heif", ".jpg", ".jpeg"))}
        for name in names:
            live = stems.get(os.path.splitext(name)[0].casefold()) if name.lower().endswith(".mov") else None
            if live and (folder / name).is_file():
                report.warn(f"{rel_folder}/{name}", (
                    f"đây là phần video (Live Photo) của ảnh '{live}' chụp bằng iPhone: trang chỉ dùng ảnh, "
                    f"hãy xoá tệp này / this is the moving part of the iPhone Live Photo '{live}': the site "
                    "uses the photo only; delete this file"))
            elif name.lower().endswith(VIDEO_EXTENSIONS) and (folder / name).is_file():
                report.warn(f"{rel_folder}/{name}", (
                    "tệp video không được đưa lên trang (quá nặng với người đọc dùng điện thoại): hãy "
                    "đưa video lên YouTube rồi dán đường liên kết của nó vào bài thành một đoạn riêng / "
                    "video files are not published (too heavy for readers on phones): upload it to "
                    "YouTube and paste its address into the post as a paragraph of its own"))
        for names in same.values():
            first, *others = sorted(names)
            for name in others:
                report.warn(f"{rel_folder}/{name}", (
                    f"tên ảnh chỉ khác '{first}' ở chữ hoa/thường: máy Windows hay Mac coi hai tệp "
                    f"là một, chép thư mục sang đó sẽ mất một ảnh; hãy đổi tên một ảnh / differs from "
                    f"'{first}' only in capitals: Windows and Mac take them for one file, and "
                    "copying the folder there loses a photo; rename one"))
        for lang in content.languages:
            captions, problems = read_captions(str(folder), lang, rel_folder)
            report.errors.extend(problems)
            for photo, written in captions.items():
                for address, words in words_only_links(written, settings.get("MARKDOWN") or {}, typography):
                    report.warn(f"{rel_folder}/captions.{lang}.txt", (
                        f"liên kết tới '{address}' trong chú thích ảnh chỉ hiện thành chữ '{words}', "
                        "bấm vào không được: chú thích chỉ giữ liên kết tới một trang web (https://…); "
                        "hãy đặt liên kết này trong bài viết / the link to "
                        f"'{address}' in a photo's caption shows only as its words '{words}', which "
                        "cannot be clicked: a caption keeps only links to a web address (https://…); "
                        "put this link in the post's text"), captions.lines[photo])
                for address, words in words_only_pictures(written, settings.get("MARKDOWN") or {},
                                                           typography):
                    shown_vi = f"chỉ hiện thành chữ '{words}'" if words else "không hiện gì"
                    shown_en = f"shows only as its words '{words}'" if words else "shows nothing"
                    report.warn(f"{rel_folder}/captions.{lang}.txt", (
                        f"ảnh '{address}' trong chú thích ảnh {shown_vi}: chú thích không chứa được ảnh; "
                        "hãy chép ảnh vào thư mục bài (ảnh tự hiện trong bộ ảnh cuối bài, chú thích của "
                        "nó viết trên dòng riêng) hoặc chèn ảnh vào nội dung bài / the picture "
                        f"'{address}' in a photo's caption {shown_en}: a caption cannot hold a picture; "
                        "put the photo in the post's folder (it appears in the gallery by itself, with its "
                        "caption on a line of its own) or put the picture in the post's text"),
                        captions.lines[photo])
        captioned = [lang for lang in content.languages if (folder / f"captions.{lang}.txt").is_file()]
        for lang in content.languages:
            # (the language's gallery: the folder's photos its own text does not place)
            gallery = [name for name in photos if name not in figures[(folder, lang)]]
            # (a draft, as invoke new --en makes the English one, has no page yet: its gallery's
            # captions are said when its "Status: draft" line is removed)
            if captioned and lang not in captioned and (folder / f"index.{lang}.md").is_file() and gallery \
                    and (folder, lang) not in drafts:
                report.warn(f"{rel_folder}/captions.{captioned[0]}.txt", (
                    f"không có captions.{lang}.txt: ảnh cuối bài ở trang '{lang}' sẽ không có chú thích / "
                    f"there is no captions.{lang}.txt: the gallery of the '{lang}' page has no captions"))
    for source in texts:
        for ref in refs[source.rel]:
            if id(ref) in missing:
                report.error(source.rel, missing[id(ref)], ref.line)
            elif ref.kind == "image" and kind_of(ref.target) == "external":
                host = host_of(ref.target)
                report.warn(source.rel, (
                    f"ảnh lấy từ trang khác ({host}) không được thu nhỏ cho người đọc dùng điện thoại "
                    "và sẽ mất khi trang đó xoá nó; hãy tải ảnh về thư mục bài rồi chèn bằng "
                    f"![Chú thích](ten-anh.jpg) / a photo from another site ({host}) is not made smaller "
                    "for readers on phones and is gone when that site removes it; save it into the "
                    "post's folder and insert it with ![Caption](name.jpg)"), ref.line)


def error_lines(content: Path) -> list[str]:
    """What would stop ``invoke publish`` in ``content``, one line each: shown by the live
    preview and after a failed ``invoke build``."""
    from .project import read_settings

    return check(content, read_settings(content=content)).error_lines()


def main() -> None:
    """``python -m staff.check CONTENT``: ``error_lines`` as a JSON list (the live preview
    runs it in a process of its own after each build: ``staff/preview.py``)."""
    print(json.dumps(error_lines(Path(sys.argv[1])), ensure_ascii=False))


if __name__ == "__main__":
    main()

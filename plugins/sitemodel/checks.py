"""Checks of the content format beyond what the model needs: each post's metadata lines,
folder names, names that clash, files written twice, links leading out of the content.

Each check returns every mistake it finds as ``ContentError``s; ``sitemodel.py`` reports
them together with the model's own (``errors.fail``).
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import fnmatch
import os
import re
import unicodedata
from typing import Any, Iterable

from .build import MARKDOWN_TAB, read_header_block
from .errors import ContentError
from .files import close_name, tree_entries
from .model import SiteModel
from .text import VIETNAMESE_SYLLABLE, clean_pasted, line_at, plain_words

# README: "2020-07-14 08:30" or "2020-07-14", local time. Anything else is refused rather
# than guessed: "05/07/2020" would be read as May 7 and "2020-07" would take today's day.
DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
DATE_KEYS = ("date", "modified")
# Lines Pelican would obey but the content format decides from the folder.
FROM_FOLDER = ("slug", "save_as", "url", "template")
STATUSES = ("published", "draft")
#: Values Pelican keeps one line of (the reader too: a second value is a key written
#: twice, refused above): continued on an indented line, the rest would be dropped.
#: And ``Expires:``, whose lines joined read as a date and a time ("2031-01-01" 20:31).
ONE_LINE_KEYS = ("date", "modified", "status", "author", "expires")
#: The metadata lines of the content format (README): one of them in the text's first
#: paragraph is metadata Markdown did not read as such (``misplaced_metadata``).
HEADER_KEYS = ("title", "date", "modified", "summary", "author", "tags", "status", "pinned", "expires",
               "aliases", "order")
#: ... of a post: ``Order:`` places a static page in the menu, nothing in a post.
POST_KEYS = tuple(key for key in HEADER_KEYS if key != "order")
#: A line that reads as "Key: value" to people: a space before the colon, or a full-width one.
KEY_LIKE = re.compile(r"^\s{0,3}(?P<key>[A-Za-z][A-Za-z_-]*)\s*[:\uff1a]")
#: Lines Pelican reads that the content format takes from the path: said by invoke check.
FROM_PATH = ("lang", "category")


#: Every key a metadata line is read with: the content format's, and those refused or
#: warned of with words of their own.
METADATA_KEYS = HEADER_KEYS + FROM_FOLDER + FROM_PATH


def metadata_key(key: str) -> bool:
    """A ``Key:`` of the metadata block is metadata when the site knows it or it is
    meant for one the site knows (a typo, "Tittle"; a Vietnamese name, "Ngay"). Any
    other ("Hotline", "Email", "Website") written last in the block is the text's first
    line, as its writer meant (``sitemodel.build.parse_header``): Markdown took it for
    metadata, and the line was gone from the page."""
    key = key.lower()
    return key in METADATA_KEYS or suggested_key(key, HEADER_KEYS) is not None


def unknown_metadata(key: str, label: str, known: tuple[str, ...]) -> str | None:
    """What to say of the metadata line ``label:`` (``key`` in lower case) of a file whose
    lines may be ``known`` (a post's, a page's): None when it is one of them or said
    otherwise (``FROM_FOLDER``, ``FROM_PATH``). The build's words and invoke check's."""
    if key in known + FROM_FOLDER + FROM_PATH:
        return None
    close = meant_by(key, known)
    message = unknown_key_message(label, close, known)
    if close is None and not metadata_key(key):  # ("Hotline:" among the metadata lines)
        vi, en = message.split(" / ", 1)
        message = (f"{vi}; nếu đó là chữ của bài, hãy viết nó dưới các dòng thông tin, sau một dòng trống / "
                   f"{en}; if it is the post's text, write it below the metadata lines, after a blank line")
    return message


def meant_by(key: str, known: tuple[str, ...]) -> str | None:
    """The key an unknown one (``unknown_metadata``) was meant to be, as its message names it."""
    return suggested_key(key, known + FROM_PATH)


def from_folder_message(label: str) -> str:
    return (f"dòng '{label}:' không dùng được: địa chỉ lấy từ tên thư mục, hãy xoá dòng này / "
            f"'{label}:' is not used: the address comes from the folder name; remove this line")


def close_key(key: str, known: tuple[str, ...]) -> str | None:
    """The known key ``key`` looks like a typo of, if one."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_key_message(label: str, close: str | None, known: tuple[str, ...]) -> str:
    vi = f" (có phải '{close.capitalize()}:'?)" if close else ""
    en = f" (did you mean '{close.capitalize()}:'?)" if close else ""
    allowed = ", ".join(k.capitalize() for k in known)
    return (f"không hiểu dòng '{label}:'{vi}; các dòng dùng được: {allowed} / "
            f"unknown metadata '{label}:'{en}; use one of: {allowed}")


def date_message(value: str) -> str:
    """A ``Date:`` (or ``Modified:``) the build cannot read: the build's and check's words.

    One written in the right form but not on the calendar (``2026-02-30``, ``2026-13-05``,
    ``08:75``) is told what is wrong with it: "cannot read, write 2020-07-14" left its
    writer looking for a difference of form that was not there."""
    match = DATE_TEXT.match(value.strip())
    if match is not None:
        year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
        if not 1 <= month <= 12:
            return (f"ngày '{value}' không có trên lịch: không có tháng {month}; viết năm-tháng-ngày, "
                    f"ví dụ 2020-07-14 / the date '{value}' is not on the calendar: there is no month "
                    f"{month}; write year-month-day, e.g. 2020-07-14")
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return (f"ngày '{value}' không có trên lịch: tháng {month} năm {year} có {days} ngày; "
                    f"hãy sửa lại ngày / the date '{value}' is not on the calendar: month {month} of "
                    f"{year} has {days} days; correct the day")
        if hour > 23 or minute > 59 or second > 59:
            return (f"giờ trong ngày '{value}' không có: giờ từ 00:00 tới 23:59, ví dụ 2020-07-14 08:30 / "
                    f"the time in '{value}' does not exist: from 00:00 to 23:59, e.g. 2020-07-14 08:30")
    return (f"ngày '{value}' không đọc được, viết 2020-07-14 hoặc 2020-07-14 08:30 / "
            f"cannot read the date '{value}'; write 2020-07-14 or 2020-07-14 08:30")


def status_message(value: str) -> str:
    """A ``Status:`` other than ``draft``: the build's and check's words."""
    return (f"'Status: {value}' không hiểu được, chỉ dùng 'Status: draft' (bản nháp) / unknown "
            f"'Status: {value}'; write 'Status: draft' or leave the line out")


def indented_key(value: str, first: int) -> tuple[int, str, str | None] | None:
    """A line continuing a metadata value that is itself a metadata line, indented (a tab
    or spaces before "Tags:" or "Author:"): Markdown reads it as more of the line above,
    so "Author: ..." became the end of the summary, without a word; its line, its text,
    and the key it was meant to be when it is mistyped ("Tgas:", "Athor:", or "Tâgs:" as
    a Vietnamese keyboard types it: ``suggested_key``, as ``metadata_key`` tells a typo
    at the block's end; ``vietnamese_key``), else None.
    Other words before a colon ("Lưu ý: …", "Hotline: …", "Chủ đề: …") are the value's."""
    for number, part in enumerate(value.split("\n")):
        if not number:
            continue
        if (match := KEY_LIKE.match(part)) and ":" in part:
            key = match["key"].lower()
            if key in HEADER_KEYS:
                return first + number, part.strip(), None
            if meant := suggested_key(key, HEADER_KEYS):
                return first + number, part.strip(), meant
        elif (name := NAME_LIKE.match(part)) and " " not in name["key"] and not name["key"].isascii() and \
                plain_words(name["key"]) not in VIETNAMESE_KEYS and (meant := vietnamese_key(name["key"])):
            return first + number, part.strip(), meant
    return None


def indented_key_message(shown: str, label: str, meant: str | None = None) -> str:
    """``indented_key``'s line ``shown`` under ``label:``; a mistyped key's (``meant``) may
    also be the value's words, and is told how to keep them."""
    if meant is None:
        return (f"dòng '{shown}' bị thụt vào đầu dòng nên bị đọc là phần tiếp theo của dòng '{label}:' ở trên; "
                f"hãy xoá khoảng trắng ở đầu dòng / '{shown}' is indented, so it is read as the rest of "
                f"the '{label}:' line above; remove the space at the start of the line")
    name = meant.capitalize()
    return (f"dòng '{shown}' bị thụt vào đầu dòng nên bị đọc là phần tiếp theo của dòng '{label}:' ở trên; "
            f"nếu đó là dòng '{name}:', hãy sửa tên thành '{name}:' và xoá khoảng trắng ở đầu dòng; nếu là chữ "
            f"của '{label}:', hãy viết nó tiếp vào cuối dòng trên / '{shown}' is indented, so it is read as the "
            f"rest of the '{label}:' line above; if it is the '{name}:' line, write '{name}:' and remove the "
            f"space at the start of the line; if it is part of '{label}:', write it on at the end of the line above")


def one_line_message(label: str) -> str:
    return (f"'{label}:' viết tiếp sang dòng dưới nên phần sau sẽ bị bỏ; hãy viết trên một dòng / "
            f"'{label}:' goes on over the next line, whose words would be dropped; write it on one line")


def empty_file_message(page: bool) -> str:
    """A post's or page's file holding nothing (made and not written yet, or emptied by a
    copy or a sync that failed): said so, not as a missing title and date."""
    needed = "'Title:'" if page else "'Title:' và 'Date:'"
    needed_en = "'Title:'" if page else "'Title:' and 'Date:'"
    return (f"tệp trống: hãy viết {needed} ở đầu tệp rồi nội dung, hoặc xoá tệp / the file is empty: "
            f"write {needed_en} at its top, then the text, or delete the file")


def blank_file(path: str) -> bool:
    """The file holds nothing but spaces, blank lines and what shows as nothing."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return not clean_pasted(text).strip()


def parse_date(text: str) -> datetime.datetime | None:
    """A ``Date:`` value in the README's format, or None."""
    match = DATE_TEXT.match(text.strip())
    if match is None:
        return None
    try:
        return datetime.datetime(*(int(part) for part in match.groups() if part is not None))
    except ValueError:
        return None


#: Metadata names written in Vietnamese (compared without accents, but for "thẻ", which
#: would be "the"): Markdown reads only English ones, so "Tiêu đề: ..." ended the header.
VIETNAMESE_KEYS = {
    "tieu de": "title", "tua de": "title", "ten bai": "title", "ngay": "date", "ngay dang": "date",
    "ngay viet": "date", "thoi gian": "date", "ngay sua": "modified", "ngay cap nhat": "modified",
    "cap nhat": "modified", "tom tat": "summary", "mo ta": "summary", "tac gia": "author",
    "nguoi viet": "author", "thẻ": "tags", "chu de": "tags", "tu khoa": "tags", "trang thai": "status",
    "ghim": "pinned", "het han": "expires", "dia chi cu": "aliases", "thu tu": "order", "tit": "title",
}
#: A line beginning with a name of up to three words and a colon.
NAME_LIKE = re.compile(r"^\s*(?P<key>[^\W\d_]+(?: [^\W\d_]+){0,2})\s*[:\uff1a]")


def meant_key(line: str) -> str | None:
    """The metadata key (``title``) a line Markdown read as text was meant to be: an
    English one written so that Markdown did not read it ("Title :", "\tTitle:"), or a
    Vietnamese name ("Tiêu đề:")."""
    if (match := KEY_LIKE.match(line)) and match["key"].lower() in HEADER_KEYS:
        return match["key"].lower()
    key = vietnamese_key(match["key"]) if (match := NAME_LIKE.match(line)) else None
    if key in DATED_KEYS and DATE_LIKE.search(line, match.end()) is None:
        return None  # ("Thời gian: 7h30 – 17h00": a page's office hours, its text)
    return key


#: The keys whose value is a date, and a date as staff write one (2024-05-02, 02/05/2024,
#: 2.5.2024): a line named "Thời gian:" or "Ngày:" that holds none is the text's line
#: ("Thời gian: 7h30 – 17h00, thứ Hai đến thứ Sáu" under a page's Title: stopped the
#: build, which asked for "Date: …").
DATED_KEYS = ("date", "modified", "expires")
DATE_LIKE = re.compile(r"\d{1,4} ?[-/.] ?\d{1,2} ?[-/.] ?\d{1,4}")


def vietnamese_key(name: str) -> str | None:
    """The metadata key a Vietnamese name stands for ("Tiêu đề", "Tieu de": ``title``),
    or an English name a Vietnamese keyboard put accents on ("Tâgs", "Tág": Telex reads
    a key's "s" as an accent and may eat it; "Summảy"): Markdown reads no key with an
    accent, so the line was the text's first line and the tags were gone, silently. A
    Vietnamese word is never such a name (``VIETNAMESE_SYLLABLE``)."""
    name = " ".join(name.casefold().split())
    plain = plain_words(name)
    key = VIETNAMESE_KEYS.get(name if plain == "the" else plain)
    if key is None and " " not in name and not name.isascii() and not VIETNAMESE_SYLLABLE.fullmatch(plain):
        key = close_key(plain, HEADER_KEYS)
    return key


def suggested_key(key: str, known: tuple[str, ...]) -> str | None:
    """The known key an unknown one was meant to be: a typo ("Tittle"), or a Vietnamese
    name Markdown read ("Ngay", "Ghim")."""
    return close_key(key, known) or (meant if (meant := vietnamese_key(key)) in known else None)


def unread_keys(entries: list[tuple[int, str, str]], after: list[tuple[int, str]],
                misplaced: list[ContentError]) -> set[str]:
    """The metadata keys written in the text's first paragraph, when ``misplaced_metadata``
    found some: not "missing" too, as if the line were not there. A line a message names
    ("Date 2024-05-02", its colon forgotten: ``stopped_header_message``) is its first
    word's ("Date")."""
    if not misplaced:
        return set()
    have = {key for _, key, _ in entries}
    named = {error.line for error in misplaced}
    meant = {meant_key(line) for _, line in after}
    meant |= {written[1].lower() for number, line in after
              if number in named and (written := MISTYPED_KEY.match(line))}
    return {key for key in meant if key and key not in have}


def misplaced_metadata(rel: str, entries: list[tuple[int, str, str]], blank: int | None,
                       after: list[tuple[int, str]], required: tuple[str, ...] = ()) -> list[ContentError]:
    """Metadata lines Markdown reads as the text's first words: below a blank line that
    ended the header ("Status: draft" there would publish the draft, with the words on
    the page), written so that they ended the header ("Status : draft", a tab before
    "Title:"), or named in Vietnamese where the header is ("Tiêu đề:", one error a line;
    not below the blank line, where "Thời gian: 8 giờ" or "Chủ đề: ..." is the text's).
    A line that ended the metadata written as one of the ``required`` lines, its colon
    forgotten ("Date 2024-05-02"), is said so, whether metadata lines follow it or not:
    the post needs that line, and it is there (not "missing 'Date:'" as well, which
    ``unread_keys`` tells)."""
    have = {key for _, key, _ in entries}
    errors = []
    for number, line in after if blank is None else ():
        key = meant_key(line)
        english = (match := KEY_LIKE.match(line)) and match["key"].lower() in HEADER_KEYS
        if key and key not in have and not english:  # (an English one: below)
            shown, name = line.strip(), key.capitalize()
            errors.append(ContentError(rel, (
                f"dòng '{shown}': tên các dòng thông tin đầu bài viết bằng tiếng Anh, hãy viết '{name}: …' / "
                f"'{shown}': metadata lines are named in English; write '{name}: …'"), number))
    if errors:
        return errors
    if (continued := continued_value(rel, entries, blank, after)) is not None:
        return [continued]
    for number, line in after:
        match = KEY_LIKE.match(line)
        key = match["key"].lower() if match else ""
        if key not in HEADER_KEYS or key in have:
            continue
        shown = line.strip()
        if blank is not None:
            why = (f"nằm dưới dòng trống ở dòng {blank}, nên bị coi là nội dung bài chứ không phải "
                   "thông tin đầu bài; hãy xoá dòng trống đó", f"is below the blank line on line {blank}, so "
                   "it is read as the post's text, not as metadata; remove that blank line")
        elif number == after[0][0] and line[:1].isspace() and line.expandtabs(MARKDOWN_TAB)[:4].isspace():
            why = ("không được đọc là thông tin đầu bài mà bị coi là nội dung bài; hãy xoá khoảng trắng "
                   "ở đầu dòng", "is not read as metadata but as the post's text; remove the space at "
                   "the start of the line")
        elif number == after[0][0]:
            # ("Title : …" or "Title： …", a full-width colon, as a Chinese or Japanese
            # keyboard types it, and the same hand or keyboard wrote "Date : …" so too):
            # each such line at once, not the next one once the first is mended.
            return colon_errors(rel, after, have, first=number)
        elif (written := MISTYPED_KEY.match(after[0][1])) and written[1].lower() in HEADER_KEYS:
            # ("Date 2024-01-03" above "Author: A"): the line to mend is the one that ended it,
            # and any below it that stays text once it is mended ("Title： …": all at once).
            return [ContentError(rel, stopped_header_message(after[0][1].strip(), written[1].capitalize()),
                                 after[0][0])] + colon_errors(rel, after[1:], have)
        else:
            # ("Hotline: 0912 345 678", "Phòng Đào tạo biên soạn" above "Tags: …"): the text.
            first, above = after[0][1].strip(), after[0][0]
            why = (f"nằm dưới dòng {above} '{first}', là dòng đầu của nội dung bài, nên cũng bị coi là nội "
                   "dung bài; các dòng thông tin phải đứng đầu tệp, rồi một dòng trống, rồi mới đến nội dung: "
                   f"hãy chuyển dòng này lên trên dòng {above}",
                   f"is below line {above} '{first}', the first line of the post's text, so it is read as "
                   "text too; the metadata lines come first, then a blank line, then the text: move this "
                   f"line up, above line {above}")
        return [ContentError(rel, f"dòng '{shown}' {why[0]} / '{shown}' {why[1]}", number)]
    if blank is None and after and not KEY_LIKE.match(after[0][1]) and \
            (written := MISTYPED_KEY.match(after[0][1])) and written[1].lower() in required and \
            written[1].lower() not in have:
        # ("Date 2024-05-02" and a blank line: the text's first line, and no date.)
        return [ContentError(rel, stopped_header_message(after[0][1].strip(), written[1].capitalize(), False),
                             after[0][0])]
    return []


#: What a full-width colon ("Title： …", as a Chinese or Japanese keyboard types it) is
#: told to become: the words of the metadata's message and the captions file's.
PLAIN_COLON = ("dấu hai chấm ':' thường, không phải '\uff1a'", "a plain colon ':', not '\uff1a'")


def colon_errors(rel: str, after: list[tuple[int, str]], have: set[str],
                 first: int | None = None) -> list[ContentError]:
    """One error for each line of the text's first paragraph that is a metadata line
    Markdown did not read for its colon: a space before it ("Title : …", then "Date :
    …"), a full-width one ("Title： …"), or none ("Date 2024-05-02" under "Title： …",
    read once that line is mended: it would be said then, and the post's date was said
    to be missing): all at once, not the next line once the one above is mended. Line
    ``first``, a metadata line that ended the header, is one of them whatever its colon."""
    errors = []
    for number, line in after:
        match = KEY_LIKE.match(line)
        if match is None and (written := MISTYPED_KEY.match(line)) and written[1].lower() in HEADER_KEYS \
                and written[1].lower() not in have:
            errors.append(ContentError(rel, stopped_header_message(line.strip(), written[1].capitalize(), False),
                                       number))
            continue
        if match is None or match["key"].lower() not in HEADER_KEYS or match["key"].lower() in have:
            continue
        shown, key, colon = line.strip(), match["key"], match.group(0)
        if "\uff1a" in colon:
            how = PLAIN_COLON
        elif colon[-2:-1].isspace() or number == first:
            how = ("không có dấu cách trước dấu hai chấm", "no space before the colon")
        else:  # ("Author: …" between them: read once the lines above it are mended)
            continue
        errors.append(ContentError(rel, (
            f"dòng '{shown}' không được đọc là thông tin đầu bài mà bị coi là nội dung bài; viết '{key}: …' "
            f"({how[0]}) / '{shown}' is not read as metadata but as the post's text; write '{key}: …' "
            f"({how[1]})"), number))
    return errors


#: A line's first word, as a metadata name is written ("Date 2024-01-03": a colon forgotten).
MISTYPED_KEY = re.compile(r"^\s*([A-Za-z]+)\b")


def stopped_header_message(shown: str, key: str | None = None, below: bool = True) -> str:
    """The line ``shown`` is no "Key: value" line, so the metadata ended there, and the
    metadata lines below it (``below``; or the line itself) were read as the post's text;
    what to write instead (``key``'s line, when the line is a metadata line written
    wrong). The build's words and check's."""
    write_vi, write_en = (f"'{key}: …'", f"'{key}: …'") if key else ("'Tên: giá trị'", "'Key: value'")
    if not below:
        return (f"dòng không có dạng 'Tên: giá trị' nên không được đọc là thông tin đầu bài mà bị coi là nội "
                f"dung bài: {shown!r}; viết {write_vi} (dấu hai chấm ngay sau tên) / not a 'Key: value' line, "
                f"so it is read as the post's text, not as metadata: {shown!r}; write {write_en} (the colon "
                "right after the name)")
    return (f"dòng không có dạng 'Tên: giá trị' nên phần thông tin đầu bài dừng ở đây: {shown!r}, và các "
            f"dòng thông tin dưới nó bị coi là nội dung bài; viết {write_vi} (dấu hai chấm ngay sau tên) / "
            f"not a 'Key: value' line, so the metadata ends here: {shown!r}, and the metadata lines below it "
            f"are read as the post's text; write {write_en} (the colon right after the name)")


#: Values a writer may continue on the next line, as a Word paragraph wraps.
CONTINUED_KEYS = ("title", "summary")
#: A line's first word, all letters (an address, "https://…" or "www.…", is no word);
#: one in lower case starts no sentence of the text.
FIRST_WORD = re.compile(r"^([^\W\d_]+)(?:[,.;!?]?\s|[,.;!?]?$)")


def continued_value(rel: str, entries: list[tuple[int, str, str]], blank: int | None,
                    after: list[tuple[int, str]]) -> ContentError | None:
    """A line right under ``Title:`` or ``Summary:`` (no blank line between) that starts
    with a word in lower case continues its value as the writer meant it ("Summary: Lớp
    bồi dưỡng cán bộ" then "hợp tác xã năm 2024."), but Markdown reads a continued value
    only from an indented line: the value was cut there, and its end was the text's
    first line. Said with both ways to write it."""
    if blank is not None or not entries or not after or entries[-1][1] not in CONTINUED_KEYS:
        return None
    first, key, value = entries[-1]
    number, line = after[0]
    if number != first + value.count("\n") + 1 or not ((word := FIRST_WORD.match(line.strip())) and word[1].islower()):
        return None
    shown, name = line.strip(), key.capitalize()
    return ContentError(rel, (
        f"dòng '{shown}' ngay dưới dòng '{name}:' bị coi là dòng đầu của nội dung bài; nếu nó viết tiếp "
        f"'{name}:', hãy thụt vào bốn dấu cách; nếu là nội dung bài, thêm một dòng trống trước nó / "
        f"'{shown}' right under '{name}:' is read as the text's first line; if it continues '{name}:', "
        "indent it by four spaces; if it is the text, put a blank line before it"), number)


def required_keys(page: bool) -> tuple[str, ...]:
    """The metadata lines a page (``page``) or a post must have: the build's and check's."""
    return ("title",) if page else ("title", "date")


def check_header(path: str, rel: str, page: bool = False) -> list[ContentError]:
    """Every mistake in the metadata lines of one post (or static page)."""
    required, known = required_keys(page), HEADER_KEYS if page else POST_KEYS
    entries, blank, after = read_header_block(path)
    if not entries and not after and blank_file(path):
        return [ContentError(rel, empty_file_message(page), 1)]
    errors: list[ContentError] = []
    errors.extend(misplaced := misplaced_metadata(rel, entries, blank, after, required))
    unread = unread_keys(entries, after, misplaced)  # (and the keys typos were meant to be, below)
    seen: dict[str, int] = {}
    for number, key, value in entries:
        label = key.capitalize()
        if key in seen:
            errors.append(ContentError(rel, (
                f"dòng '{label}:' đã có ở dòng {seen[key]} / '{label}:' is already on line {seen[key]}"),
                number))
            continue
        seen[key] = number
        if indented := indented_key(value, number):
            errors.append(ContentError(rel, indented_key_message(indented[1], label, indented[2]), indented[0]))
        elif key in ONE_LINE_KEYS and "\n" in value:
            errors.append(ContentError(rel, one_line_message(label), number))
        elif key in DATE_KEYS and value and parse_date(value) is None:
            errors.append(ContentError(rel, date_message(value), number))
        elif key in FROM_FOLDER:
            errors.append(ContentError(rel, from_folder_message(label), number))
        elif unknown := unknown_metadata(key, label, known):
            # A typo ("Tittle:", "Tag:", "Sumary:"), or a line like no metadata among
            # them ("Hotline:" above "Date:"): Pelican kept it as a value no page reads.
            errors.append(ContentError(rel, unknown, number))
            unread.add(meant_by(key, known))  # ("Dtae:": said so, not "missing 'Date:'" too)
        elif key == "status" and value.lower() not in STATUSES:
            errors.append(ContentError(rel, status_message(value), number))
    for key in required:
        value = next((v for _, k, v in entries if k == key), None)
        if not value and key not in unread:  # (not "missing" too: written, but not read)
            label = key.capitalize()
            example = "Title: Tên bài" if key == "title" else "Date: 2020-07-14 08:30"
            message = empty_value_message(key) if key in seen else (
                f"thiếu dòng '{label}:' ở đầu tệp (ví dụ '{example}') / missing '{label}:' "
                f"at the top of the file (e.g. '{example}')")
            errors.append(ContentError(rel, message, seen.get(key, 1)))
    return errors


def empty_value_message(key: str) -> str:
    """A ``Title:`` or ``Date:`` line written with nothing after its colon (a template's
    line left to fill): the build's words and check's. It was told "missing 'Title:'",
    the line being there."""
    what, what_en, example = {"title": ("tiêu đề bài", "title", "Title: Tên bài"),
                              "date": ("ngày đăng", "date", "Date: 2020-07-14 08:30")}[key]
    label = key.capitalize()
    return (f"dòng '{label}:' còn trống: viết {what} sau dấu hai chấm (ví dụ '{example}') / "
            f"the '{label}:' line is empty: write the {what_en} after its colon (e.g. '{example}')")


def source_line(text: str, needle: str) -> int | None:
    """The line of ``text`` where ``needle`` first appears, or None."""
    at = text.find(needle)
    return None if at < 0 else line_at(text, at)


# --- Checks of the whole site, after the model is built ---------------------------------

# Characters a folder name (a piece of the address) cannot hold: they end or change the
# address ("#", "?", "%", "/"), need escaping in it (spaces, quotes, "<", ">") or are
# invisible. Letters of any language, digits, "-", "_" and "." are fine.
URL_UNSAFE = re.compile(r"[\s#?%\"'<>\\^`{|}\[\]\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
#: A section's later pages are <section>/page/2/...: no post or subsection may be "page".
PAGINATION_NAME = "page"


def check_headers(articles: Iterable[Any], pages: Iterable[Any]) -> list[ContentError]:
    """``check_header`` of every published post and page."""
    errors: list[ContentError] = []
    for item, page in [(a, False) for a in articles] + [(p, True) for p in pages]:
        errors.extend(check_header(item.source_path, item.relative_source_path, page))
    return errors


def same_name_key(name: str) -> str:
    """Names that differ only in capitals or in how accents are encoded (NFC/NFD) are
    the same name to a reader, to macOS and Windows disks, and to many web hosts."""
    return unicodedata.normalize("NFC", name).casefold()


def check_folder_names(model: SiteModel, content_path: str) -> list[ContentError]:
    """Every section, post and page folder name can be part of an address."""
    folders = [s.path for s in model.sections.values() if s.path]
    folders += [_rel(p.folder, content_path) for p in model.posts]
    folders += [page_folder(page) for lang_pages in model.pages.values() for page in lang_pages]
    errors = []
    for folder in sorted(set(folders)):
        name = folder.rsplit("/", 1)[-1]
        if URL_UNSAFE.search(name) or name.startswith("."):
            errors.append(ContentError(folder + "/", (
                f"tên thư mục '{name}' có ký tự không dùng được trong địa chỉ trang (khoảng "
                f"trắng, #, ?, %...): chỉ dùng chữ, số và dấu '-' / the folder name '{name}' "
                "has characters an address cannot hold (spaces, #, ?, %…): use letters, "
                "digits and '-'")))
    return errors


def _rel(path: str, content_path: str) -> str:
    return os.path.relpath(path, content_path).replace(os.sep, "/")


def page_folder(page: Any) -> str:
    """``pages/<slug>`` of a static page (its folder, relative to the content folder)."""
    parts = page.source_path.replace(os.sep, "/").split("/")
    return "/".join(parts[-3:-1])


def check_duplicate_slugs(model: SiteModel) -> list[ContentError]:
    """No two folders side by side may have names that are the same to a reader
    (``same_name_key``): their addresses would be confused or, on many hosts, clash."""
    errors = []
    for section in model.root.walk():
        names = [p.slug for p in section.posts] + [s.slug for s in section.children]
        errors.extend(_same_names(names, section.path + "/" if section.path else ""))
    errors.extend(check_pagination_names(model))
    page_names = sorted({page_folder(p).rsplit("/", 1)[-1] for ps in model.pages.values() for p in ps})
    errors.extend(_same_names(page_names, "pages/"))
    return errors


def check_pagination_names(model: SiteModel) -> list[ContentError]:
    """No post or subsection may take the name of a section's next pages (``page/2/``)."""
    errors = []
    for section in model.root.walk():
        if section.is_root:
            continue
        where = section.path + "/"
        for name in [p.slug for p in section.posts] + [s.slug for s in section.children]:
            if same_name_key(name) == PAGINATION_NAME:
                errors.append(ContentError(f"{where}{name}/", (
                    f"tên '{name}' dành cho các trang tiếp theo của mục ({where}page/2/), "
                    f"hãy đổi tên thư mục / the name '{name}' is kept for the section's "
                    f"next pages ({where}page/2/); rename the folder")))
    return errors


def _same_names(names: Iterable[str], where: str) -> list[ContentError]:
    groups: dict[str, set[str]] = {}
    for name in names:
        groups.setdefault(same_name_key(name), set()).add(name)
    errors = []
    for group in groups.values():
        if len(group) > 1:
            first, *others = sorted(group)
            for other in others:
                errors.append(ContentError(f"{where}{other}/", (
                    f"trùng tên với '{where}{first}/' (chỉ khác chữ hoa hay cách gõ dấu) / "
                    f"has the same name as '{where}{first}/' (only capitals or the encoding of "
                    "accents differ); rename one of them")))
    return errors


def taken_addresses(model: SiteModel, taken: dict[str, tuple[str, str]], setting: str) -> list[ContentError]:
    """A section folder or static page whose address a page of a feature would take.

    ``taken`` maps a folder under each language's prefix (``tim-kiem``) to what takes it,
    in Vietnamese and English; ``setting`` is the setting that moves it."""
    errors = []
    for path, (vi, en) in sorted(taken.items()):
        if path in model.sections:
            errors.append(ContentError(path + "/", (
                f"địa chỉ của thư mục này trùng với {vi}; hãy đổi tên thư mục / "
                f"this folder's address is taken by {en}; rename the folder "
                f"(or change {setting})")))
        for pages in model.pages.values():
            for page in pages:
                if page.slug == path:
                    errors.append(ContentError(page.relative_source_path, (
                        f"địa chỉ của trang này trùng với {vi}; hãy đổi tên thư mục / "
                        f"this page's address is taken by {en}; rename its folder "
                        f"(or change {setting})")))
    return errors


def planned_outputs(model: SiteModel) -> dict[str, list[str]]:
    """Every page and feed file the build will write -> what writes it (for messages)."""
    outputs: dict[str, list[str]] = {}

    def add(path: str, source: str) -> None:
        outputs.setdefault(path, []).append(source)

    for lang in model.languages:
        add(model.home_url(lang) + "index.html", f"home page ({lang})")
        for section in model.root.walk():
            if section.is_root or not model.has_page(section, lang):
                continue
            add(model.section_url(section, lang) + "index.html", f"{section.path}/ ({lang})")
        for section in model.root.walk():
            if model.listing(section, lang):
                for kind in ("atom", "rss"):
                    add(model.feed_url(section, lang, kind), f"{section.path or 'site'} feed ({lang})")
    for post in model.posts:
        for lang, article in sorted(post.versions.items()):
            save_as = getattr(article, "save_as", None)
            if save_as:
                add(save_as, article.relative_source_path)
    for lang_pages in model.pages.values():
        for page in lang_pages:
            if getattr(page, "save_as", None):
                add(page.save_as, page_folder(page) + "/" + os.path.basename(page.source_path))
    return outputs


def check_output_collisions(model: SiteModel, reserved: Iterable[str] = (),
                            reported: Iterable[str] = ()) -> list[ContentError]:
    """No two things may be written to the same file (names the same to a reader count
    as the same), no file may stand where another needs a folder, and nothing may be
    written into a ``reserved`` top-level folder (the theme's files). Clashes inside
    the ``reported`` folders (``check_duplicate_slugs`` named them) are not repeated."""
    reported = ["/" + same_name_key(folder.strip("/")) + "/" for folder in reported]
    outputs = planned_outputs(model)
    by_key: dict[str, list[tuple[str, str]]] = {}
    for path, sources in outputs.items():
        for source in sources:
            by_key.setdefault(same_name_key(path), []).append((path, source))
    errors = []
    for key, writers in sorted(by_key.items()):
        if len(writers) > 1 and not any(folder in "/" + key for folder in reported):
            names = " và / and ".join(sorted(source for _, source in writers))
            where = next((source for _, source in sorted(writers) if source.endswith(".md")), key)
            errors.append(ContentError(where, (
                f"{names} cùng được ghi vào /{writers[0][0]}, hãy đổi tên một thư mục / "
                f"would both be written to /{writers[0][0]}; rename one of the folders")))
    files = {same_name_key(p) for p in outputs}
    reserved_keys = {same_name_key(r) for r in reserved}
    for path, sources in sorted(outputs.items()):
        parts = path.split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            if same_name_key(folder) in files or (i == 1 and same_name_key(folder) in reserved_keys):
                errors.append(ContentError(sources[0], (
                    f"địa chỉ /{folder}/ đã được dùng cho việc khác, hãy đổi tên thư mục / "
                    f"the address /{folder}/ is already used for something else; rename "
                    "the folder")))
                break
    return errors


#: Files Pelican is told to ignore (``IGNORE_FILES``) that the plugins read themselves.
READ_ANYWAY = ("_index.*.md", "captions.*.txt")


def check_files(content_path: str, ignore: Iterable[str] = ()) -> list[ContentError]:
    """``file_problems``, together."""
    unreadable, links = file_problems(content_path, ignore)
    return unreadable + links


def file_problems(content_path: str, ignore: Iterable[str] = ()) -> tuple[list[ContentError], list[ContentError]]:
    """Files and folders of the content folder that cannot be read (one the build could
    not read stopped it with a traceback, or was "missing its Title:"), but those
    nothing reads (``ignore``: ``IGNORE_FILES``, ".DS_Store", "~$bai.docx"); and symbolic
    links that do not lead to something inside it: a link to a file elsewhere would
    publish that file; a link that loops would never end.

    A link a post uses (``![Ảnh](lien-ket.jpg)``) is reported at the Markdown line that
    uses it, where the person who wrote the post looks; an unused one as itself."""
    root = os.path.realpath(content_path)
    errors, unreadable = [], []
    closed: list[str] = []
    ignore = [pattern for pattern in ignore if pattern not in READ_ANYWAY]

    def unread(rel: str) -> bool:
        return any(fnmatch.fnmatch(part, pattern) for part in rel.split("/") for pattern in ignore)

    for rel, entry in tree_entries(content_path, skip_unreadable=True, unreadable=closed):
        if not entry.is_symlink():
            if not entry.is_dir(follow_symlinks=False) and not os.access(entry.path, os.R_OK) \
                    and not unread(rel):
                unreadable.append(ContentError(rel, (
                    "không đọc được tệp này: máy không cho quyền đọc; hãy sửa quyền của tệp (hay chép "
                    "lại tệp) / this file cannot be read: there is no permission to read it; fix its "
                    "permissions (or copy the file again)")))
            continue
        path, name, dirpath = entry.path, entry.name, os.path.dirname(entry.path)
        target = os.path.realpath(path)
        if not os.path.exists(path):
            problem = ("liên kết không dẫn tới đâu cả, hãy xoá nó", "this link leads nowhere; delete it")
        elif os.path.commonpath([root, target]) != root:
            problem = ("liên kết dẫn ra ngoài thư mục nội dung, hãy chép tệp vào đây thay cho "
                       "liên kết", "this link leads outside the content folder; copy the file "
                       "here instead")
        elif os.path.isdir(path) and os.path.commonpath([target, os.path.realpath(dirpath)]) == target:
            errors.append(ContentError(rel, (
                "liên kết dẫn ngược về thư mục chứa nó (vòng lặp) / this link leads back "
                "to a folder holding it (a loop); delete it")))
            continue
        else:
            continue
        # a file's name, with its extension: a bare name may be a word of the text
        used = link_uses(content_path, rel) if "." in name and not os.path.isdir(path) else []
        for text, line, named in used:
            errors.append(ContentError(text, f"'{named}': {problem[0]} / '{named}': {problem[1]}", line))
        if not used:
            errors.append(ContentError(rel, f"{problem[0]} / {problem[1]}"))
    for rel in (rel for rel in closed if not unread(rel.rstrip("/"))):
        unreadable.append(ContentError(rel or ".", (
            "không mở được thư mục này: máy không cho quyền đọc; hãy sửa quyền của thư mục / this "
            "folder cannot be opened: there is no permission to read it; fix its permissions")))
    return unreadable, errors


#: The lists of the context that hold posts and pages (each with its translations).
CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def check_linked_files(context: dict, content_path: str) -> list[ContentError]:
    """A link to a file to download (``[Mẫu đơn](mau-don.pdf)``, which the reader makes
    ``{static}``) that is not there. Pelican reads the linked files once every post and
    page is read, and stopped with a traceback at a missing one: this runs just before."""
    missing = {path for path in context.get("static_links") or ()
               if not os.path.isfile(os.path.join(content_path, path))}
    if not missing:  # (Pelican gathered every linked file as it read the posts)
        return []
    errors: list[ContentError] = []
    seen: set[int] = set()
    items = [item for key in CONTENT_LISTS for item in context.get(key) or ()]
    for item in items + [t for item in items for t in getattr(item, "translations", ())]:
        if id(item) in seen:
            continue
        seen.add(id(item))
        for path in sorted(item.get_static_links() & missing):
            name = path.rsplit("/", 1)[-1]
            try:
                with open(item.source_path, encoding="utf-8", errors="replace") as f:
                    line = source_line(f.read(), name)
            except OSError:
                line = None
            hint = file_hint(os.path.dirname(os.path.join(content_path, path)), name)
            errors.append(ContentError(item.relative_source_path, (
                f"liên kết tới '{name}': không có tệp này{hint[0]}, hãy đặt tệp vào thư mục của bài / "
                f"the link to '{name}': there is no such file{hint[1]}; put it in the post's folder"), line))
    return errors


def file_hint(folder: str, name: str) -> tuple[str, str]:
    """`` (có phải 'X'?)`` and `` (did you mean 'X'?)`` for the file of ``folder`` that
    ``name`` most likely meant (capitals, a typo), or two empty strings."""
    try:
        close = close_name((n for n in os.listdir(folder) if os.path.isfile(os.path.join(folder, n))), name)
    except OSError:
        close = None
    return (f" (có phải '{close}'?)", f" (did you mean '{close}'?)") if close else ("", "")


#: A post's text in one language, as a link names it.
VERSION_FILE = re.compile(r"index\.([a-z]{2,3})\.md")
#: Languages as the hints name them, in Vietnamese and in English.
VERSION_NAMES = {"vi": ("tiếng Việt", "Vietnamese"), "en": ("tiếng Anh", "English")}


def other_version_hint(missing: str, written: str) -> tuple[str, str]:
    """For a link ``written`` to a post's ``index.<lang>.md`` that does not exist
    (``missing``, its path) while the post is written in another language: what to write
    instead (an English translation linking to a post not translated yet). Else two
    empty strings."""
    folder, name = os.path.split(missing)
    version = VERSION_FILE.fullmatch(name)
    try:
        others = sorted((n for n in os.listdir(folder) if VERSION_FILE.fullmatch(n) and n != name),
                        key=lambda n: (n != "index.vi.md", n))
    except OSError:
        return "", ""
    if version is None or not others or written.rfind(name) == -1 or os.path.exists(missing):
        return "", ""
    at = written.rfind(name)
    instead = written[:at] + others[0] + written[at + len(name):]
    vi, en = VERSION_NAMES.get(version[1], (version[1], version[1]))
    return (f" (bài đó chưa có bản {vi}: viết '{instead}')",
            f" (that post has no {en} version yet: write '{instead}')")


def link_uses(content_path: str, rel: str) -> list[tuple[str, int, str]]:
    """Where the Markdown files of the folders holding ``rel`` name it: ``(file, line,
    the name as written)``, the name being ``rel`` relative to that file's folder."""
    uses = []
    parts = rel.split("/")
    for depth in range(len(parts) - 1, 0, -1):
        folder, named = "/".join(parts[:depth]), "/".join(parts[depth:])
        pattern = re.compile(r"(?<![\w./-])(?:\./)?" + re.escape(named) + r"(?![\w.-])")
        try:
            texts = sorted(n for n in os.listdir(os.path.join(content_path, folder)) if n.endswith(".md"))
        except OSError:
            continue
        for text in texts:
            path = os.path.join(content_path, folder, text)
            if os.path.islink(path):
                continue
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        if pattern.search(line):
                            uses.append((f"{folder}/{text}", number, named))
            except OSError:
                continue
    return uses


def check_site(model: SiteModel, settings: dict, articles: list[Any], pages: list[Any]) -> list[ContentError]:
    """Every check above, for one build."""
    content_path = settings["PATH"]
    for item in articles + pages:
        # Pelican replaces {filename} links when the text is first asked for, and logs a
        # link that leads nowhere then: ask now, so that it is reported with the rest.
        item.content  # noqa: B018
    reserved = [settings.get("THEME_STATIC_DIR") or "theme"]
    duplicates = check_duplicate_slugs(model)
    return (check_headers(articles, pages)
            + check_folder_names(model, content_path)
            + duplicates
            + check_output_collisions(model, reserved, [e.path for e in duplicates]))

"""The publication date of a saved page.

In order: the article's date element (Joomla 3: ``<dd class="published"><time
datetime="2018-09-14T08:00:00+07:00">``); else a date in the page's ``<meta>`` tags;
else a date written in the text with its label ("Ngày đăng: 11/09/2018 08:30": its line
is then taken out of the text, ``PageDate.written``); else one in the address it was
saved from (``/2018/09/14/``); else the saved file's modification time. Whenever a
fallback is used the caller is told, so the summary can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup

from .errors import bilingual
from .text import clean_text, text_of

#: The site's time zone (``TIMEZONE`` in pelicanconf.py): dates are written in local time.
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
_ELEMENTS = ("dd.published time", "[itemprop=datePublished]", "dd.published", "dd.create time",
             "[itemprop=dateCreated]", "dd.create", ".createdate", ".article-date")
_METAS = ("meta[property='article:published_time']", "meta[name=date]", "meta[name=pubdate]",
          "meta[name='DC.date.issued']", "meta[itemprop=datePublished]")
_TIME = r"(?:\D+?(\d{1,2})[:h](\d{2}))?"
_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})" + _TIME)
_YMD = re.compile(r"\b((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
#: Months as words, as some Vietnamese language packs write them ("Tháng Chín").
_VI_MONTHS = {"một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
              "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12}
_VI_MONTH = "|".join(name.replace(" ", r"\s+") for name in sorted(_VI_MONTHS, key=len, reverse=True))
# "14 Tháng 9 2018 08:00", "14 tháng 9, năm 2018", "14 Tháng Chín 2018", "14 September 2018"
_WORDS = re.compile(r"\b(\d{1,2})\s+(?:tháng\s+(\d{1,2}|" + _VI_MONTH + r")\b|(" + "|".join(_MONTHS) + r"))"
                    r"\s*,?\s*(?:năm\s+)?((?:19|20)\d{2})" + _TIME, re.I)


@dataclass
class PageDate:
    value: str               # "2018-09-14 08:00" or "2018-09-14", local time
    fallback: str | None     # why the article's own date was not used
    written: str | None = None  # the line of text it was read from ("Ngày đăng: 11/09/2018")
    from_file: bool = False  # the saved file's time: another save of the page, another date


#: A date written in the text with its label ("Ngày đăng: 11/09/2018 08:30").
_LABELLED = re.compile(r"(?:ngày\s+đăng|đăng\s+ngày|posted\s+on|published)\s*:?\s*"
                       r"(\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}(?:\s+\d{1,2}:\d{2})?)", re.I)


def page_date(soup: BeautifulSoup, url: str | None, saved_file: Path) -> PageDate:
    for selector in _ELEMENTS:
        for element in soup.select(selector):
            found = parse_date(element.get("datetime") or element.get("content") or "") \
                or parse_date(clean_text(text_of(element)), day_first=True)
            if found:
                return PageDate(found, None)
    for selector in _METAS:
        element = soup.select_one(selector)
        found = element is not None and parse_date(element.get("content", ""))
        if found:
            return PageDate(found, bilingual("bài không ghi ngày đăng, lấy ngày trong <meta>",
                                             "no date in the article, used the page's <meta>"))
    label = _LABELLED.search(clean_text(text_of(soup.body or soup)))
    found = label and parse_date(label.group(1), day_first=True)
    if found:
        return PageDate(found, bilingual(
            f"bài không ghi ngày đăng trong thẻ ngày, lấy ngày ghi trong bài ('{label.group(0)}')",
            f"no date element in the article, used the date written in it ('{label.group(0)}')"),
            label.group(0))
    found = url and parse_date(url)
    if found:
        return PageDate(found, bilingual("bài không ghi ngày đăng, lấy ngày trong địa chỉ trang",
                                         "no date in the article, used the date in its address"))
    mtime = datetime.fromtimestamp(saved_file.stat().st_mtime, LOCAL)
    return PageDate(_format(mtime), bilingual(
        "bài không ghi ngày đăng, lấy ngày sửa tệp: hãy kiểm tra lại dòng Date",
        "no date in the page, used the file's modification time: check the Date line"), from_file=True)


def parse_date(text: str, day_first: bool = False) -> str | None:
    """An ISO timestamp (with or without offset), ``yyyy/mm/dd`` or ``dd/mm/yyyy [hh:mm]``."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        value = None
    if value is not None:
        if value.tzinfo is not None:
            value = value.astimezone(LOCAL)
        return _format(value, has_time="T" in text or " " in text)
    patterns = (_WORDS, _DMY, _YMD) if day_first else (_YMD, _DMY, _WORDS)
    for pattern in patterns:
        match = pattern.search(text)
        if not match:
            continue
        if pattern is _WORDS:
            day, month, name, year, hour, minute = match.groups()
            if month and not month.isdigit():
                month = _VI_MONTHS[" ".join(month.lower().split())]
            month = month or _MONTHS.index(name.lower()) + 1
            numbers = [int(n) if n else None for n in (year, month, day, hour, minute)]
        else:
            numbers = [int(n) if n else None for n in match.groups()]
            if pattern is _DMY:
                numbers[:3] = numbers[2], numbers[1], numbers[0]
        year, month, day, hour, minute = numbers
        try:
            value = datetime(year, month, day, hour or 0, minute or 0)
        except ValueError:
            continue
        return _format(value, has_time=hour is not None)
    return None


def _format(value: datetime, has_time: bool = True) -> str:
    if has_time and (value.hour or value.minute):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")

"""The archive: each language's posts by year (``/luu-tru/``, ``/en/archive/``).

A section's pages go back ten posts at a time, newer to older: a reader looking for a
course of 2018 on a site of thousands of posts tapped "Older posts" dozens of times, or
had to know what to search for. The archive (``SECTIONS_ARCHIVE_PATHS``, the footer's
"Archive" link) is, for each language,

- a page of the years that have posts in that language, newest first, with their counts;
- a page per year (``/luu-tru/2018/``): that year's posts by month, newest first, each
  with its date and section, and links to the other years.

A year is the post's year on the site's clock (``TIMEZONE``), as its page shows its
date. Only published posts are listed, as on the section pages. The pages are in the
sitemap (listings, as a section's pages are); check knows their addresses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from sitemodel import ContentError
from sitemodel.checks import taken_addresses

#: Pelican's shared context: each language's archive page (``{lang: url}``), for the
#: footer's link.
ARCHIVE_PAGES_KEY = "archive_pages"
#: The path of a language not in ``SECTIONS_ARCHIVE_PATHS``.
DEFAULT_PATH = "archive/"


@dataclass(frozen=True)
class Entry:
    """What a year's page shows of a post (and all its page's key holds of it: an edit of
    a post's text leaves its year's page as it was)."""

    url: str
    title: str
    date: datetime.datetime
    section: Any


@dataclass
class Month:
    """The posts of one month of a year's page, newest first."""

    first_day: datetime.date
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Year:
    """One year of a language's archive: its page and how many posts it lists (shown on
    the list of years only: ``links``)."""

    year: int
    url: str
    count: int | None = None


def links(found: list[Year]) -> list[Year]:
    """The years as a year's page shows them (its own, the others', newer and older):
    links, without their counts, so that its page's key holds none (plugins/parallel_render):
    a post added in one year leaves the other years' pages as they were."""
    return [Year(year.year, year.url) for year in found]


def archive_urls(model, cfg: dict) -> dict[str, str]:
    """Each language's archive page (its list of years), under the language's prefix."""
    paths = cfg["SECTIONS_ARCHIVE_PATHS"]
    return {lang: model.prefix(lang) + paths.get(lang, DEFAULT_PATH) for lang in model.languages}


def posts_by_year(model, lang: str) -> dict[int, list[Any]]:
    """The published posts in ``lang`` by year, newest year first, each newest first."""
    found: dict[int, list[Any]] = {}
    for post in model.latest(lang):  # (newest first)
        found.setdefault(post.date.year, []).append(post)
    return found


def years(model, cfg: dict, lang: str) -> list[Year]:
    """The years with posts in ``lang``, newest first."""
    base = archive_urls(model, cfg)[lang]
    return [Year(year, f"{base}{year}/", len(posts)) for year, posts in posts_by_year(model, lang).items()]


def months(posts: list[Any]) -> list[Month]:
    """A year's posts (newest first) by month, newest first."""
    found: list[Month] = []
    for post in posts:
        if not found or found[-1].first_day.month != post.date.month:
            found.append(Month(datetime.date(post.date.year, post.date.month, 1)))
        found[-1].entries.append(Entry(post.url, post.title, post.date, post.section))
    return found


def page_urls(model, cfg: dict) -> list[str]:
    """Every archive page of every language: its list of years, then each year's page."""
    urls = archive_urls(model, cfg)
    return [url for lang in model.languages
            for url in [urls[lang], *(year.url for year in years(model, cfg, lang))]]


def clashes(model, cfg: dict) -> list[ContentError]:
    """A section or static page at the address of an archive."""
    taken = {cfg["SECTIONS_ARCHIVE_PATHS"].get(lang, DEFAULT_PATH).strip("/"):
             (f"trang lưu trữ ({lang})", f"the archive ({lang})") for lang in model.languages}
    return taken_addresses(model, taken, "SECTIONS_ARCHIVE_PATHS")

"""sitemap.xml and robots.txt, from the site model.

Every published page in every language: the homes, each section's pages (later pages of
a long section included), each post and each static page, the list of tags and each
tag's pages, the archive (its list of years and each year's page:
``sections.archive``). Pages that are translations of each other (a tag's pages: the
same tag; an archive's year) list each other as ``xhtml:link rel="alternate"
hreflang`` (both ways, plus ``x-default``: the default language's page). ``lastmod`` comes from post dates
(``Modified:`` when set), never from the time of the build, so an unchanged site gives
the same sitemap byte for byte.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pelican.paginator import Paginator
from pelican.utils import set_date_tzinfo

from sections import archive
from sections import settings as sections_settings
from sitemodel.urls import absolute


@dataclass
class Entry:
    """One ``<url>`` of the sitemap; ``alternates`` maps hreflang -> absolute URL."""

    loc: str
    lastmod: datetime.datetime | None = None
    alternates: dict[str, str] = field(default_factory=dict)


def last_change(item: Any, timezone: str | None) -> datetime.datetime | None:
    """``Modified:`` if set, else ``Date:``; ``None`` for a page with neither."""
    when = getattr(item, "modified", None) or getattr(item, "date", None)
    return set_date_tzinfo(when, timezone) if when is not None else None


def newest(items: list[Any], timezone: str | None) -> datetime.datetime | None:
    dates = [d for d in (last_change(item, timezone) for item in items) if d is not None]
    return max(dates) if dates else None


def alternates(urls: dict[str, str], default_lang: str) -> dict[str, str]:
    """hreflang -> URL for a page that exists in several languages; nothing for one."""
    if len(urls) < 2:
        return {}
    links = dict(urls)
    if default_lang in urls:
        links["x-default"] = urls[default_lang]
    return links


def listing_page_urls(url: str, listing: list, template: str, settings: dict) -> list[str]:
    """The URLs of a listing's pages (a section's, a tag's), as Pelican's paginator
    makes them for ``template``."""
    per_page = settings.get("PAGINATED_TEMPLATES", {}).get(template) or settings["DEFAULT_PAGINATION"]
    paginator = Paginator(url + "index.html", url, listing, settings, per_page)
    return [paginator.page(number).url for number in paginator.page_range]


def section_page_urls(model, section, lang: str, settings: dict) -> list[str]:
    """The URLs of a section's pages in ``lang``."""
    return listing_page_urls(model.section_url(section, lang), model.listing(section, lang), "section", settings)


def entries(model, settings: dict, base: str, tag_pages: dict | None = None) -> list[Entry]:
    """Every published page, in a fixed order: homes, sections, posts, static pages, the
    lists of tags and the tags' pages (``tag_pages``: plugins/tags), then the archives."""
    tz = settings.get("TIMEZONE")
    default = model.default_lang
    found: list[Entry] = []

    homes = {lang: absolute(base, model.home_url(lang)) for lang in model.languages}
    for lang in model.languages:
        found.append(Entry(homes[lang], newest(model.latest(lang), tz), alternates(homes, default)))

    for section in list(model.root.walk())[1:]:
        langs = [lang for lang in model.languages if model.has_page(section, lang)]
        firsts = {lang: absolute(base, model.section_url(section, lang)) for lang in langs}
        for lang in langs:
            lastmod = newest(model.listing(section, lang), tz)
            for number, url in enumerate(section_page_urls(model, section, lang, settings), 1):
                links = alternates(firsts, default) if number == 1 else {}
                found.append(Entry(absolute(base, url), lastmod, links))

    for post in model.posts:
        urls = {lang: absolute(base, post.versions[lang].url)
                for lang in model.languages if lang in post.versions}
        for lang, url in urls.items():
            found.append(Entry(url, last_change(post.versions[lang], tz), alternates(urls, default)))

    by_slug: dict[str, dict[str, Any]] = {}
    for lang in model.languages:
        for page in model.pages.get(lang, []):
            by_slug.setdefault(page.slug, {})[lang] = page
    for versions in by_slug.values():
        urls = {lang: absolute(base, page.url) for lang, page in versions.items()}
        for lang, page in versions.items():
            found.append(Entry(urls[lang], last_change(page, tz), alternates(urls, default)))

    tag_pages = tag_pages or {}
    lists = {lang: absolute(base, index.url) for lang, index in tag_pages.items()}
    for lang, index in tag_pages.items():
        posts = [a for listing in index.posts.values() for a in listing]
        found.append(Entry(lists[lang], newest(posts, tz), alternates(lists, default)))
        for tag in index.tags:
            listing = index.posts[tag.slug]
            same = {other: absolute(base, found_tag.url) for other, other_index in tag_pages.items()
                    if (found_tag := index.same_tag(tag, other_index)) is not None}
            for number, url in enumerate(listing_page_urls(tag.url, listing, "tag", settings), 1):
                links = alternates(same, default) if number == 1 else {}
                found.append(Entry(absolute(base, url), newest(listing, tz), links))

    cfg = sections_settings.read(settings)
    indexes = {lang: absolute(base, url) for lang, url in archive.archive_urls(model, cfg).items()}
    years = {lang: archive.years(model, cfg, lang) for lang in model.languages}
    for lang in model.languages:
        found.append(Entry(indexes[lang], newest(model.latest(lang), tz), alternates(indexes, default)))
        posts = archive.posts_by_year(model, lang)
        for year in years[lang]:
            same = {other: absolute(base, y.url) for other in model.languages
                    for y in years[other] if y.year == year.year}
            found.append(Entry(absolute(base, year.url), newest(posts[year.year], tz), alternates(same, default)))
    return found


def url_text(url: str) -> str:
    """An entry's URL, percent-encoded already (``sitemodel.urls.absolute``), escaped for XML."""
    return escape(url)


def render_sitemap(found: list[Entry]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for entry in found:
        lines.append("  <url>")
        lines.append(f"    <loc>{url_text(entry.loc)}</loc>")
        if entry.lastmod is not None:
            lines.append(f"    <lastmod>{entry.lastmod.isoformat()}</lastmod>")
        for hreflang, href in entry.alternates.items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                         f'href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(sitemap_url: str | None) -> str:
    """Every crawler may read everything; the sitemap's absolute URL, if there is one."""
    text = "User-agent: *\nAllow: /\n"
    if sitemap_url:
        text += f"\nSitemap: {sitemap_url}\n"
    return text

"""Atom and RSS feeds for the site and each section, per language, with feedgenerator
(and, with ``write_feed_pair``, for each tag: ``plugins/tags``).

Pelican's own feed writer gives every feed the default language and no author, so the
project writes its feeds here: absolute URLs, ``rel="self"``, the feed's language, an
author, entry ids that depend only on the post's URL and date (stable across builds),
relative links in the content made absolute, and the post's gallery after its text.
"""

from __future__ import annotations

import html
import os
import re
from html import unescape
from urllib.parse import urljoin

from feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri
from pelican.utils import sanitised_join, set_date_tzinfo

from reader.embeds import attributes, video_picture_of
from sitemodel import site_setting
from sitemodel.text import clean_text
from sitemodel.urls import absolute, public_base

ADDRESS = re.compile(r'(\s(?:src|href|poster)=")([^"]*)(")')
SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')
#: Absolute already: a scheme (https:, mailto:, data:...) or another host ("//host/").
ABSOLUTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
#: A frame other than a YouTube video's (those are pictures: reader.embeds): most feed
#: readers drop frames, so a feed gives its address as a link.
FRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe\s*>", re.I | re.S)


def absolutize_html(html: str, base: str, page: str = "") -> str:
    """``src``/``href``/``srcset`` addresses made absolute, as feed readers need: a feed
    is read at another address than the page ("../bai-khac/", "#fn:1", "anh.jpg" are
    the page's own, ``page``, its address under the site), so none is left relative."""
    here = base.rstrip("/") + "/" + page.lstrip("/")

    def from_here(address: str) -> str:  # (sitemodel.urls.absolute knows site paths only)
        # (Read as the browser does: Markdown writes an email's "mailto:" as "&#109;&#97;…".)
        return address if not address or ABSOLUTE.match(unescape(address)) else urljoin(here, address)

    def fix_srcset(m: re.Match) -> str:
        parts = []
        for candidate in m.group(2).split(","):
            url, _, width = candidate.strip().partition(" ")
            parts.append(f"{from_here(url)} {width}".strip())
        return m.group(1) + ", ".join(parts) + m.group(3)

    html = ADDRESS.sub(lambda m: m.group(1) + from_here(m.group(2)) + m.group(3), html)
    return SRCSET.sub(fix_srcset, html)


def frames_as_links(content: str) -> str:
    """Each frame as a paragraph linking its address (named by its ``title``, if any)."""
    def link(m: re.Match) -> str:
        attrs = attributes(f"<iframe{m.group(1)}>")
        src = attrs.get("src", "").strip()
        if not src:
            return ""
        name = " ".join(attrs.get("title", "").split()) or src
        return f'<p><a href="{html.escape(src)}">{html.escape(name)}</a></p>'

    return FRAME.sub(link, content) if "<iframe" in content else content


def xml_text(text) -> str:
    """Titles and names are plain text (sitemodel): a title that mentions ``<b>`` keeps
    saying so, escaped by the XML writer. Characters XML 1.0 cannot hold are dropped."""
    return clean_text(str(text))


def gallery_html(article, base: str) -> str:
    """The post's gallery (the photos its text does not place, ``article.gallery`` from
    the photos plugin) as figures for the end of a feed entry: the page shows them in a
    grid below the text, which a feed reader never sees; without them a post whose photos
    are all in the gallery had none in its feed entry, nor a picture in the reader's list."""
    origin = base.rstrip("/") + "/"
    figures = []
    for photo in getattr(article, "gallery", None) or []:
        shown = photo.sized.src
        caption = f"<figcaption>{photo.caption_html}</figcaption>" if photo.caption else ""  # (HTML: photos)
        figures.append(f'<figure><img src="{html.escape(origin + shown.url)}" width="{shown.width}" '
                       f'height="{shown.height}" alt="{html.escape(photo.alt)}">{caption}</figure>')
    return "".join(figures)


#: A picture in a summary: a summary-only entry then leads with no other.
SHOWS_PICTURE = re.compile(r"<img\b", re.IGNORECASE)


def thumbnail_html(article, base: str) -> str:
    """The picture a listing shows for the post (``article.thumbnail``, photos plugin), else
    its first YouTube video's (``reader.embeds``), for the top of a summary-only entry:
    without it a feed reader's list had no picture."""
    thumb = getattr(article, "thumbnail", None) or video_picture_of(article)
    if thumb is None:
        return ""
    src = html.escape(absolute(base, thumb.url))
    return f'<p><img src="{src}" width="{thumb.width}" height="{thumb.height}" alt=""></p>'


#: Where a build keeps its feeds' texts (``feed_texts``) in Pelican's context: the
#: sections' and the tags' feeds hold the same newest posts.
TEXTS_KEY = "feed_texts"


def build_texts(context: dict) -> dict:
    """This build's dict of feed texts, shared by every generator that writes feeds."""
    return context.setdefault(TEXTS_KEY, {})


def feed_texts(article, base: str, full: bool, texts: dict) -> tuple[str | None, str]:
    """The post's content (None unless ``full``; its gallery at the end) and summary as a
    feed holds them (summary-only: the post's picture first, unless the summary shows one)."""
    key = (id(article), base, full)
    found = texts.get(key)
    if found is None or found[0] is not article:  # the article is kept: its id is not reused
        page = getattr(article, "url", "")
        # (the gallery's captions may hold links too: made absolute with the text's)
        content = (clean_text(frames_as_links(absolutize_html(article.content + gallery_html(article, base), base,
                                                              page))) if full else None)
        summary = frames_as_links(absolutize_html(str(article.summary), base, page))
        if not full and not SHOWS_PICTURE.search(summary):  # (one that begins with a photo had it twice)
            summary = thumbnail_html(article, base) + summary
        found = texts[key] = (article, content, clean_text(summary))
    return found[1], found[2]


def write_feeds(output_path: str, settings: dict, model, section, lang: str, cfg: dict,
                texts: dict | None = None) -> None:
    """Write ``atom.xml`` and ``rss.xml`` of ``section`` (the root: the whole site) in ``lang``.

    ``texts``: this build's (``build_texts``), so that a post in several feeds (its
    section's, the parents', the site's, its tags'; Atom and RSS) has its content and
    summary made absolute once."""
    site_name = site_setting(settings, lang, "SITENAME")
    title = site_name if section.is_root else f"{section.name(lang)} – {site_name}"
    write_feed_pair(
        output_path, settings, lang, title=title, page_url=model.section_url(section, lang),
        urls={kind: model.feed_url(section, lang, kind) for kind in ("atom", "rss")},
        description=section.description(lang) or site_setting(settings, lang, "SITESUBTITLE") or title,
        entries=model.listing(section, lang)[: cfg["SECTIONS_FEED_ITEMS"]],
        full=cfg["SECTIONS_FEED_FULL_CONTENT"], texts=texts)


def write_feed_pair(output_path: str, settings: dict, lang: str, *, title: str, page_url: str,
                    urls: dict[str, str], description: str, entries: list, full: bool,
                    texts: dict | None = None) -> None:
    """Write an Atom feed (``urls["atom"]``) and an RSS feed (``urls["rss"]``) of
    ``entries`` in ``lang``, for the page at ``page_url``: a section's (above) or a
    tag's (``plugins/tags``). ``texts``: as for ``write_feeds``."""
    texts = {} if texts is None else texts
    base = public_base(settings)
    tz = settings.get("TIMEZONE")
    site_name = site_setting(settings, lang, "SITENAME")
    author = site_setting(settings, lang, "AUTHOR") or site_name
    for kind, cls in (("atom", Atom1Feed), ("rss", Rss201rev2Feed)):
        feed_url = urls[kind]
        feed = cls(
            title=xml_text(title),
            link=absolute(base, page_url),
            feed_url=absolute(base, feed_url),
            description=xml_text(description),
            language=lang,
            author_name=author,
        )
        for article in entries:
            link = absolute(base, article.url)
            content, summary = feed_texts(article, base, full, texts)
            if kind == "rss":
                shown, content = (content or summary), None
            else:
                # (none when empty, a post of photos alone: readers then take their
                # snippet from the content, its captions, not an empty summary)
                shown = summary if summary and summary != content else None
            feed.add_item(
                title=xml_text(article.title),
                link=link,
                unique_id=get_tag_uri(link, article.date),
                # A tag: URI, not the post's address: RSS readers must not open it.
                unique_id_is_permalink=False,
                description=shown,
                content=content,
                author_name=xml_text(article.metadata.get("author") or author),
                pubdate=set_date_tzinfo(article.date, tz),
                updateddate=set_date_tzinfo(getattr(article, "modified", article.date), tz),
                categories=[xml_text(t) for t in getattr(article, "tags", [])] or None,
            )
        path = sanitised_join(output_path, feed_url)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            feed.write(f, "utf-8")

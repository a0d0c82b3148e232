"""What a shared link shows (Open Graph, Twitter card) and what search engines read (JSON-LD).

Both are built in Python from the page being rendered. JSON-LD is a dict serialised with
``json.dumps`` and then made safe inside ``<script>``: ``<``, ``>`` and ``&`` become
``\\u003c``, ``\\u003e`` and ``\\u0026``, so no title can close the script element (a
JSON parser reads them back as the same characters).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup
from pelican.utils import set_date_tzinfo

from reader.embeds import VideoPicture, video_picture_of
from sitemodel import get_model, page_lang, site_setting
from sitemodel.summary import shortened
from sitemodel.urls import absolute, public_base

SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> Markup:
    """``data`` as a ``<script type="application/ld+json">`` element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(f"<script type=\"application/ld+json\">{text}</script>\n")


def without_tags(value: Any) -> str:
    """Text without tags or entities (summaries are HTML)."""
    return Markup(str(value)).striptags()


def iso(when, timezone: str | None) -> str:
    """``2020-07-14T08:30:00+07:00``: local time with its offset."""
    return set_date_tzinfo(when, timezone).isoformat()


def shown_item(ctx) -> Any | None:
    """The post or static page being rendered, if any."""
    return ctx.get("article") or ctx.get("page")


def share_image(item: Any) -> Any | None:
    """The photo a shared link shows: the post's share rendition, else its thumbnail,
    else the picture of its first YouTube video (``reader.embeds``)."""
    return (getattr(item, "share_image", None) or getattr(item, "thumbnail", None)
            or video_picture_of(item))


#: Facebook takes no og:image under 200 × 200 pixels (its debugger: "too small"): a
#: link shared with one showed no picture, or a stretched blur.
SHARE_MIN = 200
#: Twitter's large card wants at least 300 × 157 pixels; a smaller picture is a small card.
LARGE_CARD_MIN = (300, 157)


def card_image(item: Any | None, base: str, fallback: tuple[str, int, int] | None,
               site_name: str = "") -> dict | None:
    """The picture a shared link of ``item`` (None: a page that is no post) shows, as
    ``{"url", "width", "height", "alt"}``: its own (``share_image``) when it is big enough
    for Facebook (``SHARE_MIN``), its alt the photo's caption or alt text (the video's
    title); else ``fallback``, the site's picture (URL inside the site, width, height),
    its alt ``site_name``; None without either."""
    image = share_image(item) if item is not None else None
    if image is not None and min(image.width, image.height) >= SHARE_MIN:
        alt = image.alt if isinstance(image, VideoPicture) else getattr(item, "share_image_alt", None)
        alt = alt or str(item.title)
        return {"url": absolute(base, image.url), "width": image.width, "height": image.height, "alt": alt}
    if fallback:
        url, width, height = fallback
        return {"url": absolute(base, url), "width": width, "height": height, "alt": site_name}
    return None


def large_card(image: dict | None) -> bool:
    """Whether ``image`` fills Twitter's large card (``summary_large_image``)."""
    return image is not None and image["width"] >= LARGE_CARD_MIN[0] and image["height"] >= LARGE_CARD_MIN[1]


def social_card(ctx, og_locales: dict[str, str], fallback: tuple[str, int, int] | None = None) -> dict:
    """The facts of the Open Graph and Twitter tags of the page ``ctx`` renders; a page
    without a photo of its own (or with one too small to share) shows ``fallback`` (URL
    inside the site, width, height)."""
    base = public_base(ctx)
    tz = ctx.get("TIMEZONE")
    article = ctx.get("article")
    item = shown_item(ctx)
    card: dict[str, Any] = {"type": "article" if article is not None else "website",
                            "title": item.title if item is not None else None,
                            "locale": og_locales.get(page_lang(ctx), page_lang(ctx)),
                            "image": card_image(item, base, fallback,
                                                site_setting(ctx, page_lang(ctx), "SITENAME"))}
    card["twitter_card"] = "summary_large_image" if large_card(card["image"]) else "summary"
    if article is not None:
        card["published"] = iso(article.date, tz)
        card["modified"] = iso(getattr(article, "modified", None) or article.date, tz)
        card["section"] = article.section.name(page_lang(ctx))
    return card


def publisher(ctx, lang: str, logo: str) -> dict:
    base = public_base(ctx)
    org: dict[str, Any] = {
        "@type": "Organization",
        "name": site_setting(ctx, lang, "SITENAME"),
        "url": absolute(base, get_model(ctx).home_url(lang)),
    }
    if logo:
        org["logo"] = {"@type": "ImageObject", "url": absolute(base, logo)}
    parent = site_setting(ctx, lang, "SITE_ORGANIZATION")
    if parent:
        org["parentOrganization"] = {"@type": "Organization", "name": parent}
    return org


def breadcrumb_list(ctx, lang: str, trail: list[tuple[str, str]]) -> dict:
    """``trail``: (name, site-relative URL) from the home page to the page itself."""
    base = public_base(ctx)
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": absolute(base, url)}
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }


#: Search engines show about this much of a headline (Google: "keep headlines concise").
HEADLINE_MAX = 110


def news_article(ctx, article: Any, lang: str, logo: str, fallback: tuple[str, int, int] | None = None) -> dict:
    base = public_base(ctx)
    tz = ctx.get("TIMEZONE")
    url = absolute(base, article.url)
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": shortened(article.title, HEADLINE_MAX),
        "description": shortened(without_tags(article.summary).strip() or article.title),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": lang,
        "datePublished": iso(article.date, tz),
        "dateModified": iso(getattr(article, "modified", None) or article.date, tz),
        # Sign-offs are departments and boards of the school, not people.
        # (the site's name where neither is given, as the feeds sign it: a name is needed)
        "author": [{"@type": "Organization",
                    "name": without_tags(article.metadata.get("author") or site_setting(ctx, lang, "AUTHOR")
                                         or site_setting(ctx, lang, "SITENAME"))}],
        "publisher": publisher(ctx, lang, logo),
        "articleSection": article.section.name(lang),
    }
    # The share card's picture (the site's own without one: NewsArticle wants one).
    image = card_image(article, base, fallback)
    if image is not None:
        data["image"] = [{"@type": "ImageObject", "url": image["url"], "width": image["width"],
                          "height": image["height"]}]
    tags = [str(tag) for tag in getattr(article, "tags", [])]
    if tags:
        data["keywords"] = tags
    return data


def web_site(ctx, lang: str, logo: str) -> dict:
    base = public_base(ctx)
    model = get_model(ctx)
    data: dict[str, Any] = {
        "@type": "WebSite",
        "name": site_setting(ctx, lang, "SITENAME"),
        "description": site_setting(ctx, lang, "SITESUBTITLE"),
        "url": absolute(base, model.home_url(lang)),
        "inLanguage": lang,
        "publisher": publisher(ctx, lang, logo),
    }
    search = (ctx.get("search_pages") or {}).get(lang)
    if search:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint",
                       "urlTemplate": absolute(base, search) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        }
    return data


def home_name(ctx, lang: str) -> str:
    return site_setting(ctx, lang, "SITENAME")


def graph(ctx, logo: str, fallback: tuple[str, int, int] | None = None) -> list[dict]:
    """The JSON-LD objects of the page ``ctx`` renders (none for the search pages)."""
    lang = page_lang(ctx)
    model = get_model(ctx)
    home = (home_name(ctx, lang), model.home_url(lang))
    article, page, section = ctx.get("article"), ctx.get("page"), ctx.get("section")
    if article is not None and getattr(article, "section", None) is not None:
        chain = article.section.ancestors() + [article.section]
        trail = [home] + [(s.name(lang), model.section_url(s, lang)) for s in chain]
        trail.append((article.title, article.url))
        return [news_article(ctx, article, lang, logo, fallback), breadcrumb_list(ctx, lang, trail)]
    if page is not None:
        return [breadcrumb_list(ctx, lang, [home, (page.title, page.url)])]
    if ctx.get("home"):
        return [web_site(ctx, lang, logo)]
    if section is not None and not section.is_root:
        chain = section.ancestors() + [section]
        trail = [home] + [(s.name(lang), model.section_url(s, lang)) for s in chain]
        return [breadcrumb_list(ctx, lang, trail)]
    if ctx.get("listing_url") is not None and ctx.get("crumb_title"):
        # A listing of another kind (the tags' pages): the trail its breadcrumbs show
        # (``crumbs``, the levels between, and ``crumb_title``, set by its template).
        between = [(str(c["name"]), c["url"]) for c in ctx.get("crumbs") or []]
        return [breadcrumb_list(ctx, lang, [home, *between, (str(ctx["crumb_title"]), ctx["listing_url"])])]
    return []


def structured_data(ctx, logo: str, fallback: tuple[str, int, int] | None = None) -> Markup:
    """The page's JSON-LD as one ``<script>`` element (empty when there is nothing to say);
    ``fallback``: the picture of a post without one of its own, as ``social_card``'s."""
    objects = graph(ctx, logo, fallback)
    if not objects:
        return Markup("")
    return script_json({"@context": "https://schema.org", "@graph": objects})

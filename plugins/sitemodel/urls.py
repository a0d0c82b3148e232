"""Absolute URLs, for feeds, share links, social tags, JSON-LD and the sitemap."""

from __future__ import annotations

from urllib.parse import quote

#: Characters left as they are when a URL is percent-encoded: those with a meaning in a
#: URL, and "%", so that an address encoded already (a photo's) is not encoded twice.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def public_base(settings) -> str:
    """Where absolute URLs start: ``SITEURL`` when it is absolute, else ``FEED_DOMAIN``."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    return ((settings.get("FEED_DOMAIN") or "") + siteurl).rstrip("/")


def url_path(url: str) -> str:
    """``url`` percent-encoded (the Jinja filter ``url_path``): a post folder named with
    Vietnamese letters (``tin-tức``) is ``tin-t%E1%BB%A9c`` in every address the site
    gives whole, as feed readers, social networks and search engines compare them."""
    return quote(url, safe=URL_SAFE)


def absolute(base: str, url: str) -> str:
    """``url`` (site-relative, as in ``article.url``) as an absolute URL under ``base``,
    percent-encoded (``url_path``): one spelling in canonical and og:url, hreflang,
    JSON-LD, feeds and the sitemap (a sitemap's must be encoded; the others were raw)."""
    if url.startswith(("http://", "https://")):
        return url
    return url_path(base.rstrip("/") + "/" + url.lstrip("/"))

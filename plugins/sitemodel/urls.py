"""Absolute URLs, for feeds, share links and social tags."""

from __future__ import annotations


def public_base(settings) -> str:
    """Where absolute URLs start: ``SITEURL`` when it is absolute, else ``FEED_DOMAIN``."""
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    return ((settings.get("FEED_DOMAIN") or "") + siteurl).rstrip("/")


def absolute(base: str, url: str) -> str:
    """``url`` (site-relative, as in ``article.url``) as an absolute URL under ``base``."""
    if url.startswith(("http://", "https://")):
        return url
    return base.rstrip("/") + "/" + url.lstrip("/")

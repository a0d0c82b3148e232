"""Settings of the sections plugin, with their defaults (documented in README)."""

from __future__ import annotations

DEFAULTS: dict = {
    # Posts per section page; later pages are /<section>/page/2/ and so on.
    "SECTIONS_PER_PAGE": 10,
    # Newest posts shown for each top-level section on the home page.
    "SECTIONS_HOME_POSTS": 4,
    # Entries per feed (the site's, each section's, and each tag's: plugins/tags).
    "SECTIONS_FEED_ITEMS": 20,
    # True: feeds carry each post's full text and its gallery's photos; False: only its
    # summary, after the picture the post's listing shows (unless the summary has one).
    # Tag feeds follow it too.
    "SECTIONS_FEED_FULL_CONTENT": True,
    # Where each language's page of feeds is (the footer's "News feeds" link): every
    # feed's address, the whole site's and each section's, with a word on what a feed is
    # (a feed's own address opens a page of XML on a phone). A language not listed gets
    # "feeds/" under its prefix.
    "SECTIONS_FEEDS_PAGE_PATHS": {"vi": "kenh-tin/", "en": "feeds/"},
    # Where each language's archive is (the footer's "Archive" link): the years with
    # posts, and a page per year (/luu-tru/2018/) listing its posts by month. A language
    # not listed gets "archive/" under its prefix.
    "SECTIONS_ARCHIVE_PATHS": {"vi": "luu-tru/", "en": "archive/"},
    # "Expires:" of pinned posts is compared with the build's day, SITE_TODAY (sitemodel;
    # the earlier SECTIONS_TODAY is still read when SITE_TODAY is unset).
}


def read(settings: dict) -> dict:
    """Validate and return this plugin's settings merged over the defaults."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    problems = []
    for key in ("SECTIONS_PER_PAGE", "SECTIONS_HOME_POSTS", "SECTIONS_FEED_ITEMS"):
        value = merged[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            problems.append(f"Setting '{key}': expected a whole number of at least 1, but received: {value!r}")
    for key, example in (("SECTIONS_FEEDS_PAGE_PATHS", "kenh-tin/"), ("SECTIONS_ARCHIVE_PATHS", "luu-tru/")):
        paths = merged[key]
        if not isinstance(paths, dict) or not all(
                isinstance(path, str) and path.endswith("/") and not path.startswith("/")
                and path.strip("/") and "/" not in path.strip("/") for path in paths.values()):
            problems.append(f"Setting '{key}': expected a dict of language code -> one folder name "
                            f"ending in '/' (e.g. {{'vi': '{example}'}}), but received: {paths!r}")
    if problems:
        raise ValueError("; ".join(problems))
    return merged

"""Settings of the tags plugin, with their defaults (documented in README)."""

from __future__ import annotations

DEFAULTS: dict = {
    # Where each language's tag pages live, under that language's prefix: "chu-de/" gives
    # the list of tags at /chu-de/ and a tag's posts at /chu-de/boi-duong/; "topics/" for
    # English gives /en/topics/. A language not listed gets "tags/".
    "TAGS_PAGE_PATHS": {"vi": "chu-de/", "en": "topics/"},
    # Posts per tag page; later pages are /chu-de/<tag>/page/2/ and so on.
    "TAGS_PER_PAGE": 10,
    # "Related posts" under a post: at most this many posts sharing its tags; 0: none.
    "TAGS_RELATED": 3,
    # Atom and RSS feeds of each tag (/chu-de/boi-duong/atom.xml, rss.xml), holding as
    # many posts as a section's feeds, as they do (SECTIONS_FEED_ITEMS, _FULL_CONTENT).
    "TAGS_FEEDS": True,
}


def read(settings: dict) -> dict:
    """Validate and return this plugin's settings merged over the defaults."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    paths = merged["TAGS_PAGE_PATHS"]
    if not isinstance(paths, dict) or not all(
            isinstance(path, str) and path.endswith("/") and not path.startswith("/")
            and path.strip("/") and "/" not in path.strip("/") for path in paths.values()):
        raise ValueError(
            "Setting 'TAGS_PAGE_PATHS': expected a dict of language code -> one folder name "
            f"ending in '/' (e.g. {{'vi': 'chu-de/'}}), but received: {paths!r}")
    for key, least in (("TAGS_PER_PAGE", 1), ("TAGS_RELATED", 0)):
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ValueError(f"Setting '{key}': expected a whole number of at least {least}, "
                             f"but received: {value!r}")
    if not isinstance(merged["TAGS_FEEDS"], bool):
        raise ValueError(f"Setting 'TAGS_FEEDS': expected True or False, but received: {merged['TAGS_FEEDS']!r}")
    return merged

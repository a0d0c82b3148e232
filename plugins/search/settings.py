"""Settings of the search plugin, with their defaults (documented in README)."""

from __future__ import annotations

DEFAULTS: dict = {
    # Where each language's search page lives, under that language's prefix: "tim-kiem/"
    # gives /tim-kiem/, "search/" for English gives /en/search/. A language not listed
    # gets "search/".
    "SEARCH_PAGE_PATHS": {"vi": "tim-kiem/", "en": "search/"},
    # Build the Pagefind index. The live preview (``invoke livereload``) turns it off to
    # rebuild faster: its search pages then say that search works in the built site.
    "SEARCH_INDEX": True,
    # The most post pages one part of the index holds. Pagefind keeps everything it
    # indexes in memory (0.15–0.4 MB a page), so a big site is indexed in parts, oldest
    # posts first, that the search page searches together; a part whose pages did not
    # change is reused from the last build.
    "SEARCH_SHARD_PAGES": 4000,
}


def read(settings: dict) -> dict:
    """Validate and return this plugin's settings merged over the defaults."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    paths = merged["SEARCH_PAGE_PATHS"]
    if not isinstance(paths, dict) or not all(
            isinstance(path, str) and path.endswith("/") and not path.startswith("/")
            and path.strip("/") for path in paths.values()):
        raise ValueError(
            "Setting 'SEARCH_PAGE_PATHS': expected a dict of language code -> folder "
            f"ending in '/' (e.g. {{'vi': 'tim-kiem/'}}), but received: {paths!r}")
    shard = merged["SEARCH_SHARD_PAGES"]
    if isinstance(shard, bool) or not isinstance(shard, int) or shard < 1:
        raise ValueError("Setting 'SEARCH_SHARD_PAGES': expected a whole number of pages, "
                         f"1 or more (e.g. 4000), but received: {shard!r}")
    if not isinstance(merged["SEARCH_INDEX"], bool):
        raise ValueError("Setting 'SEARCH_INDEX': expected True or False, but received: "
                         f"{merged['SEARCH_INDEX']!r}")
    return merged

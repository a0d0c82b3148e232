"""Settings of the photos plugin, with their defaults (documented in README.md).

``check`` runs once, at Pelican's ``initialized`` signal: it checks every key, reports
each bad one with the value received, and the defaults are merged into Pelican's
settings, so later code reads the checked values with ``current``.
"""

from __future__ import annotations

DEFAULTS: dict = {
    # Thumbnail (gallery, listings): (width, height); the photo is cropped to fill it,
    # centred. A photo smaller than this gets the largest box of that shape it holds.
    "PHOTOS_THUMB_SIZE": (400, 300),
    # Width of the rendition shown in the text (figures).
    "PHOTOS_MEDIUM_WIDTH": 960,
    # Width of the rendition figures and gallery thumbnails link to (the lightbox).
    # Renditions are never wider than the photo itself.
    "PHOTOS_LARGE_WIDTH": 1600,
    # JPEG quality of the renditions, 1-95.
    "PHOTOS_JPEG_QUALITY": 82,
    # Larger photos are refused (decompression bombs, and photos far bigger than any
    # screen): 80 megapixels by default.
    "PHOTOS_MAX_PIXELS": 80_000_000,
    # Processes encoding renditions: 0 means one per CPU core, 1 encodes in the
    # build's own process.
    "PHOTOS_WORKERS": 0,
    # Cached renditions that no build has used for this many days are deleted;
    # None keeps them forever.
    "PHOTOS_CACHE_PRUNE_DAYS": 60,
    # Alt text of a photo without a caption, per language ("{title}" is the post's
    # title, "{number}" the photo's place in the post folder); other languages use
    # "{title} – {number}".
    "PHOTOS_ALT_TEXT": {"vi": "{title} – ảnh {number}", "en": "{title} – photo {number}"},
}

DEFAULT_ALT_TEXT = "{title} – {number}"


def _whole(value, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def validate(settings: dict) -> dict:
    """This plugin's settings merged over the defaults; ``ValueError`` naming every
    bad key and the value received if any is wrong."""
    merged, problems = check(settings)
    if problems:
        raise ValueError("; ".join(problems))
    return merged


def check(settings: dict) -> tuple[dict, list[str]]:
    """This plugin's settings merged over the defaults, and one message per bad key."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    problems: list[str] = []

    def bad(key: str, expected: str) -> None:
        problems.append(f"Setting '{key}': expected {expected}, but received: {merged[key]!r}")

    size = merged["PHOTOS_THUMB_SIZE"]
    if (isinstance(size, (list, tuple)) and len(size) == 2
            and all(_whole(v, 1) for v in size)):
        merged["PHOTOS_THUMB_SIZE"] = (size[0], size[1])
    else:
        bad("PHOTOS_THUMB_SIZE", "(width, height) in pixels, e.g. (400, 300)")
    for key in ("PHOTOS_MEDIUM_WIDTH", "PHOTOS_LARGE_WIDTH", "PHOTOS_MAX_PIXELS"):
        if not _whole(merged[key], 1):
            bad(key, "a whole number of pixels, at least 1")
    if (_whole(merged["PHOTOS_MEDIUM_WIDTH"], 1) and _whole(merged["PHOTOS_LARGE_WIDTH"], 1)
            and merged["PHOTOS_MEDIUM_WIDTH"] > merged["PHOTOS_LARGE_WIDTH"]):
        bad("PHOTOS_MEDIUM_WIDTH",
            f"a width no larger than PHOTOS_LARGE_WIDTH ({merged['PHOTOS_LARGE_WIDTH']!r})")
    quality = merged["PHOTOS_JPEG_QUALITY"]
    if not _whole(quality, 1) or quality > 95:
        bad("PHOTOS_JPEG_QUALITY", "a whole number from 1 to 95")
    if not _whole(merged["PHOTOS_WORKERS"], 0):
        bad("PHOTOS_WORKERS", "a whole number: 0 (one per CPU core), 1 (no extra processes) or more")
    days = merged["PHOTOS_CACHE_PRUNE_DAYS"]
    if days is not None and (isinstance(days, bool) or not isinstance(days, (int, float)) or days < 0):
        bad("PHOTOS_CACHE_PRUNE_DAYS", "a number of days (0 or more) or None")
    alt = merged["PHOTOS_ALT_TEXT"]
    if not isinstance(alt, dict) or not all(
            isinstance(k, str) and _template_ok(v) for k, v in alt.items()):
        bad("PHOTOS_ALT_TEXT", "a dict of language -> text using {title} and {number}")
    return merged, problems


def _template_ok(template) -> bool:
    if not isinstance(template, str):
        return False
    try:
        template.format(title="", number=1)
    except (KeyError, IndexError, ValueError):
        return False
    return True


def current(settings: dict) -> dict:
    """This plugin's settings as ``validate`` left them in Pelican's settings."""
    return {key: settings.get(key, value) for key, value in DEFAULTS.items()}

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
    # Gallery thumbnails twice that size for screens with 2-3 device pixels a CSS pixel
    # (offered in ``srcset``: a browser takes them only where the 1x one would be
    # enlarged), at these lower qualities: shown reduced on a dense screen, their
    # artefacts do not show, and they cost far fewer bytes than at the usual quality.
    # Made only for photos that hold the whole double size. None: no 2x thumbnails.
    "PHOTOS_THUMB_2X": {"jpeg": 40, "webp": 40},
    # How wide gallery thumbnails are shown (the ``sizes`` of their ``srcset``): the
    # theme's grid (theme/static/css/photos.css: 2 columns on phones, 3 from 600 px, 4
    # from 960 px, in the text column).
    "PHOTOS_GALLERY_SIZES": ("(min-width: 72rem) 11.5rem, (min-width: 64rem) calc(25vw - 6.5rem), "
                             "(min-width: 960px) calc(25vw - 1.25rem), (min-width: 48em) calc(33.4vw - 1.5rem), "
                             "(min-width: 600px) calc(33.4vw - 1.1rem), calc(50vw - 1.25rem)"),
    # How wide listing cards show their picture (the first photo's thumbnail, offered with
    # its 2x twin as the gallery's): theme/static/css/site.css. On the home page the
    # screen's width less its margins below 20em (above the title), 7rem beside the title
    # on phones, then 2 columns from 48em and 4 from 64em; in section lists (and every
    # .cards--list) the same below 20em, 7rem, then 14rem from 48em.
    "PHOTOS_HOME_CARD_SIZES": ("(min-width: 72rem) 16.125rem, (min-width: 64em) calc(25vw - 1.875rem), "
                               "(min-width: 48em) calc(50vw - 2.25rem), (min-width: 20em) 7rem, "
                               "calc(100vw - 2rem)"),
    "PHOTOS_LIST_CARD_SIZES": "(min-width: 48em) 14rem, (min-width: 20em) 7rem, calc(100vw - 2rem)",
    # Widths of the renditions of figures and of the lightbox, offered to browsers in
    # ``srcset`` (each as JPEG, or PNG for photos with transparency, and as WebP unless a
    # side is longer than WebP holds, 16383 px: a long screenshot). Never
    # wider than the photo: a 700 px photo gives 480 and 700. The widest is the photo
    # links open without JavaScript; the middle one (of four, the third) is the ``src``
    # (feeds, old browsers).
    # 1200: a phone 360 px wide at 3 device pixels a pixel needs 984, which took the
    # 1600 px file (twice the bytes) when the next width down was 960; the share image
    # is the same 1200 px JPEG, made once.
    "PHOTOS_WIDTHS": (480, 960, 1200, 1600),
    # How wide figures are shown (the ``sizes`` attribute): the text column of the theme
    # (theme/static/css/site.css: 48rem beside the sidebar on wide screens, else the
    # screen less its margins).
    "PHOTOS_SIZES": "(min-width: 72rem) 48rem, (min-width: 64rem) calc(100vw - 24rem), calc(100vw - 2rem)",
    # Width of the JPEG social networks show for a post (og:image, ``article.share_image``).
    "PHOTOS_SHARE_WIDTH": 1200,
    # JPEG quality of the renditions, 1-95.
    "PHOTOS_JPEG_QUALITY": 82,
    # WebP quality of the renditions, 1-100 (at 75, typically a quarter smaller than JPEG at 82
    # for a similar look).
    "PHOTOS_WEBP_QUALITY": 75,
    # Make a WebP twin of every rendition (offered first in <picture>). False publishes
    # the JPEG (or PNG) renditions alone: encoding takes well under half the time (WebP
    # is the slow part), and readers download the larger JPEGs.
    "PHOTOS_WEBP": True,
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
    # title, "{number}" the photo's number on that language's page, in the order a
    # reader meets them: ``placement.FolderPlan.numbers``); other languages use
    # "{title} – {number}".
    "PHOTOS_ALT_TEXT": {"vi": "{title} – ảnh {number}", "en": "{title} – photo {number}"},
}

DEFAULT_ALT_TEXT = "{title} – {number}"

#: Settings of earlier versions, and what replaced them.
RETIRED = {
    "PHOTOS_MEDIUM_WIDTH": "PHOTOS_WIDTHS",
    "PHOTOS_LARGE_WIDTH": "PHOTOS_WIDTHS",
}


def _whole(value, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


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
    for key, instead in RETIRED.items():
        if key in settings:
            problems.append(f"Setting '{key}': no longer used, set {instead} instead, "
                            f"but received: {settings[key]!r}")
    widths = merged["PHOTOS_WIDTHS"]
    if (isinstance(widths, (list, tuple)) and widths and all(_whole(v, 1) for v in widths)
            and len(set(widths)) == len(widths)):
        merged["PHOTOS_WIDTHS"] = tuple(sorted(widths))
    else:
        bad("PHOTOS_WIDTHS", "different whole numbers of pixels, e.g. (480, 960, 1600)")
    for key in ("PHOTOS_SIZES", "PHOTOS_GALLERY_SIZES", "PHOTOS_HOME_CARD_SIZES", "PHOTOS_LIST_CARD_SIZES"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            bad(key, "the text of a sizes attribute, e.g. '100vw'")
    dense = merged["PHOTOS_THUMB_2X"]
    if dense is not None and not (
            isinstance(dense, dict) and set(dense) == {"jpeg", "webp"}
            and _whole(dense["jpeg"], 1) and dense["jpeg"] <= 95
            and _whole(dense["webp"], 1) and dense["webp"] <= 100):
        bad("PHOTOS_THUMB_2X", "None or the qualities {'jpeg': 1-95, 'webp': 1-100}, e.g. {'jpeg': 40, 'webp': 40}")
    for key in ("PHOTOS_SHARE_WIDTH", "PHOTOS_MAX_PIXELS"):
        if not _whole(merged[key], 1):
            bad(key, "a whole number of pixels, at least 1")
    for key, top in (("PHOTOS_JPEG_QUALITY", 95), ("PHOTOS_WEBP_QUALITY", 100)):
        if not _whole(merged[key], 1) or merged[key] > top:
            bad(key, f"a whole number from 1 to {top}")
    if not isinstance(merged["PHOTOS_WEBP"], bool):
        bad("PHOTOS_WEBP", "True or False")
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
    """This plugin's settings as ``check`` left them in Pelican's settings."""
    return {key: settings.get(key, value) for key, value in DEFAULTS.items()}

"""Settings of the seo plugin, with their defaults (documented in README)."""

from __future__ import annotations

DEFAULTS: dict = {
    # Where the sitemap of every published page goes, relative to the output; "" = none.
    "SEO_SITEMAP_SAVE_AS": "sitemap.xml",
    # robots.txt (allows everything, names the sitemap); "" = none.
    "SEO_ROBOTS_SAVE_AS": "robots.txt",
    # og:locale of each language (Facebook's language_TERRITORY codes).
    "SEO_OG_LOCALES": {"vi": "vi_VN", "en": "en_GB"},
    # The publisher's logo in JSON-LD, as a URL inside the site.
    "SEO_PUBLISHER_LOGO": "apple-touch-icon.png",
    # What a shared link of a page without a photo of its own shows (og:image): a file of
    # the theme's static folder, as the site serves it; "" = none (a small card).
    "SEO_SHARE_IMAGE": "theme/img/share.jpg",
}


def read(settings: dict) -> dict:
    """Validate and return this plugin's settings merged over the defaults."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    problems = []
    for key in ("SEO_SITEMAP_SAVE_AS", "SEO_ROBOTS_SAVE_AS", "SEO_PUBLISHER_LOGO", "SEO_SHARE_IMAGE"):
        value = merged[key]
        if value is None:
            merged[key] = ""
        elif not isinstance(value, str) or value.startswith("/"):
            problems.append(f"Setting '{key}': expected a path inside the site (no leading "
                            f"'/') or \"\", but received: {value!r}")
    locales = merged["SEO_OG_LOCALES"]
    if not isinstance(locales, dict) or not all(isinstance(v, str) for v in locales.values()):
        problems.append("Setting 'SEO_OG_LOCALES': expected a dict of language code -> "
                        f"locale such as 'vi_VN', but received: {locales!r}")
    if not problems and merged["SEO_SHARE_IMAGE"]:
        try:
            merged["share_image"] = theme_image(settings, merged["SEO_SHARE_IMAGE"])
        except ValueError as error:
            problems.append(f"Setting 'SEO_SHARE_IMAGE': {error}")
    if problems:
        raise ValueError("; ".join(problems))
    return merged


def theme_image(settings: dict, url: str) -> tuple[str, int, int]:
    """``url`` (``theme/img/share.jpg``) with the version of the theme's file it is
    (``?v=…``, plugins/theme_assets: a replaced picture gets a new address, which social
    networks fetch again), and the picture's size."""
    from PIL import Image

    from sitemodel.theme_files import static_folders, static_prefix, theme_file, version

    prefix = static_prefix(settings) + "/"
    found = theme_file(settings, url[len(prefix):]) if url.startswith(prefix) else None
    if found is None:
        raise ValueError(f"no file {url!r} in the theme's static folder "
                         f"({', '.join(static_folders(settings))}), where '{prefix}...' is served from")
    try:
        with Image.open(found) as image:
            width, height = image.size
    except OSError:
        raise ValueError(f"{found} is not an image") from None
    return f"{url}?v={version(found)}", width, height

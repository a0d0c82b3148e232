"""Settings of the seo plugin, with their defaults (documented in README)."""

from __future__ import annotations

DEFAULTS: dict = {
    # Where the sitemap of every published page goes, relative to the output; "" = none.
    "SEO_SITEMAP_SAVE_AS": "sitemap.xml",
    # robots.txt (allows everything, names the sitemap); "" = none.
    "SEO_ROBOTS_SAVE_AS": "robots.txt",
    # og:locale of each language (Facebook's language_TERRITORY codes).
    "SEO_OG_LOCALES": {"vi": "vi_VN", "en": "en_US"},
    # The publisher's logo in JSON-LD, as a URL inside the site.
    "SEO_PUBLISHER_LOGO": "theme/img/favicon.svg",
}


def read(settings: dict) -> dict:
    """Validate and return this plugin's settings merged over the defaults."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    problems = []
    for key in ("SEO_SITEMAP_SAVE_AS", "SEO_ROBOTS_SAVE_AS", "SEO_PUBLISHER_LOGO"):
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
    if problems:
        raise ValueError("; ".join(problems))
    return merged

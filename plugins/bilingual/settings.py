"""Settings of the bilingual plugin, with their defaults (documented in README).

The languages themselves are ``SITE_LANGUAGES``, owned by the sitemodel plugin.
"""

from __future__ import annotations

DEFAULTS: dict = {
    # Babel date format for post dates: "short", "medium", "long", "full" or a pattern.
    "BILINGUAL_DATE_FORMAT": "long",
}


def read(settings: dict) -> dict:
    """Return this plugin's settings merged over the defaults."""
    return {key: settings.get(key, value) for key, value in DEFAULTS.items()}

"""Two languages from one Pelican run: URLs, language switcher, hreflang, gettext, dates."""

from .bilingual import register

__all__ = ["register"]

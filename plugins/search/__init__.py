"""Site search: a search page per language and a Pagefind index built after the site is written."""

from .search import register

__all__ = ["register"]

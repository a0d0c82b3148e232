"""Section listing pages, the home page, breadcrumbs and per-section feeds."""

from .sections import register

__all__ = ["register"]

"""The page hosts show for an address the site does not have (``404.html``)."""

from .not_found import register

__all__ = ["register"]

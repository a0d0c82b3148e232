"""Old addresses of a post (``Aliases:``) that lead readers to where it is now."""

from .aliases import register

__all__ = ["register"]

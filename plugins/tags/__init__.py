"""Tag pages: the posts of each tag, and the list of tags, per language."""

from .tags import register

__all__ = ["register"]

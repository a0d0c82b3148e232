"""Newer/older links between posts of the same section and language."""

from .neighbors import register

__all__ = ["register"]

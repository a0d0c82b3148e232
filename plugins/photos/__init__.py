"""Figures, galleries and renditions of the photos in post folders (see photos.py)."""

from .photos import register

__all__ = ["register"]

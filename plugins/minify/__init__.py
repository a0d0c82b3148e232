"""Smaller HTML, CSS and JavaScript in publish builds (minify-html), after the site is written."""

from .minify import register

__all__ = ["register"]

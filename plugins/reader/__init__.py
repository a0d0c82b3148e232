"""The project's Markdown reader: UTF-8/NFC text, parallel conversion, content cache."""

from .reader import register

__all__ = ["register"]

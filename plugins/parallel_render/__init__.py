"""Render pages in forked worker processes, sharing the built context copy-on-write."""

from .parallel_render import register

__all__ = ["register"]

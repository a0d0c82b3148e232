"""Atomic output: a build replaces the output folder only when it succeeded, and never
writes into (or deletes) the project's own folders."""

from .guard import UnsafeOutputPath, check_output_path
from .safe_output import register

__all__ = ["UnsafeOutputPath", "check_output_path", "register"]

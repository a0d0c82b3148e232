"""Theme files (styles, scripts, icons) linked with their version: ``asset_url()``."""

from .theme_assets import register

__all__ = ["register"]

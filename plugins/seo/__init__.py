"""What search engines and social networks read: sitemap, robots.txt, Open Graph, JSON-LD."""

from .seo import register

__all__ = ["register"]

"""HTTP security headers for the hosts that serve the site: a ``_headers`` file at the
root of the output (Netlify, Cloudflare Pages) with the same policy as
``deploy/nginx-security-headers.conf``."""

from .security_headers import register

__all__ = ["register"]

"""The headers every page is served with (README, "What the site does", security headers;
deploy/README.md).

The Content-Security-Policy is one the theme satisfies: scripts and styles only from
the site itself, no inline script or style, no ``eval`` (``'wasm-unsafe-eval'`` lets
the search page's Pagefind compile its WebAssembly, nothing more). Photos may come from
other https hosts (a YouTube video's picture among them, ``plugins/reader/embeds.py``), as
may videos framed from YouTube and maps from Google Maps ("Share → Embed a map"): staff
may place any of them in a post or page. ``invoke check`` warns of a frame from another
host (``frames.py``).
"""

from __future__ import annotations

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' https:",
    "frame-src https://www.youtube-nocookie.com https://www.youtube.com https://www.google.com/maps/embed",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])

DEFAULTS: dict = {
    # Header -> value, sent with every file of the site (in this order).
    "SECURITY_HEADERS": {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "SAMEORIGIN",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    },
    # Cache-Control of the theme's files (THEME_STATIC_DIR) and of the search index's
    # content-named files: pages link the first with their version (plugins/theme_assets),
    # the second change names when they change, so a browser may keep them a year
    # without asking again; "" sends none.
    "SECURITY_HEADERS_THEME_CACHE": "public, max-age=31536000, immutable",
    # Where the Netlify/Cloudflare Pages file goes in the output; "" writes none.
    "SECURITY_HEADERS_SAVE_AS": "_headers",
}


def check(settings: dict) -> tuple[dict, list[str]]:
    """This plugin's settings merged over the defaults, and one message per bad key."""
    merged = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
    problems = []
    headers = merged["SECURITY_HEADERS"]
    if not (isinstance(headers, dict) and all(
            isinstance(k, str) and isinstance(v, str) and k.strip() and "\n" not in k + v
            for k, v in headers.items())):
        problems.append("Setting 'SECURITY_HEADERS': expected a dict of header name -> value "
                        f"(one line each), but received: {headers!r}")
    cache = merged["SECURITY_HEADERS_THEME_CACHE"]
    if not isinstance(cache, str) or "\n" in cache:
        problems.append("Setting 'SECURITY_HEADERS_THEME_CACHE': expected a Cache-Control value "
                        f"such as 'public, max-age=31536000, immutable' or '', but received: {cache!r}")
    if not isinstance(merged["SECURITY_HEADERS_SAVE_AS"], str):
        problems.append("Setting 'SECURITY_HEADERS_SAVE_AS': expected a file name such as "
                        f"'_headers' or '', but received: {merged['SECURITY_HEADERS_SAVE_AS']!r}")
    return merged, problems

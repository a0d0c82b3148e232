"""Which frames the site's Content-Security-Policy lets a reader's browser show.

A frame a post embeds from a host the policy does not list (``frame-src``) shows as an
empty box on the published site, though it worked in an editor's browser; ``invoke
check`` names each such frame with its line (``staff/check.py``), and the live preview
sends the policy (``staff/preview.py``), so staff see what readers will.

The matching follows CSP Level 3's source expressions as far as a post's frame needs:
``*``, a scheme (``https:``), a host with an optional ``*.`` and port and a path (a path
ending in ``/`` is a prefix, another must match exactly), ``'self'`` for the site's own
addresses and ``'none'``. ``frame-src`` falls back to ``child-src``, then ``default-src``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def directives(policy: str) -> dict[str, list[str]]:
    """``"default-src 'self'; frame-src https://a"`` -> ``{"default-src": ["'self'"], …}``
    (the first of a repeated directive counts, as in browsers)."""
    found: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found.setdefault(words[0].lower(), words[1:])
    return found


def frame_sources(headers: dict[str, str]) -> list[str] | None:
    """The source list that governs frames under ``headers``; None: no policy limits them."""
    policy = next((v for k, v in headers.items() if k.lower() == "content-security-policy"), None)
    if policy is None:
        return None
    found = directives(policy)
    for name in ("frame-src", "child-src", "default-src"):
        if name in found:
            return found[name]
    return None


def _matches(source: str, url) -> bool:
    source = source.strip()
    if source == "*":
        return url.scheme in ("http", "https")
    if source.endswith(":") and "/" not in source:
        scheme = source[:-1].lower()
        return url.scheme == scheme or (scheme == "http" and url.scheme == "https")
    scheme, _, rest = source.rpartition("://")
    if scheme and url.scheme != scheme.lower() and not (scheme.lower() == "http" and url.scheme == "https"):
        return False
    if not scheme and url.scheme != "https":
        return False  # a bare host means the page's scheme: https on a published site
    hostport, slash, path = rest.partition("/")
    host, _, port = hostport.partition(":")
    host = host.lower()
    if host.startswith("*."):
        if not (url.hostname or "").endswith(host[1:]):
            return False
    elif (url.hostname or "") != host:
        return False
    if port != "*":
        want = int(port) if port.isdigit() else DEFAULT_PORTS.get(url.scheme)
        if (url.port or DEFAULT_PORTS.get(url.scheme)) != want:
            return False
    if slash:
        path = "/" + path
        return url.path.startswith(path) if path.endswith("/") else url.path == path
    return True


def frame_allowed(sources: list[str] | None, src: str) -> bool:
    """Whether a frame of ``src`` loads under ``sources`` (``frame_sources``). An address
    of the site itself (no scheme and host) is allowed by ``'self'``."""
    if sources is None:
        return True
    try:
        url = urlsplit(("https:" if src.strip().startswith("//") else "") + src.strip())
        url.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        return False  # not an address: no browser loads it
    if not url.scheme and not url.netloc:  # the site's own page, on https when published
        return any(s.strip().lower() in ("'self'", "https:", "*") for s in sources)
    return any(_matches(s, url) for s in sources if not s.startswith("'"))

"""Which frames the site's Content-Security-Policy allows (``security_headers.frames``),
as a browser decides it: ``invoke check`` warns of the others."""

from __future__ import annotations

import pytest

from security_headers.frames import frame_allowed, frame_sources
from security_headers.settings import DEFAULTS

DEFAULT = frame_sources(DEFAULTS["SECURITY_HEADERS"])


@pytest.mark.parametrize("src, allowed", [
    ("https://www.youtube.com/embed/abc123?start=5", True),
    ("//www.youtube-nocookie.com/embed/abc123", True),
    ("https://www.google.com/maps/embed?pb=!1m18!1m12", True),
    ("https://www.google.com/maps/place/x", False),  # a path that is not the embed's
    ("https://www.google.com/", False),
    ("http://www.youtube.com/embed/abc123", False),  # not https
    ("https://youtube.com/embed/abc123", False),  # another host
    ("https://www.youtube.com:8443/embed/x", False),
    ("https://www.facebook.com/plugins/video.php?href=x", False),
    ("/ban-do.html", False),  # the policy has no 'self' for frames
    ("https://[x/", False),  # not an address (the reader refuses it)
    ("https://www.youtube.com:99999/embed/x", False),
])
def test_the_default_policy(src, allowed):
    assert frame_allowed(DEFAULT, src) is allowed


def test_other_policies():
    def sources(policy):
        return frame_sources({"Content-Security-Policy": policy})

    assert sources("default-src 'self'; img-src https:") == ["'self'"]  # frame-src falls back
    assert sources("default-src 'none'; child-src https://a.example") == ["https://a.example"]
    assert frame_sources({"X-Frame-Options": "DENY"}) is None
    assert frame_allowed(None, "https://anything.example/")
    assert frame_allowed(sources("frame-src 'self'"), "/ban-do.html")
    assert frame_allowed(sources("frame-src https:"), "ban-do.html")  # the site's own, on https
    assert not frame_allowed(sources("frame-src https://a.example"), "ban-do.html")
    assert not frame_allowed(sources("frame-src 'none'"), "https://www.youtube.com/embed/x")
    assert frame_allowed(sources("frame-src https:"), "https://x.example/")
    assert frame_allowed(sources("frame-src *"), "https://x.example/")
    wildcard = sources("frame-src *.example.org https://docs.example.com/forms/")
    assert frame_allowed(wildcard, "https://maps.example.org/x")
    assert not frame_allowed(wildcard, "https://example.org/x")
    assert frame_allowed(wildcard, "https://docs.example.com/forms/d/1")
    assert not frame_allowed(wildcard, "https://docs.example.com/other")

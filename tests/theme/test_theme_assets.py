"""The stylesheet and script themselves: small, self-contained, accessible defaults."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from theme_support import STATIC

CSS = (STATIC / "css" / "site.css").read_text(encoding="utf-8")
JS = (STATIC / "js" / "site.js").read_text(encoding="utf-8")


def test_stylesheet_stays_small():
    # 12 KB until the YouTube videos' pictures (a.video) needed four rules more, 13 KB
    # until the page of feeds (.feed-list), tables' aligned columns and a phone audit's
    # rules (links 44 px tall, the header and menu on small phones, tables), 15 KB until
    # a reader's walk through the demo found more links to make 44 px tall (above and
    # under titles, the archive's), 16 KB until the header's and menu's room in px for
    # larger text, the search box at Pagefind's scale and the trail at 200 % (minified:
    # 12.6 KB);
    # the print rules are in print.css (media="print": fetched after the page, never
    # waited for).
    assert len(CSS.encode("utf-8")) < 17 * 1024, "site.css is over its 17 KB budget"
    assert "@media print" not in CSS


def test_stylesheet_loads_nothing_from_other_hosts():
    assert "@import" not in CSS
    assert "@font-face" not in CSS, "system fonts only"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", CSS)


def test_font_stack_carries_vietnamese():
    stack = re.search(r"--font:\s*([^;]+);", CSS).group(1)
    fonts = [f.strip().strip('"') for f in stack.split(",")]
    for font in ("Segoe UI", "Roboto", "Noto Sans", "Arial"):
        assert font in fonts
    assert fonts[-1] == "sans-serif"
    body = re.search(r"\nbody \{([^}]*)\}", CSS).group(1)
    assert "font-family: var(--font)" in body and "line-height: 1.6" in body


def test_accessibility_basics_are_styled():
    assert re.search(r":focus-visible \{ outline: 3px solid", CSS)
    assert ".skip-link:focus" in CSS
    assert "@media (prefers-reduced-motion: reduce)" in CSS
    assert ".visually-hidden" in CSS


def test_script_only_enhances_the_copy_link_and_the_videos():
    assert "navigator.clipboard" in JS and "data-copied" in JS and "data-copy" in JS
    assert "data-embed" in JS and "autoplay=1" in JS
    assert not re.search(r"https?://", JS), "no third-party hosts"
    for risky in ("eval(", "innerHTML", "document.write", "new Function"):
        assert risky not in JS


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_parses():
    result = subprocess.run(["node", "--check", str(STATIC / "js" / "site.js")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

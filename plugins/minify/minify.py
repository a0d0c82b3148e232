"""Minify the written site's HTML, CSS and JavaScript with minify-html, when ``MINIFY`` is on.

Runs on ``finalized``, once the whole site is written, and after the search plugin's
Pagefind index (``PLUGINS`` lists ``search`` before ``minify``; Pelican calls handlers
in that order): Pagefind reads the pages as the templates wrote them, and minifying
afterwards changes no text it indexed. ``MINIFY_EXCLUDE`` keeps Pagefind's own bundle
(already minified; its index files are not text) out of reach.

The HTML stays spec-compliant (minify-html's defaults, nothing "non-compliant" turned
on), and keeps its ``<html>``/``<head>`` tags and closing tags, which the crawlers of
social networks expect when they read the Open Graph tags.
"""

from __future__ import annotations

import logging
import os
import re

import minify_html
from pelican import signals

from sitemodel import BuildFailed

from . import settings as plugin_settings

logger = logging.getLogger(__name__)

HTML_OPTIONS = {
    "minify_css": True,
    "minify_js": True,
    "keep_closing_tags": True,
    "keep_html_and_head_opening_tags": True,
}

#: minify-html writes media queries in the range syntax ``(width>=48em)``, which
#: browsers before Safari 16.4 / Chrome 104 ignore; put them back as min-/max-width.
RANGE_QUERY = re.compile(r"\((width|height)(>=|<=)([^()<>=]+)\)")


def classic_media_queries(css: str) -> str:
    def back(m: re.Match) -> str:
        prefix = "min" if m.group(2) == ">=" else "max"
        return f"({prefix}-{m.group(1)}:{m.group(3).strip()})"

    return RANGE_QUERY.sub(back, css)


def minify_wrapped(code: str, tag: str, option: str) -> str | None:
    """A stylesheet or script minified as the body of a ``<style>``/``<script>`` element.

    ``None`` when it cannot be done safely (the code holds its own closing tag).
    """
    opening, closing = f"<{tag}>", f"</{tag}>"
    if closing in code.lower():
        return None
    out = minify_html.minify(opening + code + closing, **{option: True})
    if not (out.startswith(opening) and out.endswith(closing)):
        return None
    return out[len(opening):-len(closing)]


def minify_text(kind: str, text: str) -> str | None:
    """``text`` minified by its ``kind`` (``html``, ``css``, ``js``); ``None``: leave it."""
    if kind == "html":
        # The theme has no inline styles (its CSP forbids them): no media queries here.
        return minify_html.minify(text, **HTML_OPTIONS)
    if kind == "css":
        out = minify_wrapped(text, "style", "minify_css")
        return classic_media_queries(out) if out is not None else None
    if kind == "js":
        return minify_wrapped(text, "script", "minify_js")
    return None


def files_to_minify(output: str, exclude: list[str]) -> list[tuple[str, str]]:
    """(kind, path) of every HTML, CSS and JS file of the output outside ``exclude``, sorted."""
    kinds = {".html": "html", ".htm": "html", ".css": "css", ".js": "js"}
    found = []
    for folder, dirs, files in os.walk(output):
        rel_folder = os.path.relpath(folder, output).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(d for d in dirs if f"{rel_folder}{d}/" not in exclude)
        for name in sorted(files):
            kind = kinds.get(os.path.splitext(name)[1].lower())
            if kind:
                found.append((kind, os.path.join(folder, name)))
    return found


def minify_output(output: str, exclude: list[str]) -> tuple[int, int, int]:
    """Minify the site in ``output`` in place; return (files changed, bytes before, after)."""
    changed = before = after = 0
    for kind, path in files_to_minify(output, exclude):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            out = minify_text(kind, text)
        except Exception as error:  # minify-html raises plain exceptions on bad input
            logger.error("minify: %s: %s", os.path.relpath(path, output), error)
            raise BuildFailed([]) from error
        if out is None:
            logger.debug("minify: %s left as it is", os.path.relpath(path, output))
            continue
        size_in, size_out = len(text.encode("utf-8")), len(out.encode("utf-8"))
        before, after = before + size_in, after + size_out
        if out != text:
            changed += 1
            # A new file, not the old one rewritten: pages reused from the page cache
            # are hard links to it (plugins/parallel_render/page_cache.py).
            tmp = path + ".minify-tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(out)
            os.replace(tmp, path)
    return changed, before, after


def on_initialized(pelican) -> None:
    plugin_settings.read(pelican.settings)


def on_finalized(pelican) -> None:
    cfg = plugin_settings.read(pelican.settings)
    if not cfg["MINIFY"]:
        return
    changed, before, after = minify_output(pelican.output_path, cfg["MINIFY_EXCLUDE"])
    logger.info("minify: %d files, %d KB -> %d KB", changed, before // 1024, after // 1024)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)

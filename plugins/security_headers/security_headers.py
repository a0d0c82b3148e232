"""Write the ``_headers`` file (Netlify and Cloudflare Pages syntax) into the output.

``nginx_snippet`` renders the same headers for nginx; ``deploy/nginx-security-headers.conf``
is that snippet, and a test keeps the two in step.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from sitemodel.errors import fail_settings
from sitemodel.theme_files import static_prefix

from . import settings as plugin_settings


#: The folders of a Pagefind bundle whose files are named by their content (as in
#: deploy/nginx-caching.conf).
CONTENT_NAMED = ("fragment", "index", "filter")


def headers_file(headers: dict[str, str], theme_cache: str = "", theme_dir: str = "theme",
                 search_bundles: list[str] | tuple[str, ...] = ()) -> str:
    """``_headers``: every path of the site gets every header; the theme's files (linked
    with their version, plugins/theme_assets) and the files of each search bundle's
    ``CONTENT_NAMED`` folders (a changed file gets a new name) also get ``theme_cache``
    as Cache-Control. Netlify takes a ``*`` only at a rule's end, so each bundle's
    folder is a rule of its own; the bundle's other files (``pagefind.js``, its entry
    file naming this build's lists of words) keep the hosts' default, asked for again."""
    text = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
    if theme_cache:
        text += f"/{theme_dir}/*\n  Cache-Control: {theme_cache}\n"
        for bundle in search_bundles:
            for folder in CONTENT_NAMED:
                text += f"/{bundle}/{folder}/*\n  Cache-Control: {theme_cache}\n"
    return text


def nginx_snippet(headers: dict[str, str]) -> str:
    """``add_header`` lines for nginx (``always``: error pages get them too)."""
    lines = [
        "# Security headers of the site: include this file in the server { } block that",
        "# serves output/ (deploy/README.md). Made from plugins/security_headers/settings.py;",
        "# a test checks that the two agree. nginx drops the server's add_header lines in a",
        "# location { } that has add_header lines of its own: include it there too.",
    ]
    for name, value in headers.items():
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'add_header {name} "{escaped}" always;')
    return "\n".join(lines) + "\n"


class HeadersGenerator(Generator):
    def generate_output(self, writer) -> None:
        cfg = plugin_settings.check(self.settings)[0]
        if not cfg["SECURITY_HEADERS_SAVE_AS"]:
            return
        path = sanitised_join(self.output_path, cfg["SECURITY_HEADERS_SAVE_AS"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(headers_file(cfg["SECURITY_HEADERS"], cfg["SECURITY_HEADERS_THEME_CACHE"],
                                 static_prefix(self.settings), self.context.get("search_bundles", ())))


def get_generators(pelican):
    return HeadersGenerator


def on_initialized(pelican) -> None:
    merged, problems = plugin_settings.check(pelican.settings)
    fail_settings("security_headers", problems)
    pelican.settings.update(merged)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)

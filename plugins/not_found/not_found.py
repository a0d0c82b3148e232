"""The page hosts show for an address the site does not have: ``404.html``.

GitHub Pages, GitLab Pages, Netlify and Cloudflare Pages answer every missing address
with the site's ``/404.html`` (status 404) by themselves; nginx needs ``error_page 404
/404.html;`` and Apache ``ErrorDocument 404 /404.html`` (deploy/README.md). A
reader following a link to a post that moved, or one to the old site, then lands on
this site: its header, menu and footer in the default language, then for each language
of the site (Vietnamese first) what happened and links to that language's home and
search pages (``partials/not_found.html``, included once per language), and the newest
posts.

Each other language has the same page in its own language under its prefix
(``en/404.html``: English header, menu and newest posts, the English part first), for
a missing address under that prefix: Cloudflare Pages and ``invoke serve`` answer with
the nearest ``404.html`` up the address's folders by themselves; nginx needs ``location
/en/ { error_page 404 /en/404.html; }``, Netlify a ``/en/* /en/404.html 404`` line in
``_redirects`` (deploy/README.md). GitHub and GitLab Pages show the root's everywhere.

One page answers every missing address, at any depth, so no link on it may be relative
to the page: it is written with the site's ``SITEURL`` as it is (``relative_urls=False``),
and every link of the theme is ``{{ SITEURL }}/…``, root-relative or absolute. It tells
search engines not to index it, is not in the sitemap (which lists the site model's
pages) nor in the search index (only posts are). ``NOT_FOUND_SAVE_AS`` names the file;
``""`` writes none.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from sitemodel import get_model, language_link

#: Where the page is written, relative to the output; "" writes none.
SETTING = "NOT_FOUND_SAVE_AS"
DEFAULT = "404.html"

# Per-build state: the checked setting, read once at ``initialized``.
_state: dict = {"save_as": DEFAULT}


def save_as(settings: dict) -> str:
    """The page's file, checked: a file name (or path) ending in ``.html``, or ""."""
    value = settings.get(SETTING, DEFAULT)
    if value == "":
        return value
    if (not isinstance(value, str) or not value.endswith(".html") or value.startswith("/")
            or ".." in value.split("/")):
        raise ValueError(f"Setting '{SETTING}': expected a file name ending in '.html' "
                         f"(e.g. '404.html'), or '' for none, but received: {value!r}")
    return value


def files(model, name: str) -> dict[str, str]:
    """Language -> its page's file: ``name`` under the language's prefix (``404.html``,
    ``en/404.html``)."""
    return {lang: model.prefix(lang) + name for lang in model.languages} if name else {}


class NotFoundGenerator(Generator):
    """Writes the page for missing addresses in each language: at the root in the default
    language, under each other language's prefix (``en/404.html``) in that language, each
    with the page's language first and a part for every other."""

    def generate_output(self, writer) -> None:
        name = _state["save_as"]
        if not name:
            return
        model = get_model(self.context)
        template = self.get_template("404")
        for lang, path in files(model, name).items():
            # The switcher leads to each language's home; no language has "the same page".
            links = [language_link(self.settings, other, model.home_url(other), False, other == lang)
                     for other in model.languages]
            parts = [lang] + [other for other in model.languages if other != lang]
            writer.write_file(path, template, self.context, relative_urls=False,
                              lang=lang, not_found=True, page_language_links=links,
                              not_found_languages=parts)


def get_generators(pelican):
    return NotFoundGenerator


def check_setting(pelican) -> None:
    # (a wrong value stops the build before anything is read)
    _state["save_as"] = save_as(pelican.settings)


def register() -> None:
    signals.initialized.connect(check_setting)
    signals.get_generators.connect(get_generators)

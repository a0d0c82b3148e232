"""Search engines and social networks: sitemap.xml, robots.txt, Open Graph and JSON-LD.

- ``SeoGenerator`` writes ``sitemap.xml`` and ``robots.txt`` from the site model.
- Templates get ``social_card()`` (the facts of the Open Graph / Twitter tags, rendered
  by ``partials/social.html``), ``og_locale(lang)`` and ``structured_data()`` (the
  page's JSON-LD ``<script>``).
"""

from __future__ import annotations

import logging
import os

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from sitemodel import get_model
from sitemodel.urls import absolute, public_base

from . import settings as plugin_settings
from . import sitemap, structured

logger = logging.getLogger(__name__)

# Per-build settings, read once at ``initialized``.
_state: dict = {}


@pass_context
def social_card(ctx) -> dict:
    cfg = _state["cfg"]
    return structured.social_card(ctx, cfg["SEO_OG_LOCALES"], cfg.get("share_image"))


def og_locale(lang: str) -> str:
    return _state["cfg"]["SEO_OG_LOCALES"].get(lang, lang)


@pass_context
def structured_data(ctx):
    cfg = _state["cfg"]
    return structured.structured_data(ctx, cfg["SEO_PUBLISHER_LOGO"], cfg.get("share_image"))


class SeoGenerator(Generator):
    """Writes the sitemap and robots.txt."""

    def generate_output(self, writer) -> None:
        cfg = _state["cfg"]
        base = public_base(self.settings)
        sitemap_url = None
        if cfg["SEO_SITEMAP_SAVE_AS"]:
            found = sitemap.entries(get_model(self.context), self.settings, base,
                                    self.context.get("tag_pages"))
            write_text(self.output_path, cfg["SEO_SITEMAP_SAVE_AS"], sitemap.render_sitemap(found))
            sitemap_url = absolute(base, cfg["SEO_SITEMAP_SAVE_AS"])
            logger.info("seo: %d pages in %s", len(found), cfg["SEO_SITEMAP_SAVE_AS"])
        if cfg["SEO_ROBOTS_SAVE_AS"]:
            write_text(self.output_path, cfg["SEO_ROBOTS_SAVE_AS"], sitemap.render_robots(sitemap_url))


def write_text(output_path: str, rel: str, text: str) -> None:
    path = sanitised_join(output_path, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def get_generators(pelican):
    return SeoGenerator


def on_initialized(pelican) -> None:
    _state.clear()
    _state["cfg"] = plugin_settings.read(pelican.settings)


def on_generator_init(generator) -> None:
    generator.env.globals.update(social_card=social_card, og_locale=og_locale,
                                 structured_data=structured_data)


def on_finalized(pelican) -> None:
    _state.clear()


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(on_generator_init)
    signals.finalized.connect(on_finalized)

"""Home page, section pages and feeds per language, and the breadcrumb trail.

Reads the site model; writes, for each language:
- the home page: pinned posts, then the newest posts of each top-level section;
- one paginated page per section that has posts in that language (subsections included);
- an Atom and an RSS feed for the site and for every such section.
"""

from __future__ import annotations

import datetime
import logging

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from sitemodel import ContentError, get_model, model_ready, page_lang, site_today
from sitemodel.build import metadata_line
from sitemodel.checks import parse_date
from sitemodel.errors import fail

from . import feeds
from . import settings as plugin_settings

logger = logging.getLogger(__name__)

TRUE_WORDS = {"yes", "true", "1", "có", "co", "x"}
FALSE_WORDS = {"no", "false", "0", "không", "khong", ""}


def mark_pinned(model, day: datetime.date) -> None:
    """Set ``article.pinned`` from ``Pinned:`` and ``Expires:`` (compared with ``day``,
    the build's ``SITE_TODAY``); report unreadable values."""
    errors = []
    for post in model.posts:
        for article in post.versions.values():
            article.pinned = False
            raw = str(article.metadata.get("pinned", "")).strip().lower()
            if raw not in TRUE_WORDS | FALSE_WORDS:
                errors.append(ContentError(article.relative_source_path, pinned_message(raw),
                                           metadata_line(article.source_path, "pinned")))
                continue
            expires = article.metadata.get("expires")
            if expires:
                # As "Date:" (README): "10/12/2026" would be read as October 12, and
                # "2026-12" would take today's day; other forms are refused, not guessed.
                parsed = parse_date(str(expires))
                if parsed is None:
                    errors.append(ContentError(article.relative_source_path, expiry_message(str(expires)),
                                               metadata_line(article.source_path, "expires")))
                    continue
                article.expires = parsed.date()
                if article.expires < day:
                    continue
            article.pinned = raw in TRUE_WORDS
    fail(errors)


def pinned_message(value: str) -> str:
    """A ``Pinned:`` that is neither yes nor no: the build's and check's words."""
    return (f"'Pinned: {value}' không hiểu được, dùng 'Pinned: yes' / "
            f"cannot read 'Pinned: {value}'; write 'Pinned: yes'")


def expiry_message(value: str) -> str:
    return (f"ngày hết ghim '{value}' không đọc được, viết năm-tháng-ngày: 2026-12-31 / "
            f"cannot read the date 'Expires: {value}'; write year-month-day: 2026-12-31")


@pass_context
def breadcrumbs(ctx) -> list[dict]:
    """The linked levels between home and the page itself, outermost first."""
    model = get_model(ctx)
    lang = page_lang(ctx)
    article, section = ctx.get("article"), ctx.get("section")
    if article is not None and getattr(article, "section", None) is not None:
        chain = article.section.ancestors() + [article.section]
    elif section is not None and not section.is_root:
        chain = section.ancestors()
    else:
        chain = []
    return [{"name": s.name(lang), "url": model.section_url(s, lang), "lang": s.name_lang(lang)} for s in chain]


@pass_context
def section_name(ctx, section) -> Markup:
    """A section's name on the page, marked with its language when it is not the page's
    (a section named in Vietnamese only, on English pages: screen readers read it with
    a Vietnamese voice, not an English one)."""
    lang = page_lang(ctx)
    key = (lang, section.name_lang(lang), section.name(lang))
    found = _marked_names.get(key)
    if found is None:  # (every page's menu asks for the same few: 30,000 calls at 3,000 posts)
        found = _marked_names[key] = (Markup.escape(key[2]) if key[1] == lang else
                                      Markup('<span lang="{}">{}</span>').format(key[1], key[2]))
    return found


#: (page language, name language, name) -> the name as section_name() writes it.
_marked_names: dict[tuple[str, str, str], Markup] = {}


class SectionsGenerator(Generator):
    """Writes home pages, section pages and feeds from the site model."""

    def generate_output(self, writer) -> None:
        model = get_model(self.context)
        cfg = plugin_settings.read(self.settings)
        texts = feeds.build_texts(self.context)
        for lang in model.languages:
            self.write_home(writer, model, lang, cfg)
            for section in model.root.walk():
                if section.is_root or not model.has_page(section, lang):
                    continue
                self.write_section(writer, model, section, lang)
            for section in model.root.walk():
                if model.listing(section, lang):
                    feeds.write_feeds(self.output_path, self.settings, model, section, lang, cfg, texts)

    def write_home(self, writer, model, lang: str, cfg: dict) -> None:
        latest = model.latest(lang)
        blocks = [
            {"section": s, "posts": model.listing(s, lang)[: cfg["SECTIONS_HOME_POSTS"]]}
            for s in model.top_sections(lang)
        ]
        url = model.home_url(lang)
        writer.write_file(
            url + "index.html", self.get_template("index"), self.context,
            url=url, lang=lang, section=model.root, home=True,
            pinned=[a for a in latest if a.pinned], blocks=blocks,
            feed_url=model.feed_url(model.root, lang), rss_url=model.feed_url(model.root, lang, "rss"),
        )

    def write_section(self, writer, model, section, lang: str) -> None:
        url = model.section_url(section, lang)
        writer.write_file(
            url + "index.html", self.get_template("section"), self.context,
            paginated={"articles": model.listing(section, lang)}, template_name="section",
            url=url, lang=lang, section=section,
            subsections=[s for s in section.children if model.has_page(s, lang)],
            feed_url=model.feed_url(section, lang), rss_url=model.feed_url(section, lang, "rss"),
        )


def get_generators(pelican):
    return SectionsGenerator


def on_initialized(pelican) -> None:
    cfg = plugin_settings.read(pelican.settings)
    pelican.settings.setdefault("PAGINATED_TEMPLATES", {})["section"] = cfg["SECTIONS_PER_PAGE"]


def on_model_ready(model, context) -> None:
    mark_pinned(model, site_today(context))


def on_generator_init(generator) -> None:
    generator.env.globals["breadcrumbs"] = breadcrumbs
    generator.env.globals["section_name"] = section_name


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(on_generator_init)
    model_ready.connect(on_model_ready)

"""Home page, section pages and feeds per language, and the breadcrumb trail.

Reads the site model; writes, for each language:
- the home page: pinned posts, then the newest posts of each top-level section;
- one paginated page per section that has posts in that language (subsections included);
- an Atom and an RSS feed for the site and for every such section;
- a page of those feeds (``/kenh-tin/``, ``/en/feeds/``: ``SECTIONS_FEEDS_PAGE_PATHS``),
  the footer's "News feeds" link: each feed's address, to copy into a feed reader, and a
  word on what a feed is (a feed's own address opens a page of XML on a phone, which
  readers took for a broken page);
- the archive: the years with posts, and a page per year listing its posts by month
  (``/luu-tru/``, ``/luu-tru/2018/``: ``archive.py``).
"""

from __future__ import annotations

import datetime
import logging

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from sitemodel import ContentError, get_model, language_link, model_ready, page_lang, site_today
from sitemodel.build import metadata_line
from sitemodel.checks import parse_date, taken_addresses
from sitemodel.errors import fail, fail_settings

from . import archive, feeds
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
        years = {lang: archive.years(model, cfg, lang) for lang in model.languages}
        for lang in model.languages:
            self.write_home(writer, model, lang, cfg)
            for section in model.root.walk():
                if section.is_root or not model.has_page(section, lang):
                    continue
                self.write_section(writer, model, section, lang)
            for section in model.root.walk():
                if model.listing(section, lang):
                    feeds.write_feeds(self.output_path, self.settings, model, section, lang, cfg, texts)
            self.write_feeds_page(writer, model, lang)
            self.write_archive(writer, model, lang, years)

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

    def write_feeds_page(self, writer, model, lang: str) -> None:
        """The language's page of feeds: the site's, then each section's with posts in
        that language, in the menu's order, a subsection under its section."""
        urls = self.context[FEEDS_PAGES_KEY]
        listed = [{"section": s, "depth": len(s.ancestors()),
                   "atom": model.feed_url(s, lang), "rss": model.feed_url(s, lang, "rss")}
                  for s in model.root.walk() if model.listing(s, lang)]
        writer.write_file(
            urls[lang] + "index.html", self.get_template("feeds"), self.context,
            url=urls[lang], lang=lang, listing_url=urls[lang], feed_list=listed,
            page_language_links=[language_link(self.settings, other, urls[other], True, other == lang)
                                 for other in model.languages],
        )

    def write_archive(self, writer, model, lang: str, found: dict) -> None:
        """The language's archive: its list of years, and each year's page (``archive``;
        ``found``: each language's years). The language switcher leads to the same year
        in the other language where it has posts then, else to its archive."""
        urls = self.context[archive.ARCHIVE_PAGES_KEY]
        template = self.get_template("archive")
        writer.write_file(
            urls[lang] + "index.html", template, self.context,
            url=urls[lang], lang=lang, listing_url=urls[lang], archive_years=found[lang], archive_year=None,
            page_language_links=[language_link(self.settings, other, urls[other], True, other == lang)
                                 for other in model.languages],
        )
        posts = archive.posts_by_year(model, lang)
        shown = archive.links(found[lang])
        for at, year in enumerate(shown):
            same = {other: next((y.url for y in found[other] if y.year == year.year), None)
                    for other in model.languages}
            writer.write_file(
                year.url + "index.html", template, self.context,
                url=year.url, lang=lang, listing_url=year.url, archive_years=shown, archive_year=year,
                archive_months=archive.months(posts[year.year]),
                newer_year=shown[at - 1] if at else None,
                older_year=shown[at + 1] if at + 1 < len(shown) else None,
                page_language_links=[language_link(self.settings, other, same[other] or urls[other],
                                                   same[other] is not None, other == lang)
                                     for other in model.languages],
            )


#: Each language's page of feeds, in Pelican's shared context (the footer, check, the
#: sitemap read it): ``{lang: url}``.
FEEDS_PAGES_KEY = "feeds_pages"


def feeds_page_urls(model, cfg: dict) -> dict[str, str]:
    """Each language's page of feeds, under the language's prefix."""
    paths = cfg["SECTIONS_FEEDS_PAGE_PATHS"]
    return {lang: model.prefix(lang) + paths.get(lang, "feeds/") for lang in model.languages}


def clashes(model, cfg: dict) -> list[ContentError]:
    """A section or static page at the address of a page of feeds."""
    taken = {cfg["SECTIONS_FEEDS_PAGE_PATHS"].get(lang, "feeds/").strip("/"):
             (f"trang kênh tin ({lang})", f"the page of feeds ({lang})") for lang in model.languages}
    return taken_addresses(model, taken, "SECTIONS_FEEDS_PAGE_PATHS")


def get_generators(pelican):
    return SectionsGenerator


def on_initialized(pelican) -> None:
    try:
        cfg = plugin_settings.read(pelican.settings)
    except ValueError as problem:
        fail_settings("sections", [str(problem)])
    pelican.settings.setdefault("PAGINATED_TEMPLATES", {})["section"] = cfg["SECTIONS_PER_PAGE"]


def on_model_ready(model, context) -> None:
    mark_pinned(model, site_today(context))
    cfg = plugin_settings.read(context)
    fail(clashes(model, cfg) + archive.clashes(model, cfg))
    context[FEEDS_PAGES_KEY] = feeds_page_urls(model, cfg)
    context[archive.ARCHIVE_PAGES_KEY] = archive.archive_urls(model, cfg)


def on_generator_init(generator) -> None:
    generator.env.globals["breadcrumbs"] = breadcrumbs
    generator.env.globals["section_name"] = section_name


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(on_generator_init)
    model_ready.connect(on_model_ready)

"""Build the site model once per build, after Pelican has read every file.

Features connect to ``model_ready`` (sent with the model and Pelican's shared context)
instead of recomputing sections, translations or orderings themselves.
"""

from __future__ import annotations

import logging
import os

from blinker import signal
from jinja2 import pass_context
from pelican import signals
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator

from . import checks, schedule, skipped, summary, text
from .build import build_model, forget_sources
from .errors import fail, fail_settings, take_deferred
from .fingerprint import stale_bytecode
from .model import SiteModel
from .urls import absolute, public_base, url_path

logger = logging.getLogger(__name__)

#: Sent once per build as ``model_ready.send(model, context=context)``.
model_ready = signal("sitemodel-ready")
#: Sent with the Pelican object when ``skip_unchanged`` skips a build (nothing changed):
#: a plugin that prepared something for the build (safe_output: a fresh folder) undoes it.
build_skipped = signal("sitemodel-build-skipped")

CONTEXT_KEY = "site"

# Per-build state: the collector of files Pelican skips (skipped.py).
_state: dict = {}

#: Default of ``SITE_LANGUAGES``: the site's languages in order, and what differs per
#: language. The key is the code used in file names (``index.<lang>.md``); each entry may
#: give that language's pages their own ``SITENAME``, ``SITESUBTITLE``, ``AUTHOR``,
#: ``SITE_ORGANIZATION``, ``CONTACT_ADDRESS``, ``CONTACT_PHONE`` and ``CONTACT_EMAIL``
#: (the settings read through ``site_setting``/``lang_setting``), and gives ``label`` (in
#: the switcher) and ``locale`` (for Babel dates).
DEFAULT_LANGUAGES = {
    "vi": {"label": "Tiếng Việt", "locale": "vi"},
    "en": {"label": "English", "locale": "en"},
}


def get_model(context: dict) -> SiteModel:
    """The model of the build that owns ``context`` (a template context works too)."""
    return context[CONTEXT_KEY]


def page_lang(ctx) -> str:
    """The language of the page a template is rendering.

    Home and section pages set ``lang``; Pelican's article and page templates get it
    from the ``article`` or ``page`` they render.
    """
    lang = ctx.get("lang")
    if lang:
        return lang
    for key in ("article", "page"):
        obj = ctx.get(key)
        if obj is not None and getattr(obj, "lang", None):
            return obj.lang
    return ctx["DEFAULT_LANG"]


def languages(settings: dict) -> list[str]:
    """The site's languages (``SITE_LANGUAGES``), the default one (at the site root) first."""
    default = settings["DEFAULT_LANG"]
    return [default] + [lang for lang in settings["SITE_LANGUAGES"] if lang != default]


def language_link(settings, lang: str, url: str, same: bool, current: bool) -> dict:
    """One entry of a page's language switcher: ``url`` in ``lang``, ``same`` when it is
    this page in that language (then also an hreflang alternate)."""
    return {"lang": lang, "label": settings["SITE_LANGUAGES"].get(lang, {}).get("label", lang),
            "url": url, "same": same, "current": current}


def site_setting(settings: dict, lang: str, name: str, default=""):
    """A site setting as ``SITE_LANGUAGES[lang]`` overrides it (``SITENAME``, ``AUTHOR``...)."""
    per_lang = settings["SITE_LANGUAGES"].get(lang, {})
    if name in per_lang:
        return per_lang[name]
    return settings.get(name, default)


def check_settings(pelican) -> None:
    """Validate ``SITE_LANGUAGES`` once, at start-up, with the value received."""
    settings = pelican.settings
    langs = settings.setdefault("SITE_LANGUAGES", dict(DEFAULT_LANGUAGES))
    if not isinstance(langs, dict) or settings["DEFAULT_LANG"] not in langs:
        raise ValueError(
            "Setting 'SITE_LANGUAGES': expected a dict of language code -> settings that "
            f"includes DEFAULT_LANG {settings['DEFAULT_LANG']!r}, but received: {langs!r}"
        )
    fail_settings("sitemodel", schedule.check(settings) + text.check_settings(settings) + url_problems(settings))


#: The address settings of a translation: under /<lang>/, as the model puts every other
#: page of that language (``SiteModel.prefix``: homes, sections, tags, search, 404).
LANG_URL_SETTINGS = ("ARTICLE_LANG_URL", "ARTICLE_LANG_SAVE_AS", "PAGE_LANG_URL", "PAGE_LANG_SAVE_AS")


def url_problems(settings: dict) -> list[str]:
    """A translation's address outside its language's folder ("english/..." made the
    English posts' pages there, and every other English page under /en/)."""
    return [f"Setting '{key}': expected an address beginning with '{{lang}}/' (every page of "
            f"a language other than the first is under /<lang>/), but received: {settings[key]!r}"
            for key in LANG_URL_SETTINGS
            if isinstance(settings.get(key), str) and not settings[key].startswith("{lang}/")]


def start_build(pelican) -> None:
    """Before anything is read: a settings file or plugin that ran from stale bytecode
    stops the build (``fingerprint.stale_bytecode``); files it cannot read and links
    leading out of the content stop it too (a link that loops would keep Pelican reading forever), and what Pelican
    skips is collected as content errors from now on (``skipped``)."""
    fail_settings("sitemodel", [
        f"{path}: lưu lại ngay trong giây Python vừa đọc tệp, nên bản dựng này chạy bản trước "
        f"của tệp; hãy dựng lại (khi xem trước: lưu tệp lần nữa) / saved again within the "
        f"second Python had read it, so this build ran the file's earlier version; build again "
        f"(in the live preview: save the file again)" for path in stale_bytecode()])
    _state["skipped"] = skipped.install(pelican.settings["PATH"], pelican.settings["PAGE_PATHS"])
    fail(checks.check_files(pelican.settings["PATH"], pelican.settings.get("IGNORE_FILES") or ()))


def end_build(pelican) -> None:
    """A file skipped while the site was written still stops the build (before
    ``safe_output`` puts it in place)."""
    late = skipped.take(_state.pop("skipped", None))
    skipped.uninstall()
    fail(late)


def clean_metadata(sender, metadata: dict) -> None:
    text.clean_metadata(metadata)


def on_content_init(content) -> None:
    text.share_default_author(content)


#: Pelican's listings by tag, category and author, and the setting giving their address.
PELICAN_LISTINGS = {"tags": "TAG_SAVE_AS", "categories": "CATEGORY_SAVE_AS", "authors": "AUTHOR_SAVE_AS"}


def skip_pages_without_address(articles_gen, settings: dict) -> None:
    """Pelican's tag, category and author pages are off (``pelicanconf.py``), yet for
    each tag, category and author Pelican still lists its posts by testing every post
    against its list (time grows with the square of the posts: 13 s of a build at 20,000
    posts) before finding that the page has nowhere to go. Skip that work."""
    for kind, setting in PELICAN_LISTINGS.items():
        if not settings.get(setting):
            setattr(articles_gen, f"generate_{kind}", lambda write: None)


def on_pages_read(generator) -> None:
    """Every post and page is read; Pelican reads the files they attach next."""
    fail(checks.check_linked_files(generator.context, generator.settings["PATH"]))


def on_all_generators_finalized(generators) -> None:
    articles_gen = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages_gen = next(g for g in generators if isinstance(g, PagesGenerator))
    settings = articles_gen.settings
    # Drafts are never published, in any language. (Pelican would still render them,
    # and with CATEGORY_SAVE_AS off it fails on their missing category.)
    articles_gen.drafts, articles_gen.drafts_translations = [], []
    articles_gen.context["drafts"] = []
    skip_pages_without_address(articles_gen, settings)
    held = schedule.hold_back_future(articles_gen, settings)
    published = list(articles_gen.articles) + list(articles_gen.translations)
    pages = list(pages_gen.pages) + list(pages_gen.translations)
    model, errors = build_model(settings["PATH"], languages(settings), published, pages)
    for post in model.posts:
        for article in post.versions.values():
            # Pelican formats ``url`` and ``save_as`` from the settings on every access
            # (a copy of the metadata, the path made relative again); the checks,
            # templates, neighbours, listings and the search index read them many times
            # per post (7 formattings a post in a one-edit build), so fix them once.
            article.override_url = article.url
            article.override_save_as = article.save_as
            modified = getattr(article, "modified", None)
            if modified is not None and modified < article.date:
                # "Modified: 2026-11-29" on a post of 15:00 that day is midnight, before
                # it was published: feeds, JSON-LD and the sitemap said so.
                article.modified = article.date
            article.post = post
            article.section = post.section
            article.translations = [v for v in post.versions.values() if v is not article]
    # Posts held back until their day are checked now, not on that day; "Status:
    # hidden" ones would be written outside the model (that status is refused, README).
    hidden = articles_gen.hidden_articles + articles_gen.hidden_translations
    hidden_pages = pages_gen.hidden_pages + pages_gen.hidden_translations
    errors += checks.check_site(model, settings, published + held + hidden, pages + hidden_pages)
    forget_sources()  # read by the header checks; not needed any more
    errors += skipped.take(_state.get("skipped"))
    fail(take_deferred() + errors)
    schedule.report_held(held, settings, settings["PATH"])
    context = articles_gen.context
    context[CONTEXT_KEY] = model
    logger.debug("sitemodel: %d sections, %d posts", len(model.sections), len(model.posts))
    model_ready.send(model, context=context)


@pass_context
def absolute_url(ctx, url: str) -> str:
    """Template helper: a site-relative URL made absolute (share links, social tags)."""
    return absolute(public_base(ctx), url)


def on_generator_init(generator) -> None:
    generator.env.globals["absolute_url"] = absolute_url
    generator.env.filters["shorten"] = summary.shortened
    # How much of a Summary a listing's card shows (``invoke check`` warns beyond it).
    generator.env.globals["CARD_SUMMARY_MAX"] = summary.CARD_SUMMARY_MAX
    generator.env.filters["url_path"] = url_path
    # Every value a template prints loses control and bidi-override characters (text.py).
    generator.env.finalize = text.clean_output


def remember_relative_paths() -> None:
    """Pelican works a post's path relative to the content folder out again (with
    ``os.path.relpath``) each time it makes the post's address or output path: 27,000
    times, 0.3 s, in a 3,000-post build. It depends on those two paths alone (the content
    folder is an absolute path once Pelican has read the settings), so it is worked out
    once per path."""
    original = Content.get_relative_source_path
    if getattr(original, "remembered", False):
        return
    found: dict[tuple[str, str], str | None] = {}

    def get_relative_source_path(self, source_path=None):
        path, base = source_path or self.source_path, self.settings["PATH"]
        if path is None or not os.path.isabs(base):
            return original(self, source_path)
        key = (base, path)
        if key not in found:
            found[key] = original(self, source_path)
        return found[key]

    get_relative_source_path.remembered = True
    Content.get_relative_source_path = get_relative_source_path


def register() -> None:
    remember_relative_paths()
    summary.install()
    signals.generator_init.connect(on_generator_init)
    signals.initialized.connect(check_settings)
    signals.initialized.connect(start_build)
    signals.article_generator_context.connect(clean_metadata)
    signals.page_generator_context.connect(clean_metadata)
    signals.content_object_init.connect(on_content_init)
    signals.page_generator_finalized.connect(on_pages_read)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(end_build)

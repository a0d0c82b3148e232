"""Tag pages: what ``Tags:`` gives readers.

Reads the site model; writes, for each language with tagged posts:

- the list of the language's tags (``/chu-de/``, ``/en/topics/``: ``TAGS_PAGE_PATHS``),
  each with its number of posts, in Vietnamese alphabetical order (``sitemodel.collation``:
  ``đ`` after ``d``, ``ă`` and ``â`` after ``a``);
- one paginated page per tag (``/chu-de/boi-duong/``) listing that language's posts
  with the tag, newest first, as a section page does;
- its Atom and RSS feeds (``/chu-de/boi-duong/atom.xml``, ``rss.xml``; ``TAGS_FEEDS``),
  written as a section's are (``sections.feeds.write_feed_pair``).

A tag's address is its name made ASCII (``đ`` -> ``d``, accents dropped, words joined
by hyphens), so ``bồi dưỡng``, ``Bồi dưỡng`` and ``boi duong`` are one tag; its page
is titled with the spelling most posts use (then the one with accents). A tag with no
letter or digit (``👍``) has no page: the post shows it as text. A post page shows its
tags, as written in it, linked to their pages (``post_tags``). Tags are not translated:
a Vietnamese tag's page lists Vietnamese posts, and its language switcher leads to the
English page of the same tag where one exists, else to the English list of tags.

Under each post, the posts that share its tags (``article.related``, ``TAGS_RELATED`` of
them: ``related.py``).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

from bilingual.bilingual import translate
from sections import settings as section_settings
from sections.feeds import build_texts, write_feed_pair
from sitemodel import get_model, language_link, model_ready, page_lang, site_setting
from sitemodel.checks import taken_addresses
from sitemodel.errors import fail, fail_settings
from sitemodel.slugs import slug_of

from . import settings as plugin_settings
from sitemodel.collation import vietnamese_order
from .related import relate

#: Where the tags of each language are, in Pelican's shared context (the templates and
#: the sitemap read it): ``{lang: TagIndex}``, for languages with at least one tag.
CONTEXT_KEY = "tag_pages"

_state: dict = {}


@dataclass(frozen=True)
class Tag:
    """One tag of one language: its page's title and address, and how many posts it has.
    (What a page shows of a tag: the page cache keys pages by it.)"""

    name: str
    slug: str
    url: str
    count: int


@dataclass(eq=False)
class TagIndex:
    """The tags of one language, in the order the list of tags shows them, and the
    posts of each (by slug, newest first)."""

    lang: str
    url: str
    tags: list[Tag]
    posts: dict[str, list[Any]]

    def __post_init__(self) -> None:
        self._by_slug = {tag.slug: tag for tag in self.tags}

    def find(self, slug: str) -> Tag | None:
        return self._by_slug.get(slug)


def tag_name(tag: Any) -> str:
    """A tag as written, in NFC, its spaces single."""
    return " ".join(unicodedata.normalize("NFC", str(tag)).split())


@functools.lru_cache(maxsize=None)
def tag_slug(name: str) -> str:
    """``Bồi dưỡng`` -> ``boi-duong`` (``sitemodel.slugs``: a post's folder name is made
    the same way). (Remembered: posts share their tags, and slugify is slow.)"""
    return slug_of(name)


def post_tag_names(article: Any) -> list[tuple[str, str]]:
    """A post's tags (``article.tags``) as ``unique_tags`` gives them."""
    return unique_tags(getattr(article, "tags", None) or [])


def unique_tags(tags: Iterable[Any]) -> list[tuple[str, str]]:
    """One post's tags as ``(name, slug)``, in its order, each tag once (a tag written
    twice, in two ways, is its first); a tag without a slug is kept, with ``""``."""
    found, seen = [], set()
    for tag in tags:
        name = tag_name(tag)
        slug = tag_slug(name)
        if slug and slug in seen:
            continue
        seen.add(slug)
        found.append((name, slug))
    return found


def shown_name(spellings: Counter) -> str:
    """The spelling most posts use; then the one with more accents; then the first."""
    return min(spellings, key=lambda name: (-spellings[name], -sum(ord(c) > 127 for c in name), name))


def folder(cfg: dict, lang: str) -> str:
    return cfg["TAGS_PAGE_PATHS"].get(lang, "tags/")


def index_tags(model, cfg: dict) -> dict[str, TagIndex]:
    """Every language's tags, from its published posts."""
    found: dict[str, TagIndex] = {}
    for lang in model.languages:
        base = model.prefix(lang) + folder(cfg, lang)
        posts: dict[str, list[Any]] = {}
        spellings: dict[str, Counter] = {}
        for article in model.latest(lang):  # newest first
            for name, slug in post_tag_names(article):
                if not slug:
                    continue
                posts.setdefault(slug, []).append(article)
                spellings.setdefault(slug, Counter())[name] += 1
        if posts:
            tags = [Tag(shown_name(spellings[slug]), slug, f"{base}{slug}/", len(posts[slug]))
                    for slug in posts]
            tags.sort(key=lambda tag: (vietnamese_order(tag.name), tag.slug))
            found[lang] = TagIndex(lang, base, tags, posts)
    return found


def clashes(model, cfg: dict) -> list:
    """A section or static page at the address of a list of tags."""
    taken = {folder(cfg, lang).strip("/"): (f"danh sách chủ đề ({lang})", f"the list of tags ({lang})")
             for lang in model.languages}
    return taken_addresses(model, taken, "TAGS_PAGE_PATHS")


@pass_context
def post_tags(ctx, article: Any) -> list[dict]:
    """A post's tags as it writes them, each once, with the address of its page in the
    post's language (``""`` for a tag that has none)."""
    lang = page_lang(ctx)
    base = get_model(ctx).prefix(lang) + folder(_state["cfg"], lang)
    return [{"name": name, "url": f"{base}{slug}/" if slug else ""} for name, slug in post_tag_names(article)]


def tag_language_links(settings: dict, indexes: dict[str, TagIndex], model, lang: str,
                   slug: str | None) -> list[dict]:
    """The switcher of a tag page (``slug``) or of the list of tags (``None``): the same
    tag in each language that has it, else that language's list of tags, else its home."""
    links = []
    for other in model.languages:
        index = indexes.get(other)
        if index is None:
            url, same = model.home_url(other), False
        elif slug is None:
            url, same = index.url, True
        else:
            tag = index.find(slug)
            url, same = (tag.url, True) if tag is not None else (index.url, False)
        links.append(language_link(settings, other, url, same, other == lang))
    return links


class TagsGenerator(Generator):
    """Writes each language's list of tags and a page per tag."""

    def generate_output(self, writer) -> None:
        model = get_model(self.context)
        indexes = self.context.get(CONTEXT_KEY) or {}
        feeds = _state["cfg"]["TAGS_FEEDS"]
        feed_cfg = section_settings.read(self.settings) if feeds else {}
        for lang, index in indexes.items():
            writer.write_file(
                index.url + "index.html", self.get_template("tags"), self.context,
                url=index.url, lang=lang, listing_url=index.url, tag_list=index.tags,
                page_language_links=tag_language_links(self.settings, indexes, model, lang, None),
            )
            for tag in index.tags:
                urls = feed_urls(tag) if feeds else {}
                writer.write_file(
                    tag.url + "index.html", self.get_template("tag"), self.context,
                    paginated={"articles": index.posts[tag.slug]}, template_name="tag",
                    url=tag.url, lang=lang, listing_url=tag.url, tag=tag, tag_index_url=index.url,
                    page_language_links=tag_language_links(self.settings, indexes, model, lang, tag.slug),
                    feed_url=urls.get("atom"), rss_url=urls.get("rss"),
                )
            if feeds:
                self.write_feeds(index, lang, feed_cfg)

    def write_feeds(self, index: TagIndex, lang: str, cfg: dict) -> None:
        """Each tag's Atom and RSS feeds: its newest posts, as many as a section's feeds
        hold, with full text or summaries as they have them (``cfg``: the sections')."""
        site_name = site_setting(self.settings, lang, "SITENAME")
        description = site_setting(self.settings, lang, "SITESUBTITLE") or site_name
        texts = build_texts(self.context)
        for tag in index.tags:
            write_feed_pair(
                # "Chủ đề: tập huấn", as the tag's page is titled: a reader's list of feeds
                # told a tag's from a section's of the same name ("Tập huấn") by the case of
                # one letter.
                self.output_path, self.settings, lang,
                title=f"{translate(lang, 'Topic: %(tag)s') % {'tag': tag.name}} – {site_name}",
                page_url=tag.url, urls=feed_urls(tag), description=description,
                entries=index.posts[tag.slug][: cfg["SECTIONS_FEED_ITEMS"]],
                full=cfg["SECTIONS_FEED_FULL_CONTENT"], texts=texts)


def feed_urls(tag: Tag) -> dict[str, str]:
    return {"atom": tag.url + "atom.xml", "rss": tag.url + "rss.xml"}


def get_generators(pelican):
    return TagsGenerator


def on_initialized(pelican) -> None:
    try:
        cfg = plugin_settings.read(pelican.settings)
    except ValueError as problem:
        fail_settings("tags", [str(problem)])
    _state["cfg"] = cfg
    pelican.settings.setdefault("PAGINATED_TEMPLATES", {})["tag"] = cfg["TAGS_PER_PAGE"]


def on_model_ready(model, context) -> None:
    cfg = _state["cfg"]
    fail(clashes(model, cfg))
    indexes = context[CONTEXT_KEY] = index_tags(model, cfg)
    for lang in model.languages:
        index = indexes.get(lang)
        relate(model.latest(lang), index.posts if index else {},
               lambda article: [slug for _, slug in post_tag_names(article) if slug],
               cfg["TAGS_RELATED"], cfg["TAGS_RELATED"])


def on_generator_init(generator) -> None:
    generator.env.globals["post_tags"] = post_tags


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(on_generator_init)
    model_ready.connect(on_model_ready)

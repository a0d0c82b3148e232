"""Tag pages: what ``Tags:`` gives readers.

Reads the site model; writes, for each language with tagged posts:

- the list of the language's tags (``/chu-de/``, ``/en/topics/``: ``TAGS_PAGE_PATHS``),
  each with its number of posts, in Vietnamese alphabetical order (``sitemodel.collation``:
  ``đ`` after ``d``, ``ă`` and ``â`` after ``a``);
- one paginated page per tag (``/chu-de/boi-duong/``) listing that language's posts
  with the tag, newest first, as a section page does;
- its Atom and RSS feeds (``/chu-de/boi-duong/atom.xml``, ``rss.xml``; ``TAGS_FEEDS``),
  written as a section's are (``sections.feeds.write_feed_pair``).

Which spellings are one tag (``identity.py``): letter case, Unicode normalisation, a
hyphen for a space and where a word's tone mark sits aside (``Bồi dưỡng``, ``bồi dưỡng``,
``bồi-dưỡng``), the same; a tag written without accents (``boi duong``) is the one tag
with accents it is without them. Tags whose accents differ (``khóa học``, ``khoa học``) or
whose signs do (``C#``, ``C``) are two tags with two pages. A tag's address is its name
made ASCII (``đ`` -> ``d``, accents dropped, words joined by hyphens); where two tags
would share one, the one used first (its first post's date) keeps it and the next has
``-2`` (``/chu-de/khoa-hoc-2/``). A tag's page is titled with the spelling most posts use
(then the one with accents). A tag with no letter or digit (``👍``) has no page: the post
shows it as text. A post page shows its tags, as written in it, linked to their pages
(``post_tags``). Tags are not translated: a Vietnamese tag's page lists Vietnamese posts,
and its language switcher leads to the English page of the same tag (written the same
way, or one of the two without accents: ``TagIndex.same_tag``) where one exists, else to
the English list of tags.

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
from .identity import Grouping, addresses, group_keys, is_plain, tag_key, without_accents
from .related import relate

#: Where the tags of each language are, in Pelican's shared context (the templates and
#: the sitemap read it): ``{lang: TagIndex}``, for languages with at least one tag.
CONTEXT_KEY = "tag_pages"

_state: dict = {}


@dataclass(frozen=True)
class Tag:
    """One tag of one language: its page's title and address, how many posts it has, and
    its key (``identity.tag_key`` of its spelling with accents, else of its only one).
    (What a page shows of a tag: the page cache keys pages by it.)"""

    name: str
    slug: str
    url: str
    count: int
    key: str


@dataclass(eq=False)
class TagIndex:
    """The tags of one language, in the order the list of tags shows them, the posts of
    each (by slug, newest first), the tag each way of writing one is (``keys``: by
    ``tag_key``), and the ways without accents that could be several tags (``ambiguous``:
    those tags, the one taken first)."""

    lang: str
    url: str
    tags: list[Tag]
    posts: dict[str, list[Any]]
    keys: dict[str, Tag]
    ambiguous: dict[str, list[Tag]]

    def __post_init__(self) -> None:
        self._by_slug = {tag.slug: tag for tag in self.tags}
        self._accented: dict[str, list[Tag]] = {}  # the tags with accents, by their key without them
        for tag in self.tags:
            if not is_plain(tag.key):
                self._accented.setdefault(without_accents(tag.key), []).append(tag)

    def find(self, slug: str) -> Tag | None:
        return self._by_slug.get(slug)

    def accent_twins(self) -> list[list[Tag]]:
        """Tags that differ only in their accents (``khóa học``, ``khoa học``), each group
        in the order of the list of tags: two tags, one of them perhaps mistyped."""
        return [group for group in self._accented.values() if len(group) > 1]

    def tags_of(self, article: Any) -> list[tuple[str, Tag | None]]:
        """A post's tags as it writes them, each tag once (its first spelling), with its
        tag (None for one that has no page)."""
        found, seen = [], set()
        for name, key in post_tag_names(article):
            tag = self.keys.get(key) if key else None
            if tag is not None:
                if tag.slug in seen:
                    continue
                seen.add(tag.slug)
            found.append((name, tag))
        return found

    def slugs_of(self, article: Any) -> list[str]:
        """The addresses of a post's tags (``related``)."""
        return [tag.slug for _, tag in self.tags_of(article) if tag is not None]

    def same_tag(self, tag: Tag, other: TagIndex) -> Tag | None:
        """``tag`` (of this language) in ``other``'s: the tag written the same way there,
        else the one it is with or without accents, where that is one tag in both."""
        if tag.key in other.ambiguous:
            return None
        found = other.keys.get(tag.key)
        if found is not None:
            return found
        plain = without_accents(tag.key)
        if plain == tag.key:
            there = other._accented.get(plain, [])
            return there[0] if len(there) == 1 else None
        found = other.keys.get(plain)
        if found is not None and found.key == plain and len(self._accented.get(plain, [])) == 1:
            return found
        return None


def tag_name(tag: Any) -> str:
    """A tag as written, in NFC, its spaces single."""
    return " ".join(unicodedata.normalize("NFC", str(tag)).split())


@functools.lru_cache(maxsize=None)
def tag_slug(name: str) -> str:
    """``Bồi dưỡng`` -> ``boi-duong``: the address a tag has when no other tag of its
    language has it (``sitemodel.slugs``: a post's folder name is made the same way).
    (Remembered: posts share their tags, and slugify is slow.)"""
    return slug_of(name)


def post_tag_names(article: Any) -> list[tuple[str, str]]:
    """A post's tags (``article.tags``) as ``written_tags`` gives them."""
    return written_tags(getattr(article, "tags", None) or [])


def written_tags(tags: Iterable[Any]) -> list[tuple[str, str]]:
    """One post's tags as ``(name, key)`` (``identity.tag_key``), in its order, each way
    of writing a tag once (the first); a tag without an address (no letter or digit) is
    kept, with the key ``""``."""
    found, seen = [], set()
    for tag in tags:
        name = tag_name(tag)
        key = tag_key(name) if tag_slug(name) else ""
        if key and key in seen:
            continue
        seen.add(key)
        found.append((name, key))
    return found


def spellings_of(written: Iterable[list[tuple[str, str]]], grouping: Grouping) -> dict[str, Counter]:
    """How many posts write each tag (by its main key) each way: a post counts once per
    tag, by the first way it writes it; a way without accents that could be several tags
    is not counted (the page is not titled so)."""
    found: dict[str, Counter] = {}
    for tags in written:
        seen = set()
        for name, key in tags:
            main = grouping.owner.get(key)
            if main is None or main in seen:
                continue
            seen.add(main)
            found.setdefault(main, Counter())[name] += 1
    return found


def shown_name(spellings: Counter) -> str:
    """The spelling most posts use; then the one with more accents; then the first."""
    return min(spellings, key=lambda name: (-spellings[name], -sum(ord(c) > 127 for c in name), name))


def folder(cfg: dict, lang: str) -> str:
    return cfg["TAGS_PAGE_PATHS"].get(lang, "tags/")


def index_tags(model, cfg: dict) -> dict[str, TagIndex]:
    """Every language's tags, from its published posts (``identity``: which spellings are
    one tag, and each tag's address)."""
    found: dict[str, TagIndex] = {}
    for lang in model.languages:
        articles = model.latest(lang)  # newest first
        written = [post_tag_names(article) for article in articles]
        firsts: dict[str, Any] = {}  # each key's earliest post date
        for article, tags in zip(articles, written):
            for _, key in tags:
                if key and (key not in firsts or article.date < firsts[key]):
                    firsts[key] = article.date
        if not firsts:
            continue
        grouping = group_keys(firsts)
        mains: dict[str, Any] = {}
        for key, main in grouping.owner.items():
            if main not in mains or firsts[key] < mains[main]:
                mains[main] = firsts[key]
        slugs = addresses(mains, tag_slug)  # (in the order the tags took their addresses)
        rank = {main: n for n, main in enumerate(slugs)}
        resolved = dict(grouping.owner)
        for key, matches in grouping.ambiguous.items():
            resolved[key] = min(matches, key=rank.__getitem__)
        listed: dict[str, list[Any]] = {main: [] for main in slugs}
        for article, tags in zip(articles, written):
            mine = {resolved[key] for _, key in tags if key}
            for main in mine:
                listed[main].append(article)
        spellings = spellings_of(written, grouping)
        base = model.prefix(lang) + folder(cfg, lang)
        by_main = {main: Tag(shown_name(spellings[main]), slug, f"{base}{slug}/", len(listed[main]), main)
                   for main, slug in slugs.items()}
        tags = sorted(by_main.values(), key=lambda tag: (vietnamese_order(tag.name), tag.slug))
        found[lang] = TagIndex(
            lang, base, tags, {by_main[main].slug: posts for main, posts in listed.items()},
            {key: by_main[main] for key, main in resolved.items()},
            {key: [by_main[main] for main in sorted(matches, key=rank.__getitem__)]
             for key, matches in sorted(grouping.ambiguous.items())})
    return found


def clashes(model, cfg: dict) -> list:
    """A section or static page at the address of a list of tags."""
    taken = {folder(cfg, lang).strip("/"): (f"danh sách chủ đề ({lang})", f"the list of tags ({lang})")
             for lang in model.languages}
    return taken_addresses(model, taken, "TAGS_PAGE_PATHS")


def tag_links(index: TagIndex | None, article: Any) -> list[dict]:
    """A post's tags as it writes them, each once, with the address of its page (``""``
    for a tag that has none)."""
    if index is None:
        return [{"name": name, "url": ""} for name, _ in post_tag_names(article)]
    return [{"name": name, "url": tag.url if tag else ""} for name, tag in index.tags_of(article)]


@pass_context
def post_tags(ctx, article: Any) -> list[dict]:
    """A post's tags, linked to their pages in the post's language: as the model set them
    on it (``on_model_ready``: which tag a spelling is, and its address, depend on the
    language's other posts, so the page cache keys the post's page by them)."""
    found = getattr(article, "tag_links", None)
    if found is None:
        found = tag_links((ctx.get(CONTEXT_KEY) or {}).get(page_lang(ctx)), article)
    return found


def tag_language_links(settings: dict, indexes: dict[str, TagIndex], model, lang: str,
                       tag: Tag | None) -> list[dict]:
    """The switcher of a tag's page (``tag``) or of the list of tags (``None``): the same
    tag in each language that has it (``TagIndex.same_tag``), else that language's list
    of tags, else its home."""
    links = []
    for other in model.languages:
        index = indexes.get(other)
        if index is None:
            url, same = model.home_url(other), False
        elif tag is None:
            url, same = index.url, True
        else:
            found = indexes[lang].same_tag(tag, index)
            url, same = (found.url, True) if found is not None else (index.url, False)
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
                    page_language_links=tag_language_links(self.settings, indexes, model, lang, tag),
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
        for article in model.latest(lang):
            article.tag_links = tag_links(index, article)
        relate(model.latest(lang), index.posts if index else {}, index.slugs_of if index else lambda article: [],
               cfg["TAGS_RELATED"], cfg["TAGS_RELATED"])


def on_generator_init(generator) -> None:
    generator.env.globals["post_tags"] = post_tags


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(on_generator_init)
    model_ready.connect(on_model_ready)

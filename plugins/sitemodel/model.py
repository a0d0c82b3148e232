"""The site model: sections, posts grouped by translation, ordered listings per language.

Plain objects, built once per build by ``build.py`` and read by every feature plugin.
Nothing here imports Pelican: a post version is any object with ``lang``, ``date`` and
``source_path`` (Pelican's ``Article`` in a build, a small stand-in in unit tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator


def order_key(article: Any) -> tuple:
    """Oldest first: date, then source path, so no two posts ever tie."""
    return (article.date, article.source_path)


@dataclass(eq=False)
class Section:
    """A folder of posts under ``content/``; ``path`` is ``""`` for the root."""

    path: str
    names: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    # ``Order:`` in ``_index.<lang>.md``: smaller first in menus and on the home page;
    # sections without one follow, by folder name.
    order: int | None = None

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def is_root(self) -> bool:
        return self.parent is None

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    def name(self, lang: str) -> str:
        """The section's display name in ``lang``, else in any language it has."""
        if lang in self.names:
            return self.names[lang]
        return next(iter(self.names.values()), self.slug)

    def name_lang(self, lang: str) -> str:
        """The language ``name(lang)`` is written in (another when ``lang`` has none)."""
        if lang in self.names:
            return lang
        return next(iter(self.names), lang)

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang, "")

    def ancestors(self) -> list[Section]:
        """Sections above this one, outermost first, without the root."""
        chain: list[Section] = []
        node = self.parent
        while node is not None and not node.is_root:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, depth first, in folder order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return f"Section({self.path!r})"


@dataclass(eq=False)
class Post:
    """One post folder: the same slug in every language it is written in."""

    slug: str
    section: Section
    folder: str
    versions: dict[str, Any] = field(default_factory=dict)

    def version(self, lang: str) -> Any | None:
        return self.versions.get(lang)

    def __repr__(self) -> str:
        return f"Post({self.section.path!r}, {self.slug!r})"


@dataclass(eq=False)
class SiteModel:
    """Everything the features need to know about the site, computed once."""

    languages: list[str]
    root: Section
    sections: dict[str, Section]
    posts: list[Post]
    pages: dict[str, list[Any]]
    # (section path, lang) -> published posts of the section and all its subsections,
    # newest first; the root's entry is the whole site.
    listings: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    # (section path, lang) -> published posts directly in the section, newest first.
    own_listings: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    @property
    def default_lang(self) -> str:
        return self.languages[0]

    def listing(self, section: Section, lang: str) -> list[Any]:
        return self.listings.get((section.path, lang), [])

    def own_listing(self, section: Section, lang: str) -> list[Any]:
        return self.own_listings.get((section.path, lang), [])

    def latest(self, lang: str) -> list[Any]:
        return self.listing(self.root, lang)

    def has_page(self, section: Section, lang: str) -> bool:
        """A section has a page in a language when it lists at least one post in it."""
        return section.is_root or bool(self.listing(section, lang))

    def top_sections(self, lang: str) -> list[Section]:
        return [s for s in self.root.children if self.has_page(s, lang)]

    # Where things live. Vietnamese (the default language) at the root, others under
    # /<lang>/; pretty URLs ending in "/", saved as .../index.html.
    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_lang else f"{lang}/"

    def home_url(self, lang: str) -> str:
        return self.prefix(lang)

    def section_url(self, section: Section, lang: str) -> str:
        if section.is_root:
            return self.home_url(lang)
        return f"{self.prefix(lang)}{section.path}/"

    def feed_url(self, section: Section, lang: str, kind: str = "atom") -> str:
        """``kind`` is ``atom`` or ``rss``; the root's feed is the whole site's."""
        return f"{self.section_url(section, lang)}{kind}.xml"

    def nearest_page(self, section: Section, lang: str) -> Section:
        """``section`` if it has a page in ``lang``, else its nearest ancestor that has."""
        node = section
        while not self.has_page(node, lang):
            node = node.parent
        return node

    def index(self) -> None:
        """Fill the per-language listings from the posts (call once after building)."""
        self.listings.clear()
        self.own_listings.clear()
        for section in self.root.walk():
            for lang in self.languages:
                own = [p.versions[lang] for p in section.posts if lang in p.versions]
                own.sort(key=order_key, reverse=True)
                self.own_listings[(section.path, lang)] = own
        for section in self.root.walk():
            for lang in self.languages:
                merged = [a for s in section.walk() for a in self.own_listing(s, lang)]
                merged.sort(key=order_key, reverse=True)
                self.listings[(section.path, lang)] = merged

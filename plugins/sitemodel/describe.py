"""Stable text for values a build uses, to hash for caches: settings, posts, pages.

``Describer().text(value)`` describes plain values, posts and pages (by their "card",
what a listing shows of them), sections, paginators, dataclasses, functions and
classes (by name), the same way in every build; a value it cannot describe stably
(its repr names a memory address) raises ``Unkeyable``. The page cache keys pages
with it (``parallel_render/page_cache.py``); ``settings_text`` describes every setting
(``skip_unchanged``).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from pathlib import PurePath
from types import FunctionType, MethodType, ModuleType
from typing import Any

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from .model import Post, Section

#: Attributes of a post or page that are not what it shows.
SKIP_ATTRS = frozenset({"settings", "_context"})


class Unkeyable(Exception):
    """A value with no stable description: the page is rendered, not cached."""


class Describer:
    """Turns page inputs into stable text to hash; remembers each post's card."""

    def __init__(self) -> None:
        self._cards: dict[int, str] = {}
        self._how: dict[type, Any] = {}  # type -> the method describing it (_method_for)
        # id -> (frozen dataclass, its description): a photo's renditions are described
        # once per build, not once per page that shows them. The object is kept, so its
        # id is not reused for another while the memo lives.
        self._frozen: dict[int, tuple[Any, str]] = {}

    def card(self, post: Any) -> str:
        """What a listing, the "Latest news" box or a neighbour link shows of a post.

        Its summary counts by what it is made of (a ``Summary:`` line, else the text):
        making the summary itself costs more than the rest of the key."""
        found = self._cards.get(id(post))
        if found is None:
            thumb = getattr(post, "thumbnail", None)
            section = getattr(post, "section", None)
            text = hashlib.blake2b(str(getattr(post, "_content", "")).encode(), digest_size=16)
            found = self.text((
                "card", post.url, post.lang, str(post.title), getattr(post, "date", None),
                str(post.metadata.get("summary", "")), text.hexdigest(), thumb,
                getattr(post, "thumbnail_webp", None), getattr(post, "thumbnail2x", None),
                getattr(post, "thumbnail2x_webp", None),
                getattr(section, "path", None), getattr(post, "pinned", None),
                getattr(post, "status", None),
            ))
            self._cards[id(post)] = found
        return found

    def full(self, item: Content) -> str:
        """Everything Pelican and the plugins put on a post or page: its attributes, as a
        dict's items."""
        out = ["full", "s" + type(item).__name__, "s" + item.url]
        self._dict({name: value for name, value in vars(item).items() if name not in SKIP_ATTRS}, out)
        return "\x1f".join(out)

    def text(self, value: Any) -> str:
        out: list[str] = []
        self._describe(value, out)
        return "\x1f".join(out)

    def _describe(self, value: Any, out: list[str]) -> None:
        kind = type(value)
        how = self._how.get(kind)
        if how is None:
            how = self._how[kind] = _method_for(kind)
        how(self, value, out)

    # One method per kind of value; ``_method_for`` picks one per type, once.

    def _plain(self, value: Any, out: list[str]) -> None:
        out.append(repr(value))

    def _str(self, value: str, out: list[str]) -> None:  # Markup too
        out.append("s" + value)

    def _when(self, value: datetime.date | datetime.time, out: list[str]) -> None:
        out.append("t" + value.isoformat())

    def _sequence(self, value: list | tuple, out: list[str]) -> None:
        out.append("[")
        describe = self._describe
        for item in value:
            describe(item, out)
        out.append("]")

    def _dict(self, value: dict, out: list[str]) -> None:
        out.append("{")
        for key in sorted(value, key=str):
            out.append("k" + str(key))
            self._describe(value[key], out)
        out.append("}")

    def _set(self, value: set | frozenset, out: list[str]) -> None:
        out.append("(" + "\x1e".join(sorted(self.text(v) for v in value)) + ")")

    def _content(self, value: Content, out: list[str]) -> None:
        out.append(self.card(value))

    def _section(self, value: Section, out: list[str]) -> None:
        out.append("section " + value.path)

    def _post(self, value: Post, out: list[str]) -> None:
        out.append("post " + value.folder)
        self._describe(value.versions, out)

    def _page(self, value: Page, out: list[str]) -> None:
        out.append(f"page {value.number} {value.url}")
        self._describe(list(value.object_list), out)

    def _paginator(self, value: Paginator, out: list[str]) -> None:
        out.append(f"paginator {value.num_pages} {value.count}")

    def _wrapper(self, value: URLWrapper, out: list[str]) -> None:
        out.append(f"{type(value).__name__} {value.name}")

    def _path(self, value: PurePath, out: list[str]) -> None:
        out.append("p" + str(value))

    def _dataclass(self, value: Any, out: list[str]) -> None:
        if not type(value).__dataclass_params__.frozen:
            self._fields(value, out)
            return
        # Its description, joined, is one element of ``out``: the joined text is the same.
        found = self._frozen.get(id(value))
        if found is None or found[0] is not value:
            parts: list[str] = []
            self._fields(value, parts)
            found = self._frozen[id(value)] = (value, "\x1f".join(parts))
        out.append(found[1])

    def _fields(self, value: Any, out: list[str]) -> None:
        out.append("d" + type(value).__qualname__)
        for f in dataclasses.fields(value):
            out.append(f.name)
            self._describe(getattr(value, f.name), out)

    def _code(self, value: Any, out: list[str]) -> None:
        out.append(f"f{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}")

    def _module(self, value: ModuleType, out: list[str]) -> None:
        out.append("m" + value.__name__)

    def _other(self, value: Any, out: list[str]) -> None:
        shown = repr(value)
        if " at 0x" in shown:
            raise Unkeyable(type(value).__qualname__)
        out.append(type(value).__qualname__ + shown)


#: Which ``Describer`` method describes values of a type: the first entry the type is
#: a subclass of (so bool before int does not matter, Markup counts as str).
_KINDS: tuple[tuple[type | tuple[type, ...], Any], ...] = (
    ((type(None), bool, int, float), Describer._plain),
    (str, Describer._str),
    ((datetime.date, datetime.time), Describer._when),
    ((list, tuple), Describer._sequence),
    (dict, Describer._dict),
    ((set, frozenset), Describer._set),
    (Content, Describer._content),
    (Section, Describer._section),
    (Post, Describer._post),
    (Page, Describer._page),
    (Paginator, Describer._paginator),
    (URLWrapper, Describer._wrapper),
    (PurePath, Describer._path),
)


def _method_for(kind: type) -> Any:
    for bases, method in _KINDS:
        if issubclass(kind, bases):
            return method
    if dataclasses.is_dataclass(kind):
        return Describer._dataclass
    if issubclass(kind, (FunctionType, MethodType, type)):
        return Describer._code
    if issubclass(kind, ModuleType):
        return Describer._module
    return Describer._other


def settings_text(settings: dict, describer: Describer) -> str:
    parts = []
    for key in sorted(settings):
        try:
            parts.append(key + "=" + describer.text(settings[key]))
        except Unkeyable as kind:
            parts.append(f"{key}=<{kind}>")
    return "\n".join(parts)

"""Which spellings of a tag are one tag, and the address of each (one language's tags).

A tag's **key** is what its spellings share: the tag in lower case (``casefold``), its
letters composed one way (Unicode NFC: a tag typed on a Mac and on Windows), words
parted by one space (a hyphen or ``_`` between words is a space: ``COVID-19``,
``COVID 19``), and each word's tone mark counted on the word, not on one of its letters
(``hoà`` and ``hòa``, ``thuỷ`` and ``thủy``: the old and the new way of placing it; the
mark typed before or after the letter's own). Spellings with one key are one tag.

Spellings whose accents differ are two tags: ``khóa học`` (a course) and ``khoa học``
(science), ``C#`` and ``C``, though their addresses are the same words in ASCII. Staff
often type without accents: a tag written entirely **without** them (``boi duong``) is
the one tag whose key, its accents dropped, it is (``bồi dưỡng``); when there are
several (``khoa hoc``: ``khóa học`` and ``khoa học``) it is **ambiguous**, and is taken
for the one of them whose page came first (below): check names them all.

Addresses: each tag's is its name made ASCII (``sitemodel.slugs``). Where two tags of a
language would share one, the tag whose first post (the earliest ``Date``) is older keeps
it and the other gets ``-2`` (``-3``…, the first not taken); on the same day, the first in
alphabetical order (``khoa học`` before ``khóa học``). Tags are given their addresses in that order, the first tag first, so a tag's
address changes only when an older post is given a tag with its address (a post dated
back, or the older tag's first post deleted or untagged): a new post, or a new tag, never
moves an address readers have (the number of posts would: it was not chosen).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

from sitemodel.collation import TONES, vietnamese_order

#: What parts words in a key: spaces, hyphens, underscores.
WORD_BREAK = re.compile(r"[\s\-_]+")


@functools.lru_cache(maxsize=None)
def tag_key(name: str) -> str:
    """``Hoà Bình``, ``hòa bình``, ``Hòa-Bình`` -> one key (see the module docstring)."""
    words = []
    for word in WORD_BREAK.split(unicodedata.normalize("NFD", unicodedata.normalize("NFC", name).casefold())):
        if word:
            tones = "".join(char for char in word if char in TONES)
            rest = "".join(char for char in word if char not in TONES)
            words.append(unicodedata.normalize("NFC", rest) + tones)
    return " ".join(words)


@functools.lru_cache(maxsize=None)
def without_accents(key: str) -> str:
    """A key with its accents dropped (``đ`` as ``d``): ``khóa học`` -> ``khoa hoc``."""
    bare = "".join(char for char in unicodedata.normalize("NFD", key) if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.replace("đ", "d"))


def is_plain(key: str) -> bool:
    """Whether a key is written without accents."""
    return without_accents(key) == key


@dataclass(frozen=True)
class Grouping:
    """The keys of one language's tags: which tag (its main key) each key is, and the
    keys without accents that could be several tags (each to its accented keys)."""

    owner: dict[str, str]
    ambiguous: dict[str, tuple[str, ...]]


def group_keys(keys: Iterable[str]) -> Grouping:
    """One language's tag keys grouped into tags: a key with accents is a tag of its own; a
    key without them is the one accented tag it is without accents, else a tag of its own
    when none is; one that is several is in ``ambiguous`` (and not in ``owner``)."""
    keys = set(keys)
    accented: dict[str, list[str]] = {}
    for key in sorted(keys):
        if not is_plain(key):
            accented.setdefault(without_accents(key), []).append(key)
    owner, ambiguous = {}, {}
    for key in keys:
        if not is_plain(key):
            owner[key] = key
            continue
        matches = accented.get(key, [])
        if len(matches) > 1:
            ambiguous[key] = tuple(matches)
        else:
            owner[key] = matches[0] if matches else key
    return Grouping(owner, ambiguous)


def addresses(firsts: dict[str, Any], slug_of) -> dict[str, str]:
    """Each tag's address (``{main key: slug}``), given each tag's earliest post date
    (``firsts``) and how a key's ASCII address is made (``slug_of``): tags in the order
    of their first posts, then alphabetical, each taking its address, else the first of
    ``-2``, ``-3``… still free. A tag without one (no letter or digit) has ``""``."""
    taken: set[str] = set()
    found = {}
    for key in sorted(firsts, key=lambda key: (firsts[key], vietnamese_order(key), key)):
        base = slug_of(key)
        slug, number = base, 1
        while base and slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        found[key] = slug
    return found

"""Addresses made of words: one rule for a post's folder (``invoke new``, the importer,
check's suggestion for a folder name) and a tag's page.

``Khai giảng lớp "Quản trị"`` gives ``khai-giang-lop-quan-tri``: ASCII, lower case, words
joined by "-", "đ" as "d", accents dropped; at most ``SLUG_MAX`` characters, cut at the
end of a word (no word dropped from the middle: python-slugify's ``save_order``); ``""``
for words with no letter or digit.
"""

from __future__ import annotations

import unicodedata

from slugify import slugify

#: The longest address made (a folder name: a file name has room for 255 bytes).
SLUG_MAX = 80


def slug_of(words: str) -> str:
    return slugify(unicodedata.normalize("NFC", str(words)), lowercase=True, max_length=SLUG_MAX,
                   word_boundary=True, save_order=True)

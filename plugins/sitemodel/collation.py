"""Vietnamese alphabetical order: the lists of tags (``/chu-de/``, ``/en/topics/``,
plugins/tags) and the photos of a gallery (``photos.sources.natural_key``).

A Vietnamese dictionary orders its 29 letters a ă â b c d đ e ê g h i k l m n o ô ơ p q
r s t u ư v x y: ``ă``, ``â``, ``đ``, ``ê``, ``ô``, ``ơ``, ``ư`` are letters of their own
("đào tạo" after every word in ``d``), and the tones decide only between words written
with the same letters, in the order ngang, huyền, hỏi, ngã, sắc, nặng (ma, mà, mả, mã,
má, mạ). Python's ``sorted`` orders by code point (``đ`` after ``z``); an ASCII slug
drops the letters' marks (``đăng ký`` among ``dang``). The Unicode Collation Algorithm's
default table (what pyuca implements) also treats ``ă``, ``â``… as ``a`` with an accent;
ICU has the Vietnamese rules, but as a C++ library to build. The rule is short, so it is
here: letters first (f, j, w, z of foreign words in their Latin places), then the tones,
then the text itself (capitals aside until then).
"""

from __future__ import annotations

import functools
import unicodedata

LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: Marks that make a letter of their own: breve (ă), circumflex (â ê ô), horn (ơ ư).
LETTER_MARKS = frozenset("\u0306\u0302\u031b")
#: The tones, in dictionary order after the unmarked ngang: huyền, hỏi, ngã, sắc, nặng.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_RANK = {letter: rank for rank, letter in enumerate(LETTERS)}


@functools.lru_cache(maxsize=None)
def vietnamese_order(text: str) -> tuple:
    """A sort key putting ``text`` in Vietnamese dictionary order: spaces and signs
    before digits, digits before letters, letters in the Vietnamese alphabet, other
    scripts' letters after them by code point."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text).lower():
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in LETTER_MARKS))
        if letter in _RANK:
            letters.append((3, _RANK[letter]))
        elif letter.isdigit():
            letters.append((2, ord(letter)))
        elif letter.isalpha():
            letters.append((4, ord(letter)))
        else:
            letters.append((0 if letter.isspace() else 1, ord(letter)))
        tones.append(sum(TONES.get(m, 0) for m in marks))
    return tuple(letters), tuple(tones), text

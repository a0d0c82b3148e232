"""Bytes of a saved page to text: the declared charset when it is right, else UTF-8,
else whatever charset-normalizer detects (old pages often declare the wrong one).

Text decoded with the wrong single-byte charset does not fail, it turns into mojibake
("Trưá»ng", "giaÒng"), so every candidate is checked for that before it is accepted.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from .errors import bilingual

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# UTF-8 read as Latin-1/Windows-125x: "Ã¡", "Æ°", "á»", "Ä‘".
_UTF8_MOJIBAKE = re.compile("[ÂÃÄÅÆ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178"
                            "\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]|á[º»]")
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
#: Above this share of odd characters (charset-normalizer's measure) text is mojibake.
MESS_LIMIT = 0.1


@dataclass
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # set when the declared charset was wrong or missing


def declared_charset(data: bytes) -> str | None:
    """The charset named by the page's ``<meta>``, as a Python codec name (or None)."""
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def looks_garbled(text: str) -> bool:
    """True when the page text reads like mojibake (decoded with the wrong charset)."""
    visible = _visible(text)
    return bool(_UTF8_MOJIBAKE.search(visible)) or _mess(visible) > MESS_LIMIT


def _visible(text: str) -> str:
    return _TAGS.sub(" ", text)[:20000]


def _mess(visible: str) -> float:
    return mess_ratio(visible, maximum_threshold=1.0)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        text = _nfc(data.decode(encoding))
    except (UnicodeDecodeError, LookupError):
        return None
    return None if looks_garbled(text) else text


def decode_page(data: bytes) -> Decoded:
    """Decode a saved page to NFC text, saying when the declared charset was not used."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_nfc(data.decode(encoding, errors="replace")), encoding)
    declared = declared_charset(data)
    for encoding in dict.fromkeys(filter(None, (declared, "utf-8"))):
        text = _try(data, encoding)
        if text is not None:
            return Decoded(text, encoding, _note(declared, encoding))
    detected = _detect(data)
    if detected is not None:
        return Decoded(detected[1], detected[0], _note(declared, detected[0]))
    return Decoded(_nfc(data.decode("utf-8", errors="replace")), "utf-8",
                   bilingual("không nhận ra bảng mã, một số chữ có thể hỏng",
                             "unknown charset, some characters may be broken"))


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's candidates plus Windows-1258 (the old Vietnamese Windows
    charset), the least garbled one winning; ties go to the detector's order."""
    matches = from_bytes(data, preemptive_behaviour=False)
    candidates = [m.encoding for m in matches if m.encoding] + ["cp1258"]
    scored = []
    for order, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            text = _nfc(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        visible = _visible(text)
        if _UTF8_MOJIBAKE.search(visible):
            continue
        scored.append((_mess(visible), order, encoding, text))
    if not scored:
        return None
    _, _, encoding, text = min(scored)
    return encoding, text


def _note(declared: str | None, used: str) -> str | None:
    if declared == used:
        return None
    if declared is None:
        return None if used == "utf-8" else bilingual(
            f"trang không khai báo bảng mã, đọc theo {used}",
            f"no charset declared, read as {used}")
    return bilingual(f"trang khai báo bảng mã {declared} nhưng thực ra là {used}",
                     f"the page declares {declared} but is {used}")


def _nfc(text: str) -> str:
    # Old editors saved Vietnamese decomposed (base letter + combining tone mark).
    return unicodedata.normalize("NFC", text)

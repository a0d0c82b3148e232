"""Gallery captions: ``captions.<lang>.txt`` in a post folder, one ``photo.jpg: Caption`` a line.

Blank lines and lines starting with ``#`` are ignored. Every mistake (a photo that is not
in the folder, a line without ``:``, a photo named twice) is reported with its line.
"""

from __future__ import annotations

import os
import re
import unicodedata

from sitemodel import ContentError
from sitemodel.checks import PLAIN_COLON
from sitemodel.errors import not_utf8
from sitemodel.text import clean_pasted, read_pasted_entities

from . import sources


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Captions(dict):
    """The captions of a folder's photos in one language, by photo (a ``dict``), and the
    line of the file each is written on (``lines``: for messages about a caption)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


def captions_file(folder: str, lang: str) -> str:
    return os.path.join(folder, f"captions.{lang}.txt")


def read_captions(folder: str, lang: str, rel_folder: str) -> tuple[Captions, list[ContentError]]:
    """The captions of the photos in ``folder`` in ``lang`` (none if there is no file),
    with their lines.

    ``rel_folder`` is the folder relative to the content root, for messages.
    """
    path = captions_file(folder, lang)
    rel = f"{rel_folder}/captions.{lang}.txt"
    captions = Captions()
    if not os.path.isfile(path):
        return captions, []
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return captions, [ContentError(rel, *not_utf8(data, exc))]
    # Same text rules as posts: NFC, no control characters nor characters that show as
    # nothing (clean_pasted, a Vietnamese file's as a Vietnamese post's); lines end only
    # at "\n" (str.splitlines() would also split at U+2028 and U+0085 inside a caption).
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = read_pasted_entities(text, vietnamese=lang == "vi")  # "&shy;" too, as in a post
    text = unicodedata.normalize("NFC", clean_pasted(text, vietnamese=lang == "vi"))
    lines = captions.lines
    errors: list[ContentError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, caption = line.partition(":")
        name = name.strip()
        if "\uff1a" in name:
            # ("anh.jpg： Lớp học", a full-width colon, as a Chinese or Japanese keyboard
            # types it): the metadata's message's words, which name the colon.
            errors.append(ContentError(rel, (
                f"dòng phải có dạng 'anh.jpg: Chú thích', với {PLAIN_COLON[0]}: {line!r} / "
                f"expected 'photo.jpg: Caption', with {PLAIN_COLON[1]}: got {line!r}"), number))
            continue
        if not colon or not name:
            errors.append(ContentError(rel, (
                f"dòng phải có dạng 'anh.jpg: Chú thích', không phải {line!r} / "
                f"expected 'photo.jpg: Caption', got {line!r}"), number))
            continue
        photo, problem = _check_name(folder, name)
        if problem:
            errors.append(ContentError(rel, problem, number))
            continue
        if photo in lines:
            errors.append(ContentError(rel, (
                f"'{name}' đã có chú thích ở dòng {lines[photo]} / "
                f"'{name}' already has a caption on line {lines[photo]}"), number))
            continue
        lines[photo] = number
        captions[photo] = caption.strip()
    return captions, errors


def _check_name(folder: str, name: str) -> tuple[str, str | None]:
    """The photo ``name`` is in ``folder`` (relative, with "/"), and why it cannot be
    captioned (None when it can)."""
    rel, problem = sources.locate(
        folder, name, f"'{name}' nằm ngoài thư mục bài viết / '{name}' is outside the post folder")
    return (rel or name), problem

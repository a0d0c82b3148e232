"""The photo viewer's labels in a page's language, for figures in the text.

The lightbox script reads its labels from ``data-lightbox-*`` attributes: the gallery
partial writes them with gettext; a post without a gallery has its first figure carry
them instead. Both take the strings from the theme's catalogs
(``theme/translations/<lang>/LC_MESSAGES/messages.po``), so there is one translation.
"""

from __future__ import annotations

import os

from babel.messages.pofile import read_po

#: data-lightbox-<name> -> the message id the gallery partial uses for it.
MESSAGES = {
    "label": "Photo viewer",
    "close": "Close",
    "prev": "Previous photo",
    "next": "Next photo",
}


def lightbox_labels(theme: str, lang: str) -> dict[str, str]:
    """``{"data-lightbox-label": ..., ...}`` in ``lang``; the English message id where
    the catalog has no translation (as gettext does)."""
    strings: dict[str, str] = {}
    path = os.path.join(theme, "translations", lang, "LC_MESSAGES", "messages.po")
    if os.path.isfile(path):
        with open(path, "rb") as f:
            catalog = read_po(f, locale=lang)
        for msgid in MESSAGES.values():
            message = catalog.get(msgid)
            if message is not None and message.string and not message.fuzzy:
                strings[msgid] = message.string
    return {f"data-lightbox-{name}": strings.get(msgid, msgid) for name, msgid in MESSAGES.items()}

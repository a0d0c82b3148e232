"""Set ``article.newer`` and ``article.older``: the adjacent posts in the same section
(not its subsections) and the same language, in the model's order (date, then path)."""

from __future__ import annotations

from sitemodel import model_ready


def link_neighbors(model, context=None) -> None:
    for section in model.root.walk():
        for lang in model.languages:
            newest_first = model.own_listing(section, lang)
            for i, article in enumerate(newest_first):
                article.newer = newest_first[i - 1] if i > 0 else None
                article.older = newest_first[i + 1] if i + 1 < len(newest_first) else None


def register() -> None:
    model_ready.connect(link_neighbors)

"""Related posts: under a post, the posts of its language that share its tags.

For each tag of a post, the posts nearest to it in time with that tag (``window`` newer
and older ones in the tag's listing) are the candidates; of those, the ones sharing the
most tags with the post come first, then the nearest in time, then by file (no two tie).
Looking only near the post keeps the work small on a big site, and an edit or a new post
changes the lists of a few posts only (the page cache renders just those again).
"""

from __future__ import annotations

from typing import Any


def relate(articles: list[Any], posts: dict[str, list[Any]], tags_of, most: int,
           window: int) -> None:
    """Set ``article.related`` (a list, maybe empty) on each of ``articles``.

    ``posts``: each tag's posts, newest first (``TagIndex.posts``); ``tags_of(article)``:
    the article's tag slugs."""
    slugs = {id(article): set(tags_of(article)) for article in articles}
    where = {slug: {id(article): i for i, article in enumerate(listing)} for slug, listing in posts.items()}
    for article in articles:
        mine = slugs[id(article)]
        candidates: dict[int, Any] = {}
        for slug in mine & posts.keys():
            listing, i = posts[slug], where[slug][id(article)]
            for other in listing[max(0, i - window): i + window + 1]:
                if other is not article:
                    candidates[id(other)] = other

        def rank(other: Any, mine: set = mine, article: Any = article) -> tuple:
            shared = len(mine & slugs.get(id(other), set()))
            return (-shared, abs(other.date - article.date), other.source_path)

        article.related = sorted(candidates.values(), key=rank)[:most] if most else []

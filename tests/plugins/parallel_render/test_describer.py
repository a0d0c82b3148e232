"""The page cache's Describer: what a page key is made of."""

import dataclasses

from parallel_render.page_cache import Describer


@dataclasses.dataclass(frozen=True)
class Frozen:
    name: str
    sizes: tuple


@dataclasses.dataclass
class Open:
    name: str
    items: list


def test_a_frozen_dataclass_is_described_once_per_build_with_the_same_text(monkeypatch):
    shared = Frozen("anh", (480, 960))
    plain = Describer().text([Open("a", [shared]), Open("b", [shared])])
    walked = []
    real = Describer._fields
    monkeypatch.setattr(Describer, "_fields", lambda self, value, out: walked.append(value) or real(self, value, out))
    describer = Describer()
    assert describer.text([Open("a", [shared]), Open("b", [shared])]) == plain
    assert walked.count(shared) == 1 and len(walked) == 3  # two Open, one Frozen
    # the text is what walking its fields gives (page keys made before the memo still hold)
    parts = []
    Describer()._fields(shared, parts)
    assert describer.text(shared) == "\x1f".join(parts)
    # equal values describe alike; a changed one differently
    assert describer.text(Frozen("anh", (480, 960))) == describer.text(shared)
    assert describer.text(Frozen("anh", (480,))) != describer.text(shared)
    # an open (mutable) dataclass is described afresh each time
    box = Open("c", [1])
    before = describer.text(box)
    box.items.append(2)
    assert describer.text(box) != before


def test_a_post_is_described_by_every_attribute_but_the_settings_and_context():
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html"}

    def article(**extra):
        post = Article("<p>Nội dung</p>", metadata={"title": "Khai giảng", "slug": "khai-giang"},
                       settings=settings)
        for name, value in extra.items():
            setattr(post, name, value)
        return post

    describer = Describer()
    plain = describer.full(article(gallery=["anh-1"]))
    assert plain == Describer().full(article(gallery=["anh-1"]))  # the same inputs, the same text
    assert describer.full(article(gallery=["anh-2"])) != plain  # a plugin's attribute counts
    assert describer.full(article(gallery=["anh-1"], newer=None)) != plain  # and one more of them
    # an attribute's name counts, not only its value
    assert describer.full(article(a=1, b=2)) != describer.full(article(a=2, b=1))
    # what the build hands every post is not what the page shows
    assert describer.full(article(gallery=["anh-1"], _context={"other": 1})) == plain

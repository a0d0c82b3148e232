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

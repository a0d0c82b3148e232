"""Which spellings of a tag are one tag, and each tag's address (plugins/tags/identity.py)."""

from __future__ import annotations

from tags.identity import addresses, group_keys, tag_key
from tags.tags import tag_slug


def test_tags_take_their_addresses_in_the_order_they_were_first_used():
    """The older tag keeps the address; a suffix is never an address another tag has."""
    def given(firsts):
        found = addresses({tag_key(name): first for name, first in firsts.items()}, tag_slug)
        return {name: found[tag_key(name)] for name in firsts}

    assert given({"khóa học": 2, "khoa học": 3, "khoa học 2": 1, "C#": 5, "C": 4, "👍": 1}) == {
        "khoa học 2": "khoa-hoc-2", "khóa học": "khoa-hoc", "khoa học": "khoa-hoc-3", "C": "c", "C#": "c-2", "👍": ""}
    # First used on the same day: alphabetical.
    assert given({"khóa học": 1, "khoa học": 1}) == {"khóa học": "khoa-hoc-2", "khoa học": "khoa-hoc"}


def test_which_spellings_are_one_tag():
    same = ["Bồi dưỡng", "bồi dưỡng", "BỒI DƯỠNG", "bồi-dưỡng", "bồi_dưỡng",
            "bo\u0302\u0300i du\u031bo\u031b\u0303ng"]  # (decomposed, as a Mac may write it)
    assert len({tag_key(name) for name in same}) == 1
    assert tag_key("hoà") == tag_key("hòa") and tag_key("thuỷ") == tag_key("thủy")
    assert tag_key("a\u0301\u0302") == tag_key("ấ")  # the tone typed before the letter's own mark
    assert len({tag_key(name) for name in ["khóa học", "khoa học", "khoa hoc", "C#", "C", "C++"]}) == 6
    keys = {name: tag_key(name) for name in ["khóa học", "khoa học", "khoa hoc", "bồi dưỡng", "Boi Duong",
                                             "tin hoc", "C#"]}
    grouping = group_keys(keys.values())
    assert grouping.owner[keys["Boi Duong"]] == keys["bồi dưỡng"]  # without accents: the one tag it is
    assert grouping.owner[keys["tin hoc"]] == keys["tin hoc"]  # none with accents: a tag of its own
    assert grouping.ambiguous == {keys["khoa hoc"]: tuple(sorted([keys["khóa học"], keys["khoa học"]]))}
    assert keys["khoa hoc"] not in grouping.owner
    assert len(set(grouping.owner.values())) == 5

"""Property-based tests: any content folder builds with every string escaped, or fails
with one-line errors, never a traceback (fuzz/properties.py says what is checked).

Few examples, derandomized, so that every run tests the same inputs: ``invoke fuzz
--minutes N`` runs the same properties with many more, at random.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from conftest import ROOT, post_files, section_files
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT))

from fuzz import properties, strategies  # noqa: E402

BUILDS = settings(max_examples=12, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
PARTS = settings(max_examples=200, derandomize=True, deadline=None, database=None,
                 suppress_health_check=list(HealthCheck))


@BUILDS
@given(strategies.content_folder())
def test_any_content_folder_builds_safely_or_fails_in_one_line_errors(files):
    properties.check_build(files)


@settings(BUILDS, max_examples=6)
@given(strategies.edited_site())
def test_a_site_edited_between_builds_builds_as_a_clean_build_would(states):
    properties.check_incremental(states)


@PARTS
@given(strategies.hostile_text(10))
def test_cleaning_removes_exactly_the_invisible_characters(text):
    properties.check_clean_text(text)


@PARTS
@given(strategies.hostile_text(10))
@example("ghi rõ <Họ và tên> và <b>đậm</b>")  # (words in angle brackets are text; a tag is dropped)
@example("<![CDATA[ghi rõ --> x")  # (what `invoke fuzz` found: no element's tag, so text)
def test_a_summary_shows_the_text_as_typed(text):
    properties.check_plain_summary(text)


@PARTS
@given(st.lists(st.one_of(strategies.one_line(), st.sampled_from(["Title: x", "Date: 2020-01-01",
                                                                  "", "    more", "Date: 05/07/2020"])),
                max_size=6).map("\n".join))
def test_metadata_checks_read_anything(text):
    properties.check_header_text(text)


@PARTS
@given(st.one_of(st.binary(max_size=200), strategies.hostile_text(10).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_the_reader_converts_anything(data):
    properties.check_reader(data)


@PARTS
@given(strategies.hostile_text(10))
def test_captions_files_of_any_content_are_read(text):
    properties.check_captions("anh.jpg: " + text)


def test_check_incremental_says_the_code_changed_when_it_was_edited_between_its_builds(tmp_path, monkeypatch):
    """A template edited between the kept build and the clean one (someone working while
    the tests run) makes the two differ: check_incremental says the project's code
    changed, not that the rebuild kept something stale."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "plugins", project / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    monkeypatch.setattr(properties, "ROOT", project)
    builds = []
    build = properties.run_build

    def edit_after_the_kept_build(base):
        result = build(base)
        builds.append(base.name)
        if len(builds) == 1:
            template = project / "theme" / "templates" / "base.html"
            template.write_text(template.read_text(encoding="utf-8").replace("</body>", "<!-- sửa -->\n</body>"),
                                encoding="utf-8")
        return result

    monkeypatch.setattr(properties, "run_build", edit_after_the_kept_build)
    files = post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"}) | section_files("tin-tuc", "Tin tức")
    with pytest.raises(AssertionError, match="the project's code changed during the test"):
        properties.check_incremental([("first build", files)])
    assert builds == ["kept", "clean-0"]

"""Post objects kept between builds (plugins/reader/kept.py): taken back only when right."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, build_site, post_files, section_files, write_files
from pelican.settings import read_settings
from test_reader import counts, rebuild

SECTION = section_files("tin-tuc", "Tin tức", "News")
MARKER = "dau-hieu-cai-dat-9f3c"


def kept_files(root: Path) -> list[Path]:
    return sorted((root / "cache" / "kept").rglob("*.pickle"))


def test_a_kept_post_whose_linked_post_is_gone_is_reported(tmp_path):
    """A kept post is given this build's files to resolve its ``{filename}`` links
    against (Pelican's own cache stores the last build's with it, and would still link
    to a deleted post)."""
    files = dict(SECTION) | section_files("thong-bao", "Thông báo", "Notices")
    files |= post_files("tin-tuc/a", {"Title": "A", "Date": "2020-01-01",
                                      "body": "Xem [bài B]({filename}../../thong-bao/b/index.vi.md)."})
    files |= post_files("thong-bao/b", {"Title": "B", "Date": "2020-01-02"})
    site = build_site(tmp_path, files, verbose=True, SKIP_UNCHANGED=False)
    assert site.html("tin-tuc/a/").select_one(".post__body a")["href"].endswith("/thong-bao/b/")
    for name in ("index.vi.md",):
        (tmp_path / "content" / "thong-bao" / "b" / name).unlink()
    (tmp_path / "content" / "thong-bao" / "b").rmdir()
    gone = build_site(tmp_path, {}, expect_ok=False, verbose=True, SKIP_UNCHANGED=False)
    assert counts(gone.log)[2] == 1  # a is kept
    assert gone.result.returncode != 0
    assert "tin-tuc/a/index.vi.md" in gone.log, gone.log


def test_the_settings_and_the_shared_context_are_not_stored_with_the_posts(tmp_path):
    files = dict(SECTION)
    for i in range(3):
        files |= post_files(f"tin-tuc/bai-{i}", {"Title": f"Bài {i}", "Date": f"2020-01-0{i + 1}"})
    build_site(tmp_path, files, SITE_MARKER=MARKER)
    data = b"".join(p.read_bytes() for p in kept_files(tmp_path))
    assert b"bai-1" in data  # the posts are there
    assert MARKER.encode() not in data  # but not the settings, nor the context (a copy of them)


def test_a_setting_change_keeps_nothing(tmp_path):
    files = dict(SECTION) | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    site = build_site(tmp_path, files, verbose=True, SKIP_UNCHANGED=False)
    assert counts(rebuild(site).log) == (0, 0, 1)
    changed = rebuild(site, DEFAULT_DATE_FORMAT="%Y")
    assert counts(changed.log) == (0, 1, 0)  # read back from the reader's cache, made anew
    assert counts(rebuild(site, DEFAULT_DATE_FORMAT="%Y").log) == (0, 0, 1)


def test_a_damaged_kept_file_is_a_miss(tmp_path):
    files = dict(SECTION) | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    site = build_site(tmp_path, files, verbose=True, SKIP_UNCHANGED=False)
    first = {p: site.path(p).read_bytes() for p in site.files()}
    for kept in kept_files(tmp_path):
        kept.write_bytes(kept.read_bytes()[:100])
    again = rebuild(site)
    assert counts(again.log) == (0, 1, 0)
    assert {p: again.path(p).read_bytes() for p in again.files()} == first


def test_a_mistake_in_a_kept_post_is_named_with_its_line_again(tmp_path):
    """The site checks run on kept posts as on read ones: the header check still finds
    the line (the kept post's file is read for its key, and its bytes are passed on)."""
    files = dict(SECTION) | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01", "Slug": "khac"})
    first = build_site(tmp_path, files, expect_ok=False, verbose=True, SKIP_UNCHANGED=False)
    assert first.result.returncode != 0
    assert "tin-tuc/bai/index.vi.md:3:" in first.log, first.log
    again = build_site(tmp_path, {}, expect_ok=False, verbose=True, SKIP_UNCHANGED=False)
    assert counts(again.log)[2] == 1
    assert again.result.returncode != 0
    assert "tin-tuc/bai/index.vi.md:3:" in again.log, again.log


WARNING_PLUGIN = """
import logging
from pelican import signals

def warn(generator, metadata):
    if "canh-bao" in str(metadata.get("title", "")):
        logging.getLogger(__name__).warning("warned while reading: %s", metadata["title"])

def register():
    signals.article_generator_context.connect(warn)
"""


def test_a_post_that_warned_is_read_again_and_warns_again(tmp_path):
    """A warning while a file is read is shown on every build until it is dealt with:
    the post's object is not kept, so the next build reads the file and warns again."""
    write_files(tmp_path / "extra", {"warn_on_read/__init__.py": WARNING_PLUGIN})
    settings = {"PLUGIN_PATHS": [str(ROOT / "plugins"), str(tmp_path / "extra")],
                "PLUGINS": read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"] + ["warn_on_read"],
                "SKIP_UNCHANGED": False}
    files = dict(SECTION) | post_files("tin-tuc/bai", {"Title": "canh-bao", "Date": "2020-01-01"})
    files |= post_files("tin-tuc/khac", {"Title": "Khác", "Date": "2020-01-02"})
    first = build_site(tmp_path, files, fatal=False, verbose=True, **settings)
    assert "warned while reading: canh-bao" in first.log, first.log
    again = rebuild(first, fatal=False, **settings)
    assert counts(again.log) == (0, 1, 1)  # the other post is kept; this one read back
    assert "warned while reading: canh-bao" in again.log


def test_an_edit_writes_again_only_the_file_keeping_its_post(tmp_path):
    from reader.kept import bucket_of

    files = dict(SECTION)
    for i in range(6):
        files |= post_files(f"tin-tuc/bai-{i}", {"Title": f"Bài {i}", "Date": f"2020-01-0{i + 1}"},
                            {"Title": f"Post {i}", "Date": f"2020-01-0{i + 1}"})
    site = build_site(tmp_path, files, verbose=True, SKIP_UNCHANGED=False)
    folder = tmp_path / "cache" / "kept" / "ArticlesGenerator"
    before = {p.name: p.stat().st_ino for p in folder.iterdir()}
    expected = {bucket_of(f"tin-tuc/bai-{i}/index.vi.md") + ".pickle" for i in range(6)}
    assert set(before) == expected  # a post's two languages in one file
    post = tmp_path / "content" / "tin-tuc" / "bai-2" / "index.vi.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    edited = rebuild(site)
    assert counts(edited.log) == (1, 0, 11)  # the edited file read, the other 11 kept
    after = {p.name: p.stat().st_ino for p in folder.iterdir()}
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {bucket_of("tin-tuc/bai-2/index.vi.md") + ".pickle"}
    assert "Thêm một đoạn." in edited.text("tin-tuc/bai-2/")
    assert counts(rebuild(site).log) == (0, 0, 12)

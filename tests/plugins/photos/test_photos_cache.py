"""The renditions' cache in real builds: nothing encoded twice, renames are free, a setting
re-encodes only what it changes, everything under CACHE_PATH, pruning, the progress bar."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import time

import photo_samples as samples
import pytest
from photo_builds import SECTION, counts, encoded_by_format, one_post_site, pelican, pelican_command
from photos.cache import Cache

from conftest import ROOT, Site, clean_settings, write_files


def gallery_site(photos: dict[str, bytes], slug: str = "bai", body: str = "Nội dung.") -> dict:
    return one_post_site(body, photos=photos, slug=slug)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Site, Site]:
    """The photo site built twice with the same cache, into two output folders."""
    base = tmp_path_factory.mktemp("cache")
    write_files(base / "content", gallery_site({"anh-1.jpg": samples.jpeg((2000, 1500)),
                                                "anh-2.png": samples.png((800, 600))},
                                               body="![Lớp học](anh-1.jpg)\n"))
    first = pelican(base / "content", base / "output", base / "cache")
    second = pelican(base / "content", base / "output-2", base / "cache")
    return first, second


def test_second_build_encodes_nothing_and_gives_identical_files(built):
    first, second = built
    # anh-1: 4 widths × (JPEG, WebP), thumbnail and its cards' 2x thumbnail × 2 (its share
    # image is the 1200w JPEG); anh-2 (800 × 600, gallery): 480, 800 × (PNG, WebP),
    # thumbnail and 2x thumbnail × 2
    assert counts(first) == (20, 0)
    assert encoded_by_format(first) == {"jpg": 6, "png": 4, "webp": 10}
    assert counts(second) == (0, 20)
    assert encoded_by_format(second) == {}
    names = first.files()
    assert names == second.files()
    for name in names:
        if name.endswith((".jpg", ".png", ".webp", ".html")):
            assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name


def test_the_cache_records_what_the_last_build_used(built):
    first, _ = built
    cache = first.root / "cache" / "photos"
    used = json.loads((cache / "last-build.json").read_text())
    assert len(used) == 20
    assert {p.stem for p in cache.glob("??/*.json")} == set(used)


def test_renaming_a_post_folder_and_a_photo_encodes_nothing(tmp_path):
    photos = {"anh-1.jpg": samples.jpeg((1000, 750)), "anh-2.jpg": samples.jpeg((640, 480), quality=70)}
    write_files(tmp_path / "content", gallery_site(photos, body="![Lớp học](anh-1.jpg)\n"))
    first = pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    post = tmp_path / "content" / SECTION
    os.rename(post / "bai", post / "bai-moi")
    os.rename(post / "bai-moi" / "anh-1.jpg", post / "bai-moi" / "lop-hoc.jpg")
    os.rename(post / "bai-moi" / "anh-2.jpg", post / "bai-moi" / "thao-luan.jpg")
    index = post / "bai-moi" / "index.vi.md"
    index.write_text(index.read_text(encoding="utf-8").replace("anh-1.jpg", "lop-hoc.jpg"), encoding="utf-8")
    second = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache")
    encoded, cached = counts(first)
    assert encoded > 0 and counts(second) == (0, encoded)
    files = sorted(p.name for p in (second.output / SECTION / "bai-moi").iterdir())
    assert "lop-hoc-960w.webp" in files and "thao-luan-thumb.jpg" in files
    assert not [name for name in files if name.startswith("anh-")]
    assert not (second.output / SECTION / "bai").exists()
    page = second.html(f"{SECTION}/bai-moi/")
    assert page.select_one("figure img")["src"].split("?v=")[0] == f"/{SECTION}/bai-moi/lop-hoc-960w.jpg"
    assert (second.output / SECTION / "bai-moi" / "lop-hoc-960w.jpg").read_bytes() == \
        (first.output / SECTION / "bai" / "anh-1-960w.jpg").read_bytes()


def test_changing_a_quality_re_encodes_only_the_renditions_it_affects(tmp_path):
    # one 640 px gallery photo: 480w and 640w and a thumbnail, each as JPEG and WebP
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((640, 480))}))
    first = pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    webp = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache", PHOTOS_WEBP_QUALITY=50)
    jpeg = pelican(tmp_path / "content", tmp_path / "o3", tmp_path / "cache", PHOTOS_WEBP_QUALITY=50,
                   PHOTOS_JPEG_QUALITY=60)
    assert counts(first) == (6, 0) and encoded_by_format(first) == {"jpg": 3, "webp": 3}
    assert counts(webp) == (3, 3) and encoded_by_format(webp) == {"webp": 3}
    assert counts(jpeg) == (3, 3) and encoded_by_format(jpeg) == {"jpg": 3}
    folder = f"{SECTION}/bai"
    for name in ("anh-480w", "anh-640w", "anh-thumb"):
        one, two, three = (tmp_path / o / folder for o in ("o1", "o2", "o3"))
        assert (one / f"{name}.jpg").read_bytes() == (two / f"{name}.jpg").read_bytes() != \
            (three / f"{name}.jpg").read_bytes()
        assert (one / f"{name}.webp").read_bytes() != (two / f"{name}.webp").read_bytes() == \
            (three / f"{name}.webp").read_bytes()


def test_the_2x_thumbnails_qualities_re_encode_only_them_and_none_turns_them_off(tmp_path):
    # one 1000 px gallery photo: 480w, 960w, 1000w, the thumbnail and its 2x twin, each as JPEG and WebP
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((1000, 750))}))
    first = pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    webp = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache",
                   PHOTOS_THUMB_2X={"jpeg": 40, "webp": 30})
    off = pelican(tmp_path / "content", tmp_path / "o3", tmp_path / "cache", PHOTOS_THUMB_2X=None)
    assert counts(first) == (10, 0)
    assert counts(webp) == (1, 9) and encoded_by_format(webp) == {"webp": 1}
    assert counts(off) == (0, 8)
    folder = f"{SECTION}/bai"
    one, two, three = (tmp_path / o / folder for o in ("o1", "o2", "o3"))
    assert (one / "anh-thumb-2x.jpg").read_bytes() == (two / "anh-thumb-2x.jpg").read_bytes()
    assert (one / "anh-thumb-2x.webp").read_bytes() != (two / "anh-thumb-2x.webp").read_bytes()
    assert not list(three.glob("*-2x.*"))
    img = off.html(f"{folder}/").select_one(".gallery img")
    assert "srcset" not in img.attrs and "-2x" not in str(off.html(f"{folder}/").select_one(".gallery"))


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((640, 480))}))
    first = pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    entries = sorted((tmp_path / "cache" / "photos").glob("??/*.webp"))
    entries[0].write_bytes(b"hong")
    os.chmod(entries[1], 0)
    entries[2].unlink()
    second = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache")
    # an unreadable file (as a user other than root) or a damaged one is a miss, like a missing one
    assert counts(second) == (2 + (os.geteuid() != 0), 4 - (os.geteuid() != 0))
    assert first.files() == second.files()
    for name in first.files():
        assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name


def test_every_photo_cache_is_under_cache_path(tmp_path):
    home, cache = tmp_path / "home", tmp_path / "home" / "chosen" / "cache"
    home.mkdir()
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((640, 480))}))
    site = pelican(tmp_path / "content", tmp_path / "output", cache)
    written = {p for p in tmp_path.rglob("*") if p.is_file()}
    outside = [p for p in written if not p.is_relative_to(tmp_path / "content")
               and not p.is_relative_to(tmp_path / "output") and not p.is_relative_to(cache)]
    assert outside == []
    keys = json.loads((cache / "photos" / "last-build.json").read_text())
    assert len(keys) == counts(site)[0] == 6
    for key in keys:  # in the chosen folder, and not in the project's own cache/
        assert len(list((cache / "photos" / key[:2]).glob(f"{key}.*"))) == 2
        assert not list((ROOT / "cache" / "photos" / key[:2]).glob(f"{key}.*"))


def test_invoke_clean_cache_keeps_only_what_the_last_build_used(tmp_path, monkeypatch):
    import tasks
    from invoke import Context

    photos = {"anh-1.jpg": samples.jpeg((640, 480)), "anh-2.jpg": samples.jpeg((600, 400))}
    write_files(tmp_path / "content", gallery_site(photos))
    pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    os.remove(tmp_path / "content" / SECTION / "bai" / "anh-2.jpg")
    pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    cache = tmp_path / "cache" / "photos"
    used = set(json.loads((cache / "last-build.json").read_text()))
    assert len({p.stem for p in cache.glob("??/*.json")}) == 12 and len(used) == 6
    monkeypatch.setattr(tasks, "SETTINGS", clean_settings(tmp_path, str(tmp_path / "cache")))
    monkeypatch.setattr(tasks, "OUTPUT", tmp_path / "output")
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    tasks.clean(Context(), cache=True)
    assert not (tmp_path / "output").exists()
    assert {p.stem for p in cache.glob("??/*.json")} == used
    again = pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    assert counts(again) == (0, 6)


def test_a_progress_bar_shows_on_a_terminal_when_there_is_much_to_encode(tmp_path):
    # 12 small gallery photos: their own width and a thumbnail each, as JPEG and WebP: 48
    photos = {f"anh-{n}.jpg": samples.jpeg((120, 90), quality=60 + n) for n in range(12)}
    write_files(tmp_path / "content", gallery_site(photos))
    command = pelican_command(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    controller, terminal = pty.openpty()
    process = subprocess.Popen(command, cwd=ROOT, stdin=terminal, stdout=terminal, stderr=terminal,
                               env={"COLUMNS": "200", "TERM": "xterm", "PATH": "/usr/bin:/bin",
                                    "HOME": str(tmp_path)})
    os.close(terminal)
    shown = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the build ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(timeout=60) == 0, shown.decode(errors="replace")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x1b]*\x1b\\", "", shown.decode(errors="replace"))
    assert re.search(r"photos\s+\d+%.*\d+/48", text), text
    assert "48 renditions encoded, 0 from cache" in text
    # not on a terminal (a log file, CI): no bar
    quiet = pelican(tmp_path / "content", tmp_path / "output-2", tmp_path / "cache-2")
    assert counts(quiet) == (48, 0) and "/48" not in quiet.log


def test_a_rebuild_keeps_the_published_renditions_and_never_shares_the_cache_files(tmp_path):
    """Unchanged renditions are the same files after a rebuild (their dates kept for
    uploads that compare dates, nothing written), and none is a link to a cache entry."""
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((640, 480))}))
    first = pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    folder = tmp_path / "output" / SECTION / "bai"
    before = {p.name: p.stat() for p in folder.iterdir() if p.suffix in (".jpg", ".webp")}
    second = pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache", SKIP_UNCHANGED=False)
    assert counts(first) == (6, 0) and counts(second) == (0, 6)
    after = {p.name: p.stat() for p in folder.iterdir() if p.suffix in (".jpg", ".webp")}
    assert sorted(after) == sorted(before) and len(after) == 6
    for name, st in after.items():
        assert (st.st_ino, st.st_mtime_ns) == (before[name].st_ino, before[name].st_mtime_ns), name
    cached = {p.stat().st_ino for p in (tmp_path / "cache" / "photos").glob("??/*.*")}
    assert not cached & {st.st_ino for st in after.values()}
    # what was published is remembered by its stamps, so the next build need not read it
    published = json.loads((tmp_path / "cache" / "photos" / "published.json").read_text())
    assert {rel.rsplit("/", 1)[1] for rel in published} == set(after)
    for rel, (entry, *stamp) in published.items():
        st = after[rel.rsplit("/", 1)[1]]
        assert stamp == [st.st_ino, st.st_size, st.st_mtime_ns]
        assert entry.split(".")[1] == rel.rsplit(".", 1)[1]
    # a published file changed in place is not taken over: the build puts the rendition back
    thumb = folder / "anh-thumb.jpg"
    good = thumb.read_bytes()
    with open(thumb, "r+b") as f:
        f.write(b"\x00" * 64)
    third = pelican(tmp_path / "content", tmp_path / "output", tmp_path / "cache")
    assert counts(third) == (0, 6) and thumb.read_bytes() == good


def test_a_copied_cache_is_checked_once_then_trusted_by_its_stamps(tmp_path):
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((640, 480))}))
    pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    shutil.copytree(tmp_path / "cache", tmp_path / "copied")
    records = sorted((tmp_path / "copied" / "photos").glob("??/*.json"))
    entry = next(p for p in records[0].parent.iterdir() if p.stem == records[0].stem and p.suffix != ".json")
    assert json.loads(records[0].read_text())["stamp"][0] != entry.stat().st_ino
    second = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "copied")
    assert counts(second) == (0, 6)
    record = json.loads(records[0].read_text())
    assert record["stamp"] == [entry.stat().st_ino, entry.stat().st_size, entry.stat().st_mtime_ns]
    # a changed entry no longer matches its stamp: read, found damaged, made again
    entry.write_bytes(b"hong")
    assert counts(pelican(tmp_path / "content", tmp_path / "o3", tmp_path / "copied")) == (1, 5)


def test_without_webp_only_the_jpeg_renditions_are_made_and_offered(tmp_path):
    """PHOTOS_WEBP=False: no WebP encoded or published, no <source> for it in figures,
    the gallery or the lightbox's data; the same JPEG files as with WebP on."""
    photos = {"anh-1.jpg": samples.jpeg((1000, 750)), "anh-2.jpg": samples.jpeg((640, 480))}
    write_files(tmp_path / "content", gallery_site(photos, body="![Lớp học](anh-1.jpg)\n"))
    plain = pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache", PHOTOS_WEBP=False)
    assert encoded_by_format(plain) == {"jpg": 8}
    assert not [name for name in plain.files() if name.endswith(".webp")]
    page = plain.html(f"{SECTION}/bai/")
    assert page.select("figure img[srcset]") and page.select(".gallery__item img")
    assert not page.select("source") and not page.select("[data-webp-srcset]")
    assert plain.html(f"{SECTION}/").select(".card__thumb img") and not plain.html(f"{SECTION}/").select("source")
    with_webp = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache")
    assert encoded_by_format(with_webp) == {"webp": 8}
    assert with_webp.html(f"{SECTION}/bai/").select("source[type='image/webp']")
    assert with_webp.html(f"{SECTION}/").select(".card__thumb source[type='image/webp']")
    for name in plain.files():
        if name.endswith(".jpg"):
            assert (plain.output / name).read_bytes() == (with_webp.output / name).read_bytes(), name


def test_automatic_pruning_looks_through_the_cache_once_a_day_or_every_build_with_0(tmp_path):
    cache = Cache(str(tmp_path / "photos"))
    assert cache.prune_due(60) and not cache.prune_due(60) and not cache.prune_due(1.5)
    assert cache.prune_due(0) and cache.prune_due(0)
    photos = {"anh-1.jpg": samples.jpeg((640, 480)), "anh-2.jpg": samples.jpeg((600, 400))}
    write_files(tmp_path / "content", gallery_site(photos))
    pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache", PHOTOS_CACHE_PRUNE_DAYS=0)
    os.remove(tmp_path / "content" / SECTION / "bai" / "anh-2.jpg")
    second = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache", PHOTOS_CACHE_PRUNE_DAYS=0)
    assert "6 unused renditions removed from the cache" in second.log
    assert len(list((tmp_path / "cache" / "photos").glob("??/*.json"))) == 6


def test_the_stamps_of_valid_entries_are_kept_in_one_file(tmp_path):
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((640, 480))}))
    pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    root = tmp_path / "cache" / "photos"
    assert not (root / "stamps.json").exists()  # all were encoded: nothing checked yet
    second = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache")
    stamps = json.loads((root / "stamps.json").read_text())
    assert counts(second) == (0, 6) and len(stamps) == 6
    for name, stamp in stamps.items():
        st = (root / name[:2] / name).stat()
        assert stamp[:3] == [st.st_ino, st.st_size, st.st_mtime_ns]
    # an entry whose file was touched is checked against its record again, and still used
    entry = root / sorted(stamps)[0][:2] / sorted(stamps)[0]
    os.utime(entry, ns=(1, 1))
    assert counts(pelican(tmp_path / "content", tmp_path / "o3", tmp_path / "cache")) == (0, 6)
    assert json.loads((root / "stamps.json").read_text())[entry.name][2] == 1


def test_an_entry_in_use_is_marked_as_used_at_most_once_an_hour(tmp_path):
    """Pruning goes by the date of an entry's record; a build sets it to now for the
    entries it uses, unless it did so less than an hour ago (stamps.json says when)."""
    write_files(tmp_path / "content", gallery_site({"anh.jpg": samples.jpeg((640, 480))}))
    pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    root = tmp_path / "cache" / "photos"
    records = sorted(root.glob("??/*.json"))
    assert len(records) == 6
    pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache")
    stamps = json.loads((root / "stamps.json").read_text())
    assert all(abs(stamp[3] - time.time()) < 600 for stamp in stamps.values())
    for record in records:
        os.utime(record, (1, 1))
    assert counts(pelican(tmp_path / "content", tmp_path / "o3", tmp_path / "cache")) == (0, 6)
    assert {record.stat().st_mtime for record in records} == {1}  # marked within the hour
    stamps = {name: [*stamp[:3], int(time.time()) - 3601] for name, stamp in stamps.items()}
    (root / "stamps.json").write_text(json.dumps(stamps))
    assert counts(pelican(tmp_path / "content", tmp_path / "o4", tmp_path / "cache")) == (0, 6)
    assert all(abs(record.stat().st_mtime - time.time()) < 600 for record in records)
    assert all(abs(stamp[3] - time.time()) < 600
               for stamp in json.loads((root / "stamps.json").read_text()).values())

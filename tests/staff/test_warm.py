"""Warm builds (``staff/warm.py``): the preview's builds forked from a process that has
Pelican and the plugins imported. They must give what a fresh ``python -m pelican``
gives, report failures the same way, and be restarted when the plugins' code changes."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from conftest import small_site, write_files
from staff_support import wait_for

from staff.build import BuildFailed, build_into_place
from staff.preview import PREVIEW_OVERRIDES, Preview
from staff.warm import WarmPelican

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="warm builds need fork()")

POST = "tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/index.vi.md"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def warm():
    started = WarmPelican.start("pelicanconf.py")
    assert started is not None
    yield started
    started.stop()


def build(tmp_path: Path, name: str, warm: WarmPelican | None):
    return build_into_place("pelicanconf.py", tmp_path / name, tmp_path / "content",
                            tmp_path / f"cache-{name}", capture=True,
                            overrides=PREVIEW_OVERRIDES, warm=warm)


def test_warm_builds_equal_fresh_builds_edit_after_edit(tmp_path, warm):
    write_files(tmp_path / "content", small_site())
    source = tmp_path / "content" / POST
    for step in range(2):
        warm_build = build(tmp_path, "warm", warm)
        fresh_build = build(tmp_path, "fresh", None)
        assert warm_build.ok and fresh_build.ok
        assert "Done: Processed" in warm_build.log
        assert tree(tmp_path / "warm") == tree(tmp_path / "fresh")
        source.write_text(source.read_text(encoding="utf-8").replace(
            "Học viên tham quan", f"Học viên lần {step} tham quan"), encoding="utf-8")
    assert "Học viên lần 0 tham quan" in (tmp_path / "warm" / POST.replace("index.vi.md", "")
                                         / "index.html").read_text(encoding="utf-8")
    assert warm.proc.poll() is None  # one warm process served every build


def test_a_failed_warm_build_says_what_a_fresh_one_says(tmp_path, warm):
    files = small_site()
    files[POST] = files[POST].replace("Date: 2018-09-14 09:00", "Date: ngày mai")
    write_files(tmp_path / "content", files)
    errors = []
    for builder in (warm, None):
        with pytest.raises(BuildFailed) as failed:
            build(tmp_path, "out", builder)
        assert failed.value.build.status != 0
        errors.append(failed.value.build.error_lines())
    assert errors[0] == errors[1]
    assert any(POST in line and "ngày mai" in line for line in errors[0]), errors[0]
    # Nothing half-built was put in place or left behind (as a fresh process leaves none);
    # the caches are kept.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache-out", "content"]


def test_the_preview_restarts_the_warm_process_when_plugin_code_changes(tmp_path):
    plugins = tmp_path / "plugins"
    write_files(plugins, {"demo/__init__.py": "X = 1\n"})
    preview = Preview(tmp_path / "content", tmp_path / "out", tmp_path / "cache")
    preview.code = [plugins]
    try:
        first = preview.warm_builder()
        assert first is not None and preview.warm_builder() is first
        (plugins / "demo" / "__init__.py").write_text("X = 2  # changed\n")
        second = preview.warm_builder()
        assert second is not None and second is not first
        assert first.proc.wait(timeout=30) is not None  # the old one was stopped
    finally:
        preview.close()
    assert second.proc.wait(timeout=30) is not None


def test_a_preview_whose_warm_process_died_still_builds(tmp_path):
    write_files(tmp_path / "content", small_site())
    preview = Preview(tmp_path / "content", tmp_path / "out", tmp_path / "cache")
    try:
        warm = preview.warm_builder()
        warm.proc.kill()
        warm.proc.wait()
        preview.rebuild()  # falls back to a fresh process
        assert preview.state.ok and preview.state.build == 1
        assert (tmp_path / "out" / "index.html").is_file()
        preview.rebuild()  # and has a new warm process for the next one
        assert preview.warm is not None and preview.warm is not warm
        assert wait_for(lambda: preview.warm.proc.poll() is None, 30, "the new warm process")
        assert preview.state.ok and preview.state.build == 2
    finally:
        preview.close()


def log_text(stream: str, base: Path) -> str:
    """A build's log without what differs from run to run: the time, its duration, its
    folder, and the spaces padding its lines to the console's width."""
    stream = re.sub(r"^\[\d\d:\d\d:\d\d\]", "", stream, flags=re.M)
    stream = re.sub(r"\d+\.\d+ seconds", "N seconds", stream.replace(str(base), "BASE"))
    return re.sub(r"[ \t]+", " ", stream)


def test_the_test_suites_warm_builds_give_what_fresh_processes_give(tmp_path, monkeypatch):
    """``conftest.run_pelican`` forks a build from a warm process: the same site, the
    same output and errors (apart), the same status as a fresh ``python -m pelican``."""
    import conftest

    monkeypatch.delenv("TEST_FRESH_BUILDS", raising=False)
    broken = small_site()
    broken[POST] = broken[POST].replace("Date: 2018-09-14 09:00", "Date: ngày mai")
    for name, files in (("good", small_site()), ("broken", broken)):
        runs = []
        for fresh in (False, True):
            base = tmp_path / f"{name}-{'fresh' if fresh else 'warm'}"
            write_files(base / "content", files)
            result = conftest.run_pelican(base / "content", base / "output", base / "cache", fresh=fresh)
            said = result.returncode, log_text(result.stdout, base), log_text(result.stderr, base)
            runs.append((said, tree(base / "output") if result.returncode == 0 else None))
        assert conftest._warm["pelicanconf.py"] is not None  # the first was forked
        assert runs[0] == runs[1]
    (status, output, _), _ = runs[0]
    assert status != 0 and "ngày mai" in output, output
    assert (tmp_path / "good-warm" / "output" / "index.html").is_file()

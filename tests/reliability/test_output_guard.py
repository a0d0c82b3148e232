"""Guard rails: a build (or a clean) never replaces or deletes the project's own folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, post_files, run_pelican, section_files, write_files
from reliability_support import fingerprint

from safe_output import UnsafeOutputPath, check_output_path


def project(tmp_path: Path) -> dict:
    """Settings of a project laid out like this one, under ``tmp_path``."""
    for name in ("content", "theme", "plugins", "cache"):
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
    return {"PATH": str(tmp_path / "content"), "THEME": str(tmp_path / "theme"),
            "PLUGIN_PATHS": [str(tmp_path / "plugins")], "CACHE_PATH": str(tmp_path / "cache")}


@pytest.mark.parametrize("where", ["", "content", "theme", "plugins", "cache",
                                   "content/tin-tuc", "theme/static", ".."])
def test_refused_output_paths(tmp_path, where):
    settings = project(tmp_path)
    with pytest.raises(UnsafeOutputPath) as refused:
        check_output_path(settings, str(tmp_path / where) if where else str(tmp_path))
    message = str(refused.value)
    assert "\n" not in message
    assert "Refusing to use" in message and "choose a folder of its own" in message


def test_the_home_folder_and_the_root_are_refused(tmp_path, monkeypatch):
    settings = project(tmp_path / "project")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    for path in (str(tmp_path / "home"), str(tmp_path), "/", "~"):
        with pytest.raises(UnsafeOutputPath):
            check_output_path(settings, path)


def test_a_link_to_a_protected_folder_is_refused(tmp_path):
    settings = project(tmp_path)
    (tmp_path / "output").symlink_to(tmp_path / "content")
    with pytest.raises(UnsafeOutputPath):
        check_output_path(settings, str(tmp_path / "output"))


def test_a_file_is_refused(tmp_path):
    settings = project(tmp_path)
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(UnsafeOutputPath):
        check_output_path(settings, str(tmp_path / "notes.txt"))


@pytest.mark.parametrize("where", ["output", "public/site", "../elsewhere/output"])
def test_ordinary_output_folders_are_accepted(tmp_path, where):
    settings = project(tmp_path / "project")
    check_output_path(settings, str(tmp_path / "project" / where))


def test_the_demo_project_settings_accept_output_and_refuse_the_project():
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    check_output_path(settings, str(ROOT / "output"))
    for path in (ROOT, ROOT / "content", ROOT / "theme", ROOT / "plugins"):
        with pytest.raises(UnsafeOutputPath):
            check_output_path(settings, str(path))


def small_content(base: Path) -> Path:
    content = base / "content"
    write_files(content, section_files("tin-tuc", "Tin tức")
                | post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"}))
    return content


@pytest.mark.parametrize("target", ["content", "project", "home"])
def test_pelican_refuses_with_one_line_and_deletes_nothing(tmp_path, target):
    """The real command: ``pelican content -o content`` (or the project folder, or the
    home folder: ``run_pelican`` sets HOME to the folder holding the cache)."""
    content = small_content(tmp_path)
    (tmp_path / "notes.txt").write_text("keep me")
    output = {"content": content, "project": tmp_path, "home": tmp_path}[target]
    before = fingerprint(tmp_path)
    result = run_pelican(content, output, tmp_path / "cache")
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "Traceback" not in log
    refusals = [line for line in log.splitlines() if "Refusing to use" in line]
    assert len(refusals) == 1, log
    after = fingerprint(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("cache")} == \
           {k: v for k, v in before.items() if not k.startswith("cache")}
    assert not [p for p in os.listdir(tmp_path.parent) if ".building-" in p]

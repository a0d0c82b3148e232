"""invoke clean never deletes the project's own folders."""

from __future__ import annotations

import pytest

from conftest import ROOT, clean_settings


@pytest.mark.parametrize("target", ["content", "theme", "plugins", "."])
def test_clean_refuses_a_project_folder_as_output(monkeypatch, target):
    import tasks
    from invoke import Context

    folder = (ROOT / target).resolve()
    before = sorted(p.name for p in folder.iterdir())
    monkeypatch.setattr(tasks, "OUTPUT", folder)
    with pytest.raises(SystemExit) as stop:
        tasks.clean(Context())
    assert "Refusing to use" in str(stop.value) and str(folder) in str(stop.value)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_clean_deletes_the_output_and_the_previews_spare_folder(monkeypatch, tmp_path):
    import tasks
    from invoke import Context

    output = tmp_path / "output"
    (output / "tin-tuc").mkdir(parents=True)
    (output / "index.html").write_text("a page")
    spare = tmp_path / ".output.spare-0123abcd"  # plugins/safe_output/spare.py
    (spare / "tin-tuc").mkdir(parents=True)
    other = tmp_path / ".other.spare-0123abcd"
    other.mkdir()
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "OUTPUT", output)
    tasks.clean(Context())
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.spare-0123abcd"]


def test_clean_waits_for_a_spare_folder_still_being_made(monkeypatch, tmp_path):
    """Right after a build, its detached process may still be emptying the site it
    replaced into a spare folder (plugins/safe_output/spare.py): ``invoke clean`` waits
    for it, so no spare appears after everything was deleted."""
    import subprocess
    import sys

    import tasks
    from invoke import Context

    output = tmp_path / "output"
    (output / "tin-tuc").mkdir(parents=True)
    old = tmp_path / "replaced"
    (old / "tin-tuc").mkdir(parents=True)
    # The detached process, as spare.make_spare names its folders: .OUT.emptying-<pid>-...
    # while it empties the replaced site, then .OUT.spare-...
    maker = subprocess.Popen([sys.executable, "-c", (
        "import os, sys, time\n"
        "work = os.path.join(sys.argv[1], f'.output.emptying-{os.getpid()}-0123abcd')\n"
        "os.rename(sys.argv[2], work)\n"
        "time.sleep(1.5)\n"
        "os.rename(work, os.path.join(sys.argv[1], '.output.spare-4567cdef'))\n"),
        str(tmp_path), str(old)])
    try:
        while old.exists():  # the build has ended; its process is emptying the old site
            assert maker.poll() is None
        monkeypatch.setattr(tasks, "ROOT", tmp_path)
        monkeypatch.setattr(tasks, "OUTPUT", output)
        tasks.clean(Context())
        # (its folder renamed, the process may take a moment more to end: waited for, not
        # polled, so that a spare it made after clean would be seen below)
        assert maker.wait(timeout=30) == 0
        assert sorted(p.name for p in tmp_path.iterdir()) == []
    finally:
        maker.kill()
        maker.wait()


def test_clean_deletes_what_a_stopped_spare_maker_left(monkeypatch, tmp_path):
    """A process stopped half way through emptying a replaced site leaves its folder:
    ``invoke clean`` does not wait for it, and deletes it."""
    import subprocess
    import sys

    import tasks
    from invoke import Context

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (tmp_path / f".output.emptying-{gone.stdout.strip()}-0123abcd" / "tin-tuc").mkdir(parents=True)
    (tmp_path / "output").mkdir()
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "OUTPUT", tmp_path / "output")
    tasks.clean(Context())
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_clean_cache_empties_the_folder_the_settings_name(monkeypatch, tmp_path, capsys):
    """``CACHE_PATH`` set to another folder: the builds keep their caches there, and
    ``invoke clean --cache`` empties that one (it emptied cache/ whatever the setting)."""
    import tasks
    from invoke import Context

    elsewhere, default = tmp_path / "bo-nho-dem", tmp_path / "cache"
    for folder in (elsewhere, default):
        (folder / "reader").mkdir(parents=True)
        (folder / "reader" / "entry").write_text("kept post")
        (folder / "publish.lock").write_text("")
    monkeypatch.setattr(tasks, "ROOT", tmp_path)
    monkeypatch.setattr(tasks, "OUTPUT", tmp_path / "output")
    monkeypatch.setattr(tasks, "SETTINGS", clean_settings(tmp_path, str(elsewhere)))
    tasks.clean(Context(), cache=True)
    assert sorted(p.name for p in elsewhere.iterdir()) == []
    assert sorted(p.name for p in default.iterdir()) == ["publish.lock", "reader"]
    assert "deleted: bo-nho-dem/reader/" in capsys.readouterr().out


@pytest.mark.parametrize("cache_path", [".", "content", "theme", "content/tin-tuc"])
def test_clean_cache_refuses_a_cache_set_to_the_projects_folders(monkeypatch, tmp_path, cache_path):
    """A ``CACHE_PATH`` mistyped as the project or its content (or a folder inside it) is
    one line, and nothing deleted."""
    import tasks
    from invoke import Context

    folder = (ROOT / cache_path).resolve()
    before = sorted(p.name for p in folder.iterdir())
    monkeypatch.setattr(tasks, "OUTPUT", tmp_path / "output")
    monkeypatch.setattr(tasks, "SETTINGS", clean_settings(tmp_path, str(folder)))
    with pytest.raises(SystemExit) as stop:
        tasks.clean(Context(), cache=True)
    assert "Refusing to empty the cache" in str(stop.value) and str(folder) in str(stop.value)
    assert sorted(p.name for p in folder.iterdir()) == before

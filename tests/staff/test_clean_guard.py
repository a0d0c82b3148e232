"""invoke clean never deletes the project's own folders."""

from __future__ import annotations

import pytest

from conftest import ROOT


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

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

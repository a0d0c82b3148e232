"""The code fingerprint's own path work (``sitemodel.fingerprint``)."""

from __future__ import annotations

import os

from sitemodel import fingerprint


def test_module_paths_resolve_as_realpath_does(tmp_path):
    """Each folder is resolved once and reused; a linked file, a linked folder and a
    ``..`` after a link still resolve exactly as ``os.path.realpath`` says."""
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "z" / "sub").mkdir(parents=True)
    for name in ("a/real.py", "a/sub/m.py", "z/sub/m.py"):
        (tmp_path / name).write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    os.symlink("../a/real.py", tmp_path / "b" / "linked.py")
    os.symlink("a", tmp_path / "c")
    os.symlink("a/sub", tmp_path / "q")
    paths = [tmp_path / "a" / "real.py", tmp_path / "b" / "linked.py", tmp_path / "c" / "real.py",
             tmp_path / "c" / "sub" / "m.py", f"{tmp_path}/q/../sub/m.py", tmp_path / "missing.py"]
    for path in map(str, paths):
        assert fingerprint._realpath(path) == os.path.realpath(path), path
    assert fingerprint._realpath(f"{tmp_path}/q/../sub/m.py") == str(tmp_path / "a" / "sub" / "m.py")
    assert fingerprint._realpath(str(tmp_path / "c" / "real.py")) == str(tmp_path / "a" / "real.py")

"""Two clean builds of the same content are byte-identical, wherever they are written.

Each build has its own output and cache folders and its own Python hash seed, so
nothing may depend on the folder, on set or dict order of a process, on the clock (the
day is SITE_TODAY, fixed by the tests) or on what an earlier build left in a cache.
"""

from __future__ import annotations

import subprocess

from conftest import ROOT, write_files
from reliability_support import fingerprint, pelican_command, pelican_env, site_with_photos


def clean_build(content, base, seed: str, **locale):
    base.mkdir(parents=True)
    env = {**pelican_env(base), "PYTHONHASHSEED": seed, **locale}
    cmd = pelican_command(content, base / "site-output", base / "cache")
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return fingerprint(base / "site-output")


def differences(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_the_fixture_site_builds_byte_identical(tmp_path):
    content = tmp_path / "content"
    write_files(content, site_with_photos())
    first = clean_build(content, tmp_path / "one", "1")
    second = clean_build(content, tmp_path / "elsewhere" / "two", "2")
    assert len(first) > 40
    assert differences(first, second) == []


def test_the_demo_site_builds_byte_identical(tmp_path):
    first = clean_build(ROOT / "content", tmp_path / "one", "3")
    second = clean_build(ROOT / "content", tmp_path / "two", "4")
    assert differences(first, second) == []


def test_the_shell_locale_changes_nothing(tmp_path):
    """A shell's locale is the machine's business: one the machine lacks (a Mac sends
    ``LC_CTYPE=UTF-8`` over ssh; ``LANG`` may name any language) neither stops the build
    nor changes a byte of the site (``LOCALE`` in pelicanconf.py)."""
    content = tmp_path / "content"
    write_files(content, site_with_photos())
    plain = clean_build(content, tmp_path / "plain", "5")
    foreign = clean_build(content, tmp_path / "foreign", "6",
                          LANG="xx_XX.UTF-8", LC_CTYPE="UTF-8", LC_TIME="vi_VN.UTF-8")
    assert differences(plain, foreign) == []

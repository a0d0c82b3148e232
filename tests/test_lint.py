"""The project's Python passes ruff (``ruff==…`` in requirements-test.txt), configured in
pyproject.toml: pyflakes' rules (an unused import or variable, an undefined name, an
f-string without a value…) and bugbear's B023 (a function made in a loop that reads the
loop's variable: called after the loop moved on, it sees another one)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    # (--no-cache: nothing written into the project)
    return subprocess.run([sys.executable, "-m", "ruff", *args, "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True)


def test_ruff_reads_every_folder_of_the_projects_python():
    result = ruff("check", "--show-files")
    assert result.returncode == 0, result.stdout + result.stderr
    files = {line.strip().removeprefix(str(ROOT) + "/") for line in result.stdout.splitlines()}
    tops = {name.split("/")[0] for name in files}
    assert tops == {"plugins", "staff", "tasks.py", "importer", "tools", "bench", "fuzz", "tests"}, tops
    assert "tests/test_lint.py" in files and "plugins/reader/convert.py" in files


def test_ruff_finds_nothing():
    result = ruff("check", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr

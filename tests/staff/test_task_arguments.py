"""The tasks given what they cannot use: a folder that is not there (one line naming it,
exit 2, nothing made), or a help flag where Invoke hands it to a required argument."""

from __future__ import annotations

import pytest
from staff_support import invoke


@pytest.mark.parametrize("task", [["build"], ["check"], ["new", "Bài mới", "--section", "tin-tuc"],
                                  ["publish", "--no-check", "--target", "TARGET"],
                                  ["livereload", "--port", "0"]])
def test_a_missing_content_folder_is_one_line(tmp_path, task):
    missing = tmp_path / "khong-co"
    args = [str(tmp_path / "target") if arg == "TARGET" else arg for arg in task]
    result = invoke(*args, "--content", str(missing), home=tmp_path, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"Không có thư mục nội dung {missing} / "
                                      f"there is no content folder {missing}")
    assert not missing.exists() and not (tmp_path / "target").exists()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_after_a_task_with_a_required_argument_shows_the_help(tmp_path, flag):
    # Invoke hands the flag to the missing argument (pyinvoke/invoke#982); new is tested
    # with its folders in test_staff_new.py.
    result = invoke("import-html", flag, "--dest", str(tmp_path / "content"), home=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "import-html [--options]" in result.stdout and "--dry-run" in result.stdout
    assert "problem" not in result.stdout + result.stderr
    assert not (tmp_path / "content").exists()

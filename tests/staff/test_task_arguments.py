"""The tasks given a folder that is not there: one line naming it, exit 2, nothing made."""

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

"""A settings file edited by hand that Python cannot run: one line naming it and the line."""

from __future__ import annotations

import pytest
from staff_support import ROOT  # noqa: F401  (puts the project on sys.path)

from staff.project import SettingsError, check_settings_file, read_settings


CASES = [
    ('SITENAME = "Trường Bồi dưỡng\nTIMEZONE = "Asia/Ho_Chi_Minh"\n', 1, "unterminated string literal"),
    ('SITENAME = "Trường"\nSITEURL = DIA_CHI\n', 2, "NameError: name 'DIA_CHI' is not defined"),
    ('SITENAME = "Trường"\n\nLOCALE = ("vi_VN",\n', 3, "was never closed"),
]


@pytest.mark.parametrize("run", [read_settings, check_settings_file])  # every task; invoke build
@pytest.mark.parametrize("text, line, said", CASES)
def test_the_file_and_line_in_one_line(tmp_path, text, line, said, run):
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        run(str(conf))
    message = raised.value.code
    assert message.startswith(f"{conf}:{line}: tệp cài đặt có lỗi")
    assert said in message and "\n" not in message and "Traceback" not in message

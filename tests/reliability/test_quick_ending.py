"""After a good build the ``pelican`` command ends at once, without Python's teardown
(``safe_output.end_quickly``); a failed one ends as usual, with its error status."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, build_site, run_pelican, write_files
from reliability_support import TEST_PLUGINS, plugins_with, site_with_photos

REPORT = "exit_report: Python ran its exit handlers to the end"


def settings(*plugins: str, first: tuple[str, ...] = ("exit_report",)) -> dict:
    return {"PLUGIN_PATHS": [str(ROOT / "plugins"), str(TEST_PLUGINS)],
            "PLUGINS": [*first, *plugins_with(*plugins)], "SKIP_UNCHANGED": False}


def test_a_good_build_ends_without_pythons_teardown_and_with_its_whole_output(tmp_path):
    site = build_site(tmp_path, site_with_photos(), verbose=True, **settings())
    assert site.result.returncode == 0
    assert REPORT not in site.result.stderr
    # everything it printed is there, to the last line, through a pipe
    assert site.result.stdout.rstrip().endswith("seconds.")
    assert "safe_output: new site in place" in site.log
    assert site.exists("tin-tuc/tin-hoat-dong/anh-hoat-dong/")


def test_a_failed_build_ends_as_usual(tmp_path):
    site = build_site(tmp_path, site_with_photos())
    write_files(site.root / "content", {"tin-tuc/thong-bao/hong/index.vi.md": "Title: Hỏng\nDate: hôm qua\n\nBài.\n"})
    result = run_pelican(site.root / "content", site.output, site.root / "cache", **settings())
    assert result.returncode != 0
    assert REPORT in result.stderr


def test_an_error_after_the_site_is_in_place_still_exits_with_an_error_status(tmp_path):
    site = build_site(tmp_path, site_with_photos())
    result = run_pelican(site.root / "content", site.output, site.root / "cache",
                         **settings("fail_after_run"))
    assert "fail_after_run: failing after the site was put in place" in result.stdout + result.stderr
    assert result.returncode == 1
    assert REPORT in result.stderr


def test_a_program_that_runs_pelican_inside_itself_ends_as_usual(tmp_path):
    site = build_site(tmp_path, site_with_photos())
    overrides = settings()
    code = (f"import sys, json; sys.argv = ['build-it']; from pelican import main; "
            f"main({[str(site.root / 'content'), '-s', str(ROOT / 'pelicanconf.py'), '-o', str(site.output)]!r}"
            f" + ['-e', *[k + '=' + json.dumps(v) for k, v in {overrides!r}.items()],"
            f" 'CACHE_PATH=' + json.dumps({str(site.root / 'cache')!r})]); print('after the build')")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "after the build" in result.stdout
    assert REPORT in result.stderr

"""A build with nothing changed since the last good one is skipped; any change builds.

Every case builds the small fixture site with the real pelican command, then checks by
the log line and by the output folder (a skipped build leaves the very same folder,
inode and all: safe_output would have put a new one in place).
"""

from __future__ import annotations

import os
import runpy
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_site, run_pelican, small_site
from PIL import Image

SKIPPED = "Nothing changed since the last build"
POST = "tin-tuc/tin-hoat-dong/hoi-thao-ocop"


def rebuild(site, **settings):
    return run_pelican(site.root / "content", site.output, site.root / "cache", **settings)


def skipped(result) -> bool:
    assert result.returncode == 0, result.stdout + result.stderr
    return SKIPPED in result.stdout + result.stderr


@pytest.fixture()
def site(tmp_path):
    built = build_site(tmp_path, small_site())
    assert not skipped(built.result)
    return built


def photo_bytes() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_second_build_with_nothing_changed_is_skipped_and_leaves_the_output(site):
    before = os.stat(site.output).st_ino
    page = site.text(f"{POST}/")
    result = rebuild(site)
    assert skipped(result)
    assert "Không có gì thay đổi từ lần xây dựng trước" in result.stdout + result.stderr
    # What staff can type: "invoke build -e SKIP_UNCHANGED=false" is no invoke option.
    assert "invoke clean, rồi / then .venv/bin/invoke build)" in " ".join((result.stdout + result.stderr).split()) and "SKIP_UNCHANGED" not in result.stdout + result.stderr
    assert os.stat(site.output).st_ino == before  # not replaced by a new folder
    assert site.text(f"{POST}/") == page
    assert skipped(rebuild(site))  # and again


def test_editing_a_post_builds(site):
    md = site.root / "content" / POST / "index.vi.md"
    md.write_text(md.read_text(encoding="utf-8").replace("Nội dung bài viết.", "Nội dung mới."),
                  encoding="utf-8")
    assert not skipped(rebuild(site))
    assert "Nội dung mới." in site.text(f"{POST}/")
    assert skipped(rebuild(site))


def test_a_photo_copied_in_with_an_old_date_builds(site):
    # Copied from a phone or camera: the file keeps the date it was taken.
    photo = site.root / "content" / POST / "anh-01.jpg"
    photo.write_bytes(photo_bytes())
    os.utime(photo, (1_500_000_000, 1_500_000_000))
    md = site.root / "content" / POST / "index.vi.md"
    old = md.stat()
    md.write_text(md.read_text(encoding="utf-8") + "\n![Ảnh](anh-01.jpg)\n", encoding="utf-8")
    os.utime(md, ns=(old.st_atime_ns, old.st_mtime_ns))  # even the text keeps its date
    assert not skipped(rebuild(site))
    assert site.html(f"{POST}/").select("figure img")


def test_replacing_a_file_by_one_of_the_same_size_and_date_builds(site):
    md = site.root / "content" / POST / "index.vi.md"
    text = md.read_text(encoding="utf-8")
    changed = text.replace("Hội thảo", "Hội nghị")
    assert len(changed.encode()) == len(text.encode())
    old = md.stat()
    tmp = md.with_suffix(".new")
    tmp.write_text(changed, encoding="utf-8")
    os.utime(tmp, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(tmp, md)
    assert not skipped(rebuild(site))
    assert "Hội nghị" in site.text(f"{POST}/")


@pytest.mark.parametrize("damage", ["delete", "edit", "add"])
def test_an_output_changed_by_hand_is_built_again(site, damage):
    page = site.path(f"{POST}/")
    good = page.read_text(encoding="utf-8")
    if damage == "delete":
        page.unlink()
    elif damage == "edit":
        page.write_text(good.replace("OCOP", "XXXX"), encoding="utf-8")
    else:
        (site.output / "stray.html").write_text("left by hand", encoding="utf-8")
    assert not skipped(rebuild(site))
    assert page.read_text(encoding="utf-8") == good
    assert not (site.output / "stray.html").exists()


def test_a_deleted_output_folder_is_built_again(site):
    shutil.rmtree(site.output)
    assert not skipped(rebuild(site))
    assert site.exists(f"{POST}/")


def test_a_changed_setting_or_day_builds(site):
    assert not skipped(rebuild(site, SITENAME="Trường Cán bộ"))
    assert skipped(rebuild(site, SITENAME="Trường Cán bộ"))
    assert not skipped(rebuild(site, SITENAME="Trường Cán bộ", SITE_TODAY="2026-01-16"))


def test_a_changed_template_builds(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[3] / "theme", theme)
    assert not skipped(rebuild(site, THEME=str(theme)))
    assert skipped(rebuild(site, THEME=str(theme)))
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- mới --></body>"),
                    encoding="utf-8")
    assert not skipped(rebuild(site, THEME=str(theme)))
    assert "<!-- mới -->" in site.text(f"{POST}/")


def test_an_edited_template_override_builds_and_shows(site, tmp_path):
    """Pelican's THEME_TEMPLATES_OVERRIDES folders are templates like the theme's: an
    edit to a file in one (the setting itself unchanged) builds, and every page shows
    it (the page cache must not hand back pages rendered with the old one)."""
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    base = (ROOT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    assert base.count("</footer>") == 1
    template = overrides / "base.html"
    template.write_text(base.replace("</footer>", "<p>Giờ làm việc: 7:30</p></footer>"), encoding="utf-8")
    assert not skipped(rebuild(site, THEME_TEMPLATES_OVERRIDES=[str(overrides)]))
    assert skipped(rebuild(site, THEME_TEMPLATES_OVERRIDES=[str(overrides)]))
    template.write_text(base.replace("</footer>", "<p>Giờ làm việc: 8:00</p></footer>"), encoding="utf-8")
    assert not skipped(rebuild(site, THEME_TEMPLATES_OVERRIDES=[str(overrides)]))
    for page in (f"{POST}/", "", "en/"):
        assert "Giờ làm việc: 8:00" in site.text(page), page
        assert "7:30" not in site.text(page), page
    # and with the skip off, by the page cache alone
    template.write_text(base.replace("</footer>", "<p>Giờ làm việc: 9:00</p></footer>"), encoding="utf-8")
    assert not skipped(rebuild(site, THEME_TEMPLATES_OVERRIDES=[str(overrides)], SKIP_UNCHANGED=False))
    for page in (f"{POST}/", "", "en/"):
        assert "Giờ làm việc: 9:00" in site.text(page), page


def test_a_failed_build_leaves_no_record(site):
    md = site.root / "content" / POST / "index.vi.md"
    good = md.read_text(encoding="utf-8")
    md.write_text(good + "\n![Ảnh](khong-co.jpg)\n", encoding="utf-8")
    assert rebuild(site).returncode != 0
    md.write_text(good, encoding="utf-8")
    # the content is back as it was when the output was built, yet it builds: the
    # record was dropped when the failed build started
    assert not skipped(rebuild(site))
    assert skipped(rebuild(site))


WARNER = """
import logging
from pelican import signals

def warn(generators):
    logging.getLogger(__name__).warning("warner: a warning during the build")

def register():
    signals.all_generators_finalized.connect(warn)
"""


def test_a_build_that_warned_runs_again_and_warns_again(site, tmp_path):
    plugins = runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]  # the project's own
    (tmp_path / "extra" / "warner").mkdir(parents=True)
    (tmp_path / "extra" / "warner" / "__init__.py").write_text(WARNER, encoding="utf-8")
    settings = {"PLUGIN_PATHS": [str(ROOT / "plugins"), str(tmp_path / "extra")],
                "PLUGINS": [*plugins, "warner"]}
    for _ in range(2):
        result = run_pelican(site.root / "content", site.output, site.root / "cache", fatal=False, **settings)
        assert "warner: a warning during the build" in result.stdout + result.stderr
        assert not skipped(result)
    settings["PLUGINS"] = plugins  # the same plugins, none warns: built once, then skipped
    assert not skipped(rebuild(site, **settings))
    assert skipped(rebuild(site, **settings))


def test_the_setting_turns_it_off(site):
    assert not skipped(rebuild(site, SKIP_UNCHANGED=False))
    assert not skipped(rebuild(site, SKIP_UNCHANGED=False))


def test_a_skipped_preview_build_gives_back_the_spare_it_was_given(site):
    """pelicanconf.py (and the live preview) removes the replaced site in the background
    and keeps its folders as a spare for the next build (safe_output). A skipped build
    leaves that spare."""
    def spares():
        return sorted(p for p in site.output.parent.iterdir() if p.name.startswith(".output.spare-"))

    md = site.root / "content" / POST / "index.vi.md"
    md.write_text(md.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    assert not skipped(rebuild(site))
    for _ in range(600):
        if spares():
            break
        time.sleep(0.05)
    (spare,) = spares()
    folders = sorted(p.relative_to(spare) for p in spare.rglob("*"))
    assert skipped(rebuild(site))
    (back,) = spares()
    assert sorted(p.relative_to(back) for p in back.rglob("*")) == folders
    assert not [p for p in site.output.parent.iterdir() if ".building-" in p.name]


def test_an_edited_settings_file_builds(site, tmp_path):
    # A settings file of its own, as publishconf.py is: it imports pelicanconf.py.
    conf = tmp_path / "siteconf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                    f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                    "def tieu_de(text):\n    return text\n"
                    "JINJA_FILTERS = {'tieu_de': tieu_de}\n", encoding="utf-8")
    again = run_pelican(site.root / "content", site.output, site.root / "cache", settings_file=str(conf))
    assert not skipped(again)
    again = run_pelican(site.root / "content", site.output, site.root / "cache", settings_file=str(conf))
    assert skipped(again)
    # the function's code changes, not its name: the setting looks the same
    conf.write_text(conf.read_text(encoding="utf-8").replace("return text", "return text.upper()"),
                    encoding="utf-8")
    again = run_pelican(site.root / "content", site.output, site.root / "cache", settings_file=str(conf))
    assert not skipped(again)


def test_the_output_folder_is_named_as_typed_inside_the_project(tmp_path, monkeypatch):
    from sitemodel.errors import shown_path

    monkeypatch.chdir(tmp_path)
    assert shown_path(str(tmp_path / "output")) == "output"
    assert shown_path("/srv/www/site") == "/srv/www/site"

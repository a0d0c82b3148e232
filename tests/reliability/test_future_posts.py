"""Posts dated after the build's day (SITE_TODAY) wait for their day, unless
SITE_PUBLISH_FUTURE; the same day decides when a pinned post expires."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT, TODAY, build_site, post_files, section_files
from reliability_support import error_lines, jpeg, pelican_command, pelican_env

assert TODAY == "2026-01-15"  # the day the fixtures below are written around


def scheduled_site() -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/hom-qua", {"Title": "Hôm qua", "Date": "2026-01-14 09:00"},
                        {"Title": "Yesterday", "Date": "2026-01-14 09:00"})
    files |= post_files("tin-tuc/chieu-nay", {"Title": "Chiều nay", "Date": "2026-01-15 17:00"})
    files |= post_files("tin-tuc/tuan-sau", {"Title": "Tuần sau", "Date": "2026-01-22 08:00",
                                             "body": "![Lớp học](lop-hoc.jpg)\n"},
                        {"Title": "Next week", "Date": "2026-01-22 08:00"})
    files["tin-tuc/tuan-sau/lop-hoc.jpg"] = jpeg()
    files |= post_files("tin-tuc/ghim", {"Title": "Thông báo ghim", "Date": "2026-01-02",
                                         "Pinned": "yes", "Expires": "2026-01-20"})
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("future"), scheduled_site())


def titles(soup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".card__title a")]


def test_a_post_dated_after_today_is_not_published(site):
    assert not site.exists("tin-tuc/tuan-sau/") and not site.exists("en/tin-tuc/tuan-sau/")
    assert not (site.output / "tin-tuc/tuan-sau").exists()  # no photo renditions either
    assert "Tuần sau" not in titles(site.html("")) + titles(site.html("tin-tuc/"))
    for feed in ("atom.xml", "rss.xml", "tin-tuc/atom.xml", "en/atom.xml"):
        assert "Tuần sau" not in site.text(feed) and "Next week" not in site.text(feed)
    assert "Tuần sau" not in site.text("tin-tuc/chieu-nay/")  # not a neighbour either


def test_posts_of_today_and_before_are_published(site):
    assert site.exists("tin-tuc/chieu-nay/")  # later today: days are compared, not hours
    assert site.exists("tin-tuc/hom-qua/") and site.exists("en/tin-tuc/hom-qua/")


def test_the_build_names_the_posts_it_held_back_with_their_dates(site):
    """Each post held back is named with its date (a date typed wrong shows), and the line
    says the post appears when the site is published again on or after that day."""
    assert ("Scheduled: 2 post(s) dated after today (2026-01-15) not published yet; each "
            "appears when the site is published again on or after its date:" in site.log), site.log
    assert "2026-01-22  tin-tuc/tuan-sau/index.en.md" in site.log
    assert "2026-01-22  tin-tuc/tuan-sau/index.vi.md" in site.log


def test_verbose_builds_list_each_post_held_back(tmp_path):
    (tmp_path / "content").mkdir()
    from conftest import write_files

    write_files(tmp_path / "content", scheduled_site())
    cmd = pelican_command(tmp_path / "content", tmp_path / "output", tmp_path / "cache") + ["-v"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=pelican_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout + result.stderr
    assert "not published before its date 2026-01-22: tin-tuc/tuan-sau/index.vi.md" in log
    assert "not published before its date 2026-01-22: tin-tuc/tuan-sau/index.en.md" in log


def test_on_its_day_the_post_is_published(tmp_path):
    site = build_site(tmp_path, scheduled_site(), SITE_TODAY="2026-01-22")
    assert site.exists("tin-tuc/tuan-sau/") and site.exists("en/tin-tuc/tuan-sau/")
    assert "Scheduled" not in site.log


def test_publish_future_publishes_at_once(tmp_path):
    site = build_site(tmp_path, scheduled_site(), SITE_PUBLISH_FUTURE=True)
    assert site.exists("tin-tuc/tuan-sau/")
    assert "Tuần sau" in titles(site.html("tin-tuc/"))


def test_the_same_day_decides_when_a_pinned_post_expires(site, tmp_path):
    assert "Thông báo ghim" in site.html("").select_one(".pinned").get_text()
    later = build_site(tmp_path, scheduled_site(), SITE_TODAY="2026-01-25")
    assert later.html("").select_one(".pinned") is None


def test_the_earlier_setting_name_still_works(tmp_path):
    site = build_site(tmp_path, scheduled_site(), SITE_TODAY=None, SECTIONS_TODAY="2026-01-25")
    assert site.exists("tin-tuc/tuan-sau/")
    assert site.html("").select_one(".pinned") is None


@pytest.mark.parametrize("key, value", [("SITE_TODAY", "15/01/2026"), ("SITE_TODAY", "mai"),
                                        ("SITE_PUBLISH_FUTURE", "yes")])
def test_a_bad_setting_is_one_line_naming_it(tmp_path, key, value):
    site = build_site(tmp_path, scheduled_site(), expect_ok=False, **{key: value})
    assert site.result.returncode == 1
    assert "Traceback" not in site.log
    assert error_lines(site.log) == [f"sitemodel: Setting '{key}': expected "
                                     + ("a day as \"YYYY-MM-DD\" or None" if key == "SITE_TODAY"
                                        else "True or False")
                                     + f", but received: {value!r}"]


def test_a_post_held_back_is_checked_now_not_on_its_day(tmp_path):
    files = scheduled_site() | post_files("tin-tuc/sau-nay", {"Title": "Sau này", "Date": "2027-01-01",
                                                             "Slug": "khac"})
    site = build_site(tmp_path, files, expect_ok=False)
    assert site.result.returncode == 1 and "Traceback" not in site.log
    assert error_lines(site.log)[0].startswith("tin-tuc/sau-nay/index.vi.md:3: dòng 'Slug:'")


def test_a_translations_address_outside_its_languages_folder_is_one_line_naming_it(tmp_path):
    """ARTICLE_LANG_URL = "english/{section_path}/{slug}/" put the English posts there and
    every other English page (home, sections, tags, search) under /en/, without a word."""
    site = build_site(tmp_path, scheduled_site(), expect_ok=False,
                      ARTICLE_LANG_URL="english/{section_path}/{slug}/",
                      ARTICLE_LANG_SAVE_AS="english/{section_path}/{slug}/index.html")
    assert site.result.returncode == 1 and "Traceback" not in site.log
    assert error_lines(site.log) == [
        f"sitemodel: Setting '{key}': expected an address beginning with '{{lang}}/' (every page of a "
        f"language other than the first is under /<lang>/), but received: '{value}'"
        for key, value in (("ARTICLE_LANG_URL", "english/{section_path}/{slug}/"),
                           ("ARTICLE_LANG_SAVE_AS", "english/{section_path}/{slug}/index.html"))]

"""Captions files follow the same text rules as posts (found by fuzzing)."""

from __future__ import annotations

import photo_samples as samples

from conftest import build_site, post_files, section_files


def site_with_captions(captions: bytes) -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    files["tin-tuc/bai/anh.jpg"] = samples.jpeg((320, 240))
    files["tin-tuc/bai/captions.vi.txt"] = captions
    return files


def test_line_separators_and_control_characters_do_not_break_a_caption(tmp_path):
    caption = "Học viên\u2028 thảo luận\x00 nhóm\u0085 sôi nổi"
    site = build_site(tmp_path, site_with_captions(f"anh.jpg: {caption}\n".encode()))
    figcaption = site.html("tin-tuc/bai/").select_one(".gallery figcaption")
    text = figcaption.get_text(strip=True)
    # One caption, not cut at the line separators; the NUL is gone.
    assert text.startswith("Học viên") and text.endswith("sôi nổi") and "thảo luận nhóm" in text
    assert "\x00" not in text


def test_a_control_character_in_a_photo_name_is_a_plain_error(tmp_path):
    site = build_site(tmp_path, site_with_captions(b"a\x00/b.jpg: x\n"), expect_ok=False)
    assert site.result.returncode == 1, site.log
    assert "Traceback" not in site.log
    assert "tin-tuc/bai/captions.vi.txt:1:" in site.log

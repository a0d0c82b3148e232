"""A very long title and a very large post still build (issue: 2 KB title, 10 MB post)."""

from __future__ import annotations

from conftest import build_site, post_files, section_files


def test_a_2kb_title_and_a_10mb_post_build(tmp_path):
    title = ("Lớp bồi dưỡng cán bộ quản lý hợp tác xã " * 60)[:2048].strip()
    paragraph = ("Học viên được trang bị kiến thức quản trị, tài chính và liên kết chuỗi giá trị "
                 "trong sản xuất nông nghiệp. ") * 8
    body = "\n\n".join(f"{paragraph}Đoạn số {i}." for i in range(int(10_000_000 / (len(paragraph.encode()) + 20))))
    assert len(body.encode()) >= 9_900_000
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai-dai", {"Title": title, "Date": "2020-01-01", "body": body})
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai-dai/")
    assert soup.h1.get_text(strip=True) == title
    assert soup.title.get_text().startswith(title)
    paragraphs = soup.select(".post__body p")
    assert len(paragraphs) > 5000 and paragraphs[-1].get_text().endswith(".")
    feed = site.feed("tin-tuc/atom.xml")
    assert not feed.bozo and feed.entries[0].title == title


def test_pelicans_tag_category_and_author_listings_are_skipped_when_they_have_no_address(tmp_path):
    """They are off in pelicanconf.py, yet Pelican would still list every tag's,
    category's and author's posts by testing each post against each list — time growing
    with the square of the posts, 13 s of a build at 20,000 — before finding nowhere to
    write them."""
    from conftest import ROOT
    from reliability_support import TEST_PLUGINS, plugins_with

    probe = tmp_path / "listings.txt"
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2024-01-01",
                                        "Tags": "lớp học, hội thảo", "Author": "Phòng Đào tạo"})
    site = build_site(tmp_path, files, PLUGINS=plugins_with("listing_probe"),
                      PLUGIN_PATHS=[str(ROOT / "plugins"), str(TEST_PLUGINS)],
                      LISTING_PROBE_FILE=str(probe))
    assert site.exists("tin-tuc/bai/")
    assert not probe.exists(), probe.read_text()

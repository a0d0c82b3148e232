"""The photos plugin in real builds: figures, galleries, thumbnails, renditions, cache, errors.

Sites are built with the real ``pelican`` command (tests/conftest.py); photos are drawn
by photo_samples.py. Builds that read the INFO log line run pelican with ``-v``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import photo_samples as samples
import pytest
from PIL import Image

from conftest import ROOT, TODAY, Site, build_site, post_files, section_files, write_files

SECTION = "tin-tuc/tin-hoat-dong"
POST = f"{SECTION}/le-khai-giang"
TITLE_VI = "Lễ khai giảng lớp bồi dưỡng"
TITLE_EN = "Opening of the training class"
COUNTS = re.compile(r"photos: (\d+) renditions encoded, (\d+) from cache")


def photo_site() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    files |= section_files("tin-tuc", "Tin tức", "News")
    files |= section_files(SECTION, "Tin hoạt động", "School news")
    files |= post_files(POST, {
        "Title": TITLE_VI, "Date": "2024-09-05 08:00",
        "body": ("Sáng 5/9, Nhà trường khai giảng lớp bồi dưỡng.\n\n"
                 '![Lễ chào cờ & "khai mạc"](anh-01.jpg)\n\n'
                 "Học viên đến từ nhiều hợp tác xã.\n\n"
                 "![](anh-02.png)\n"),
    }, {
        "Title": TITLE_EN, "Date": "2024-09-05 08:00",
        "body": "The school opened a class.\n\n![Flag ceremony <opening>](anh-01.jpg)\n",
    })
    files[f"{POST}/anh-01.jpg"] = samples.jpeg((2000, 1500))
    files[f"{POST}/anh-02.png"] = samples.png((800, 600), alpha=True)
    files[f"{POST}/anh-03.jpg"] = samples.sideways_jpeg((2000, 1500))
    files[f"{POST}/anh-04.jpg"] = samples.jpeg((300, 200))
    files[f"{POST}/captions.vi.txt"] = "# Chú thích\nanh-03.jpg: Học viên thảo luận nhóm\n"
    files[f"{POST}/captions.en.txt"] = "anh-03.jpg: Group discussion\n"
    files |= post_files(f"{SECTION}/chi-co-thu-vien", {"Title": "Chỉ có thư viện ảnh", "Date": "2024-08-01"})
    files[f"{SECTION}/chi-co-thu-vien/z-cuoi.jpg"] = samples.jpeg((640, 480), quality=70)
    files[f"{SECTION}/chi-co-thu-vien/a-dau.jpg"] = samples.jpeg((640, 480))
    files |= post_files(f"{SECTION}/khong-anh", {"Title": "Không có ảnh", "Date": "2024-07-01"})
    return files


def pelican(content: Path, output: Path, cache: Path, **settings) -> Site:
    """Like conftest.build_site, with ``-v`` so the INFO log line shows."""
    overrides = {"CACHE_PATH": str(cache), "SECTIONS_TODAY": TODAY, **settings}
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
           "-o", str(output), "--fatal", "warnings", "-v",
           "-e", *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            env={"COLUMNS": "400", "PATH": "/usr/bin:/bin", "HOME": str(cache.parent)})
    site = Site(content.parent, output, result)
    assert result.returncode == 0, site.log
    return site


def counts(site: Site) -> tuple[int, int]:
    match = COUNTS.search(site.log)
    assert match, site.log
    return int(match[1]), int(match[2])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Site, Site]:
    """The photo site built twice with the same cache, into two output folders."""
    base = tmp_path_factory.mktemp("photos")
    write_files(base / "content", photo_site())
    first = pelican(base / "content", base / "output", base / "cache")
    second = pelican(base / "content", base / "output-2", base / "cache")
    return first, second


@pytest.fixture(scope="module")
def site(built) -> Site:
    return built[0]


def rendition(site: Site, url: str) -> Image.Image:
    assert url.startswith("/"), url
    return Image.open(site.path(url))


# --- figures -----------------------------------------------------------------------------

def test_inline_photo_becomes_a_figure_with_its_caption_in_each_language(site):
    for page, caption in ((f"{POST}/", 'Lễ chào cờ & "khai mạc"'), (f"en/{POST}/", "Flag ceremony <opening>")):
        figure = site.html(page).select_one(".post__body figure.figure")
        link = figure.select_one("a.figure__link")
        img = link.find("img")
        assert link["href"] == f"/{POST}/anh-01-1600w.jpg"
        assert img["src"] == f"/{POST}/anh-01-960w.jpg"
        assert img["alt"] == caption
        assert figure.find("figcaption").get_text() == caption
        assert figure.parent.name != "p"
    assert "<figcaption>Flag ceremony &lt;opening&gt;</figcaption>" in site.text(f"en/{POST}/")


def test_figure_sizes_are_the_sizes_of_the_rendition_files(site):
    for img in site.html(f"{POST}/").select(".post__body figure img"):
        assert rendition(site, img["src"]).size == (int(img["width"]), int(img["height"]))
    large = site.html(f"{POST}/").select_one("a.figure__link")["href"]
    assert rendition(site, large).size == (1600, 1200)


def test_photo_without_caption_has_no_figcaption_and_a_generated_alt(site):
    figure = site.html(f"{POST}/").select(".post__body figure.figure")[1]
    assert figure.find("figcaption") is None
    assert figure.find("img")["alt"] == f"{TITLE_VI} – ảnh 2"


def test_png_with_alpha_stays_png_and_is_never_upscaled(site):
    img = site.html(f"{POST}/").select(".post__body figure img")[1]
    assert img["src"] == f"/{POST}/anh-02-800w.png"
    image = rendition(site, img["src"])
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (800, 600))


# --- gallery -----------------------------------------------------------------------------

def gallery(site: Site, page: str) -> list:
    return site.html(page).select(".gallery .gallery__item")


def test_gallery_holds_the_unplaced_photos_in_file_name_order(site):
    for page in (f"{POST}/", f"en/{POST}/"):
        # anh-02.png is placed by the Vietnamese text only: no gallery shows it either.
        thumbs = [item.find("img")["src"] for item in gallery(site, page)]
        assert thumbs == [f"/{POST}/anh-03-thumb.jpg", f"/{POST}/anh-04-thumb.jpg"]
    assert site.html(f"{POST}/").select_one(".gallery h2").get_text() == "Hình ảnh"


def test_gallery_thumbnails_link_to_the_large_rendition(site):
    for item in gallery(site, f"{POST}/"):
        link, img = item.find("a"), item.find("img")
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert rendition(site, img["src"]).size == (int(img["width"]), int(img["height"]))
        large = rendition(site, link["href"])
        assert large.size == (int(link["data-width"]), int(link["data-height"]))
    assert gallery(site, f"{POST}/")[0].find("a")["href"] == f"/{POST}/anh-03-1600w.jpg"


def test_gallery_captions_come_from_the_captions_file_of_the_language(site):
    vi, en = gallery(site, f"{POST}/"), gallery(site, f"en/{POST}/")
    assert vi[0].find("figcaption").get_text(strip=True) == "Học viên thảo luận nhóm"
    assert vi[0].find("img")["alt"] == "Học viên thảo luận nhóm"
    assert en[0].find("figcaption").get_text(strip=True) == "Group discussion"
    assert vi[1].find("figcaption") is None
    assert vi[1].find("img")["alt"] == f"{TITLE_VI} – ảnh 4"
    assert en[1].find("img")["alt"] == f"{TITLE_EN} – photo 4"


def test_post_without_photos_has_no_gallery(site):
    assert site.html(f"{SECTION}/khong-anh/").select_one(".gallery") is None


# --- listings ----------------------------------------------------------------------------

def test_listings_show_each_posts_first_photo(site):
    cards = {card.select_one(".card__title a")["href"]: card.select_one(".card__thumb img")
             for card in site.html(f"{SECTION}/").select(".card")}
    assert cards[f"/{POST}/"]["src"] == f"/{POST}/anh-01-thumb.jpg"  # first placed in the text
    assert cards[f"/{SECTION}/chi-co-thu-vien/"]["src"] == f"/{SECTION}/chi-co-thu-vien/a-dau-thumb.jpg"
    assert cards[f"/{SECTION}/khong-anh/"] is None
    thumb = cards[f"/{POST}/"]
    assert rendition(site, thumb["src"]).size == (int(thumb["width"]), int(thumb["height"])) == (400, 300)


# --- rendition files ---------------------------------------------------------------------

def test_sideways_phone_photo_is_upright(site):
    for name in ("anh-03-1600w.jpg", "anh-03-thumb.jpg"):
        image = rendition(site, f"/{POST}/{name}").convert("RGB")
        assert image.width > image.height
        r, g, b = image.getpixel((4, 4))
        assert r > 180 and g < 80 and b < 80, "the red block must be at the top left"


def test_renditions_carry_no_metadata(site):
    files = [p for p in site.output.rglob("*") if p.suffix in (".jpg", ".png") and "theme" not in p.parts]
    assert len(files) >= 8
    for path in files:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(image.info), path
    assert b"Galaxy" not in (site.output / POST / "anh-03-1600w.jpg").read_bytes()


def test_small_photos_are_never_upscaled(site):
    assert rendition(site, f"/{POST}/anh-04-300w.jpg").size == (300, 200)
    assert rendition(site, f"/{POST}/anh-04-thumb.jpg").size == (267, 200)


def test_original_photos_are_not_published(site):
    originals = {"anh-01.jpg", "anh-02.png", "anh-03.jpg", "anh-04.jpg", "a-dau.jpg", "z-cuoi.jpg",
                 "captions.vi.txt", "captions.en.txt"}
    assert not originals & {p.name for p in site.output.rglob("*")}


def test_renditions_sit_next_to_the_vietnamese_page_for_both_languages(site):
    assert sorted(p.name for p in (site.output / POST).iterdir()) == [
        "anh-01-1600w.jpg", "anh-01-960w.jpg", "anh-01-thumb.jpg", "anh-02-800w.png",
        "anh-03-1600w.jpg", "anh-03-thumb.jpg", "anh-04-300w.jpg", "anh-04-thumb.jpg", "index.html"]
    assert not any(p.suffix in (".jpg", ".png") for p in (site.output / "en" / POST).iterdir())


# --- cache -------------------------------------------------------------------------------

def test_cache_lives_under_cache_path(site):
    cache = site.root / "cache" / "photos"
    assert any(cache.rglob("*.jpg")) and any(cache.rglob("*.png"))


def test_second_build_encodes_nothing_and_gives_identical_files(built):
    first, second = built
    assert counts(first) == (12, 0)
    assert counts(second) == (0, 12)
    names = first.files()
    assert names == second.files()
    for name in names:
        if name.endswith((".jpg", ".png", ".html")):
            assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name


def test_a_changed_setting_encodes_again(tmp_path):
    write_files(tmp_path / "content", section_files("tin", "Tin")
                | post_files("tin/bai", {"Title": "Bài", "Date": "2024-01-01"})
                | {"tin/bai/anh.jpg": samples.jpeg((640, 480))})
    first = pelican(tmp_path / "content", tmp_path / "o1", tmp_path / "cache")
    second = pelican(tmp_path / "content", tmp_path / "o2", tmp_path / "cache", PHOTOS_JPEG_QUALITY=60)
    assert counts(first) == (2, 0)
    assert counts(second) == (2, 0)
    assert (tmp_path / "o1/tin/bai/anh-thumb.jpg").read_bytes() != (tmp_path / "o2/tin/bai/anh-thumb.jpg").read_bytes()


# --- errors ------------------------------------------------------------------------------

def error_site(body: str = "Nội dung.", en_body: str | None = None, photos: dict | None = None) -> dict:
    """One post, ``bai``; ``photos`` maps file names in its folder to their bytes."""
    files = section_files("tin-tuc", "Tin tức", "News") | section_files(SECTION, "Tin hoạt động", "School news")
    en = {"Title": "Post", "Date": "2024-01-01", "body": en_body} if en_body else None
    files |= post_files(f"{SECTION}/bai", {"Title": "Bài", "Date": "2024-01-01", "body": body}, en)
    files |= {f"{SECTION}/bai/{name}": data for name, data in (photos or {}).items()}
    return files


def assert_fails(site: Site, *expected: str) -> None:
    assert site.result.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    errors = [line for line in site.log.splitlines() if "ERROR" in line]
    for text in expected:
        assert any(text in line for line in errors), (text, site.log)


BAI = f"{SECTION}/bai"


@pytest.mark.parametrize("files, expected", [
    pytest.param(error_site("Một.\n\n![Ảnh](khong-co.jpg)\n"),
                 [f"{BAI}/index.vi.md:6: không có ảnh 'khong-co.jpg'", "there is no photo 'khong-co.jpg'"],
                 id="missing"),
    pytest.param(error_site("![Ảnh](Anh-01.JPG)\n", photos={"anh-01.jpg": samples.jpeg((64, 48))}),
                 [f"{BAI}/index.vi.md:4:", "did you mean 'anh-01.jpg'"], id="wrong-case"),
    pytest.param(error_site("Một.\n\nHai.\n\n![Ảnh](../khac/anh.jpg)\n"),
                 [f"{BAI}/index.vi.md:8:", "outside the post folder"], id="parent-folder"),
    pytest.param(error_site("![Ảnh](/etc/anh.jpg)\n"),
                 [f"{BAI}/index.vi.md:4:", "outside the post folder"], id="absolute"),
    pytest.param(error_site("Nội dung.", en_body="Text.\n\n![Photo](missing.jpg)\n"),
                 [f"{BAI}/index.en.md:6:", "there is no photo 'missing.jpg'"], id="english-file"),
    pytest.param(error_site("![Tệp](ghi-chu.txt)\n", photos={"ghi-chu.txt": b"x"}),
                 [f"{BAI}/index.vi.md:4:", "is not a JPEG, PNG or WebP photo"], id="not-a-photo-name"),
    pytest.param(error_site(photos={"hong.jpg": samples.NOT_AN_IMAGE}),
                 [f"{BAI}/hong.jpg: ", "not a readable JPEG, PNG or WebP image"], id="not-an-image"),
    pytest.param(error_site("![Ảnh](cut.jpg)\n", photos={"cut.jpg": samples.truncated_jpeg()}),
                 [f"{BAI}/cut.jpg: ", "truncated", "used at index.vi.md:4"], id="truncated"),
    pytest.param(error_site(photos={"rong.jpg": b""}), [f"{BAI}/rong.jpg: ", "0 bytes"], id="empty"),
    pytest.param(error_site(photos={"anh.jpg": samples.jpeg((64, 48))}) | {f"{BAI}/captions.vi.txt": "anh.jpg: Một\nanh-2.jpg: Hai\n"},
                 [f"{BAI}/captions.vi.txt:2:", "there is no photo 'anh-2.jpg'"], id="caption-missing-photo"),
])
def test_content_mistakes_stop_the_build_with_one_line_each(tmp_path, files, expected):
    assert_fails(build_site(tmp_path, files, expect_ok=False), *expected)


def test_too_many_pixels(tmp_path):
    site = build_site(tmp_path, error_site(photos={"lon.jpg": samples.jpeg((200, 100))}), expect_ok=False,
                      PHOTOS_MAX_PIXELS=10_000)
    assert_fails(site, f"{BAI}/lon.jpg: ", "200×100", "PHOTOS_MAX_PIXELS")


def test_symlink_pointing_outside_the_post_folder(tmp_path):
    write_files(tmp_path / "content", error_site("![Ảnh](lien-ket.jpg)\n"))
    secret = tmp_path / "bi-mat.jpg"
    secret.write_bytes(samples.jpeg((64, 48)))
    os.symlink(secret, tmp_path / "content" / BAI / "lien-ket.jpg")
    site = build_site(tmp_path, {}, expect_ok=False)
    assert_fails(site, f"{BAI}/index.vi.md:4:", "outside the post folder",
                 f"{BAI}/lien-ket.jpg: ", "points outside the post folder")
    assert not any(site.output.rglob("*.jpg"))


def test_every_mistake_is_reported_together(tmp_path):
    files = error_site("![A](mot.jpg)\n\n![B](hai.jpg)\n", photos={"hong.jpg": b""})
    site = build_site(tmp_path, files, expect_ok=False)
    assert_fails(site, "index.vi.md:4:", "index.vi.md:6:", "hong.jpg: ", "3 content error(s)")
    assert not (site.output / BAI / "index.html").exists()


def test_bad_settings_are_reported_with_the_value(tmp_path):
    site = build_site(tmp_path, error_site(), expect_ok=False, PHOTOS_JPEG_QUALITY=200,
                      PHOTOS_THUMB_SIZE="400x300")
    assert_fails(site, "Setting 'PHOTOS_JPEG_QUALITY'", "received: 200",
                 "Setting 'PHOTOS_THUMB_SIZE'", "received: '400x300'")


def test_remote_images_are_left_alone(tmp_path):
    site = build_site(tmp_path, error_site("![Logo](https://example.vn/logo.png)\n"))
    img = site.html(f"{BAI}/").select_one(".post__body img")
    assert img["src"] == "https://example.vn/logo.png"
    assert site.html(f"{BAI}/").select_one(".post__body figure") is None


def test_static_pages_get_figures_too(tmp_path):
    files = error_site() | post_files("pages/gioi-thieu", {"Title": "Giới thiệu", "body": "![Trụ sở](tru-so.jpg)\n"},
                                      {"Title": "About us", "body": "![Our building](tru-so.jpg)\n"})
    files["pages/gioi-thieu/tru-so.jpg"] = samples.jpeg((1200, 800))
    site = build_site(tmp_path, files)
    for page, caption in (("gioi-thieu/", "Trụ sở"), ("en/gioi-thieu/", "Our building")):
        figure = site.html(page).select_one("figure.figure")
        assert figure.find("img")["src"] == "/gioi-thieu/tru-so-960w.jpg"
        assert figure.find("figcaption").get_text() == caption
    assert rendition(site, "/gioi-thieu/tru-so-960w.jpg").size == (960, 640)

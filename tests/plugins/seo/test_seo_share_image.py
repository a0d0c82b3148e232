"""The picture a shared link shows (og:image, the Twitter card, JSON-LD's image) when the
post's own photo is small."""

from __future__ import annotations

import json

import pytest
from conftest import build_site, post_files, section_files
from seo_fixture import BASE, jpeg

SHARE_IMAGE = BASE + "/theme/img/share.jpg?v="
TINY = "tin-tuc/anh-nho/"      # its first photo 160 × 120: under Facebook's 200 × 200
SMALL = "tin-tuc/anh-vua/"     # 250 × 210: Facebook's, but not Twitter's large card
LARGE = "tin-tuc/anh-lon/"     # 1600 × 1200


def share_site() -> dict[str, str | bytes]:
    files = section_files("tin-tuc", "Tin tức", "News")
    for folder, size in ((TINY, (160, 120)), (SMALL, (250, 210)), (LARGE, (1600, 1200))):
        files |= post_files(folder.rstrip("/"), {"Title": f"Ảnh {size[0]}", "Date": "2024-05-01",
                                                 "body": "Bài có ảnh.\n\n![Quang cảnh buổi học](anh.jpg)\n"})
        files[folder + "anh.jpg"] = jpeg(size)
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("share-image"), share_site())


def meta(soup, key: str) -> list[str]:
    attr = "name" if key.startswith("twitter:") else "property"
    return [tag["content"] for tag in soup.head.find_all("meta", attrs={attr: key})]


def ld_image(soup) -> dict:
    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    [image] = next(item for item in graph if item["@type"] == "NewsArticle")["image"]
    return image


def test_a_photo_under_200_pixels_is_not_shared_the_sites_picture_is(site):
    soup = site.html(TINY)
    [image] = meta(soup, "og:image")
    assert image.startswith(SHARE_IMAGE), "Facebook refuses a picture under 200 × 200"
    assert meta(soup, "og:image:width") == ["1200"]
    assert meta(soup, "twitter:card") == ["summary_large_image"]
    assert ld_image(soup)["url"] == image


def test_a_photo_too_small_for_twitters_large_card_gets_the_small_card(site):
    soup = site.html(SMALL)
    [image] = meta(soup, "og:image")
    assert image.startswith(BASE + "/" + SMALL + "anh")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == (["250"], ["210"])
    assert meta(soup, "twitter:card") == ["summary"]
    assert ld_image(soup)["url"] == image


def test_a_large_photo_is_shared_in_a_large_card(site):
    soup = site.html(LARGE)
    assert meta(soup, "og:image")[0].startswith(BASE + "/" + LARGE + "anh")
    assert meta(soup, "twitter:card") == ["summary_large_image"]


def test_without_the_sites_picture_a_tiny_photo_is_not_shared_either(tmp_path):
    site = build_site(tmp_path, share_site(), SEO_SHARE_IMAGE="")
    soup = site.html(TINY)
    assert meta(soup, "og:image") == [] and meta(soup, "twitter:card") == ["summary"]
    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    assert "image" not in next(item for item in graph if item["@type"] == "NewsArticle")


def test_the_shared_picture_is_described_by_its_caption_or_the_sites_name(site, tmp_path):
    large = site.html(LARGE)
    assert meta(large, "og:image:alt") == ["Quang cảnh buổi học"]
    assert meta(large, "twitter:image:alt") == ["Quang cảnh buổi học"]
    tiny = site.html(TINY)  # the site's picture
    assert meta(tiny, "og:image:alt") == meta(tiny, "twitter:image:alt") == ["Trường Bồi dưỡng cán bộ hợp tác xã"]
    assert meta(site.html("en/"), "og:image:alt") == ["Cooperative Managers Training School"]
    # A photo without a caption: its alt text (the title and its number); a gallery
    # photo: its caption from captions.vi.txt; a video: its title.
    files = section_files("tin-tuc", "Tin tức")
    files |= post_files("tin-tuc/khong-chu-thich", {"Title": "Không chú thích", "Date": "2024-05-01",
                                                    "body": "Bài.\n\n![](anh.jpg)\n"})
    files["tin-tuc/khong-chu-thich/anh.jpg"] = jpeg()
    files |= post_files("tin-tuc/bo-anh", {"Title": "Bộ ảnh", "Date": "2024-05-02", "body": "Bài."})
    files["tin-tuc/bo-anh/anh.jpg"] = jpeg()
    files["tin-tuc/bo-anh/captions.vi.txt"] = "anh.jpg: Học viên thảo luận nhóm\n"
    files |= post_files("tin-tuc/video", {"Title": "Video", "Date": "2024-05-03",
                                          "body": '<iframe src="https://www.youtube.com/embed/abc123" '
                                                  'title="Lễ khai giảng"></iframe>\n'})
    other = build_site(tmp_path, files)
    assert meta(other.html("tin-tuc/khong-chu-thich/"), "og:image:alt") == [
        other.html("tin-tuc/khong-chu-thich/").select_one(".post__body img")["alt"]]
    assert meta(other.html("tin-tuc/bo-anh/"), "og:image:alt") == ["Học viên thảo luận nhóm"]
    assert meta(other.html("tin-tuc/video/"), "og:image:alt") == ["Lễ khai giảng"]

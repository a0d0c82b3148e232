"""The photos plugin in real builds: figures, galleries, thumbnails, share images, renditions.

Sites are built with the real ``pelican`` command (tests/conftest.py); photos are drawn
by photo_samples.py. The cache and the errors have their own test files.
"""

from __future__ import annotations

import io
import re
import subprocess
from urllib.parse import unquote

import photo_samples as samples
import pytest
from photo_builds import one_post_site, pelican, pelican_command
from PIL import Image

from conftest import ROOT, Site, build_site, post_files, section_files, write_files

SECTION = "tin-tuc/tin-hoat-dong"
POST = f"{SECTION}/le-khai-giang"
TITLE_VI = "Lễ khai giảng lớp bồi dưỡng"
TITLE_EN = "Opening of the training class"


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


#: A rendition's address ends with its version: ``?v=`` and 10 hexadecimal digits.
VERSIONED = re.compile(r"(.+)\?v=[0-9a-f]{10}")


def bare(url: str) -> str:
    """A rendition's address without its version, which it must have."""
    found = VERSIONED.fullmatch(url)
    assert found, f"no version in {url!r}"
    return found.group(1)


def rendition(site: Site, url: str) -> Image.Image:
    assert url.startswith("/"), url
    return Image.open(site.path(url))


# --- figures -----------------------------------------------------------------------------

def test_inline_photo_becomes_a_figure_with_its_caption_in_each_language(site):
    for page, caption in ((f"{POST}/", 'Lễ chào cờ & “khai mạc”'), (f"en/{POST}/", "Flag ceremony <opening>")):
        figure = site.html(page).select_one(".post__body figure.figure")
        link = figure.select_one("a.figure__link")
        img = link.find("img")
        assert bare(link["href"]) == f"/{POST}/anh-01-1600w.jpg"
        assert bare(img["src"]) == f"/{POST}/anh-01-1200w.jpg"
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
    assert bare(img["src"]) == f"/{POST}/anh-02-800w.png"
    image = rendition(site, img["src"])
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (800, 600))


# --- gallery -----------------------------------------------------------------------------

def gallery(site: Site, page: str) -> list:
    return site.html(page).select(".gallery .gallery__item")


def test_gallery_holds_the_unplaced_photos_in_file_name_order(site):
    # anh-02.png is placed by the Vietnamese text only: it is in the English gallery (it
    # was on no English page, though the English listing showed it).
    for page, photos in ((f"{POST}/", ["anh-03-thumb.jpg", "anh-04-thumb.jpg"]),
                         (f"en/{POST}/", ["anh-02-thumb.png", "anh-03-thumb.jpg", "anh-04-thumb.jpg"])):
        thumbs = [bare(item.find("img")["src"]) for item in gallery(site, page)]
        assert thumbs == [f"/{POST}/{name}" for name in photos]
    assert site.html(f"{POST}/").select_one(".gallery h2").get_text() == "Hình ảnh"


def test_two_photos_named_alike_are_both_shown(tmp_path):
    """``anh.jpg`` and ``anh.JPG`` (or ``anh/1.jpg`` beside ``anh-1.jpg``) wrote their
    renditions to the same files: the gallery showed one photo twice, the other nowhere."""
    def solid(colour) -> bytes:
        return samples.encoded(Image.new("RGB", (640, 480), colour), "JPEG", quality=90)

    red, green, blue = (200, 30, 30), (30, 200, 30), (30, 30, 200)
    # (a photo in a folder inside the post is shown where the text places it)
    files = one_post_site(body="![](anh/1.jpg)", photos={
        "anh.jpg": solid(red), "anh.JPG": solid(green), "anh-1.jpg": solid(blue), "anh/1.jpg": solid(green)})
    site = build_site(tmp_path, files)
    page = site.html(f"{SECTION}/bai/")
    figure = bare(page.select_one(".post__body figure img")["src"])
    thumbs = [bare(item.find("img")["src"]) for item in gallery(site, f"{SECTION}/bai/")]
    assert len({figure, *thumbs}) == 4, (figure, thumbs)
    colours = [rendition(site, url).convert("RGB").getpixel((10, 10)) for url in [figure, *thumbs]]
    # The figure, then the gallery in name order: anh-1.jpg, anh.JPG, anh.jpg.
    for found, wanted in zip(colours, [green, blue, green, red]):
        assert samples.close_to(found, wanted), colours


def test_gallery_thumbnails_link_to_the_large_rendition(site):
    for item in gallery(site, f"{POST}/"):
        link, img = item.find("a"), item.find("img")
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert rendition(site, img["src"]).size == (int(img["width"]), int(img["height"]))
        large = rendition(site, link["href"])
        assert large.size == (int(link["data-width"]), int(link["data-height"]))
    assert bare(gallery(site, f"{POST}/")[0].find("a")["href"]) == f"/{POST}/anh-03-1600w.jpg"


def test_gallery_captions_come_from_the_captions_file_of_the_language(site):
    vi, en = gallery(site, f"{POST}/"), gallery(site, f"en/{POST}/")
    assert vi[0].find("figcaption").get_text(strip=True) == "Học viên thảo luận nhóm"
    assert vi[0].find("img")["alt"] == "Học viên thảo luận nhóm"
    assert en[1].find("figcaption").get_text(strip=True) == "Group discussion"
    assert vi[1].find("figcaption") is None
    # Numbered in the order the page shows them: the text's photos, then the gallery's.
    assert vi[1].find("img")["alt"] == f"{TITLE_VI} – ảnh 4"
    assert [item.find("img")["alt"] for item in en] == [
        f"{TITLE_EN} – photo 2", "Group discussion", f"{TITLE_EN} – photo 4"]


def test_generated_alt_texts_count_the_photos_in_the_order_the_page_shows_them(tmp_path):
    """Folder order numbered a placed photo where the folder has it: a gallery of ten
    below two figures read "ảnh 1–4, 6–9, 15"."""
    files = one_post_site(body="![](c.jpg)", photos={name: samples.jpeg((640, 480)) for name in ("a.jpg", "b.jpg", "c.jpg")})
    page = build_site(tmp_path, files).html(f"{SECTION}/bai/")
    alts = [img["alt"] for img in page.select(".post__body figure img, .gallery img")]
    assert alts == ["Bài – ảnh 1", "Bài – ảnh 2", "Bài – ảnh 3"]
    assert [bare(img["src"]).rsplit("/", 1)[1].split("-")[0] for img in page.select(".post__body figure img, .gallery img")] == [
        "c", "a", "b"]


def test_a_long_screenshot_is_a_photo_too(tmp_path):
    """1080 × 20000 (a phone's screenshot of a long page): WebP holds at most 16383 pixels
    a side, and the build stopped with "the photo is damaged or truncated; copy the photo
    again". Its figure is JPEG only; its gallery thumbnail still has a WebP twin."""
    tall = samples.jpeg((1080, 20000), quality=60)
    files = one_post_site(body="![Cả trang](dai.jpg)", photos={"dai.jpg": tall, "khac.jpg": tall})
    site = build_site(tmp_path, files)
    page = site.html(f"{SECTION}/bai/")
    figure = page.select_one(".post__body figure")
    assert figure.select("source") == []
    assert [w for _, w in srcset_of(figure.find("img")["srcset"])] == [480, 960, 1080]
    assert rendition(site, figure.find("img")["src"]).size == (960, 17778)
    link = page.select_one(".gallery a")
    assert not link.has_attr("data-webp-srcset") and link.has_attr("data-srcset")
    assert page.select_one(".gallery source")["type"] == "image/webp"


def test_post_without_photos_has_no_gallery(site):
    assert site.html(f"{SECTION}/khong-anh/").select_one(".gallery") is None


# --- listings ----------------------------------------------------------------------------

def test_listings_show_each_posts_first_photo(site):
    cards = {card.select_one(".card__title a")["href"]: card.select_one(".card__thumb img")
             for card in site.html(f"{SECTION}/").select(".card")}
    assert bare(cards[f"/{POST}/"]["src"]) == f"/{POST}/anh-01-thumb.jpg"  # first placed in the text
    assert bare(cards[f"/{SECTION}/chi-co-thu-vien/"]["src"]) == f"/{SECTION}/chi-co-thu-vien/a-dau-thumb.jpg"
    assert cards[f"/{SECTION}/khong-anh/"] is None
    thumb = cards[f"/{POST}/"]
    assert rendition(site, thumb["src"]).size == (int(thumb["width"]), int(thumb["height"])) == (400, 300)
    # readers' browsers take the WebP twin, a third of the bytes on the bench's photos
    # (with its 2x twin for dense screens: test_photos_cards_dense_screens.py)
    source = thumb.find_parent("picture").select_one("source")
    assert source["type"] == "image/webp"
    assert srcset_of(source["srcset"]) == [(f"/{POST}/anh-01-thumb.webp", 400), (f"/{POST}/anh-01-thumb-2x.webp", 800)]
    webp = rendition(site, source["srcset"].split()[0])
    assert (webp.format, webp.size) == ("WEBP", (400, 300))


# --- rendition files ---------------------------------------------------------------------

def test_sideways_phone_photo_is_upright(site):
    for name in ("anh-03-1600w.jpg", "anh-03-thumb.jpg", "anh-03-thumb-2x.jpg", "anh-03-thumb-2x.webp"):
        image = rendition(site, f"/{POST}/{name}").convert("RGB")
        assert image.width > image.height
        r, g, b = image.getpixel((4, 4))
        assert r > 180 and g < 80 and b < 80, "the red block must be at the top left"


def test_renditions_carry_no_metadata(site):
    files = [p for p in site.output.rglob("*") if p.suffix in (".jpg", ".png", ".webp") and "theme" not in p.parts
             and p.parent != site.output]  # (not the theme's icons at the root)
    assert len(files) == 48
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
    sized = [f"{w}w.{ext}" for w in (480, 960, 1200, 1600) for ext in ("jpg", "webp")]
    thumbs = ["thumb.jpg", "thumb.webp"]
    expected = (
        # figure, first photo: its share image is the figure's 1200 px JPEG, made once;
        # its listing cards' 2x thumbnail
        [f"anh-01-{n}" for n in sized + thumbs + ["thumb-2x.jpg", "thumb-2x.webp"]]
        # figure in Vietnamese, in the English gallery
        + [f"anh-02-{n}" for n in ("480w.png", "480w.webp", "800w.png", "800w.webp", "thumb.png", "thumb.webp",
                                   "thumb-2x.png", "thumb-2x.webp")]
        + [f"anh-03-{n}" for n in sized + thumbs + ["thumb-2x.jpg", "thumb-2x.webp"]]  # gallery
        + [f"anh-04-{n}" for n in ("300w.jpg", "300w.webp", *thumbs)]  # small, gallery
    )
    assert sorted(p.name for p in (site.output / POST).iterdir()) == sorted(expected + ["index.html"])
    assert not any(p.suffix != ".html" for p in (site.output / "en" / POST).iterdir())


# --- responsive pictures -----------------------------------------------------------------

def srcset_of(value: str) -> list[tuple[str, int]]:
    return [(bare(url), int(width.rstrip("w"))) for url, width in (part.split() for part in value.split(", "))]


def test_figures_offer_webp_and_jpeg_at_every_width(site):
    figure = site.html(f"{POST}/").select_one(".post__body figure.figure")
    source, img = figure.select_one("picture > source"), figure.select_one("picture > img")
    sizes = "(min-width: 72rem) 48rem, (min-width: 64rem) calc(100vw - 24rem), calc(100vw - 2rem)"
    assert (source["type"], source["sizes"], img["sizes"]) == ("image/webp", sizes, sizes)
    assert srcset_of(source["srcset"]) == [(f"/{POST}/anh-01-{w}w.webp", w) for w in (480, 960, 1200, 1600)]
    assert srcset_of(img["srcset"]) == [(f"/{POST}/anh-01-{w}w.jpg", w) for w in (480, 960, 1200, 1600)]
    assert (bare(img["src"]), img["width"], img["height"]) == (f"/{POST}/anh-01-1200w.jpg", "1200", "900")
    for url, width in srcset_of(source["srcset"]) + srcset_of(img["srcset"]):
        image = rendition(site, url)
        assert image.format == ("WEBP" if url.endswith(".webp") else "JPEG")
        assert image.size == (width, width * 3 // 4)


def test_narrow_photos_give_only_the_widths_they_have(site):
    # 800 px wide: 480 and 800; never 960 or 1600 (no upscaling, no repeats)
    img = site.html(f"{POST}/").select(".post__body figure picture > img")[1]
    source = img.find_previous_sibling("source")
    assert srcset_of(img["srcset"]) == [(f"/{POST}/anh-02-480w.png", 480), (f"/{POST}/anh-02-800w.png", 800)]
    assert srcset_of(source["srcset"]) == [(f"/{POST}/anh-02-480w.webp", 480), (f"/{POST}/anh-02-800w.webp", 800)]
    webp = rendition(site, f"/{POST}/anh-02-800w.webp")
    assert webp.mode == "RGBA" and webp.getpixel((790, 10))[3] == 0  # transparency kept


def test_every_image_has_a_size_and_only_the_first_loads_eagerly(site):
    page = site.html(f"{POST}/")
    images = page.select(".post__body img, .gallery img")
    assert len(images) == 4
    for img in images:
        assert int(img["width"]) > 0 and int(img["height"]) > 0
    first, *others = images
    assert first.get("loading", "eager") == "eager" and first["fetchpriority"] == "high"
    for img in others:
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
    # a post whose text shows no photo: the first gallery thumbnail is its first image
    thumbs = site.html(f"{SECTION}/chi-co-thu-vien/").select(".gallery img")
    assert "loading" not in thumbs[0].attrs and thumbs[1]["loading"] == "lazy"


def test_gallery_thumbnails_are_webp_pictures_and_links_carry_the_lightbox_widths(site):
    link = gallery(site, f"{POST}/")[0].find("a")
    source, img = link.select_one("picture > source"), link.select_one("picture > img")
    assert source["type"] == "image/webp"
    assert srcset_of(source["srcset"]) == [(f"/{POST}/anh-03-thumb.webp", 400), (f"/{POST}/anh-03-thumb-2x.webp", 800)]
    assert bare(img["src"]) == f"/{POST}/anh-03-thumb.jpg"
    assert srcset_of(img["srcset"]) == [(f"/{POST}/anh-03-thumb.jpg", 400), (f"/{POST}/anh-03-thumb-2x.jpg", 800)]
    assert rendition(site, img["src"]).size == (400, 300)
    assert srcset_of(link["data-webp-srcset"]) == [(f"/{POST}/anh-03-{w}w.webp", w) for w in (480, 960, 1200, 1600)]
    assert srcset_of(link["data-srcset"]) == [(f"/{POST}/anh-03-{w}w.jpg", w) for w in (480, 960, 1200, 1600)]


GALLERY_SIZES = ("(min-width: 72rem) 11.5rem, (min-width: 64rem) calc(25vw - 6.5rem), "
                 "(min-width: 960px) calc(25vw - 1.25rem), (min-width: 48em) calc(33.4vw - 1.5rem), "
                 "(min-width: 600px) calc(33.4vw - 1.1rem), calc(50vw - 1.25rem)")


def jpeg_quality_tables(quality: int) -> dict:
    """The quantisation tables of a JPEG saved by Pillow at ``quality``."""
    return Image.open(io.BytesIO(samples.encoded(samples.picture((64, 48)), "JPEG", quality=quality))).quantization


def test_gallery_thumbnails_offer_twice_their_size_at_a_lower_quality_for_dense_screens(site):
    """A phone 360 px wide shows a gallery column 160 px wide: the 400 px thumbnail is
    enlarged on a screen of 3 device pixels a pixel. Its 800 px twin is offered with
    the grid's sizes, so only such screens take it, at JPEG/WebP quality 40."""
    img = gallery(site, f"{POST}/")[0].select_one("picture > img")
    source = img.find_previous_sibling("source")
    assert source["sizes"] == img["sizes"] == GALLERY_SIZES
    assert srcset_of(source["srcset"])[1] == (f"/{POST}/anh-03-thumb-2x.webp", 800)
    assert srcset_of(img["srcset"])[1] == (f"/{POST}/anh-03-thumb-2x.jpg", 800)
    assert (img["width"], img["height"]) == ("400", "300")  # the box it is shown in
    jpeg, webp = rendition(site, img["srcset"].split()[2]), rendition(site, source["srcset"].split()[2])
    assert (jpeg.format, jpeg.size, webp.format, webp.size) == ("JPEG", (800, 600), "WEBP", (800, 600))
    assert jpeg.quantization == jpeg_quality_tables(40) != jpeg_quality_tables(82)
    assert rendition(site, img["src"]).quantization == jpeg_quality_tables(82)
    # photos smaller than twice the thumbnail offer the thumbnail alone
    small = gallery(site, f"{POST}/")[1].select_one("picture > img")  # 300 × 200
    assert bare(small["src"]) == f"/{POST}/anh-04-thumb.jpg" and "srcset" not in small.attrs
    for item in gallery(site, f"{SECTION}/chi-co-thu-vien/"):  # 640 × 480
        img = item.select_one("picture > img")
        assert "srcset" not in img.attrs and "sizes" not in img.attrs
        assert len(img.find_previous_sibling("source")["srcset"].split()) == 1
    # and so do their posts' cards (the cards' twins: test_photos_cards_dense_screens.py)
    card = site.html(f"{SECTION}/").select_one(f".card:has(a[href='/{SECTION}/chi-co-thu-vien/']) .card__thumb")
    assert card.select_one("img")["src"] and not card.select("[srcset*='-2x']")
    assert not [name for name in site.files() if "chi-co-thu-vien" in name and "-2x" in name]


def test_every_photo_is_a_plain_link_to_its_largest_jpeg_or_png(site):
    links = site.html(f"{POST}/").select("a.figure__link, a.gallery__link")
    assert [bare(a["href"]).rsplit("/", 1)[1] for a in links] == [
        "anh-01-1600w.jpg", "anh-02-800w.png", "anh-03-1600w.jpg", "anh-04-300w.jpg"]
    for a in links:
        assert rendition(site, a["href"]).size == (int(a["data-width"]), int(a["data-height"]))


def test_a_link_to_a_photo_of_the_post_opens_its_largest_rendition(tmp_path):
    """``[Xem công văn](cong-van.jpg)``, a scanned letter say, led nowhere: the photo itself
    is not published. It now opens the largest rendition, in each language, as the
    gallery's link to the same photo does; a link out of the folder is left as written."""
    files = one_post_site(
        body="Xem [công văn](cong-van.jpg), [bản chụp](<anh 1.jpg>) và [bài khác](../khac/anh.jpg).",
        en_body="See [the letter](cong-van.jpg).",
        photos={"cong-van.jpg": samples.jpeg((1240, 1754)), "anh 1.jpg": samples.jpeg((640, 480))})
    site = build_site(tmp_path, files)
    page = site.html(f"{SECTION}/bai/")
    gallery = [a["href"] for a in page.select("a.gallery__link")]  # anh 1.jpg, cong-van.jpg
    links = [a["href"] for a in page.select(".post__body a")]
    assert links == [gallery[1], gallery[0], "../khac/anh.jpg"]
    assert bare(links[0]).endswith("/cong-van-1240w.jpg") and rendition(site, links[0]).size == (1240, 1754)
    assert rendition(site, unquote(links[1])).size == (640, 480)
    assert [a["href"] for a in site.html(f"en/{SECTION}/bai/").select(".post__body a")] == [links[0]]


def test_a_photo_linked_to_itself_opens_its_largest_rendition(tmp_path):
    """``[![Bìa](bia.jpg)](bia.jpg)``: the image keeps the author's link, which named the
    unpublished photo; it now names the largest rendition, as a figure's own link does."""
    files = one_post_site(body="[![Bìa công văn](bia.jpg)](bia.jpg)\n\n![Trang hai](trang-2.jpg)",
                          photos={"bia.jpg": samples.jpeg((1240, 1754)), "trang-2.jpg": samples.jpeg((1240, 1754))})
    site = build_site(tmp_path, files)
    links = site.html(f"{SECTION}/bai/").select(".post__body a")
    assert [bare(a["href"]).rsplit("/", 1)[1] for a in links] == ["bia-1240w.jpg", "trang-2-1240w.jpg"]
    assert links[0].find("img") is not None and "figure__link" in links[1]["class"]


# --- share image -------------------------------------------------------------------------

def meta(site: Site, page: str) -> dict[str, str]:
    return {m["property"]: m["content"] for m in site.html(page).select("meta[property^='og:image']")}


def test_share_image_is_a_1200px_jpeg_of_the_first_photo(site):
    for page, caption in ((f"{POST}/", 'Lễ chào cờ & “khai mạc”'), (f"en/{POST}/", "Flag ceremony <opening>")):
        found = meta(site, page)
        assert bare(found.pop("og:image")) == f"http://localhost:8000/{POST}/anh-01-1200w.jpg"
        assert found == {"og:image:width": "1200", "og:image:height": "900", "og:image:alt": caption}
    image = rendition(site, f"/{POST}/anh-01-1200w.jpg")
    assert (image.format, image.size) == ("JPEG", (1200, 900))
    # a narrower photo is shared at its own width: the same file as its widest rendition
    assert bare(meta(site, f"{SECTION}/chi-co-thu-vien/")["og:image"]).endswith("/a-dau-640w.jpg")
    # a post without photos shares the site's image (plugins/seo, SEO_SHARE_IMAGE)
    assert meta(site, f"{SECTION}/khong-anh/")["og:image"].startswith("http://localhost:8000/theme/img/share.jpg?v=")


@pytest.fixture(scope="module")
def more(tmp_path_factory) -> Site:
    """One build for the rest: a transparent logo, photos in every format, a remote image,
    a static page with a figure."""
    formats = {"1-iphone.heic": samples.heic((128, 96), orientation=6), "2-hinh-dong.gif": samples.gif((96, 64)),
               "3-so-do.png": samples.png16((96, 64)),
               "4-web.webp": samples.encoded(samples.corners((96, 64)), "WEBP"),
               "5-may-anh.HEIF": samples.heic((128, 96))}
    files = one_post_site("![Logo](logo.png)\n", photos={"logo.png": samples.png((800, 600))}, slug="logo")
    files |= one_post_site(photos=formats, slug="dinh-dang")
    files |= one_post_site("![Logo](https://example.vn/logo.png)\n", slug="tu-xa")
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu", "body": "![Trụ sở](tru-so.jpg)\n"},
                        {"Title": "About us", "body": "![Our building](tru-so.jpg)\n"})
    files["pages/gioi-thieu/tru-so.jpg"] = samples.jpeg((1200, 800))
    return build_site(tmp_path_factory.mktemp("more"), files)


def test_share_image_of_a_transparent_photo_is_a_jpeg_on_white(more):
    assert bare(meta(more, f"{SECTION}/logo/")["og:image"]).endswith(f"/{SECTION}/logo/logo-800w.jpg")
    image = rendition(more, f"/{SECTION}/logo/logo-800w.jpg")
    assert image.format == "JPEG" and image.getpixel((790, 10)) == (255, 255, 255)


# --- formats -----------------------------------------------------------------------------

def test_heic_gif_webp_and_16_bit_png_photos_are_photos_too(more):
    folder = f"{SECTION}/dinh-dang"
    links = [bare(a["href"]).rsplit("/", 1)[1] for a in more.html(f"{folder}/").select(".gallery a")]
    assert links == ["1-iphone-128w.jpg", "2-hinh-dong-96w.jpg", "3-so-do-96w.jpg", "4-web-96w.jpg",
                     "5-may-anh-128w.jpg"]
    upright = rendition(more, f"/{folder}/1-iphone-128w.webp")
    assert upright.size == (128, 96)
    colours = samples.corner_colours(upright)
    assert all(samples.close_to(colours[c], v) for c, v in samples.CORNERS.items())


def test_remote_images_are_left_alone(more):
    img = more.html(f"{SECTION}/tu-xa/").select_one(".post__body img")
    assert img["src"] == "https://example.vn/logo.png"
    assert more.html(f"{SECTION}/tu-xa/").select_one(".post__body figure") is None


def test_static_pages_get_figures_too(more):
    for page, caption in (("gioi-thieu/", "Trụ sở"), ("en/gioi-thieu/", "Our building")):
        figure = more.html(page).select_one("figure.figure")
        assert bare(figure.find("img")["src"]) == "/gioi-thieu/tru-so-960w.jpg"
        assert figure.find("figcaption").get_text() == caption
    assert rendition(more, "/gioi-thieu/tru-so-960w.jpg").size == (960, 640)
    # Without a gallery, the first figure carries the photo viewer's labels, in the page's language.
    vi = more.html("gioi-thieu/").select_one("a.figure__link")
    en = more.html("en/gioi-thieu/").select_one("a.figure__link")
    assert (vi["data-lightbox-label"], vi["data-lightbox-close"]) == ("Xem ảnh", "Đóng")
    assert (en["data-lightbox-label"], en["data-lightbox-next"]) == ("Photo viewer", "Next photo")


def test_with_a_gallery_the_figures_carry_no_labels(site):
    assert site.html(f"{POST}/").select("a.figure__link[data-lightbox-label]") == []
    assert site.html(f"{POST}/").select_one(".gallery")["data-lightbox-label"] == "Xem ảnh"


def test_beautifulsoup_is_imported_only_by_a_build_that_has_an_image_to_place(tmp_path):
    """Importing BeautifulSoup takes about 70 ms: a build whose posts hold no image (a
    site without photos) does without it; one with an image imports it to place it."""
    sites = {"plain": one_post_site("Không có ảnh."),
             "photo": one_post_site("![Ảnh](anh.jpg)", photos={"anh.jpg": samples.jpeg((640, 480))})}
    for name, files in sites.items():
        write_files(tmp_path / name / "content", files)
        command = pelican_command(tmp_path / name / "content", tmp_path / name / "output",
                                  tmp_path / name / "cache")
        result = subprocess.run([command[0], "-X", "importtime", *command[1:]], cwd=ROOT,
                                capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, result.stderr[-3000:]
        imported = re.search(r"^import time:.*\| +bs4$", result.stderr, re.MULTILINE) is not None
        assert imported == (name == "photo"), name
        assert (name == "photo") == ("<figure" in (tmp_path / name / "output" / SECTION / "bai" / "index.html")
                                     .read_text(encoding="utf-8")), name


# --- a photo replaced under the same name ------------------------------------------------

def test_a_photo_replaced_under_its_name_gets_new_addresses_everywhere(tmp_path):
    """A rendition's address ends with its version (``?v=``, from the photo's bytes): when
    staff replace a photo, keeping its name, every page, listing, feed and share tag
    names the new version, so a browser that kept the old picture fetches the new one."""
    from bs4 import BeautifulSoup
    from conftest import run_pelican

    slug = "bai"
    files = one_post_site("Mở đầu.\n\n![Lớp học](lop.jpg)\n", photos={"lop.jpg": samples.jpeg((1600, 1200)),
                                                                     "them.jpg": samples.jpeg((800, 600))})
    site = build_site(tmp_path / "site", files)

    def addresses() -> list[str]:
        page = site.html(f"{SECTION}/{slug}/")
        found = [img["src"] for img in page.select("article img")]
        found += [site.html(f"{SECTION}/").select_one(".card__thumb img")["src"]]
        found += [page.select_one("meta[property='og:image']")["content"]]
        entry = site.feed(f"{SECTION}/atom.xml").entries[0]
        found += [img["src"] for img in BeautifulSoup(entry.content[0].value, "html.parser").find_all("img")]
        return found

    before = addresses()
    assert all(bare(url) for url in before)
    (site.root / "content" / SECTION / slug / "lop.jpg").write_bytes(samples.jpeg((1600, 1200), quality=60))
    result = run_pelican(site.root / "content", site.output, site.root / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    after = addresses()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert [bare(a) for a, _ in changed] == [bare(b) for _, b in changed]  # same files, new versions
    assert {bare(a).rsplit("/", 1)[1].split("-")[0] for a, _ in changed} == {"lop"}
    assert len(changed) == 4  # the figure, the card, the share tag, the figure in the feed
    assert [a for a, b in zip(before, after) if a == b and "them" not in a] == []
    clean = build_site(tmp_path / "clean", {**files, f"{SECTION}/{slug}/lop.jpg": samples.jpeg((1600, 1200), quality=60)})
    assert site.files() == clean.files()
    for rel in site.files():
        assert (site.output / rel).read_bytes() == (clean.output / rel).read_bytes(), rel

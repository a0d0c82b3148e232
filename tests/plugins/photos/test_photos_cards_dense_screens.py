"""Listing cards' pictures on screens of 1 to 3 device pixels a CSS pixel, in Debian's
headless Chromium: a card takes the 400 px thumbnail where it is enough and its 2x twin
only where the thumbnail would be enlarged, one file a card, whether its photo is in
the post's gallery (the gallery's own twin) or placed in its text; and the ``sizes``
the cards carry are the widths the theme's CSS gives them, on the home page and in a
section's list.

Skipped when chromium is not installed (``apt-get install chromium``), except in CI.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import photo_samples as samples
import pytest
from PIL import Image

from conftest import build_site, post_files, require_chromium, section_files, serve_folder

pytestmark = pytest.mark.browser

require_chromium()

SECTION = "tin-tuc"
POSTS = 4
#: The posts whose photo is placed in their text (the others' is their gallery's).
IN_TEXT = {2, 4}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    files = section_files(SECTION, "Tin tức", "News")
    for number in range(1, POSTS + 1):
        post = f"{SECTION}/bai-{number}"
        meta = {"Title": f"Bài {number}", "Date": f"2024-05-0{number}"}
        if number in IN_TEXT:
            meta["body"] = f"Lớp học hôm đó.\n\n![Lớp học](anh-{number}.jpg)\n"
        files |= post_files(post, meta)
        files[f"{post}/anh-{number}.jpg"] = samples.jpeg((1600, 1200), quality=80 + number)
    site = build_site(tmp_path_factory.mktemp("cards"), files)
    with serve_folder(site.output) as url:
        yield url, site


def open_listing(browser, url: str, path: str, width: int, dpr: float, fetched: list[str] | None = None):
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=dpr,
                                  is_mobile=dpr > 1, has_touch=dpr > 1)
    page = context.new_page()
    if fetched is not None:
        page.on("response", lambda r: fetched.append(r.url.split("?", 1)[0]) if "-thumb" in r.url else None)
    page.goto(f"{url}/{path}", wait_until="networkidle")
    page.locator(".card__thumb").last.scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('.card__thumb img')].every(i => i.complete && i.naturalWidth)")
    return page


#: (page, viewport width, device pixels a CSS pixel) -> the file each card shows. On
#: phones a card's picture is 7rem (112 px) wide beside its title: 336 device pixels at
#: 3, the 400 px thumbnail is enough; below 20em it is above the title, as wide as the
#: screen less its margins; from 48em the home page's are 226-348 px, a section list's
#: 224 px.
SCREENS = {
    ("", 360, 1): "thumb.webp",
    ("", 360, 2): "thumb.webp",  # 224 device pixels
    ("", 360, 3): "thumb.webp",  # 336
    ("", 412, 2.625): "thumb.webp",  # 294
    ("", 768, 2): "thumb-2x.webp",  # 2 columns of 348 px: 696, the thumbnail enlarged 1.7x
    ("", 1280, 1): "thumb.webp",  # 4 columns of 258 px
    ("", 1280, 2): "thumb-2x.webp",  # 516
    (f"{SECTION}/", 360, 1): "thumb.webp",
    (f"{SECTION}/", 360, 2): "thumb.webp",
    (f"{SECTION}/", 360, 3): "thumb.webp",  # 336
    (f"{SECTION}/", 768, 2): "thumb-2x.webp",  # 14rem: 448
    # a 360 px phone at 3 zoomed to 200 %: the picture above the title, 148 px: 888
    (f"{SECTION}/", 180, 6): "thumb-2x.webp",
    (f"{SECTION}/", 1280, 1): "thumb.webp",  # 224
    (f"{SECTION}/", 1280, 2): "thumb-2x.webp",  # 448
}


def test_each_screen_downloads_the_one_card_picture_it_needs(served, browser):
    url, site = served
    shown, downloaded = {}, {}
    for (path, width, dpr) in SCREENS:
        fetched: list[str] = []
        page = open_listing(browser, url, path, width, dpr, fetched)
        current = page.evaluate("[...document.querySelectorAll('.card__thumb img')].map(i => i.currentSrc)")
        page.context.close()
        shown[path, width, dpr] = sorted(re.sub(r"\?.*", "", src).rsplit("/", 1)[1] for src in current)
        downloaded[path, width, dpr] = sorted(u.rsplit("/", 1)[1] for u in fetched)
    expected = {screen: [f"anh-{n}-{name}" for n in range(1, POSTS + 1)] for screen, name in SCREENS.items()}
    assert shown == expected
    assert downloaded == expected  # one file a card: never both
    # one twin a photo (JPEG and WebP), the gallery's or the card's
    twins = [f for f in site.files() if "-thumb-2x." in f]
    assert len(twins) == 2 * POSTS, twins


def test_a_card_offers_a_twin_of_its_photo_in_the_gallery_or_in_the_text(tmp_path):
    """The card's photo gets a twin whether the post's gallery shows it or its text does;
    no other photo the text places gets one, nor a static page's photo (no card shows
    it), nor a photo smaller than the twin; PHOTOS_THUMB_2X = None leaves all out."""
    files = section_files(SECTION, "Tin tức", "News")
    files |= post_files(f"{SECTION}/bai-1", {"Title": "Bài 1", "Date": "2024-05-01"})
    files |= post_files(f"{SECTION}/bai-2", {"Title": "Bài 2", "Date": "2024-05-02",
                                              "body": "![Lớp học](anh.jpg)\n\n![Giờ nghỉ](nghi.jpg)"})
    files |= post_files(f"{SECTION}/bai-3", {"Title": "Bài 3", "Date": "2024-05-03",
                                              "body": "![Nhỏ](nho.jpg)"})
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu", "body": "![Trụ sở](tru-so.jpg)"})
    files[f"{SECTION}/bai-1/anh.jpg"] = samples.jpeg((1600, 1200), quality=81)
    files[f"{SECTION}/bai-2/anh.jpg"] = samples.jpeg((1600, 1200), quality=82)
    files[f"{SECTION}/bai-2/nghi.jpg"] = samples.jpeg((1600, 1200), quality=83)
    files[f"{SECTION}/bai-3/nho.jpg"] = samples.jpeg((700, 525))
    files["pages/gioi-thieu/tru-so.jpg"] = samples.jpeg((1600, 1200), quality=84)
    site = build_site(tmp_path / "on", files)
    small, text, gallery = card_pictures(site, f"{SECTION}/index.html")  # newest first
    assert small == {"img": ["nho-thumb.jpg"], "source": ["nho-thumb.webp"], "sizes": set()}
    for card, stem in ((text, "anh"), (gallery, "anh")):
        assert card == {"img": [f"{stem}-thumb.jpg 400w", f"{stem}-thumb-2x.jpg 800w"],
                        "source": [f"{stem}-thumb.webp 400w", f"{stem}-thumb-2x.webp 800w"],
                        "sizes": {"(min-width: 48em) 14rem, (min-width: 20em) 7rem, calc(100vw - 2rem)"}}
    assert card_pictures(site, "index.html")[1]["sizes"] == {
        "(min-width: 72rem) 16.125rem, (min-width: 64em) calc(25vw - 1.875rem), "
        "(min-width: 48em) calc(50vw - 2.25rem), (min-width: 20em) 7rem, calc(100vw - 2rem)"}
    # the text's card links the files it lists, and they are 800 x 600, the thumbnail's crop
    offered = {urlsplit(entry.split()[0]).path for tag in site.html(f"{SECTION}/index.html").select(
        ".card__thumb img, .card__thumb source") for entry in tag.get("srcset", "").split(",") if entry}
    assert {path for path in offered if "bai-2" in path} == {
        f"/{SECTION}/bai-2/anh-thumb{twin}.{ext}" for twin in ("", "-2x") for ext in ("jpg", "webp")}
    assert all(site.exists(path) for path in offered)
    twins = sorted(f for f in site.files() if "-thumb-2x." in f)
    assert twins == [f"{SECTION}/{post}/anh-thumb-2x.{ext}" for post in ("bai-1", "bai-2")
                     for ext in ("jpg", "webp")]
    for twin in twins:
        with Image.open(site.path(twin)) as image:
            assert image.size == (800, 600)
    off = build_site(tmp_path / "off", files, PHOTOS_THUMB_2X=None)
    assert [card["sizes"] for card in card_pictures(off, f"{SECTION}/index.html")] == [set(), set(), set()]
    assert card_pictures(off, f"{SECTION}/index.html")[1]["img"] == ["anh-thumb.jpg"]
    assert not [f for f in off.files() if "-thumb-2x." in f]


def card_pictures(site, path: str) -> list[dict]:
    """Each card's files (with their widths where it has a srcset) and sizes."""
    def files(tag):
        listed = tag.get("srcset") or tag["src"]
        return [re.sub(r"^\S*/|\?v=\w+", "", entry.strip()) for entry in listed.split(",")]

    return [{"img": files(card.select_one("img")), "source": files(card.select_one("source")),
             "sizes": {tag["sizes"] for tag in card.select("[sizes]")}}
            for card in site.html(path).select(".card__thumb")]


#: The width, in CSS pixels, the browser takes from the first entry of ``sizes`` whose
#: media condition holds: as it chooses from ``srcset``.
SIZES_WIDTH = """(sizes) => {
  for (const entry of sizes.split(/,(?![^(]*\\))/).map(s => s.trim())) {
    const m = entry.match(/^(\\(.*\\))\\s+(\\S.*)$/);
    if (m && !matchMedia(m[1]).matches) continue;
    const probe = document.createElement('div');
    probe.style.width = m ? m[2] : entry;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  }
}"""


@pytest.mark.parametrize("path", ["", f"{SECTION}/"])
@pytest.mark.parametrize("width", [180, 319, 320, 360, 412, 767, 768, 1023, 1024, 1151, 1152, 1600])
def test_the_sizes_are_the_width_the_listing_gives_a_card_picture(served, browser, path, width):
    page = open_listing(browser, served[0], path, width, 1)
    img = page.locator(".card__thumb img").first
    shown = img.evaluate("i => i.getBoundingClientRect().width")
    sizes = img.get_attribute("sizes")
    said = page.evaluate(SIZES_WIDTH, sizes)
    source_sizes = page.locator(".card__thumb source").first.get_attribute("sizes")
    page.context.close()
    assert source_sizes == sizes
    # never narrower than shown (the browser would take a file too small), and at most
    # a pixel or two wider
    assert shown - 0.5 <= said <= shown * 1.01 + 1.5, (shown, said)

"""Gallery thumbnails on screens of 1, 2 and 3 device pixels a CSS pixel, in Debian's
headless Chromium: each takes the one file its screen needs (the 2x twin only where the
400 px thumbnail would be enlarged), and the ``sizes`` the plugin writes are the widths
the theme's grid really gives a thumbnail, from a small phone to a wide screen.

Skipped when chromium is not installed (``apt-get install chromium``), except in CI.
"""

from __future__ import annotations

import re

import photo_samples as samples
import pytest

from conftest import build_site, post_files, require_chromium, section_files, serve_folder

pytestmark = pytest.mark.browser

require_chromium()

POST = "tin-tuc/thu-vien"
PHOTOS = 5


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files(POST, {"Title": "Thư viện ảnh", "Date": "2024-05-01"})
    for number in range(1, PHOTOS + 1):
        files[f"{POST}/anh-{number}.jpg"] = samples.jpeg((1600, 1200), quality=80 + number)
    site = build_site(tmp_path_factory.mktemp("dense"), files)
    with serve_folder(site.output) as url:
        yield url


def open_gallery(browser, url: str, width: int, dpr: float, fetched: list[str] | None = None):
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=dpr,
                                  is_mobile=dpr > 1, has_touch=dpr > 1)
    page = context.new_page()
    if fetched is not None:
        page.on("response", lambda r: fetched.append(r.url.split("?", 1)[0]) if "-thumb" in r.url else None)
    page.goto(f"{url}/{POST}/", wait_until="networkidle")
    page.locator(".gallery__item").last.scroll_into_view_if_needed()
    page.wait_for_function("[...document.querySelectorAll('.gallery img')].every(i => i.complete && i.naturalWidth)")
    return page


#: (viewport width, device pixels a CSS pixel) -> the thumbnail file each photo shows.
SCREENS = {
    (360, 1): "thumb.webp",  # a column 160 px wide: 160 device pixels
    (360, 2): "thumb.webp",  # 320: the 400 px thumbnail is enough
    (360, 3): "thumb-2x.webp",  # 480: the 400 px one would be enlarged
    (412, 2.625): "thumb-2x.webp",  # 488
    (1280, 1): "thumb.webp",  # a laptop: 4 columns of 176 px
}


def test_each_screen_downloads_the_one_thumbnail_it_needs(served, browser):
    shown, downloaded = {}, {}
    for (width, dpr) in SCREENS:
        fetched: list[str] = []
        page = open_gallery(browser, served, width, dpr, fetched)
        current = page.evaluate("[...document.querySelectorAll('.gallery img')].map(i => i.currentSrc)")
        page.context.close()
        shown[width, dpr] = [re.sub(r"\?.*", "", src).rsplit("/", 1)[1] for src in current]
        downloaded[width, dpr] = sorted(url.rsplit("/", 1)[1] for url in fetched)
    expected = {screen: [f"anh-{n}-{name}" for n in range(1, PHOTOS + 1)] for screen, name in SCREENS.items()}
    assert shown == expected
    assert downloaded == expected  # one file a photo: never both


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


@pytest.mark.parametrize("width", [320, 360, 412, 599, 600, 767, 768, 959, 960, 1023, 1024, 1151, 1152, 1600])
def test_the_sizes_are_the_width_the_grid_gives_a_thumbnail(served, browser, width):
    page = open_gallery(browser, served, width, 1)
    img = page.locator(".gallery img").first
    shown = img.evaluate("i => i.getBoundingClientRect().width")
    sizes = img.get_attribute("sizes")
    said = page.evaluate(SIZES_WIDTH, sizes)
    source_sizes = page.locator(".gallery source").first.get_attribute("sizes")
    page.context.close()
    assert source_sizes == sizes
    # never narrower than shown (the browser would take a file too small), and at most
    # a pixel or two wider
    assert shown - 0.5 <= said <= shown * 1.01 + 1.5, (shown, said)

"""What a reader sees: a built post page in Debian's headless Chromium, phone and desktop.

Screenshots are kept in ``test-artifacts/`` for review. Chromium is a Debian package
(``apt-get install chromium``; ``invoke test`` installs it when run as root); without it
these tests are skipped, except in CI where that is a failure.
"""

from __future__ import annotations


import pytest
from conftest import ROOT, build_site, post_files, require_chromium, section_files, serve_folder

ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser

require_chromium()


def jpeg(width: int, height: int, colour) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "JPEG", quality=80)
    return buf.getvalue()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/tin-hoat-dong", "Tin hoạt động của Nhà Trường", "School news")
    long_word = "Liênminhhợptácxãtỉnhtổchứccáclớpbồidưỡngtậphuấncánbộ" * 2
    body = (
        "Trong các ngày 11/9 và 12/9, nhà trường khai giảng **ba lớp bồi dưỡng** cho cán bộ "
        "quản lý hợp tác xã.\n\n![Toàn cảnh lớp học](lop-hoc.jpg)\n\n"
        f"Một từ rất dài để thử ngắt dòng: {long_word}. Và một liên kết dài: "
        "https://example.org/mot/duong/dan/rat/dai/khong/co/cho/ngat/dong/nao/ca/het.\n\n"
        "| Cột một | Cột hai | Cột ba | Cột bốn |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n"
    )
    files |= post_files("tin-tuc/tin-hoat-dong/khai-giang",
                        {"Title": "Khai giảng lớp bồi dưỡng cán bộ quản lý hợp tác xã năm 2018",
                         "Date": "2018-09-11 08:00", "Author": "Ban CSPTHTX", "body": body},
                        {"Title": "Training classes for cooperative managers open",
                         "Date": "2018-09-11 08:00", "Author": "Cooperative Development Board",
                         "body": "Three classes opened.\n\n![The classroom](lop-hoc.jpg)\n"})
    files |= post_files("tin-tuc/tin-hoat-dong/bai-cu", {"Title": "Bài cũ hơn", "Date": "2018-01-01"})
    files["tin-tuc/tin-hoat-dong/khai-giang/lop-hoc.jpg"] = jpeg(1600, 1200, (40, 90, 160))
    files["tin-tuc/tin-hoat-dong/khai-giang/thao-luan.jpg"] = jpeg(1200, 1600, (160, 90, 40))
    files["tin-tuc/tin-hoat-dong/khai-giang/tham-quan.jpg"] = jpeg(1600, 1200, (40, 160, 90))
    site = build_site(tmp_path_factory.mktemp("browser"), files)
    with serve_folder(site.output) as url:
        yield url



@pytest.mark.parametrize("path", ["/tin-tuc/tin-hoat-dong/khai-giang/",
                                  "/en/tin-tuc/tin-hoat-dong/khai-giang/"])
@pytest.mark.parametrize("width", [375, 1280])
def test_post_page_fits_the_screen_without_errors(served, browser, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # A request that failed; not one the browser gave up itself (net::ERR_ABORTED: seen once under
    # load, a photo's 480 px file cut off while the full-page picture below resized the screen).
    # A missing file is a 404, which the console says; a broken photo, a console error too.
    page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else problems.append(
        f"request failed: {r.url} ({r.failure})"))
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(served) else None)
    page.goto(served + path, wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "_")
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    # (the whole page on screen starts the gallery's lazy photos: let them come, or closing
    # the page cut them off, a "failed" request; a broken one is a console error)
    page.wait_for_function("[...document.images].every(img => img.complete)")
    # The figure's photo is displayed, not broken.
    natural = page.evaluate("document.querySelector('main figure img').naturalWidth")
    page.close()
    assert overflow <= 0, f"page is {overflow}px wider than a {width}px screen"
    assert problems == []
    assert foreign == [], "no request may go to another host"
    assert natural > 0


@pytest.mark.parametrize("width, dpr, wanted", [(360, 3, 1200), (412, 2.625, 1200), (360, 2, 960)])
def test_a_phone_downloads_the_figure_no_wider_than_it_needs(served, browser, width, dpr, wanted):
    """A phone 360 px wide at 3 device pixels a pixel shows the figure 328 px wide: 984
    device pixels. With widths 480, 960 and 1600 it took the 1600 px file, about twice the
    bytes of what it could show."""
    context = browser.new_context(viewport={"width": width, "height": 740}, device_scale_factor=dpr)
    page = context.new_page()
    page.goto(served + "/tin-tuc/tin-hoat-dong/khai-giang/", wait_until="networkidle")
    chosen = page.evaluate("document.querySelector('main figure img').currentSrc")
    context.close()
    assert f"-{wanted}w.webp" in chosen, chosen

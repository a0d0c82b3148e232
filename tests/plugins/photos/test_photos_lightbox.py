"""Photos in Debian's headless Chromium: plain links without JavaScript, and the lightbox
dialog with it, for gallery thumbnails and figures in the text (keyboard, focus, swipe,
labels in the page's language, WebP at the width the screen needs).

Skipped when chromium is not installed (``apt-get install chromium``), except in CI.
"""

from __future__ import annotations

import re

import photo_samples as samples
import pytest
from PIL import Image

from conftest import build_site, post_files, require_chromium, section_files, serve_folder, with_browser_text


pytestmark = pytest.mark.browser

require_chromium()

POST = "tin-tuc/bai-anh"
CAPTIONS = ["Khai mạc lớp học", "Học viên thảo luận", "Trao chứng chỉ"]
FIGURES = "tin-tuc/bai-hinh"  # two figures in the text, no gallery


def bare(url: str) -> str:
    """A photo's address without its version (``?v=``, plugins/photos/renditions.py)."""
    return url.split("?v=", 1)[0]


def colour_jpeg(colour) -> bytes:
    return samples.encoded(Image.new("RGB", (640, 480), colour), "JPEG", quality=80)



@pytest.fixture(scope="module")
def served(tmp_path_factory):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files(POST, {"Title": "Bài có ảnh", "Date": "2024-05-01"},
                        {"Title": "Post with photos", "Date": "2024-05-01"})
    for number, colour in enumerate([(200, 40, 40), (40, 160, 60), (40, 60, 200)], start=1):
        files[f"{POST}/anh-0{number}.jpg"] = colour_jpeg(colour)
    files[f"{POST}/captions.vi.txt"] = "".join(f"anh-0{n}.jpg: {c}\n" for n, c in enumerate(CAPTIONS, 1))
    files |= post_files(FIGURES, {"Title": "Bài có hình", "Date": "2024-05-02",
                                  "body": "Mở đầu.\n\n![Khai mạc](a.jpg)\n\nGiữa bài.\n\n![Bế mạc](b.jpg)\n"})
    files[f"{FIGURES}/a.jpg"] = samples.encoded(Image.new("RGB", (1200, 900), (200, 120, 40)), "JPEG")
    files[f"{FIGURES}/b.jpg"] = samples.encoded(Image.new("RGB", (1200, 900), (40, 120, 200)), "JPEG")
    site = build_site(tmp_path_factory.mktemp("lightbox"), files)
    with serve_folder(site.output) as url:
        yield url


def open_page(browser, url: str, problems: list[str], **context):
    page = browser.new_context(viewport={"width": 390, "height": 800}, **context).new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(url, wait_until="networkidle")
    if not page.query_selector("script[src*='/lightbox.js?v=']"):
        page.add_script_tag(url="/theme/js/lightbox.js")
        page.add_style_tag(url="/theme/css/photos.css")
    return page


def large_src(page) -> str:
    """The large photo's address once the viewer shows it (the thumbnail the reader
    tapped stands in for it until it has arrived)."""
    page.wait_for_function("""() => { const i = document.querySelector('.lightbox__image');
        return i.hasAttribute('srcset') && i.complete && i.naturalWidth > 0; }""")
    return bare(page.locator(".lightbox__image").get_attribute("src"))


def large_current(page) -> str:
    large_src(page)
    return bare(page.evaluate("document.querySelector('.lightbox__image').currentSrc"))


def caption_shown(page) -> str:
    return page.locator("dialog.lightbox .lightbox__caption").inner_text()


def test_without_javascript_a_thumbnail_is_a_link_to_the_large_photo(served, browser):
    problems: list[str] = []
    page = open_page(browser, f"{served}/{POST}/", problems, java_script_enabled=False)
    page.locator(".gallery__link").nth(1).click()
    page.wait_for_load_state()
    assert bare(page.url) == f"{served}/{POST}/anh-02-640w.jpg"
    page.context.close()


def test_lightbox_opens_moves_and_closes_with_the_keyboard(served, browser):
    problems: list[str] = []
    page = open_page(browser, f"{served}/{POST}/", problems)
    opener = page.locator(".gallery__link").nth(1)
    opener.click()
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert dialog.get_attribute("aria-modal") == "true"
    assert dialog.get_attribute("aria-label") == "Xem ảnh"
    assert page.get_by_role("dialog", name="Xem ảnh").is_visible()
    # Opaque: the page's text showed through behind the caption on phones.
    background = page.evaluate("getComputedStyle(document.querySelector('dialog.lightbox')).backgroundColor")
    assert background.startswith("rgb(") and not background.startswith("rgba("), background
    assert large_src(page).endswith("/anh-02-640w.jpg")
    # 390 px wide at 1 dppx: the 480 px WebP, not the 640 px JPEG the link opens without JavaScript
    assert large_current(page).endswith("/anh-02-480w.webp")
    assert caption_shown(page) == CAPTIONS[1]
    close = page.get_by_role("button", name="Đóng")
    assert close.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('lightbox__close')")

    page.keyboard.press("ArrowRight")
    assert caption_shown(page) == CAPTIONS[2]
    page.keyboard.press("ArrowRight")  # wraps round to the first
    assert caption_shown(page) == CAPTIONS[0]
    page.keyboard.press("ArrowLeft")
    assert caption_shown(page) == CAPTIONS[2]
    page.wait_for_function("document.querySelector('.lightbox__image').naturalWidth > 0")

    for _ in range(5):  # the focus never leaves the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('dialog.lightbox').contains(document.activeElement)")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.querySelector('dialog.lightbox').contains(document.activeElement)")

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert bare(page.evaluate("document.activeElement.getAttribute('href')")).endswith("/anh-02-640w.jpg")
    assert problems == []
    page.context.close()


def test_buttons_swipe_and_english_labels(served, browser):
    problems: list[str] = []
    page = open_page(browser, f"{served}/en/{POST}/", problems, has_touch=True)
    page.locator(".gallery__link").first.click()
    assert page.get_by_role("dialog", name="Photo viewer").is_visible()
    assert page.locator("dialog.lightbox .lightbox__caption").is_hidden()  # no English captions
    assert page.locator(".lightbox__image").get_attribute("alt") == "Post with photos – photo 1"
    page.get_by_role("button", name="Next photo").click()
    assert large_src(page).endswith("/anh-02-640w.jpg")
    page.evaluate("""() => {
        const dialog = document.querySelector('dialog.lightbox');
        const at = (x) => new Touch({identifier: 1, target: dialog, clientX: x, clientY: 300});
        dialog.dispatchEvent(new TouchEvent('touchstart', {touches: [at(300)], changedTouches: [at(300)]}));
        dialog.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [at(120)]}));
    }""")
    assert large_src(page).endswith("/anh-03-640w.jpg")
    page.get_by_role("button", name="Close").click()
    assert not page.locator("dialog.lightbox").is_visible()
    assert problems == []
    page.context.close()


def finger_swipe(page, from_x: float, to_x: float, y: float) -> None:
    """A finger's swipe as the phone's screen reports it (touch points through Chromium's
    input, so the browser's own gestures see it too, not events made by a script)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": from_x, "y": y}]})
    for step in range(1, 8):
        x = from_x + (to_x - from_x) * step / 7
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


@pytest.mark.parametrize("where", ["below the photo", "on a button"])
def test_a_swipe_anywhere_in_the_viewer_moves_the_photos_and_stays_on_the_post(served, browser, where):
    """A reader who came from the section's page swiped right for the previous photo,
    beside the photo rather than on it (on the black below a landscape photo, or from
    the ‹ button): the phone's browser took it as "back" and left the post for the
    section's page. Only a swipe on the photo itself moved the photos."""
    problems: list[str] = []
    page = open_page(browser, f"{served}/tin-tuc/", problems, has_touch=True, is_mobile=True,
                     device_scale_factor=3)
    page.goto(f"{served}/{POST}/", wait_until="networkidle")  # the section's page is "back"
    page.locator(".gallery__link").nth(1).tap()
    assert caption_shown(page) == CAPTIONS[1]
    photo = page.locator(".lightbox__image").bounding_box()
    button = page.locator(".lightbox__prev").bounding_box()
    y = photo["y"] + photo["height"] + 60 if where == "below the photo" else button["y"] + button["height"] / 2
    start = 30 if where == "on a button" else 60
    assert y < 780 and page.evaluate(f"document.elementFromPoint({start}, {y}) !== document.querySelector('.lightbox__image')")
    finger_swipe(page, start, 330, y)
    page.wait_for_timeout(300)  # room for a navigation to begin: none must
    assert page.url == f"{served}/{POST}/"
    assert page.locator("dialog.lightbox").is_visible()
    assert caption_shown(page) == CAPTIONS[0]
    assert problems == []
    page.context.close()


def test_without_javascript_a_figure_is_a_link_to_the_large_jpeg(served, browser):
    problems: list[str] = []
    page = open_page(browser, f"{served}/{FIGURES}/", problems, java_script_enabled=False)
    assert bare(page.evaluate("document.querySelector('figure img').currentSrc")).endswith(".webp")
    page.locator("a.figure__link").nth(1).click()
    page.wait_for_load_state()
    assert bare(page.url) == f"{served}/{FIGURES}/b-1200w.jpg"
    page.context.close()


def test_figures_open_in_the_lightbox_with_labels_from_the_first_figure(served, browser):
    problems: list[str] = []
    page = open_page(browser, f"{served}/{FIGURES}/", problems, device_scale_factor=2)
    opener = page.locator("a.figure__link").nth(1)
    opener.click()
    assert page.get_by_role("dialog", name="Xem ảnh").is_visible()
    assert page.get_by_role("button", name="Đóng").is_visible()
    assert caption_shown(page) == "Bế mạc"
    # Read aloud as it opens: the number and what the photo shows, not the number alone.
    assert page.locator(".lightbox__count[aria-live]").text_content() == "2 / 2: Bế mạc"
    assert page.locator(".lightbox__count .visually-hidden").text_content() == ": Bế mạc"
    # 390 px at 2 dppx wants 780 px: the 960 px WebP
    assert large_current(page).endswith("/b-960w.webp")
    page.keyboard.press("ArrowRight")
    assert caption_shown(page) == "Khai mạc"
    assert page.locator(".lightbox__count").text_content() == "1 / 2: Khai mạc"
    page.keyboard.press("Escape")
    assert not page.locator("dialog.lightbox").is_visible()
    assert bare(page.evaluate("document.activeElement.getAttribute('href')")).endswith("/b-1200w.jpg")
    assert problems == []
    page.context.close()


def test_without_webp_the_lightbox_and_figures_show_the_jpegs(tmp_path, browser):
    """PHOTOS_WEBP=False: the lightbox picks from the JPEG widths, figures show a JPEG."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files(POST, {"Title": "Bài có ảnh", "Date": "2024-05-01", "body": "![Mở đầu](anh-01.jpg)\n"},
                        {"Title": "Post with photos", "Date": "2024-05-01"})
    for number, colour in enumerate([(200, 40, 40), (40, 160, 60)], start=1):
        files[f"{POST}/anh-0{number}.jpg"] = colour_jpeg(colour)
    site = build_site(tmp_path, files, PHOTOS_WEBP=False)
    with serve_folder(site.output) as url:
        problems: list[str] = []
        page = open_page(browser, f"{url}/{POST}/", problems)
        assert bare(page.evaluate("document.querySelector('figure img').currentSrc")).endswith("/anh-01-480w.jpg")
        page.locator(".gallery__link").first.click()
        assert page.locator("dialog.lightbox").is_visible()
        # 390 px wide at 1 dppx: the 480 px JPEG
        assert large_current(page).endswith("/anh-02-480w.jpg")
        assert problems == []
        page.context.close()


@pytest.mark.parametrize("forced", ["none", "active"])
def test_the_viewers_buttons_stand_out_over_any_photo_and_in_a_contrast_theme(served, browser, forced):
    """Over a photo's light parts a white "‹" on a white wash read at 1.4:1 on a phone;
    in a Windows contrast theme the borderless buttons read as plain text."""
    problems: list[str] = []
    page = open_page(browser, f"{served}/{FIGURES}/", problems, forced_colors=forced)
    page.locator("a.figure__link").nth(0).click()
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.lightbox__next'));
        return [s.backgroundColor, s.borderTopWidth, s.borderTopStyle]; }""")
    page.context.close()
    if forced == "none":
        assert style[0] == "rgba(0, 0, 0, 0.55)", style
    else:
        assert style[1:] == ["1px", "solid"], style


#: The large renditions' addresses (anh-02-480w.webp?v=…), not the thumbnails'.
LARGE = re.compile(r"-\d+w\.(webp|jpg)(\?|$)")

#: Every layout shift, those right after a tap too (CLS leaves them out; a reader sees them).
SHIFTS = """window.__shifts = []; new PerformanceObserver(l => { for (const e of l.getEntries())
    window.__shifts.push(e.value); }).observe({type: 'layout-shift', buffered: true});"""

BOXES = """() => { const box = (s) => { const r = document.querySelector(s).getBoundingClientRect();
    return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)]; };
  return {image: box('.lightbox__image'), caption: box('.lightbox__caption'), count: box('.lightbox__count')}; }"""


@pytest.mark.parametrize("portrait", [False, True])
def test_on_a_slow_phone_the_tapped_thumbnail_shows_at_once_and_nothing_moves(served, browser, portrait):
    """On slow 4G a tap showed a black screen for a second or more (the image, empty, had
    no size), the caption mid-screen, then the photo pushed the caption down (a shift of
    0.17). Now the thumbnail the reader tapped, already loaded, fills the photo's box at
    once, and the large photo takes its place there. The large photos are held back here
    until the first look is measured, as a slow network would."""
    problems: list[str] = []
    width, height = (360, 740) if portrait else (740, 360)  # a phone upright, and on its side
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=3,
                                  is_mobile=True, has_touch=True)
    context.add_init_script(SHIFTS)
    held = []
    page = context.new_page()
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(f"{served}/{POST}/", wait_until="networkidle")
    page.locator(".gallery__link").nth(1).scroll_into_view_if_needed()
    page.wait_for_function("[...document.querySelectorAll('.gallery__link img')].every(i => i.complete && i.naturalWidth)")
    page.route(LARGE, lambda route: held.append(route))
    thumb = page.evaluate("document.querySelectorAll('.gallery__link img')[1].currentSrc")
    page.locator(".gallery__link").nth(1).tap()
    page.locator("dialog.lightbox").wait_for(state="visible")
    # The thumbnail comes from the browser's cache, at once on a phone; on a test machine
    # under load it may take a few frames. The large photo is held back meanwhile, so
    # whatever the box shows first is the thumbnail or nothing.
    page.wait_for_function("(i => i.complete && i.naturalWidth > 0)(document.querySelector('.lightbox__image'))",
                           timeout=5000)
    first = page.evaluate("""() => { const i = document.querySelector('.lightbox__image');
        return [i.currentSrc, i.complete && i.naturalWidth > 0]; }""")
    before = page.evaluate(BOXES)
    assert held, "the large photo was asked for"
    for route in held:
        route.continue_()
    page.unroute(LARGE)
    large = large_current(page)
    after = page.evaluate(BOXES)
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert first == [thumb, True]  # the thumbnail, shown, not an empty black screen
    left, top, shown_width, shown_height = before["image"]
    assert shown_width > 0 and abs(shown_width / shown_height - 640 / 480) < 0.02, before
    assert shown_width <= width and top + shown_height <= before["caption"][1] <= height, before
    assert "-thumb" not in large and large.endswith(".webp")
    assert after == before  # the large photo in the thumbnail's place: nothing moved
    assert shifts == []
    assert problems == []


#: Captions as staff write them under a class photo: long enough to wrap many times in
#: large text on a phone.
LONG_CAPTIONS = [
    "Học viên lớp bồi dưỡng giám đốc hợp tác xã chụp ảnh lưu niệm cùng giảng viên hướng dẫn, "
    "cán bộ Phòng Đào tạo và đại diện Liên minh Hợp tác xã tỉnh trong ngày bế giảng tại hội trường lớn",
    "Đại diện học viên phát biểu cảm nghĩ sau ba đợt học tập trung",
]

#: Where the viewer's parts stand, in pixels of the screen, its own scroll at the top.
PARTS = """() => { const box = (s) => { const r = document.querySelector(s).getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const d = document.querySelector('dialog.lightbox'); d.scrollTop = 0;
  return {image: box('.lightbox__image'), caption: box('.lightbox__caption'), count: box('.lightbox__count'),
          close: box('.lightbox__close'), prev: box('.lightbox__prev'), next: box('.lightbox__next')}; }"""


#: The viewer scrolled to its end (a viewer taller than the screen scrolls).
TO_THE_END = "(d => d.scrollTop = d.scrollHeight)(document.querySelector('dialog.lightbox'))"


def viewer_with_text(browser, url: str, width: int, text: int, height: int = 740):
    """``url`` with the browser's text at ``text`` px and the viewer open on its first photo."""
    context, page = with_browser_text(browser, url, width, text, height)
    page.locator(".gallery__link").first.click()
    page.locator("dialog.lightbox").wait_for(state="visible")
    return context, page


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.fixture(scope="module")
def long_captions(tmp_path_factory):
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files(POST, {"Title": "Bế giảng", "Date": "2024-05-01"})
    for number, colour in enumerate([(200, 40, 40), (40, 160, 60)], start=1):
        files[f"{POST}/anh-0{number}.jpg"] = colour_jpeg(colour)
    files[f"{POST}/captions.vi.txt"] = "".join(f"anh-0{n}.jpg: {c}\n" for n, c in enumerate(LONG_CAPTIONS, 1))
    site = build_site(tmp_path_factory.mktemp("long-captions"), files)
    with serve_folder(site.output) as url:
        yield url


@pytest.mark.parametrize("text", [16, 24, 32])
def test_a_long_caption_in_large_text_stays_clear_of_the_arrows_and_the_count(long_captions, browser, text):
    """With the phone's text at 150 % the arrows, halfway down the screen, stood over the
    first lines of a long caption; at 200 % the viewer, taller than the screen, went up
    under "Đóng" and the count "1 / 2" stood over the caption's words. The arrows now sit
    halfway down the photo, a viewer taller than the screen scrolls from its top, and
    "Đóng" stays where it is while it scrolls."""
    context, page = viewer_with_text(browser, f"{long_captions}/{POST}/", 360, text)
    assert caption_shown(page) == LONG_CAPTIONS[0]
    parts = page.evaluate(PARTS)
    page.evaluate(TO_THE_END)
    count_at_the_end = page.locator(".lightbox__count").bounding_box()
    close_at_the_end = page.locator(".lightbox__close").bounding_box()
    page.locator(".lightbox__close").click()  # in reach without scrolling back
    closed = not page.locator("dialog.lightbox").is_visible()
    context.close()
    image, caption = parts["image"], parts["caption"]
    for arrow in (parts["prev"], parts["next"]):
        assert image["top"] <= (arrow["top"] + arrow["bottom"]) / 2 <= image["bottom"], parts
        assert not overlap(arrow, caption), parts
    assert image["top"] >= parts["close"]["bottom"], parts
    # Centred on the screen, within the viewer's padding (3.5rem above, 1rem below),
    # when it fits; else starting at its top.
    above, below = image["top"] - 3.5 * text, 740 - text - parts["count"]["bottom"]
    assert above >= -0.5 and abs(above - max(below, 0)) <= 1, parts
    assert not overlap(parts["count"], caption), parts
    assert count_at_the_end["y"] + count_at_the_end["height"] <= 740  # the whole viewer can be read
    assert close_at_the_end["y"] == parts["close"]["top"] and closed


def test_a_click_on_the_black_beside_the_photo_closes_the_viewer(served, browser):
    """On a wide screen the photo stands in the middle: a click on the black beside it, or
    beside its caption, closes the viewer; a click on the photo does not."""
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{served}/{POST}/", wait_until="networkidle")
    dialog = page.locator("dialog.lightbox")
    for where in ("photo", "beside the photo", "beside the caption"):
        page.locator(".gallery__link").first.click()
        assert dialog.is_visible()
        photo = page.locator(".lightbox__image").bounding_box()
        caption = page.locator(".lightbox__caption").bounding_box()
        x, y = {"photo": (photo["x"] + 20, photo["y"] + 20),
                "beside the photo": (photo["x"] / 2, photo["y"] + 20),
                "beside the caption": (photo["x"] / 2, caption["y"] + caption["height"] / 2)}[where]
        assert photo["x"] > 100  # (black on both sides of it)
        page.mouse.click(x, y)
        assert dialog.is_visible() == (where == "photo"), where
        if where == "photo":
            page.keyboard.press("Escape")
            assert not dialog.is_visible()
    page.context.close()


@pytest.mark.parametrize("text", [16, 24, 32])
def test_on_a_phone_turned_sideways_larger_text_leaves_the_photo_its_size(long_captions, browser, text):
    """The photo had the screen's height but 9rem (for "Đóng", the caption and the count):
    on a phone turned sideways (740 × 360) with the text at 200 % that was 72 px, the photo
    a stamp (144 px at 150 %). It keeps 60 % of the screen's height; the caption is below,
    the viewer scrolls to it."""
    context, page = viewer_with_text(browser, f"{long_captions}/{POST}/", 740, text, height=360)
    photo = page.evaluate(PARTS)["image"]
    page.evaluate(TO_THE_END)
    count = page.locator(".lightbox__count").bounding_box()
    context.close()
    assert photo["bottom"] - photo["top"] >= 0.6 * 360 - 0.5, photo
    assert photo["bottom"] <= 360  # the whole photo on the first screen
    assert count["y"] + count["height"] <= 360  # and the caption and count when scrolled to


#: What a tap reaches at the corners and the middle of "Đóng" (2 px inside its edges):
#: "close", or the class (else the tag) of the element the browser finds on top there.
ON_TOP_OF_CLOSE = """() => { const close = document.querySelector('.lightbox__close');
  const r = close.getBoundingClientRect();
  return [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2],
          [r.right - 2, r.bottom - 2], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]]
    .map(([x, y]) => { const e = document.elementFromPoint(x, y);
      return e && close.contains(e) ? 'close' : (e ? e.className || e.tagName : null); }); }"""


@pytest.mark.parametrize("width, height", [(360, 740), (740, 360)], ids=["upright", "sideways"])
@pytest.mark.parametrize("text", [16, 24, 32])
def test_close_stays_on_top_of_the_arrows_while_the_viewer_scrolls(long_captions, browser, text, width, height):
    """A viewer taller than the screen (a phone turned sideways, or upright with the text
    at 200 %) scrolls, and "Đóng" stays where it is: scrolled to the caption, the photo
    and its "›" arrow, which move, came up under it and were drawn over it (the arrow's
    grey box over the "ng", the photo over all of it), and a tap there went to them.
    "Đóng" is on top wherever it stands."""
    context, page = viewer_with_text(browser, f"{long_captions}/{POST}/", width, text, height=height)
    at_the_top = page.evaluate(ON_TOP_OF_CLOSE)
    page.evaluate(TO_THE_END)
    at_the_end = page.evaluate(ON_TOP_OF_CLOSE)
    page.locator(".lightbox__close").click(position={"x": 4, "y": 4}, force=True)
    closed = not page.locator("dialog.lightbox").is_visible()
    context.close()
    assert at_the_top == ["close"] * 5
    assert at_the_end == ["close"] * 5
    assert closed

"""The theme in Debian's headless Chromium: phones from 360 px, keyboard use, copy link.

Skipped when chromium is not installed (``apt-get install chromium``), except in CI.
"""

from __future__ import annotations

import io

import pytest
from conftest import build_site, post_files, require_chromium, serve_folder, with_browser_text
from tags.tags import tag_slug
from theme_support import BASE, LONG_URL as LONG_URL_TYPED, LONG_WORD, stress_site


pytestmark = pytest.mark.browser

require_chromium()

STRESS_POST = "/tin-tuc/tin-hoat-dong/so-ket/"
PRINT_POST = "/tin-tuc/tin-hoat-dong/thong-bao-in/"
PAGES = ["/", "/en/", "/tin-tuc/", "/tin-tuc/luu-tru/page/2/", STRESS_POST, "/en" + STRESS_POST,
         "/tin-tuc/tin-hoat-dong/le-khai-giang-2018/", "/gioi-thieu/", "/en/gioi-thieu/",
         "/chu-de/", "/chu-de/so-ket/", "/en/topics/training/", "/chu-de/" + tag_slug(LONG_WORD) + "/"]


def jpeg(width: int, height: int, colour) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "JPEG", quality=80)
    return buf.getvalue()



@pytest.fixture(scope="module")
def served(tmp_path_factory):
    files = stress_site()
    folder = "tin-tuc/tin-hoat-dong/so-ket"
    files[f"{folder}/index.vi.md"] += "\n![Toàn cảnh hội nghị sơ kết](toan-canh.jpg)\n"
    files[f"{folder}/toan-canh.jpg"] = jpeg(1600, 1000, (40, 90, 160))
    files[f"{folder}/hoc-vien.jpg"] = jpeg(1000, 1400, (160, 90, 40))
    # Vietnamese only (the page says it is not in English), to print: links and code.
    files |= post_files(PRINT_POST.strip("/"), {"Title": "Thông báo in ra", "Date": "2010-01-04", "body": (
        "Quyết định: [Quyết định số 12](https://example.org/qd-12.pdf). Tệp gốc: https://example.org/qd-12.pdf\n\n"
        "Trang của Liên minh: www.example.org\n\n"
        f"```\n{'dong-lenh-rat-dai ' * 12}{'x' * 120}\n```\n")})
    site = build_site(tmp_path_factory.mktemp("theme-browser"), files, SECTIONS_PER_PAGE=2)
    with serve_folder(site.output) as url:
        yield url


def open_page(browser, served, path, width=375, **options):
    """A fresh browser context on ``path``; ``problems`` collects script errors, failed
    requests and any request to another host."""
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: None if r.url.startswith(served + "/") else problems.append(f"foreign request {r.url}"))
    page.goto(served + path, wait_until="load")
    return context, page, problems


@pytest.mark.parametrize("width", [360, 375, 1280])
def test_pages_fit_the_screen_and_load_cleanly(served, browser, width):
    for path in PAGES:
        context, page, problems = open_page(browser, served, path, width)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(el => !el.closest('.visually-hidden, .skip-link, table'))
            .map(el => el.tagName + '.' + el.className).slice(0, 5)""")
        context.close()
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen: {wide}"
        assert wide == [], path
        assert problems == [], path


def test_wide_tables_scroll_inside_the_text(served, browser):
    context, page, _ = open_page(browser, served, STRESS_POST, 360)
    box = page.evaluate("""() => { const t = document.querySelector('.post__body .table-scroll');
        return [t.getBoundingClientRect().right, t.scrollWidth, t.clientWidth,
                document.querySelector('.post__body').getBoundingClientRect().right,
                getComputedStyle(t.querySelector('table')).display]; }""")
    # The keyboard scrolls it too: it takes the focus, and the arrow key moves it.
    page.focus(".post__body .table-scroll")
    assert page.evaluate("document.activeElement.className") == "table-scroll"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.post__body .table-scroll').scrollLeft > 0", timeout=3000)
    moved = page.evaluate("document.querySelector('.post__body .table-scroll').scrollLeft")
    context.close()
    right, scroll_width, client_width, body_right, display = box
    assert right <= body_right + 1
    assert scroll_width > client_width, "the table scrolls sideways in its box"
    # A table drawn as a block loses its table semantics in Safari's screen reader.
    assert display == "table"
    assert moved > 0


def test_skip_link_appears_on_focus_and_moves_focus_to_main(served, browser):
    context, page, _ = open_page(browser, served, "/tin-tuc/", 375)
    hidden = page.evaluate("document.querySelector('.skip-link').getBoundingClientRect().bottom")
    assert hidden <= 0, "the skip link is off screen until focused"
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const a = document.activeElement; const r = a.getBoundingClientRect();
        return [a.className, r.top, r.bottom, getComputedStyle(a).outlineStyle]; }""")
    assert focused[0] == "skip-link"
    assert focused[1] >= 0 and focused[2] > focused[1], "the focused skip link is on screen"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Chuyển đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_keyboard_focus_is_visible(served, browser):
    context, page, _ = open_page(browser, served, "/", 1280)
    for _ in range(3):  # the skip link, the switcher's "English", the site's name
        page.keyboard.press("Tab")
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.className, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    context.close()
    assert style[0] == "site-brand"
    assert style[1] == "solid" and style[2] >= 2


@pytest.mark.parametrize("width", [360, 1280])
def test_the_keyboard_goes_through_the_header_in_the_order_the_eye_does(served, browser, width):
    """Top to bottom, then left to right: a phone showed the language switcher above the
    site's name but Tab reached it after the name (the header was drawn in reverse)."""
    context, page, _ = open_page(browser, served, STRESS_POST, width)
    page.keyboard.press("Tab")  # the skip link
    seen = []
    for _ in range(4):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
            return [a.closest('.lang-switch') ? 'switcher' : a.className || a.textContent.trim(), r.top, r.left]; }"""))
    context.close()
    assert [name for name, _, _ in seen[:2]] == ["switcher", "site-brand"], seen
    for (name, top, left), (after, next_top, next_left) in zip(seen, seen[1:]):
        # the next one lower down, or on the same line further right
        assert next_top > top + 4 or (abs(next_top - top) <= 4 and next_left > left), (name, after, seen)


def test_breadcrumb_separators_are_drawn_by_css(served, browser):
    context, page, _ = open_page(browser, served, STRESS_POST, 375)
    content = page.evaluate("""() => [...document.querySelectorAll('.breadcrumbs__list li')]
        .map(li => getComputedStyle(li, '::before').content)""")
    context.close()
    assert content[0] in ("none", "normal")
    assert all("›" in c for c in content[1:])


@pytest.mark.parametrize("width, path", [(360, STRESS_POST), (320, STRESS_POST), (180, STRESS_POST),
                                         (360, "/en" + STRESS_POST), (180, "/tin-tuc/tin-hoat-dong/")])
def test_a_wrapped_trail_keeps_each_separator_with_the_link_it_leads_to(served, browser, width, path):
    """At 360 px a post of "Tin hoạt động của Nhà Trường" showed "Trang chủ › Tin tức ›" and
    its section's link alone on the next line: the "›" ended a line, pointing at nothing.
    Each "›" is on the line where its link starts, and the trail is no wider than the
    screen (a long section's name wraps in its link)."""
    context, page, _ = open_page(browser, served, path, width)
    trail = page.evaluate("""() => [...document.querySelectorAll('.breadcrumbs__list li + li')]
        .filter(li => li.getClientRects().length && li.querySelector('a')).map(li => {
            // a mark right after the li's ::before "›": the line the separator is on
            const a = li.querySelector('a'), mark = document.createElement('span'); mark.textContent = '\u200b'; li.prepend(mark);
            const top = mark.getBoundingClientRect().top; mark.remove();
            return {name: a.textContent.trim(), separator: top, link: a.getClientRects()[0].top,
                    right: li.getBoundingClientRect().right}; })""")
    width_seen = page.evaluate("innerWidth")
    context.close()
    assert trail
    assert [t["name"] for t in trail if abs(t["separator"] - t["link"]) > 16] == []
    assert [t["name"] for t in trail if t["right"] > width_seen] == []


def test_on_a_phone_the_menu_is_one_row_and_the_trail_stops_at_the_section(served, browser):
    """At 360 px "Tìm kiếm" wrapped onto a row of its own and the trail repeated the
    post's title (four lines): the title began halfway down the screen."""
    trails = {}
    for width in (360, 1280):
        context, page, _ = open_page(browser, served, STRESS_POST, width)
        rows = page.evaluate("""() => new Set([...document.querySelectorAll('.site-nav li')]
            .map(li => Math.round(li.getBoundingClientRect().top))).size""")
        trails[width] = page.evaluate("""() => [...document.querySelectorAll('.breadcrumbs__list li')]
            .filter(li => li.getClientRects().length).map(li => li.textContent.trim())""")
        title = page.evaluate("document.querySelector('h1').textContent.trim()")
        context.close()
        assert rows == 1, width
    assert trails[360] == ["Trang chủ", "Tin tức", "Tin hoạt động của Nhà Trường"]
    assert trails[1280] == trails[360] + [title]


def test_copy_link_copies_the_post_url_and_confirms(served, browser):
    context, page, problems = open_page(browser, served, STRESS_POST, 375)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    page.click("a.share__link--copy")
    page.wait_for_function("document.querySelector('.share__status').textContent !== ''")
    assert page.text_content(".share__status") == "Đã sao chép liên kết"
    assert page.url == served + STRESS_POST, "the click must not navigate"
    assert page.evaluate("navigator.clipboard.readText()") == BASE + STRESS_POST
    context.close()
    assert problems == []


def test_copy_link_is_a_button_to_keyboards_and_screen_readers(served, browser):
    """With the script it copies rather than leads: announced as a link, and Space (a
    button's key) scrolled the page instead."""
    # (without smooth scrolling: focusing the link scrolls to it, and on a busy machine the
    # smooth scroll was still under way when the position before Space was read)
    context, page, problems = open_page(browser, served, STRESS_POST, 375, reduced_motion="reduce")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    link = page.locator("a.share__link--copy")
    assert link.get_attribute("role") == "button"
    assert page.get_by_role("button", name="Sao chép liên kết").count() == 1
    link.focus()
    before = page.evaluate("window.scrollY")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.share__status').textContent !== ''")
    # (Space scrolls a page by most of a screen; the status line may move it a little)
    assert abs(page.evaluate("window.scrollY") - before) < 100
    assert page.evaluate("navigator.clipboard.readText()") == BASE + STRESS_POST
    context.close()
    assert problems == []


#: A phone's share sheet, as Android's and iOS's browsers give it (Chromium on Linux has none).
SHARE_SHEET = """Object.defineProperty(navigator, 'share', {configurable: true,
    value: data => { window.__shared = data; return Promise.resolve(); }});"""


@pytest.mark.parametrize("path, name, title", [
    (STRESS_POST, "Ứng dụng khác", "Hội nghị <b>Sơ kết</b> & tập huấn <i>2019</i>"),
    ("/en" + STRESS_POST, "Other apps", "Review <b>meeting</b> & training"),
])
def test_where_the_phone_has_a_share_sheet_a_pill_opens_it_with_the_post(served, browser, path, name, title):
    """On a phone the Facebook pill opens facebook.com in the browser, where a reader who
    uses Facebook's app is not signed in, and Messenger's or Zalo's app is offered by none:
    the phone's own share sheet (navigator.share) lists the apps the reader has."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    context.add_init_script(SHARE_SHEET)
    page = context.new_page()
    page.goto(served + path)
    sheet = page.get_by_role("button", name=name)
    assert sheet.is_visible()
    sheet.tap()
    page.wait_for_function("window.__shared")
    shared = page.evaluate("window.__shared")
    assert page.url == served + path, "the tap must not navigate"
    context.close()
    assert shared == {"title": title, "url": BASE + path}


def test_without_a_share_sheet_or_script_no_pill_offers_one(served, browser):
    for options in ({}, {"java_script_enabled": False}):
        context, page, problems = open_page(browser, served, STRESS_POST, 375, **options)
        assert page.evaluate("typeof navigator.share") == "undefined" or options
        assert page.locator(".share li").count() == 5
        assert [li.is_visible() for li in page.locator(".share li").all()] == [True] * 4 + [False]
        context.close()
        assert problems == []


def test_the_page_of_feeds_copies_a_feeds_address_where_it_opened_xml(served, browser):
    """The page of feeds gave each feed's address as a link that, tapped on a phone,
    opened a page of XML: the page says to copy the address into a feed reader, which on
    a phone meant a long press. A tap on RSS or Atom now copies it and says so in its row
    (without the script, or without a clipboard, it is the plain link)."""
    context, page, problems = open_page(browser, served, "/kenh-tin/", 375)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    rows = page.locator(".feed-list li")
    atom = rows.nth(1).locator("a", has_text="Atom")
    assert atom.get_attribute("role") == "button"
    href = atom.get_attribute("href")
    atom.click()
    status = rows.nth(1).locator("[role=status]")
    page.wait_for_function("document.querySelectorAll('.feed-list [role=status]')[1].textContent !== ''")
    assert status.text_content() == "Đã chép địa chỉ: hãy dán vào ứng dụng đọc tin"
    assert page.url == served + "/kenh-tin/", "the tap must not open the feed"
    assert page.evaluate("navigator.clipboard.readText()") == BASE + href
    # (the other rows say nothing; an empty status line takes no room)
    assert rows.nth(0).locator("[role=status]").text_content() == ""
    assert not rows.nth(0).locator("[role=status]").is_visible()
    context.close()
    assert problems == []
    context, page, _ = open_page(browser, served, "/kenh-tin/", 375, java_script_enabled=False)
    assert page.locator(".feed-list a").first.get_attribute("role") is None
    context.close()
    # So do a section's own ("Theo dõi mục này: RSS · Atom"), under its posts.
    context, page, problems = open_page(browser, served, "/tin-tuc/", 375)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    page.locator(".feed-links a", has_text="RSS").click()
    page.wait_for_function("document.querySelector('.feed-links [role=status]').textContent !== ''")
    assert page.url == served + "/tin-tuc/"
    assert page.evaluate("navigator.clipboard.readText()") == BASE + "/tin-tuc/rss.xml"
    context.close()
    assert problems == []


def test_the_current_section_shows_in_a_contrast_theme(served, browser):
    """In a Windows contrast theme every menu item's transparent border was drawn: each
    looked current."""
    context, page, _ = open_page(browser, served, STRESS_POST, 1280, forced_colors="active")
    borders = page.evaluate("""[...document.querySelectorAll('.site-nav a')].map(a =>
        [a.className === 'is-active', getComputedStyle(a).borderBottomColor])""")
    context.close()
    current = {colour for active, colour in borders if active}
    others = {colour for active, colour in borders if not active}
    assert len(current) == 1 and others and not current & others, borders


def test_copy_link_is_a_plain_link_without_script(served, browser):
    context, page, _ = open_page(browser, served, "/en" + STRESS_POST, 375, java_script_enabled=False)
    link = page.query_selector("a.share__link--copy")
    assert link.get_attribute("href") == BASE + "/en" + STRESS_POST
    assert link.text_content() == "Copy link"
    context.close()


@pytest.mark.parametrize("motion, expected", [("reduce", "auto"), ("no-preference", "smooth")])
def test_reduced_motion_is_respected(served, browser, motion, expected):
    context, page, _ = open_page(browser, served, "/", 375, reduced_motion=motion)
    behaviour = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    context.close()
    assert behaviour == expected


def test_a_printed_page_keeps_the_schools_contact_lines_and_leaves_out_the_screens_links(served, browser):
    """Announcements are printed for notice boards: the footer's address, phone and email
    print in black (the links were white, as on the dark footer, so on paper they were
    blank), and the menu, share links, tags, newer/older links, related posts and footer
    links do not print."""
    context, page, problems = open_page(browser, served, STRESS_POST, 794)
    on_screen = ['.site-nav', '.share', '.tags', '.post-nav', '.related', '.site-footer__pages', '.lang-switch']
    assert page.evaluate("s => s.every(q => document.querySelector(q))", on_screen)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll(
        '.site-header, .site-header *, .site-footer, .site-footer *')]
      .filter(e => e.getClientRects().length && e.textContent.trim() && !e.children.length)
      .map(e => [e.textContent.trim(), getComputedStyle(e).color])""")
    texts = [text for text, _ in shown]
    assert any(text.startswith("tel:") or text[:1].isdigit() for text in texts), texts
    assert any("@" in text for text in texts), texts
    assert [(text, colour) for text, colour in shown if colour != "rgb(0, 0, 0)"] == []
    hidden = page.evaluate("""s => s
      .map(s => [s, [...document.querySelectorAll(s)].some(e => e.getClientRects().length)])""", on_screen)
    assert hidden and all(not visible for _, visible in hidden), hidden
    # Paper has no links: a link's address follows its words, and the page's own address
    # is printed at its end (hidden on screens).
    after = page.evaluate("""() => [...document.querySelectorAll('.post__body p > a[href^="http"]')]
        .map(a => [a.getAttribute('href'), a.textContent, getComputedStyle(a, '::after').content])""")
    # (this post's one link is its own address: nothing follows it, see below)
    assert after and all(content == "none" for href, _, content in after if href == LONG_URL_TYPED), after
    assert all(content == f'" ({href})"' for href, _, content in after if href != LONG_URL_TYPED), after
    url = page.evaluate("document.querySelector('.print-url').getClientRects().length && "
                        "document.querySelector('.print-url').textContent")
    assert url == served + STRESS_POST or url.endswith(STRESS_POST), url
    page.emulate_media(media="screen")
    assert page.evaluate("document.querySelector('.print-url').getClientRects().length") == 0
    context.close()
    assert problems == []


#: The code YouTube's "Share → Embed" gives, as staff paste it into a post.
YOUTUBE_EMBED = ('<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123?si=q1" '
                 'title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; '
                 'clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" '
                 'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>')
#: What no reader's page may ask for before the reader asks for the video.
PLAYER_HOSTS = ("https://www.youtube.com/", "https://www.youtube-nocookie.com/")


#: A post with a YouTube video, and a long one with a playlist below the first screen.
VIDEO_POST, PLAYLIST_POST = "/tin-tuc/video/", "/tin-tuc/video-danh-sach/"


@pytest.fixture(scope="module")
def video_served(tmp_path_factory):
    """The small site with the two video posts, built once for the module's video tests
    (none changes it), served."""
    from conftest import small_site

    text = "\n\n".join(f"Đoạn {n}: nội dung của bài viết." for n in range(150))
    playlist = YOUTUBE_EMBED.replace("embed/abc123?si=q1", "embed/videoseries?list=PL1")
    files = small_site() | post_files(VIDEO_POST.strip("/"), {
        "Title": "Video lễ khai giảng", "Date": "2024-03-02", "body": f"Xem video:\n\n{YOUTUBE_EMBED}\n\nĐoạn cuối.\n"})
    files |= post_files(PLAYLIST_POST.strip("/"), {
        "Title": "Các video của khoá học", "Date": "2024-03-01", "body": f"{text}\n\n{playlist}\n"})
    site = build_site(tmp_path_factory.mktemp("video"), files)
    with serve_folder(site.output) as url:
        yield url


def stand_in_youtube(page, asked: list[str]) -> None:
    """No network here: YouTube's picture and player are answered locally, and every
    request to YouTube is recorded."""
    picture = jpeg(480, 360, (200, 30, 30))

    def answer(route):
        url = route.request.url
        asked.append(url)
        if url.startswith("https://i.ytimg.com/"):
            route.fulfill(status=200, content_type="image/jpeg", body=picture)
        elif url.startswith("https://www.youtube.com/embed/"):
            route.fulfill(status=200, content_type="text/html", body="<!DOCTYPE html><title>player</title>")
        else:
            route.abort()

    page.route("https://*.youtube.com/**", answer)
    page.route("https://*.youtube-nocookie.com/**", answer)
    page.route("https://i.ytimg.com/**", answer)


def box(page, selector: str) -> list[float]:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return [r.width, r.height, document.querySelector('.post__body').getBoundingClientRect().width]; }""",
                         selector)


@pytest.mark.parametrize("width", [360, 1280])
def test_a_youtube_video_is_its_picture_until_the_reader_taps_it(video_served, browser, width):
    """A YouTube player is hundreds of kilobytes of script, fetched by every reader who
    scrolled by it; now only its picture is, and the player comes, playing, in the same
    place and shape, when the reader taps the picture (on a phone) or presses Enter on it."""
    asked: list[str] = []
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=phone, is_mobile=phone)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    stand_in_youtube(page, asked)
    page.goto(video_served + VIDEO_POST, wait_until="load")
    page.wait_for_function("document.querySelector('a.video img').naturalWidth > 0")
    page.wait_for_timeout(300)
    before = list(asked)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    picture = box(page, "a.video")
    image = box(page, "a.video img")  # YouTube's 4:3 picture, cut to the 16:9 box
    mark = page.evaluate("""() => { const p = document.querySelector('a.video').getBoundingClientRect(),
        m = document.querySelector('.video__play').getBoundingClientRect();
        return [m.left - p.left - (p.right - m.right), m.top - p.top - (p.bottom - m.bottom), m.width]; }""")
    if phone:
        page.locator("a.video").tap()
    else:
        page.locator("a.video").focus()
        page.keyboard.press("Enter")
    page.wait_for_selector(".post__body iframe")
    page.wait_for_timeout(300)
    player = box(page, ".post__body iframe")
    frame = page.evaluate("""() => { const f = document.querySelector('.post__body iframe');
        return [f.src, f.title, f.allow.includes('autoplay'), document.activeElement === f,
                document.querySelectorAll('a.video').length]; }""")
    context.close()
    assert errors == []
    assert before == ["https://i.ytimg.com/vi/abc123/hqdefault.jpg"]  # the picture, not the player
    assert overflow <= 0
    shown, height, text = picture
    assert shown == min(560, text) and abs(shown / height - 16 / 9) < 0.02
    assert image == picture
    assert abs(mark[0]) <= 1 and abs(mark[1]) <= 1 and mark[2] == 68  # the play mark, centred
    assert [u for u in asked if u.startswith(PLAYER_HOSTS)] == ["https://www.youtube.com/embed/abc123?si=q1&autoplay=1"]
    assert frame == ["https://www.youtube.com/embed/abc123?si=q1&autoplay=1", "Video (YouTube)", True, True, 0]
    assert player == picture  # the player takes the picture's place and shape: nothing moves


def test_without_the_script_the_videos_picture_opens_it_on_youtube(video_served, browser):
    asked: list[str] = []
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    stand_in_youtube(page, asked)
    page.goto(video_served + VIDEO_POST, wait_until="load")
    before = list(asked)
    with page.expect_request(lambda r: r.url.startswith(PLAYER_HOSTS)) as opened:
        page.locator("a.video").click(no_wait_after=True)
    context.close()
    assert [u for u in before if u.startswith(PLAYER_HOSTS)] == []
    assert opened.value.url == "https://www.youtube.com/watch?v=abc123" and opened.value.is_navigation_request()


def test_a_frame_below_the_screen_loads_only_when_the_reader_scrolls_to_it(video_served, browser):
    """Frames other than one YouTube video's (a playlist here, a map) stay frames, and
    wait until the reader comes near them (``loading="lazy"``, added by the reader to
    any frame that does not say otherwise)."""
    asked: list[str] = []
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.route("https://www.youtube.com/**", lambda route: (asked.append(route.request.url), route.abort()))
    page.goto(video_served + PLAYLIST_POST, wait_until="load")
    page.wait_for_timeout(500)
    before = list(asked)
    page.locator(".post__body iframe").scroll_into_view_if_needed()
    page.wait_for_function("() => true")
    page.wait_for_timeout(1000)
    context.close()
    assert before == [] and asked == ["https://www.youtube.com/embed/videoseries?list=PL1"]


def text_lefts(page, selector: str) -> list[list[float]]:
    """[top, left] of the words of each element matched (not of its padding)."""
    return page.evaluate("""s => [...document.querySelectorAll(s)].map(e => { const r = document.createRange();
        r.selectNodeContents(e); const b = r.getBoundingClientRect(); return [Math.round(b.top), Math.round(b.left)]; })""",
                         selector)


@pytest.mark.parametrize("width", [320, 360, 412])
def test_the_vietnamese_menu_is_one_row_on_a_small_phone_and_a_wrapped_row_starts_at_the_edge(served, browser, width):
    """At 320 px "Tìm kiếm" wrapped onto a row of its own. With large text the menu wraps:
    each row's first item starts where the text of the page does (a negative margin on the
    first item alone put a wrapped row's words half a rem further in)."""
    context, page, _ = open_page(browser, served, STRESS_POST, width)
    rows = {top for top, _ in text_lefts(page, ".site-nav a")}
    edge = text_lefts(page, ".post__title")[0][1]
    page.evaluate("document.documentElement.style.setProperty('font-size', '200%')")  # (CSSOM: allowed)
    large = text_lefts(page, ".site-nav li:not(.site-nav__search) a")
    large_edge = text_lefts(page, ".post__title")[0][1]
    context.close()
    assert len(rows) == 1, rows
    wrapped = {}
    for top, left in large:
        wrapped.setdefault(top, left)
    assert len(wrapped) > 1, large  # the test wraps it
    assert set(wrapped.values()) == {large_edge}, (wrapped, large_edge)
    assert edge == 16 and large_edge == 32  # (1rem)


@pytest.mark.parametrize("scale", ["100%", "130%", "200%"])
def test_with_large_text_the_header_leaves_the_first_screen_to_the_page(served, browser, scale):
    """At 360 px with text at 130 % the uppercase name and the governing body's line above
    it filled the header: the post's title began 446 px down a 740 px screen. On a phone
    the name is in its own letters and smaller, the governing body's line is left to the
    footer on screen, but the name's link still says it to a screen reader."""
    context, page, _ = open_page(browser, served, STRESS_POST, 360)
    page.set_viewport_size({"width": 360, "height": 740})
    page.evaluate("s => document.documentElement.style.setProperty('font-size', s)", scale)
    header = page.evaluate("""() => { const n = document.querySelector('.site-brand__name'), o = document.querySelector('.site-brand__org');
        return {transform: getComputedStyle(n).textTransform, name: parseFloat(getComputedStyle(n).fontSize),
                root: parseFloat(getComputedStyle(document.documentElement).fontSize),
                org: o.getBoundingClientRect().height, orgFooter: document.querySelector('.site-footer__org').getClientRects().length,
                header: document.querySelector('.site-header__inner').getBoundingClientRect().bottom}; }""")
    name = page.get_by_role("link", name="Liên minh Hợp tác xã tỉnh Trường Bồi dưỡng cán bộ hợp tác xã").count()
    context.close()
    assert header["transform"] == "none"
    assert header["name"] <= 1.125 * header["root"], header
    assert header["org"] <= 1 and header["orgFooter"], header  # not shown, but in the footer
    assert name == 1, "the link's name still has the governing body"
    # The header (language switch and name) at most 160 px (at 100 %, more with larger text)
    assert header["header"] <= 160 * header["root"] / 16, header


@pytest.mark.parametrize("path", ["/", "/tin-tuc/"])
@pytest.mark.parametrize("width, text", [(180, 16), (360, 32), (320, 16)])
def test_on_a_zoomed_phone_a_cards_picture_leaves_its_title_the_line(served, browser, path, width, text):
    """A 360 px phone zoomed to 200 % is 180 px wide to the page; one whose browser text is
    set to 200 % (Page.setFontSizes: the browser's own setting, which em media queries
    follow) has 32 px text. The card's picture kept its 7rem beside the title, which had
    20 or 40 px left: a letter a line, a card 1000 px tall. Narrower than 20em the picture
    is above the title, which has the card's width; at 320 px it is beside it as before."""
    context, page = with_browser_text(browser, served + path, width, text)
    cards = page.evaluate("""() => [...document.querySelectorAll('.card--thumb')].map(c => {
        const box = e => c.querySelector(e).getBoundingClientRect();
        return {card: box('.card__head').right - box('.card__thumb').left, title: box('.card__title').width,
                thumb: box('.card__thumb').width, below: box('.card__head').top >= box('.card__thumb').bottom}; })""")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    context.close()
    assert cards and overflow <= 0
    if width < 20 * text:
        assert [c for c in cards if not (c["below"] and c["title"] >= c["card"] - 1 and c["thumb"] >= c["card"] - 1)] == []
    else:
        assert [c for c in cards if c["below"] or round(c["thumb"]) != 7 * text] == []


@pytest.mark.parametrize("path", [STRESS_POST, "/en" + STRESS_POST, "/chu-de/so-ket/"])
@pytest.mark.parametrize("width, repeated", [(360, False), (1024, True)])
def test_on_a_phone_a_posts_section_is_linked_once_above_its_title(served, browser, path, width, repeated):
    """On a phone a post's trail ends at its section, right above the title, and the
    section's link above the title said it again: the same link twice in a row (to a
    screen reader too) and a line more before the title (70 px with the text at 150 %).
    It is left out there; wider, the trail ends with the post's title, and the section's
    link above the title shows. So with a topic's "Chủ đề" above its name, the trail's
    link before the topic's name."""
    context, page, _ = open_page(browser, served, path, width)
    above = page.evaluate("""() => { const top = document.querySelector('h1').getBoundingClientRect().top;
        return [...document.querySelectorAll('a')].filter(a => a.getClientRects().length && a.getBoundingClientRect().top < top)
          .map(a => a.getAttribute('href')); }""")
    section = page.locator(".post__section a").get_attribute("href")
    trail = page.locator(".breadcrumbs__list li:visible").all_inner_texts()
    title = page.locator("h1").inner_text()
    context.close()
    assert above.count(section) == (2 if repeated else 1), (above, section)
    assert (trail[-1].strip() == title.strip()) == (repeated or "/chu-de/" in path), (trail, title)


#: Each link matching the selector: its words, its height, the height of its lines of
#: words (line-height a line) and of its top and bottom borders.
LINK_ROOM = """selector => [...document.querySelectorAll(selector)].map(a => {
    const r = document.createRange(); r.selectNodeContents(a); const c = getComputedStyle(a);
    const lines = new Set([...r.getClientRects()].map(b => Math.round(b.top))).size;
    return [a.textContent.trim(), a.getBoundingClientRect().height, lines * parseFloat(c.lineHeight),
            parseFloat(c.borderTopWidth) + parseFloat(c.borderBottomWidth)]; })"""


@pytest.mark.parametrize("text", [16, 24, 32])
def test_with_large_text_a_small_links_room_to_tap_does_not_grow_with_it(served, browser, text):
    """The trail's links (and the other small links made 44 px tall) had 0.625rem above
    and below their words: with the browser's text at 150 % each row of a wrapped trail
    was 64 px, 20 px of it room a taller line no longer needed. The room is 10 px, which
    makes 44 px at the default size; larger text makes the link taller still."""
    context, page = with_browser_text(browser, served + STRESS_POST, 360, text)
    links = page.evaluate(LINK_ROOM, ".breadcrumbs__list a, .site-footer__pages a")
    context.close()
    assert len(links) >= 5
    assert [(name, height, words) for name, height, words, _ in links if height < 43.5 or height - words > 20.5] == []


@pytest.mark.parametrize("text", [16, 24, 32])
def test_with_large_text_the_header_leaves_the_title_on_the_first_screen(served, browser, text):
    """The language switch's and the menu's links had 0.6875rem and 0.625rem above and
    below their words, and "Bạn đang ở:" took a line of its own at 200 %: on a 360 × 740
    phone with the text at 200 % a post's title began at 770 px, below the first screen.
    The room is in px (44 px links at the default size, taller with larger text); at
    200 % the trail goes without its label (the nav's name says what it is)."""
    context, page = with_browser_text(browser, served + STRESS_POST, 360, text)
    links = [(name, height, words + borders) for name, height, words, borders
             in page.evaluate(LINK_ROOM, ".lang-switch a, .lang-switch__current, .site-nav a")]
    label = page.locator(".breadcrumbs__label").is_visible()
    title = page.locator("h1").bounding_box()["y"]
    context.close()
    assert len(links) >= 6
    assert [(name, height, words) for name, height, words in links if height < 43.5 or height - words > 22.5] == []
    assert label == (text < 32)
    assert title < 740 - 1.2 * 1.625 * text  # the title's first line on the first screen


#: What a thumb taps besides the text's own links: each at least 44 px tall.
TARGETS = [".lang-switch a", ".site-brand", ".breadcrumbs__list a", ".feed-links a", ".not-found a",
           ".site-footer address a", ".site-footer__pages a", ".pills a", ".pagination__link",
           ".post__section a", ".home-section__title a", ".more a", ".archive-list a"]


@pytest.mark.parametrize("path", [STRESS_POST, "/en" + STRESS_POST, "/tin-tuc/", "/404.html", "/chu-de/so-ket/",
                                  "/chu-de/", "/luu-tru/", "/luu-tru/2018/", "/", "/en/", "/tin-tuc/luu-tru/"])
def test_small_links_are_tall_enough_for_a_thumb_and_do_not_overlap(served, browser, path):
    """Breadcrumbs (17 px, touching when the trail wrapped), the language switch (30 px, 4 px
    from the site's name), the 404 page's ways on (19 px), "RSS · Atom" (17 px), the footer's
    phone, email and page links (stacked, no gap), the pills (share, tags, subsections,
    years, months) and the pages' links (38 px), the section's or "Topics" link above a
    post's or a topic's title (16 px), a home section's title and its "All posts in …"
    (20 and 19 px) and a post's title in the archive (39 px on one line): each 44 px tall
    now, none overlapping."""
    context, page, _ = open_page(browser, served, path, 360)
    boxes = page.evaluate("""s => s.flatMap(q => [...document.querySelectorAll(q)].filter(e => e.getClientRects().length)
        .map(e => { const r = e.getBoundingClientRect(); return [q + ' ' + e.textContent.trim().slice(0, 20), r.left, r.top, r.right, r.bottom]; }))""",
                          TARGETS)
    context.close()
    found = {name.split(" ")[0] for name, *_ in boxes}
    assert {".lang-switch", ".site-brand", ".site-footer"} <= found
    assert [(name, round(bottom - top)) for name, _, top, _, bottom in boxes if bottom - top < 43.5] == []
    overlapping = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5]
    assert overlapping == []


@pytest.mark.parametrize("path, said_as", [("/luu-tru/", r"\d{4}, \d+ bài"), ("/en/archive/", r"\d{4}, (1 post|(?!1 )\d+ posts)"),
                                           ("/chu-de/", r".+, \d+ bài"), ("/en/topics/", r".+, (1 post|(?!1 )\d+ posts)")])
def test_a_pills_number_of_posts_is_said_without_brackets(served, browser, path, said_as):
    """"2026 (1)": some screen readers said the brackets ("2026 left paren 1 right paren").
    Chromium's accessibility tree names each year's and each tag's link with its number of
    posts as words; the screen still shows "2026 (1)"."""
    import re

    context, page, problems = open_page(browser, served, path, 375)
    cdp = context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    names = {n["backendDOMNodeId"]: n.get("name", {}).get("value", "") for n in nodes
             if n.get("role", {}).get("value") == "link" and not n.get("ignored")}
    pills = page.locator("main .pills a")
    # the words a reader sees: text in boxes wider than the one pixel of what is for screen readers only
    shown = pills.evaluate_all("""links => links.map(a => {
        const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT); let text = '';
        while (walk.nextNode()) if (walk.currentNode.parentElement.getBoundingClientRect().width > 1) text += walk.currentNode.data;
        return text.replace(/\\s+/g, ' ').trim(); })""")
    ids = [cdp.send("DOM.describeNode", {"objectId": cdp.send("Runtime.evaluate", {
        "expression": f"document.querySelectorAll('main .pills a')[{i}]"})["result"]["objectId"]})["node"]["backendNodeId"]
        for i in range(len(shown))]
    context.close()
    said = [names[i] for i in ids]
    assert shown and all(re.fullmatch(r".+ \(\d+\)", s) for s in shown), shown
    assert all(re.fullmatch(said_as, s) for s in said), said
    assert [s.split(",")[0] for s in said] == [s.rsplit(" (", 1)[0] for s in shown]
    assert problems == []


def test_an_email_in_a_table_breaks_and_leaves_the_names_beside_it_room(served, browser):
    """A link in a cell did not break (the table's ``overflow-wrap: normal``): the email's
    column was as wide as the address, the other columns were squeezed to their longest
    word, and "Nguyễn Văn Một" took a line a word. Now the address breaks anywhere and a
    column keeps a readable width; the table still scrolls sideways in its box."""
    context, page, _ = open_page(browser, served, STRESS_POST, 360)
    cells = page.evaluate("""() => [...document.querySelector('.post__body table').rows[1].cells].map(c => {
        const r = document.createRange(); r.selectNodeContents(c);
        const lines = new Set([...r.getClientRects()].map(q => Math.round(q.bottom))).size;
        const a = c.querySelector('a');
        return [c.textContent.trim(), lines, c.getBoundingClientRect().width, a ? a.getClientRects().length : 0]; })""")
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.post__body td')).fontSize)")
    context.close()
    name, email = cells[0], cells[-1]
    assert name[0] == "Nguyễn Văn Một" and name[1] <= 2, cells
    assert email[0].endswith("@example.vn") and email[3] > 1, cells  # the address breaks
    assert all(width >= 7 * font - 0.5 for _, _, width, _ in cells), cells


def test_on_paper_an_address_is_printed_once_code_wraps_and_the_screens_notes_are_left_out(served, browser):
    """A link whose words are its address printed it twice ("… .pdf (https://… .pdf)"),
    a long line of code was cut at the page's edge, and "not available in English" (a
    note for a reader on a screen, with its link) was printed."""
    context, page, problems = open_page(browser, served, PRINT_POST, 794)
    page.emulate_media(media="print")
    links = page.evaluate("""() => [...document.querySelectorAll('.post__body a[href^="http"]')]
        .map(a => [a.textContent, getComputedStyle(a, '::after').content])""")
    code = page.evaluate("""() => { const p = document.querySelector('.post__body pre'), r = p.getBoundingClientRect();
        return [p.scrollWidth - p.clientWidth, r.right <= document.querySelector('.post__body').getBoundingClientRect().right + 1,
                p.textContent.includes('x'.repeat(120))]; }""")
    note = page.evaluate("[...document.querySelectorAll('.post__only')].map(e => e.getClientRects().length)")
    page.emulate_media(media="screen")
    on_screen = page.evaluate("[...document.querySelectorAll('.post__only')].map(e => e.getClientRects().length)")
    context.close()
    assert links == [["Quyết định số 12", '" (https://example.org/qd-12.pdf)"'],
                     ["https://example.org/qd-12.pdf", "none"], ["www.example.org", "none"]]
    assert code == [0, True, True]
    assert note == [0] and on_screen == [1]
    assert problems == []


def test_the_dot_between_a_cards_date_and_section_never_ends_a_line(tmp_path, browser):
    """On the demo's /en/ at 320 px a card's line read "16 September 2025 ·" and its
    section's name started the next: the dot ended a line, pointing at nothing. At every
    width from 300 to 480 px, each "·" is on the line where the section's name starts."""
    from conftest import section_files

    files = section_files("tin-tuc", "Tin tức", "News")
    for n, (vi, en) in enumerate([("Thông báo", "Announcements"), ("Khai giảng", "Course openings"),
                                  ("Tin hoạt động của Nhà Trường", "School news"), ("Hội thảo", "Workshops")]):
        files |= section_files(f"tin-tuc/muc-{n}", vi, en)
        files |= post_files(f"tin-tuc/muc-{n}/bai-{n}", {"Title": f"Bài số {n}", "Date": f"2025-09-{n + 10} 08:00"},
                            {"Title": f"Post number {n}", "Date": f"2025-09-{n + 10} 08:00"})
        files[f"tin-tuc/muc-{n}/bai-{n}/anh.jpg"] = jpeg(800, 600, (40, 90, 160))  # (a card with its picture)
    site = build_site(tmp_path, files)
    apart, seen = set(), 0
    with serve_folder(site.output) as url:
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        for path in ("/", "/en/", "/tin-tuc/", "/en/news/"):
            page.goto(url + path, wait_until="load")
            seen += page.evaluate("document.querySelectorAll('.card__sep').length")
            for width in range(300, 481, 2):
                page.set_viewport_size({"width": width, "height": 800})
                apart |= {(path, width, name) for name in page.evaluate("""() => [...document.querySelectorAll('.card__sep')]
                    .filter(dot => Math.abs(dot.getClientRects()[0].top
                                            - dot.nextElementSibling.getClientRects()[0].top) > 4)
                    .map(dot => dot.nextElementSibling.textContent)""")}
        context.close()
    assert seen >= 8 and sorted(apart) == []

"""The live preview in a real browser: the page reloads itself after a save and shows
a failed build's errors on top of the last good page (headless Chromium, Playwright),
under the site's Content-Security-Policy, which the preview sends as the host will.

Skipped without Debian's chromium, except in CI where that is a failure.
"""

from __future__ import annotations

import json

import pytest
from conftest import require_chromium, set_browser_text
from staff_support import fetch, running_preview, wait_for

TIMEOUT_MS = 180_000  # any one rebuild: generous, for a busy machine
POST = "tin-tuc/tin-hoat-dong/tham-quan-mo-hinh"
OTHER_POST = "tin-tuc/tin-hoat-dong/le-khai-giang-2018"

pytestmark = pytest.mark.browser

require_chromium()


@pytest.fixture
def context(browser):
    """A fresh browser context (its own cache and storage) in the module's Chromium
    (``conftest.browser``: one start for the module, not one a test)."""
    context = browser.new_context()
    yield context
    context.close()


def after_first_build(base: str) -> None:
    """Once the preview at ``base`` has built the site."""
    wait_for(lambda: b'"build": 0' not in fetch(f"{base}/__preview__/state")[2], 180, "the first build")


def test_the_open_page_follows_saves_and_shows_errors(tmp_path, context):
    with running_preview(tmp_path) as (base, content, _process, _log):
        after_first_build(base)
        page = context.new_page()
        set_browser_text(page, 24)  # a writer who set the browser's text to 150 %
        page.goto(f"{base}/{POST}/")
        assert "Học viên tham quan" in page.title()
        page.evaluate("window.notReloaded = true")  # gone once the page reloads itself

        source = content / POST / "index.vi.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("Học viên tham quan", "Học viên đi thực tế"), encoding="utf-8")
        page.wait_for_function("() => document.title.includes('đi thực tế')", timeout=TIMEOUT_MS)
        assert page.evaluate("window.notReloaded") is None

        page.evaluate("window.notReloaded = true")
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("Date: 2018-09-14 09:00", "Date: ngày mai")
                          + "\nXem [bài cũ](../bai-khong-co/).\n", encoding="utf-8")
        alert = page.wait_for_selector("[role=alert]", timeout=TIMEOUT_MS)
        assert "Build failed" in alert.inner_text()
        # as large as the writer set the browser's text (it was 14 px whatever the setting)
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('[role=alert]')).fontSize)") == 21
        assert "tham-quan-mo-hinh/index.vi.md:2" in alert.inner_text()
        assert "đi thực tế" in page.title()  # the last good page stays
        assert page.evaluate("window.notReloaded") is True
        # ... and under the build's errors what else invoke check finds (the build stopped
        # at the date), once: the date's line is not repeated.
        page.wait_for_function("() => document.querySelector('[role=alert]').textContent.includes('also finds')",
                               timeout=TIMEOUT_MS)
        text = alert.inner_text()
        assert "bai-khong-co" in text.split("invoke check also finds:")[1]
        assert text.count("tham-quan-mo-hinh/index.vi.md:2:") == 1, text

        # Fixed: the site is again what the page shows, so the box goes without a reload.
        source.write_text(good, encoding="utf-8")
        page.wait_for_function("() => !document.querySelector('[role=alert]')", timeout=TIMEOUT_MS)
        assert page.evaluate("window.notReloaded") is True

        # A link to a page that does not exist: the build passes, invoke check (run after
        # it) would stop publishing: said in a box of its own, which goes once it is fixed.
        source.write_text(source.read_text(encoding="utf-8") + "\nXem [bài cũ](../bai-khong-co/).\n",
                          encoding="utf-8")
        status = page.wait_for_selector("[data-preview=check]", timeout=TIMEOUT_MS)
        page.wait_for_function("() => document.querySelector('[data-preview=check]').textContent.includes('bai-khong-co')",
                               timeout=TIMEOUT_MS)
        assert "invoke publish would stop on these" in status.inner_text()
        assert page.evaluate("""() => [...document.querySelectorAll('[data-preview=check], [data-preview=check] button')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))""") == [21, 21]
        assert "tham-quan-mo-hinh/index.vi.md:" in status.inner_text()
        # The writer may close it: it stays closed for the same list, after a reload too.
        page.click("[data-preview=check] button")
        assert page.query_selector("[data-preview=check]") is None
        page.reload()
        page.wait_for_function(f"() => window.previewBuild >= {state(base)['build']}", timeout=TIMEOUT_MS)
        assert page.query_selector("[data-preview=check]") is None
        # The link goes: the page's text changes, so it reloads itself; the page before is
        # marked, and the new one waited for (its box gone), before this one is marked in
        # its turn (CI once marked the page before, as it went).
        page.evaluate("window.notReloaded = true")
        source.write_text(source.read_text(encoding="utf-8").replace("Xem [bài cũ](../bai-khong-co/).", ""),
                          encoding="utf-8")
        wait_for(lambda: (s := state(base))["ok"] and not s["building"] and s["check"] == [], 180,
                 "invoke check after the fix")
        page.wait_for_function("() => !window.notReloaded && !document.querySelector('[data-preview]')",
                               timeout=TIMEOUT_MS)
        page.wait_for_load_state()
        page.evaluate("window.notReloaded = true")

        # A save to another post's text leaves this page as it is: no reload either.
        builds = state(base)["build"]
        other = content / OTHER_POST / "index.vi.md"
        other.write_text(other.read_text(encoding="utf-8") + "\nMột đoạn thêm.\n", encoding="utf-8")
        wait_for(lambda: (s := state(base))["build"] > builds and not s["building"], 180, "the rebuild")
        done = state(base)["build"]
        page.wait_for_function(f"() => window.previewBuild >= {done}", timeout=TIMEOUT_MS)  # it has looked
        assert page.evaluate("window.notReloaded") is True


def state(base: str) -> dict:
    return json.loads(fetch(f"{base}/__preview__/state")[2])


HIDE = """() => {
  Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""
SHOW = """() => {
  Object.defineProperty(document, "hidden", {configurable: true, get: () => false});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_tabs_in_the_background_leave_the_browser_room_and_catch_up_when_shown(tmp_path, context):
    """Each open page kept a request to the preview waiting; a browser opens six
    connections to a host, so with six tabs open a seventh did not load for 17 s. A
    hidden tab waits for nothing, and when shown again asks what changed meanwhile."""
    with running_preview(tmp_path) as (base, content, _process, _log):
        after_first_build(base)
        tabs = []
        for path in ("", "tin-tuc/", "dao-tao/", "en/", POST + "/", OTHER_POST + "/"):
            tab = context.new_page()
            tab.goto(f"{base}/{path}")
            tab.wait_for_function("() => window.previewBuild !== undefined", timeout=TIMEOUT_MS)
            tabs.append(tab)
        for tab in tabs[:-1]:
            tab.evaluate(HIDE)  # (the writer looks at the last one)
        seventh = context.new_page()
        seventh.goto(f"{base}/{POST}/", timeout=10_000)  # (it waited 17 s for a connection)
        assert "Học viên tham quan" in seventh.title()

        background = tabs[4]  # the post, hidden: a save reaches it when it is shown
        background.evaluate("window.notReloaded = true")
        source = content / POST / "index.vi.md"
        source.write_text(source.read_text(encoding="utf-8").replace("Học viên tham quan", "Học viên đi thực tế"),
                          encoding="utf-8")
        seventh.wait_for_function("() => document.title.includes('đi thực tế')", timeout=TIMEOUT_MS)
        assert "Học viên tham quan" in background.title()
        background.evaluate(SHOW)
        background.wait_for_function("() => document.title.includes('đi thực tế')", timeout=TIMEOUT_MS)

"""The demo site (content/) is valid HTML and accessible, as readers' browsers see it.

- The Nu HTML checker finds no error (nor warning) in any page of the built demo, nor in
  a post with YouTube videos (which axe-core checks too).
- axe-core (npm, injected through Playwright into Debian's Chromium) finds no serious or
  critical violation on the home page, a section page, a post and the search page (with
  results shown), in both languages, on a phone and on a desktop screen; and on a list
  of tags and a tag's page.
"""

from __future__ import annotations

import os
import shutil

import nu_checker
import pytest
from conftest import CHROMIUM_ARGS, ROOT, run_pelican, serve_folder

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: axe's impact levels that fail the build; "minor" and "moderate" are reported only.
BLOCKING = ("serious", "critical")


class Demo:
    def __init__(self, output):
        self.output = output

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html")
                      if not p.relative_to(self.output).as_posix().startswith("pagefind/"))

    def text(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo content, built with the real pelican command as staff build it."""
    base = tmp_path_factory.mktemp("demo")
    result = run_pelican(ROOT / "content", base / "output", base / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    return Demo(base / "output")


def test_every_demo_page_passes_the_nu_html_checker(demo):
    nu_checker.require_checker()
    files = [demo.output / rel for rel in demo.pages()]
    assert len(files) > 20
    assert nu_checker.nu_errors(files, demo.output) == []


YOUTUBE_EMBED = ('<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123?si=q1&amp;start=5" '
                 'title="YouTube video player" frameborder="0" allow="autoplay; encrypted-media" '
                 'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>')


@pytest.fixture(scope="module")
def video_site(tmp_path_factory):
    """The demo has no video (it would show a picture of someone else's): a post with
    the code YouTube's "Share → Embed" gives and one with a video's address, which the
    reader turns into the videos' pictures."""
    from conftest import build_site, post_files, small_site

    body = f"Xem video:\n\n{YOUTUBE_EMBED}\n\nhttps://youtu.be/def456?t=9\n\nHết.\n"
    site = build_site(tmp_path_factory.mktemp("video"), small_site() | post_files("tin-tuc/video", {
        "Title": "Video", "Date": "2024-03-02", "body": body}))
    assert len(site.html("tin-tuc/video/").select("a.video img")) == 2
    return site


def test_a_post_with_youtube_videos_passes_the_nu_html_checker(video_site):
    nu_checker.require_checker()
    assert nu_checker.nu_errors([video_site.path("tin-tuc/video/")], video_site.output) == []


# --- axe-core in Chromium ---------------------------------------------------------------

def translated_post_with_photos(demo) -> str:
    """A post written in both languages, with a gallery: the richest page the site has."""
    for rel in demo.pages():
        if rel.startswith("en/") or 'class="gallery' not in demo.text(rel):
            continue
        if "data-pagefind-body" in demo.text(rel) and (demo.output / "en" / rel).exists():
            return "/" + rel[: -len("index.html")]
    raise AssertionError("the demo has no translated post with a gallery")



@pytest.fixture(scope="module")
def served(demo):
    with serve_folder(demo.output) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            raise RuntimeError("Debian's chromium is required for the accessibility tests in CI")
        pytest.skip("Debian's chromium is not installed")
    if not AXE.exists():
        if os.environ.get("CI"):
            raise RuntimeError("axe-core is not installed (npm ci)")
        pytest.skip("axe-core is not installed (npm ci)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def page_kinds(demo) -> dict[str, str]:
    post = translated_post_with_photos(demo)
    return {
        "home vi": "/", "home en": "/en/",
        "section vi": "/tin-tuc/", "section en": "/en/tin-tuc/",
        "post vi": post, "post en": "/en" + post,
        "search vi": "/tim-kiem/?q=boi+duong", "search en": "/en/search/?q=training",
        "not found": "/404.html", "not found en": "/en/404.html",
        "tags vi": "/chu-de/", "tag en": "/en/topics/quang-ninh/", "feeds vi": "/kenh-tin/",
        "archive year vi": "/luu-tru/2019/", "archive en": "/en/archive/",
    }


KINDS = ["home vi", "home en", "section vi", "section en", "post vi", "post en",
         "search vi", "search en", "not found", "not found en", "tags vi", "tag en", "feeds vi",
         "archive year vi", "archive en"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_violations(demo, served, browser, kind, width):
    url = page_kinds(demo)[kind]
    violations = axe_violations(browser, served + url, width, kind.startswith("search"))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], f"{url} at {width}px"


@pytest.mark.browser
def test_a_post_with_youtube_videos_has_no_serious_accessibility_violations(video_site, browser):
    with serve_folder(video_site.output) as url:
        violations = axe_violations(browser, url + "/tin-tuc/video/", 375, False)
    assert [v for v in violations if v["impact"] in BLOCKING] == []


def axe_violations(browser, url: str, width: int, search: bool) -> list[dict]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.route("https://i.ytimg.com/**", lambda route: route.abort())  # no network here
    try:
        page.goto(url, wait_until="networkidle")
        if search:
            # Check the results as readers see them, not an empty box.
            page.wait_for_selector("a.pagefind-ui__result-link")
        page.add_script_tag(path=str(AXE))
        return page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .map(v => ({id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.map(n => n.target.join(' '))}))""")
    finally:
        page.close()

"""A rebuild that reuses cached pages gives the same site, byte for byte, as a clean build.

One content folder is changed step by step (a post edited, retitled, added, deleted,
renamed, re-dated, translated; a section renamed; a template and a setting changed) and
rebuilt with its output and caches kept; after each step the same content is built from
nothing in a fresh folder, and the two sites must be identical. The counts the build
logs show that the rebuilds really reused pages.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from conftest import ROOT, post_files, run_pelican, section_files, write_files
from PIL import Image

COUNTS = re.compile(r"parallel_render: (\d+) pages rendered, (\d+) reused")
BOXED = re.compile(r'\((\d+) of them with a new\s+"Latest news" box\)')


def photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 40, 40)).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def corpus() -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/hoat-dong", "Tin hoạt động", "School news")
    files |= section_files("dao-tao", "Đào tạo", "Training")
    for i in range(40):
        section = ("tin-tuc", "tin-tuc/hoat-dong", "dao-tao")[i % 3]
        day = f"2020-{i % 12 + 1:02d}-{i % 27 + 1:02d} {i % 24:02d}:00"
        en = {"Title": f"Post {i}", "Date": day} if i % 2 == 0 else None
        files |= post_files(f"{section}/bai-{i:02d}", {"Title": f"Bài số {i}", "Date": day,
                                                        "body": f"Nội dung bài {i}.\n\nĐoạn hai."}, en)
    files["tin-tuc/bai-03/anh-1.jpg"] = photo()
    files |= post_files("pages/gioi-thieu", {"Title": "Giới thiệu"}, {"Title": "About us"})
    return files


def tree(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


class Workspace:
    """The content being edited, its kept output and caches, and a theme copy."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.content = base / "content"
        self.theme = base / "theme"
        shutil.copytree(ROOT / "theme", self.theme)
        write_files(self.content, corpus())
        # Every rebuild runs, even with nothing changed, to show what the page cache reuses.
        self.settings: dict = {"THEME": str(self.theme), "SECTIONS_PER_PAGE": 4, "SKIP_UNCHANGED": False}
        self.clean_builds = 0

    def rebuild(self) -> tuple[int, int]:
        """Build incrementally, build clean, compare; return (rendered, reused)."""
        result = run_pelican(self.content, self.base / "output", self.base / "cache", verbose=True,
                             **self.settings)
        assert result.returncode == 0, result.stdout + result.stderr
        self.clean_builds += 1
        clean = self.base / f"clean-{self.clean_builds}"
        shutil.copytree(self.content, clean / "content")
        # (no detached process making a spare folder in clean/ while it is removed below)
        fresh = run_pelican(clean / "content", clean / "output", clean / "cache", **self.settings,
                            SAFE_OUTPUT_REMOVE_OLD="now")
        assert fresh.returncode == 0, fresh.stdout + fresh.stderr
        kept, new = tree(self.base / "output"), tree(clean / "output")
        assert sorted(kept) == sorted(new)
        differ = [name for name in kept if kept[name] != new[name]]
        assert differ == [], f"differ from a clean build: {differ[:10]}"
        shutil.rmtree(clean)
        self.last_log = result.stdout + result.stderr
        rendered, reused = map(int, COUNTS.search(result.stdout + result.stderr).groups())
        return rendered, reused

    def boxed(self) -> int:
        """Pages of the last rebuild given a new "Latest news" box instead of rendered."""
        return int(BOXED.search(self.last_log).group(1))

    def post(self, rel: str) -> Path:
        return self.content / rel

    def replace(self, rel: str, old: str, new: str) -> None:
        path = self.content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_incremental_rebuilds_equal_clean_builds(tmp_path):
    ws = Workspace(tmp_path)
    rendered, reused = ws.rebuild()
    total = rendered
    assert reused == 0 and total > 60

    # Nothing changed: nothing rendered (the build runs: skip_unchanged is off here).
    assert ws.rebuild() == (0, total)

    # A page edited by hand in the output (in place: the same file as its cache
    # entry) is rendered again, not kept from the cache.
    page = ws.base / "output" / "dao-tao" / "bai-02" / "index.html"
    with open(page, "r+b") as f:
        f.write(b"<!-- sua tay -->")
    rendered, reused = ws.rebuild()
    assert rendered == 1 and reused == total - 1

    # A paragraph added to an old post: its page, not the whole site.
    with open(ws.post("dao-tao/bai-02/index.vi.md"), "a", encoding="utf-8") as f:
        f.write("\nMột đoạn viết thêm.\n")
    rendered, reused = ws.rebuild()
    assert 1 <= rendered <= 6 and reused > total - 10

    # A new title: the post, its neighbours and the listings that show it.
    ws.replace("tin-tuc/bai-06/index.vi.md", "Title: Bài số 6", "Title: Bài số sáu, đã sửa")
    rendered, _ = ws.rebuild()
    assert 3 <= rendered < total // 2

    # The summary (first words of the text) of a post.
    ws.replace("tin-tuc/hoat-dong/bai-07/index.vi.md", "Nội dung bài 7.", "Mở đầu mới của bài bảy.")
    ws.rebuild()

    # A new post, the newest of the site ("Latest news" on every Vietnamese post page
    # changes); in Vietnamese only: the English post pages are reused, not rendered
    # again (a reused page is a link to its cache entry: the same file as before).
    english = {p: p.stat().st_ino for p in (ws.base / "output" / "en").rglob("bai-*/index.html")}
    assert len(english) == 20
    write_files(ws.content, post_files("dao-tao/bai-moi", {"Title": "Bài mới nhất", "Date": "2025-05-05"}))
    rendered, reused = ws.rebuild()
    assert {p: p.stat().st_ino for p in english} == english
    # ... and the older Vietnamese ones get the new box put in, not rendered again
    assert ws.boxed() >= 25 and rendered <= 25

    # A post deleted, a post renamed (new folder, new address), a post re-dated.
    shutil.rmtree(ws.post("tin-tuc/bai-09"))
    ws.post("dao-tao/bai-05").rename(ws.post("dao-tao/bai-nam"))
    ws.replace("tin-tuc/hoat-dong/bai-10/index.vi.md", "Date: 2020-11-11 10:00", "Date: 2018-02-02 10:00")
    ws.rebuild()

    # A translation added; a photo added to a post (thumbnail in the listings).
    write_files(ws.content, post_files("tin-tuc/bai-09b", {"Title": "Bài 9b", "Date": "2021-03-03"},
                                       {"Title": "Post 9b", "Date": "2021-03-03"}))
    write_files(ws.content, {"dao-tao/bai-08/anh-2.jpg": photo()})
    ws.rebuild()

    # A section renamed in its _index file; a static page edited.
    ws.replace("tin-tuc/hoat-dong/_index.vi.md", "Tin hoạt động", "Tin hoạt động của Nhà Trường")
    ws.replace("pages/gioi-thieu/index.vi.md", "Nội dung bài viết.", "Trường được thành lập năm 1978.")
    ws.rebuild()

    # A template edited: every page is rendered again.
    template = ws.theme / "templates" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<article class="post"', '<article class="post post--v2"', 1), encoding="utf-8")
    rendered, reused = ws.rebuild()
    assert reused == 0 and rendered > total

    # A setting changed: everything again.
    ws.settings["SECTIONS_PER_PAGE"] = 3
    rendered, reused = ws.rebuild()
    assert reused == 0


def test_a_latest_news_box_that_differs_from_page_to_page_is_rendered_on_every_page(tmp_path):
    """A theme whose box shows something of the page itself: the page first given the
    new box is not the page rendered, so every page whose box changed is rendered."""
    ws = Workspace(tmp_path)
    partial = ws.theme / "templates" / "partials" / "latest.html"
    text = partial.read_text(encoding="utf-8")
    assert "</aside>" in text
    partial.write_text(text.replace("</aside>", "<p>{{ article.title if article is defined }}</p></aside>", 1),
                       encoding="utf-8")
    ws.rebuild()
    write_files(ws.content, post_files("dao-tao/bai-moi", {"Title": "Bài mới nhất", "Date": "2025-05-05"}))
    rendered, _ = ws.rebuild()  # (the same site as a clean build: Workspace.rebuild checks)
    assert ws.boxed() == 0 and rendered > 40
    # (each page's own box, not one page's box given to all)
    for n in (2, 5, 8):
        assert f"<p>Bài số {n}</p></aside>" in latest_box(ws, f"dao-tao/bai-{n:02d}/index.html")


def latest_box(ws: Workspace, rel: str) -> str:
    page = (ws.base / "output" / rel).read_text(encoding="utf-8")
    return re.search(r'<aside class="sidebar" aria-labelledby="latest-title">.*?</aside>', page, re.S)[0]


def test_the_newest_post_retitled_gives_every_page_showing_it_the_clean_builds_box(tmp_path):
    """The newest post retitled, every other Vietnamese page's "Latest news" box shows
    the new title (the page cache puts the new box into pages it keeps: LATEST_BOX), the site is the clean build's byte for byte (Workspace.rebuild),
    and so is it after a translation of it is added and retitled in turn."""
    ws = Workspace(tmp_path)
    ws.rebuild()
    newest = "dao-tao/bai-23/index.vi.md"  # (2020-12-24 23:00: the newest of corpus())
    assert "Bài số 23<" in latest_box(ws, "tin-tuc/bai-00/index.html")
    ws.replace(newest, "Title: Bài số 23", "Title: Bài số hai mươi ba, đã sửa")
    ws.rebuild()
    for rel in ("tin-tuc/bai-00/index.html", "dao-tao/bai-02/index.html", "gioi-thieu/index.html"):
        box = latest_box(ws, rel)
        assert "Bài số hai mươi ba, đã sửa<" in box and "Bài số 23<" not in box, rel
    assert "hai mươi ba" not in latest_box(ws, "en/tin-tuc/bai-00/index.html")
    write_files(ws.content, post_files("dao-tao/bai-23", None, {"Title": "Post 23", "Date": "2020-12-24 23:00"}))
    ws.rebuild()
    assert "Post 23<" in latest_box(ws, "en/tin-tuc/bai-00/index.html")
    ws.replace("dao-tao/bai-23/index.en.md", "Title: Post 23", "Title: Post twenty-three")
    ws.rebuild()
    box = latest_box(ws, "en/tin-tuc/bai-00/index.html")
    assert "Post twenty-three<" in box and "Post 23<" not in box


def test_an_attached_file_added_replaced_and_removed_gives_the_clean_builds_site(tmp_path):
    """A form linked from a post is published beside it; replaced under its name, the site
    has its new bytes; unlinked and deleted, it is gone: each as a clean build has it."""
    ws = Workspace(tmp_path)
    ws.rebuild()
    form = ws.content / "tin-tuc" / "bai-03" / "mau-don.pdf"
    form.write_bytes(b"%PDF-1.4 mot")
    with open(ws.post("tin-tuc/bai-03/index.vi.md"), "a", encoding="utf-8") as f:
        f.write("\nTải [mẫu đơn](mau-don.pdf).\n")
    ws.rebuild()
    published = ws.base / "output" / "tin-tuc" / "bai-03" / "mau-don.pdf"
    assert published.read_bytes() == b"%PDF-1.4 mot"

    page = ws.base / "output" / "tin-tuc" / "bai-03" / "index.html"
    assert "(PDF,\xa01\xa0KB)" in page.read_text(encoding="utf-8")
    form.write_bytes(b"%PDF-1.4 hai, sua lai" + bytes(5000))
    ws.rebuild()
    assert published.read_bytes() == b"%PDF-1.4 hai, sua lai" + bytes(5000)
    # The post did not change, its page did: the size after the link is the new file's.
    assert "(PDF,\xa05\xa0KB)" in page.read_text(encoding="utf-8")

    ws.replace("tin-tuc/bai-03/index.vi.md", "\nTải [mẫu đơn](mau-don.pdf).\n", "\n")
    form.unlink()
    ws.rebuild()
    assert not published.exists()


def test_tags_added_changed_and_removed_give_the_clean_builds_site(tmp_path):
    """Tag pages list posts of many sections: a tag added to a post, written another
    way, moved to another post or removed leaves the site a clean build would make."""
    ws = Workspace(tmp_path)
    ws.replace("dao-tao/bai-02/index.vi.md", "Title: Bài số 2\n", "Title: Bài số 2\nTags: bồi dưỡng, Quảng Ninh\n")
    ws.replace("tin-tuc/bai-03/index.vi.md", "Title: Bài số 3\n", "Title: Bài số 3\nTags: bồi dưỡng\n")
    ws.rebuild()
    tag_page = ws.base / "output" / "chu-de" / "boi-duong" / "index.html"
    assert "Bài số 3" in tag_page.read_text(encoding="utf-8")
    # Another spelling of the same tag on a third post; the title of a tagged post.
    ws.replace("tin-tuc/hoat-dong/bai-04/index.vi.md", "Title: Bài số 4\n", "Title: Bài số 4\nTags: Bồi Dưỡng\n")
    ws.replace("tin-tuc/bai-03/index.vi.md", "Title: Bài số 3\n", "Title: Bài số ba\n")
    rendered, reused = ws.rebuild()
    assert "Bài số ba" in tag_page.read_text(encoding="utf-8") and reused > rendered
    # A tag removed from its only post: its page is gone; the list of tags follows.
    ws.replace("dao-tao/bai-02/index.vi.md", "Tags: bồi dưỡng, Quảng Ninh\n", "Tags: bồi dưỡng\n")
    ws.rebuild()
    assert not (ws.base / "output" / "chu-de" / "quang-ninh").exists()
    # Every tag removed: no list of tags, and no link to it in the footer.
    for rel in ("dao-tao/bai-02", "tin-tuc/bai-03", "tin-tuc/hoat-dong/bai-04"):
        text = ws.post(f"{rel}/index.vi.md").read_text(encoding="utf-8")
        ws.post(f"{rel}/index.vi.md").write_text(re.sub(r"Tags: .*\n", "", text), encoding="utf-8")
    ws.rebuild()
    assert not (ws.base / "output" / "chu-de").exists()


def test_tags_sharing_an_address_give_the_clean_builds_site_when_it_passes_to_the_other(tmp_path):
    """"khoa học" and "khóa học" are two tags; the one used first has /chu-de/khoa-hoc/,
    the other /chu-de/khoa-hoc-2/. A post dated before both, tagged with the second, gives
    it the address: the pages of posts not edited link to it anew (which tag a post's
    spelling is, and where, is not in its own file)."""
    ws = Workspace(tmp_path)
    ws.replace("dao-tao/bai-02/index.vi.md", "Title: Bài số 2\n", "Title: Bài số 2\nTags: khoa học\n")
    ws.replace("tin-tuc/hoat-dong/bai-04/index.vi.md", "Title: Bài số 4\n", "Title: Bài số 4\nTags: khóa học\n")
    ws.rebuild()
    science = ws.base / "output" / "dao-tao" / "bai-02" / "index.html"
    assert 'href="/chu-de/khoa-hoc/">khoa học<' in science.read_text(encoding="utf-8")
    ws.replace("tin-tuc/hoat-dong/bai-01/index.vi.md", "Title: Bài số 1\n", "Title: Bài số 1\nTags: Khóa học\n")
    rendered, reused = ws.rebuild()
    assert 'href="/chu-de/khoa-hoc-2/">khoa học<' in science.read_text(encoding="utf-8")
    assert reused > rendered


#: A page Pelican's writer rendered (``-v``), under the output folder (or the one it is
#: built in, ``.output.building-…``); a page taken from the page cache is not said.
WRITTEN = re.compile(r'Writing "?\S*?/\.?output[^/"]*/([^"\s]+)')


def test_a_new_post_renders_its_years_archive_page_again_not_the_other_years(tmp_path):
    """A year's archive page shows that year's posts and the other years as links, not
    how many posts each has (the list of years does): a post added in 2018 renders the
    2018 page and the list of years again, the 2019 and 2020 pages are reused. The site
    is the clean build's, byte for byte (``Workspace.rebuild``)."""
    ws = Workspace(tmp_path)
    write_files(ws.content, post_files("tin-tuc/bai-2018", {"Title": "Bài năm 2018", "Date": "2018-05-02 08:00"},
                                       {"Title": "A post of 2018", "Date": "2018-05-02 08:00"})
                | post_files("dao-tao/bai-2019", {"Title": "Bài năm 2019", "Date": "2019-03-04 08:00"}))
    ws.rebuild()
    write_files(ws.content, post_files("dao-tao/lop-2018", {"Title": "Lớp học năm 2018", "Date": "2018-09-10 08:00"}))
    ws.rebuild()
    written = {m[1] for m in WRITTEN.finditer(ws.last_log)}
    assert {"luu-tru/index.html", "luu-tru/2018/index.html"} <= written, sorted(written)
    assert not {"luu-tru/2019/index.html", "luu-tru/2020/index.html"} & written, sorted(written)
    # The English archive has no new post: none of its pages is rendered again.
    assert not {name for name in written if name.startswith("en/archive/")}, sorted(written)

"""The preview's quick step (``staff/quick.py``): a good warm build leaves a keeper that
writes a saved post's pages at once. What it writes must be what the full build then
writes, and it must decline whatever it cannot show exactly."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import small_site, write_files
from staff_support import PHOTO_POST, jpeg, site_with_photo

from staff.build import BuildFailed, build_into_place
from staff.preview import PREVIEW_OVERRIDES
from staff.warm import WarmPelican

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the keeper needs fork()")

POST = "tin-tuc/tin-hoat-dong/tham-quan-mo-hinh"


@pytest.fixture(scope="module")
def warm():
    started = WarmPelican.start("pelicanconf.py")
    assert started is not None
    yield started
    started.stop()


def build(tmp_path: Path, warm: WarmPelican | None, keep: bool = True):
    """A preview build of ``tmp_path/content`` into ``tmp_path/output``; the socket to
    its keeper (None without ``keep``)."""
    ours, theirs = socket.socketpair() if keep else (None, None)
    try:
        build_into_place("pelicanconf.py", tmp_path / "output", tmp_path / "content",
                         tmp_path / "cache", capture=True, overrides=PREVIEW_OVERRIDES,
                         warm=warm, keeper=theirs)
    finally:
        if theirs is not None:
            theirs.close()
    return ours


def ask(keeper: socket.socket, paths: list[Path], output: Path) -> dict:
    keeper.settimeout(120)
    keeper.sendall(json.dumps({"paths": [str(p) for p in paths], "output": str(output)}).encode()
                   + b"\n")
    lines = keeper.makefile("rb")
    first, answer = lines.readline(), lines.readline()
    keeper.close()
    assert first and answer, "the keeper closed without answering"
    assert json.loads(first)["pid"] > 0
    return json.loads(answer)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_saved_post_is_written_as_the_full_build_writes_it(tmp_path, warm):
    files = site_with_photo()
    # Tags, and so related posts (kept from the build: the tags do not change).
    files[f"{PHOTO_POST}/index.vi.md"] = "Tags: bồi dưỡng, OCOP\n" + files[f"{PHOTO_POST}/index.vi.md"]
    files["tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md"] = (
        "Tags: OCOP\n" + files["tin-tuc/tin-hoat-dong/hoi-thao-ocop/index.vi.md"])
    write_files(tmp_path / "content", files)
    keeper = build(tmp_path, warm)
    folder = tmp_path / "content" / PHOTO_POST
    vi, en = folder / "index.vi.md", folder / "index.en.md"
    # New text in both languages, and a photo of the folder now placed in the text.
    (folder / "hoi-truong.jpg").write_bytes(jpeg((900, 600), (150, 30, 30)))
    edit(vi, "\n![Toàn cảnh lớp học](lop-hoc.jpg)\n",
         "\nMột đoạn mới về buổi lễ.\n\n![Toàn cảnh lớp học](lop-hoc.jpg)\n\n![Hội trường](hoi-truong.jpg)\n")
    edit(en, "\n\n", "\n\nA new paragraph about the ceremony.\n\n")
    served = tmp_path / "served"
    shutil.copytree(tmp_path / "output", served)
    before = {p: p.stat().st_ino for p in served.rglob("*.html")}

    answer = ask(keeper, [vi], served)

    assert sorted(answer["shown"] or []) == [f"en/{PHOTO_POST}/", f"{PHOTO_POST}/"], answer
    build(tmp_path, warm, keep=False)  # the full build the preview runs next
    for page in (f"{PHOTO_POST}/index.html", f"en/{PHOTO_POST}/index.html"):
        quick = (served / page).read_bytes()
        assert quick == (tmp_path / "output" / page).read_bytes(), page
        assert (served / page).stat().st_ino != before[served / page]  # replaced, not rewritten
    html = BeautifulSoup((served / PHOTO_POST / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Một đoạn mới về buổi lễ." in html.get_text()
    for img in html.select("article img"):
        # its renditions were put there (the address ends with the rendition's version)
        assert (served / img["src"].split("?v=")[0].lstrip("/")).is_file(), img["src"]
    assert any("hoi-truong" in img["src"] for img in html.select("article img"))
    assert [a.get_text() for a in html.select("nav.tags a")] == ["bồi dưỡng", "OCOP"]
    assert html.select_one(".related a")["href"] == "/tin-tuc/tin-hoat-dong/hoi-thao-ocop/"
    # Only the saved post's pages were written.
    changed = [p for p, ino in before.items() if p.stat().st_ino != ino]
    assert sorted(str(p.relative_to(served)) for p in changed) == [
        f"en/{PHOTO_POST}/index.html", f"{PHOTO_POST}/index.html"]


@pytest.mark.parametrize("change", ["date", "new post", "page", "broken", "missing photo",
                                    "bad header", "tags"])
def test_what_it_cannot_show_exactly_is_left_to_the_full_build(tmp_path, warm, change):
    write_files(tmp_path / "content", small_site())
    keeper = build(tmp_path, warm)
    content = tmp_path / "content"
    source = content / POST / "index.vi.md"
    if change == "date":
        edit(source, "Date: 2018-09-14 09:00", "Date: 2018-09-15 09:00")
    elif change == "new post":
        source = content / "tin-tuc/tin-hoat-dong/bai-moi/index.vi.md"
        source.parent.mkdir()
        source.write_text("Title: Bài mới\nDate: 2018-10-01 09:00\n\nNội dung.\n", encoding="utf-8")
    elif change == "page":
        source = next(content.glob("pages/**/*.vi.md"))
        source.write_text(source.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    elif change == "bad header":  # a line the build's header check refuses
        edit(source, "Date: 2018-09-14 09:00", "Date: 2018-09-14 09:00\nDate: 2018-09-14 09:00")
    elif change == "tags":  # the tag pages and other posts' related posts change too
        edit(source, "Date: 2018-09-14 09:00", "Date: 2018-09-14 09:00\nTags: bồi dưỡng")
    elif change == "missing photo":
        source.write_text(source.read_text(encoding="utf-8") + "\n![Ảnh](khong-co.jpg)\n", encoding="utf-8")
    else:
        edit(source, "Date: 2018-09-14 09:00", "Date: ngày mai")
    served = tmp_path / "served"
    shutil.copytree(tmp_path / "output", served)
    before = {str(p.relative_to(served)): p.read_bytes() for p in served.rglob("*") if p.is_file()}

    answer = ask(keeper, [source], served)

    assert answer["shown"] is None and answer["why"], answer
    assert {str(p.relative_to(served)): p.read_bytes() for p in served.rglob("*") if p.is_file()} == before
    if change in ("broken", "missing photo", "bad header"):
        with pytest.raises(BuildFailed):
            build(tmp_path, warm, keep=False)


def test_a_failed_build_leaves_no_keeper(tmp_path, warm):
    write_files(tmp_path / "content", small_site())
    edit(tmp_path / "content" / POST / "index.vi.md", "Date: 2018-09-14 09:00", "Date: ngày mai")
    ours, theirs = socket.socketpair()
    with pytest.raises(BuildFailed):
        build_into_place("pelicanconf.py", tmp_path / "output", tmp_path / "content",
                         tmp_path / "cache", capture=True, overrides=PREVIEW_OVERRIDES,
                         warm=warm, keeper=theirs)
    theirs.close()
    ours.settimeout(60)
    assert ours.recv(1) == b""  # nobody at the other end


def test_a_quick_page_the_full_build_then_refuses_is_put_back(tmp_path, warm):
    """A link to a file not copied in yet is found by the full build only: the quick
    step showed the new text, the build failed, and the page stayed the refused
    version under a red box saying "this is the last good version"."""
    from staff.quick import undo, undo_folder

    write_files(tmp_path / "content", small_site())
    keeper = build(tmp_path, warm)
    source = tmp_path / "content" / POST / "index.vi.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nTải [Mẫu đơn đăng ký](mau-don.pdf) tại đây.\n",
                      encoding="utf-8")
    served = tmp_path / "served"
    shutil.copytree(tmp_path / "output", served)
    before = {str(p.relative_to(served)): p.read_bytes() for p in served.rglob("*") if p.is_file()}

    answer = ask(keeper, [source], served)
    assert answer["shown"], answer
    assert "Mẫu đơn đăng ký" in (served / POST / "index.html").read_text(encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(tmp_path, warm, keep=False)
    undo(str(served))  # (what the preview does when the full build fails)
    assert {str(p.relative_to(served)): p.read_bytes() for p in served.rglob("*") if p.is_file()} == before
    assert not os.path.exists(undo_folder(str(served)))

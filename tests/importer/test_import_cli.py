"""Safe and repeatable: no overwrite without --force, byte-identical reruns, --dry-run
writes nothing, a summary at the end; the command line and the invoke task."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from invoke import Context
from joomla_pages import ROOT, RICH_FOLDER, article_page, save_page, save_rich_page

from importer.cli import run
from importer.tasks import import_html

BODY = "<p>Nhà Trường tổ chức buổi sinh hoạt chuyên đề về kinh tế tập thể cho cán bộ.</p>"


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_quiet(*args, **kwargs):
    out = io.StringIO()
    status = run(*args, out=out, **kwargs)
    return status, out.getvalue()


def test_existing_post_is_not_overwritten(tmp_path):
    save_rich_page(tmp_path / "old")
    content = tmp_path / "content"
    run_quiet([tmp_path / "old"], content)
    index = content / RICH_FOLDER / "index.vi.md"
    index.write_text("Title: Bài đã sửa tay\nDate: 2018-09-14\n\nNội dung đã sửa.\n", encoding="utf-8")
    before = snapshot(content)
    status, log = run_quiet([tmp_path / "old"], content)
    assert status == 0
    assert snapshot(content) == before
    assert f"bỏ qua / skipped: {tmp_path / 'old' / 'khai-giang.html'}: đã có {RICH_FOLDER}/, " \
           "dùng --force để ghi đè" in log
    assert "Summary: imported 0, skipped 1, problems 0" in log


def test_force_overwrites_but_keeps_a_translation(tmp_path):
    save_rich_page(tmp_path / "old")
    first, again = tmp_path / "first", tmp_path / "again"
    run_quiet([tmp_path / "old"], first)
    run_quiet([tmp_path / "old"], again)
    post = again / RICH_FOLDER
    (post / "index.vi.md").write_text("Title: Sửa tay\nDate: 2018-09-14\n\nKhác.\n", encoding="utf-8")
    (post / "anh-cu.jpg").write_bytes(b"old photo")
    (post / "index.en.md").write_text("Title: Opening\nDate: 2018-09-14\n\nText.\n", encoding="utf-8")
    status, log = run_quiet([tmp_path / "old"], again, force=True)
    assert status == 0 and "Summary: imported 1, skipped 0, problems 0" in log
    after = snapshot(again)
    assert after.pop(f"{RICH_FOLDER}/index.en.md").startswith(b"Title: Opening")
    assert after == snapshot(first)


OLD = "http://truong-cu.example.vn/index.php/tin-tuc/"


@pytest.mark.parametrize("urls", [
    # told apart by their addresses on the old site (the posts' Aliases:)
    (OLD + "101-sinh-hoat-chuyen-de", OLD + "202-sinh-hoat-chuyen-de"),
    # no address to tell by (?id=...): by the day
    (OLD + "bai?id=101", OLD + "bai?id=202"),
])
def test_a_later_run_puts_a_page_titled_like_an_imported_one_beside_it(tmp_path, urls):
    """A page of a later run titled like a post an earlier run wrote for another page (the
    same announcement of the next year) goes to ``…-2``: it was skipped, and ``--force``
    replaced the other article, with what staff had edited in it. The same page again is
    still skipped (its date corrected by hand or not), and replaced with ``--force``."""
    first, later = tmp_path / "first", tmp_path / "later"
    save_page(first, "a", article_page("Sinh hoạt chuyên đề", BODY, published="2018-09-14T08:00:00+07:00",
                                        url=urls[0]))
    save_page(later, "b", article_page("Sinh hoạt chuyên đề", BODY, published="2019-09-20T08:00:00+07:00",
                                        url=urls[1]))
    content = tmp_path / "content"
    run_quiet([first], content)
    folder = content / "tin-tuc/tin-hoat-dong/sinh-hoat-chuyen-de"
    edited = (folder / "index.vi.md").read_text(encoding="utf-8").replace("Date: 2018-09-14 08:00", "Date: 2018-09-14")
    (folder / "index.vi.md").write_text(edited + "\nĐoạn staff viết thêm.\n", encoding="utf-8")
    before = snapshot(content)
    for force in (False, True):
        status, log = run_quiet([later], content, force=force)
        assert status == 0 and "Summary: imported 1, skipped 0, problems 0" in log
        assert f"{later / 'b.html'}: cùng tiêu đề với tin-tuc/tin-hoat-dong/sinh-hoat-chuyen-de/: " \
               "bài này vào tin-tuc/tin-hoat-dong/sinh-hoat-chuyen-de-2/" in log
        after = snapshot(content)
        assert {k: v for k, v in after.items() if "chuyen-de-2/" not in k} == before
        assert b"Date: 2019-09-20 08:00" in after["tin-tuc/tin-hoat-dong/sinh-hoat-chuyen-de-2/index.vi.md"]
    # the first page again (its date edited by hand to the day alone): its own folder
    status, log = run_quiet([first], content)
    assert "Summary: imported 0, skipped 1, problems 0" in log
    if "?" not in urls[0]:
        # ... even with the day corrected: the address tells (the day alone made it another page)
        index = folder / "index.vi.md"
        index.write_text(index.read_text(encoding="utf-8").replace("Date: 2018-09-14", "Date: 2018-09-15"),
                         encoding="utf-8")
        status, log = run_quiet([first], content)
        assert "Summary: imported 0, skipped 1, problems 0" in log and not (folder.parent / "sinh-hoat-chuyen-de-3").exists()
    status, log = run_quiet([first], content, force=True)
    assert "Summary: imported 1, skipped 0, problems 0" in log
    assert "Đoạn staff viết thêm" not in (folder / "index.vi.md").read_text(encoding="utf-8")


def test_an_imported_post_keeps_the_old_pages_address_as_an_old_address(tmp_path):
    """``Aliases:`` the path of the address the page was saved from: a link to the old
    page (shared, or in a search engine) leads to the post once the new site replaces the
    old one at its address. Not an address with ``?`` (a static site cannot serve it), nor
    one of a second page of the run (the page saved twice: the build would stop on it)."""
    old = tmp_path / "old"
    save_page(old, "a", article_page("Hội nghị tổng kết", BODY, url=OLD + "301-hoi-nghi-tong-ket"))
    save_page(old, "b", article_page("Tập huấn kế toán", BODY, url=OLD + "bai?id=302"))
    save_page(old, "c", article_page("Hội nghị tổng kết năm", BODY, url=OLD + "301-hoi-nghi-tong-ket"))
    status, log = run_quiet([old], tmp_path / "content")
    assert status == 0, log
    section = tmp_path / "content" / "tin-tuc" / "tin-hoat-dong"
    heads = {p.parent.name: p.read_text(encoding="utf-8").split("\n\n")[0] for p in section.glob("*/index.vi.md")}
    assert heads["hoi-nghi-tong-ket"].endswith("\nAliases: /index.php/tin-tuc/301-hoi-nghi-tong-ket")
    assert "Aliases" not in heads["tap-huan-ke-toan"] and "Aliases" not in heads["hoi-nghi-tong-ket-nam"]
    assert f"{old / 'c.html'}: cùng địa chỉ cũ với {old / 'a.html'}: không ghi dòng Aliases" in log


def test_an_empty_file_or_one_that_is_not_a_page_is_said_so(tmp_path):
    """Both were "no article body: is this an article page?"."""
    old = tmp_path / "old"
    old.mkdir()
    (old / "rong.html").write_bytes(b"")
    (old / "ghi-chu.html").write_text("Danh sách bài cần chuyển sang trang mới.\n", encoding="utf-8")
    status, log = run_quiet([old], tmp_path / "content")
    assert status == 1
    assert f"{old / 'rong.html'}: tệp rỗng (0 byte)" in log and "the file is empty" in log
    assert f"{old / 'ghi-chu.html'}: tệp không phải trang web (HTML)" in log
    assert not (tmp_path / "content").exists()


def test_running_twice_gives_byte_identical_files(tmp_path):
    save_rich_page(tmp_path / "old")
    save_page(tmp_path / "old", "sinh-hoat", article_page("Sinh hoạt chuyên đề", BODY))
    run_quiet([tmp_path / "old"], tmp_path / "a")
    run_quiet([tmp_path / "old"], tmp_path / "b")
    first = snapshot(tmp_path / "a")
    assert first == snapshot(tmp_path / "b")
    run_quiet([tmp_path / "old"], tmp_path / "a", force=True)
    assert snapshot(tmp_path / "a") == first
    assert not [p for p in (tmp_path / "a").rglob(".*")]  # no staging folders left


def test_dry_run_writes_nothing_and_says_what_it_would_do(tmp_path):
    save_rich_page(tmp_path / "old")
    status, log = run_quiet([tmp_path / "old"], tmp_path / "content", dry_run=True)
    assert status == 0
    assert not (tmp_path / "content").exists()
    assert f"sẽ nhập / would import: {tmp_path / 'old' / 'khai-giang.html'} -> {RICH_FOLDER}/ " \
           "(5 ảnh, 3 trong bộ ảnh / 5 photos, 3 in the gallery)" in log
    assert "Tổng kết: sẽ nhập 1, bỏ qua 0, lỗi 0 / Summary: would import 1" in log
    assert "Chạy thử: không ghi tệp nào / Dry run: nothing was written" in log
    # Each section folder with the files that would name it, in both languages (the
    # English one was left out, and check then asked for it).
    assert "Sections without a name: create these files, each with a 'Title:' line" in log
    assert "  tin-tuc/ (_index.vi.md, _index.en.md)\n  tin-tuc/tin-hoat-dong/ (_index.vi.md, _index.en.md)" in log
    (tmp_path / "content" / "tin-tuc").mkdir(parents=True)
    (tmp_path / "content" / "tin-tuc" / "_index.vi.md").write_text("Title: Tin tức\n", encoding="utf-8")
    status, log = run_quiet([tmp_path / "old"], tmp_path / "content", dry_run=True)
    assert "  tin-tuc/ (_index.en.md)\n  tin-tuc/tin-hoat-dong/ (_index.vi.md, _index.en.md)" in log


def test_summary_lists_every_outcome_with_file_names(tmp_path):
    old = tmp_path / "old"
    save_page(old, "a", article_page("Sinh hoạt chuyên đề", BODY))
    save_page(old, "b", article_page("Sinh hoạt chuyên đề", BODY))      # titled like a: "-2"
    save_page(old, "c", "<html><body><div class='category-list'>Danh sách</div></body></html>")
    save_page(old, "d", article_page("Bài không ngày", BODY, published=None))
    (old / "a_files" / "khung.html").write_text("<html>not a page of its own</html>")
    status, log = run_quiet([old, tmp_path / "khong-co"], tmp_path / "content")
    assert status == 1
    summary = log[log.index("Tổng kết"):]
    assert summary.splitlines()[0] == ("Tổng kết: đã nhập 3, bỏ qua 0, lỗi 2 / Summary: imported 3, "
                                       "skipped 0, problems 2")
    # Two pages titled alike (an announcement posted each year): the second gets "-2", to
    # check (it was refused: "retitle one of them", in a page of the old site).
    assert f"{old / 'b.html'}: cùng tiêu đề với {old / 'a.html'}: bài này vào " \
           "tin-tuc/tin-hoat-dong/sinh-hoat-chuyen-de-2/" in summary
    assert (tmp_path / "content/tin-tuc/tin-hoat-dong/sinh-hoat-chuyen-de-2/index.vi.md").is_file()
    assert f"{old / 'c.html'}: không thấy nội dung bài" in summary
    assert f"{tmp_path / 'khong-co'}: không có tệp hay thư mục này / no such file or folder" in summary
    assert f"{old / 'd.html'}: bài không ghi ngày đăng" in summary
    assert "khung.html" not in log


def test_python_m_importer(tmp_path):
    save_rich_page(tmp_path / "old")
    result = subprocess.run([sys.executable, "-m", "importer", str(tmp_path / "old" / "khai-giang.html"),
                             "--dest", str(tmp_path / "content"), "--dry-run"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Summary: would import 1" in result.stdout
    result = subprocess.run([sys.executable, "-m", "importer", "--help"], cwd=ROOT,
                            capture_output=True, text=True)
    assert "--dest" in result.stdout and "--map FILE" in result.stdout


def test_invoke_task_with_more_paths_after_double_dash(tmp_path, capsys):
    save_rich_page(tmp_path / "old")
    save_page(tmp_path / "more", "sinh-hoat", article_page("Sinh hoạt chuyên đề", BODY))
    context = Context(remainder=str(tmp_path / "more" / "sinh-hoat.html"))
    import_html(context, str(tmp_path / "old"), dest=str(tmp_path / "content"))
    assert "Summary: imported 2, skipped 0, problems 0" in capsys.readouterr().out
    assert (tmp_path / "content" / RICH_FOLDER).is_dir()
    assert (tmp_path / "content" / "tin-tuc/tin-hoat-dong/sinh-hoat-chuyen-de").is_dir()

"""``invoke new``: a post folder with an ASCII slug, a metadata skeleton, the file to edit."""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path

import pytest
from conftest import run_pelican, section_files, write_files
from slugify import slugify
from staff_support import invoke

from staff.new import make_slug

TITLE = "Đại hội Đoàn: khai giảng lớp “Quản trị HTX” năm 2026"
SLUG = "dai-hoi-doan-khai-giang-lop-quan-tri-htx-nam-2026"


def content_with_sections(tmp_path):
    content = tmp_path / "content"
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= section_files("tin-tuc/tin-hoat-dong", "Tin hoạt động của Nhà Trường", "School news")
    files |= section_files("dao-tao", "Đào tạo", "Training")
    files["pages/gioi-thieu/index.vi.md"] = "Title: Giới thiệu\n\nNội dung.\n"
    write_files(content, files)
    return content


def build(content, tmp_path):
    """Build with today as the site's day (the new post is dated now, not in the past)."""
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")).date().isoformat()
    built = run_pelican(content, tmp_path / "output", tmp_path / "cache", SITE_TODAY=today,
                        SECTIONS_TODAY=today)
    assert built.returncode == 0, built.stdout + built.stderr
    return tmp_path / "output"


def minutes_around(action) -> tuple[set[str], object]:
    """The ``Date:`` values possible while ``action`` runs, and what it returned."""
    zone = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    before = datetime.datetime.now(zone).replace(second=0, microsecond=0)
    result = action()
    after = datetime.datetime.now(zone)
    possible, t = set(), before
    while t <= after:
        possible.add(t.strftime("%Y-%m-%d %H:%M"))
        t += datetime.timedelta(minutes=1)
    return possible, result


def test_slugs_are_ascii_with_d_for_the_vietnamese_d():
    assert slugify("đường Đông") == "duong-dong"  # python-slugify maps đ/Đ itself
    assert make_slug(TITLE) == SLUG
    assert make_slug("  Tiếng Việt: ỹ ữ ờ ặ — ĐẶNG  ") == "tieng-viet-y-u-o-a-dang"
    long = make_slug("Hội nghị " * 30)
    assert len(long) <= 80 and not long.endswith("-") and long.startswith("hoi-nghi-hoi-nghi")


def test_new_post_is_created_and_builds(tmp_path):
    content = content_with_sections(tmp_path)
    possible, result = minutes_around(lambda: invoke(
        "new", TITLE, "--section", "tin-tuc/tin-hoat-dong", "--content", str(content), home=tmp_path))
    assert result.returncode == 0, result.stderr
    post = content / "tin-tuc" / "tin-hoat-dong" / SLUG / "index.vi.md"
    assert result.stdout.strip().splitlines()[-1] == str(post)  # the file to edit, last
    assert "Đã tạo bài viết trong mục “Tin hoạt động của Nhà Trường” (tin-tuc/tin-hoat-dong) / created in the section “School news”" in result.stderr
    lines = post.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"Title: {TITLE}"
    assert lines[1].startswith("Date: ") and lines[1][len("Date: "):] in possible
    assert lines[2:5] == ["Author:", "Tags:", ""]
    assert not (post.parent / "index.en.md").exists()
    # The skeleton as it is builds, with the default sign-off and an automatic summary.
    page = (build(content, tmp_path) / "tin-tuc" / "tin-hoat-dong" / SLUG / "index.html").read_text()
    assert "Đại hội Đoàn" in page and "Phòng Đào tạo, bồi dưỡng" in page


def test_the_hints_say_how_to_offer_a_file_and_following_them_publishes_it(tmp_path):
    content = content_with_sections(tmp_path)
    result = invoke("new", TITLE, "--section", "tin-tuc/tin-hoat-dong", "--content", str(content), home=tmp_path)
    hint = next(line for line in result.stderr.splitlines() if "Tệp tải về" in line)
    link = hint[hint.index("["):].rstrip(".")
    post = Path(result.stdout.strip().splitlines()[-1])
    (post.parent / "mau-don.pdf").write_bytes(b"%PDF-1.4" + bytes(3000))
    post.write_text(post.read_text(encoding="utf-8") + f"\nTải {link} về.\n", encoding="utf-8")
    page = (build(content, tmp_path) / "tin-tuc" / "tin-hoat-dong" / SLUG / "index.html").read_text()
    assert 'href="/tin-tuc/tin-hoat-dong/' + SLUG + '/mau-don.pdf">Mẫu đơn</a>' in page
    assert "(PDF,\u00a03\u00a0KB)" in page


def test_the_hints_say_how_to_show_a_video_and_following_them_shows_it(tmp_path):
    content = content_with_sections(tmp_path)
    result = invoke("new", TITLE, "--section", "tin-tuc/tin-hoat-dong", "--content", str(content), home=tmp_path)
    hint = next(line for line in result.stderr.splitlines() if "Video:" in line)
    assert "https://youtu.be/" in hint and "đoạn riêng" in hint
    post = Path(result.stdout.strip().splitlines()[-1])
    post.write_text(post.read_text(encoding="utf-8") + "\nhttps://youtu.be/abc123XYZ\n", encoding="utf-8")
    page = (build(content, tmp_path) / "tin-tuc" / "tin-hoat-dong" / SLUG / "index.html").read_text()
    assert 'href="https://www.youtube.com/watch?v=abc123XYZ"' in page and 'class="video"' in page


def test_a_taken_slug_gets_a_number(tmp_path):
    content = content_with_sections(tmp_path)
    (content / "dao-tao" / "le-be-giang").mkdir()
    (content / "dao-tao" / "Le-Be-Giang-2").mkdir()  # the same address, whatever the case
    made = []
    for _ in range(2):
        result = invoke("new", "Lễ bế giảng", "--section", "dao-tao/", "--content", str(content),
                        home=tmp_path)
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.strip().splitlines()[-1])
    assert made == [str(content / "dao-tao" / f"le-be-giang-{n}" / "index.vi.md") for n in (3, 4)]


def test_english_stub_is_a_draft_until_translated(tmp_path):
    content = content_with_sections(tmp_path)
    result = invoke("new", "Hội thảo OCOP", "--section", "tin-tuc", "--en", "--content", str(content),
                    home=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = content / "tin-tuc" / "hoi-thao-ocop"
    vi = (folder / "index.vi.md").read_text(encoding="utf-8").splitlines()
    en = (folder / "index.en.md").read_text(encoding="utf-8").splitlines()
    assert en[1] == vi[1]  # the same Date
    assert "Status: draft" in en
    output = build(content, tmp_path)
    assert (output / "tin-tuc" / "hoi-thao-ocop" / "index.html").exists()
    assert not (output / "en" / "tin-tuc" / "hoi-thao-ocop").exists()


def test_without_a_known_section_the_sections_are_listed(tmp_path):
    content = content_with_sections(tmp_path)
    for extra in ([], ["--section", "tin-tuc/khong-co"], ["--section", "pages"]):
        result = invoke("new", "Bài mới", *extra, "--content", str(content), home=tmp_path)
        assert result.returncode != 0
        assert "tin-tuc/tin-hoat-dong  Tin hoạt động của Nhà Trường" in result.stderr
        assert "dao-tao" in result.stderr and "pages" not in result.stderr.split("sections:")[1]
        assert result.stdout == ""
    assert not (content / "tin-tuc" / "bai-moi").exists()
    assert not (content / "tin-tuc" / "khong-co").exists()


@pytest.mark.parametrize("typed", ["tin-hoat-dong", "Tin-Hoat-Dong/", "Tin hoạt động của Nhà Trường",
                                   "tin hoat dong cua nha truong", "School news", "Tin hoạt động"])
def test_a_section_named_by_its_folder_or_its_name_alone_is_taken(tmp_path, typed):
    """The section's folder as the site's address shows it, or its shown name (accents
    optional), was refused with the list of every section: staff had to type the parent
    folder too. The line says which section the post went in."""
    content = content_with_sections(tmp_path)
    result = invoke("new", "Bài mới", "--section", typed, "--content", str(content), home=tmp_path)
    assert result.returncode == 0, result.stderr
    post = content / "tin-tuc" / "tin-hoat-dong" / "bai-moi" / "index.vi.md"
    assert result.stdout.strip().splitlines()[-1] == str(post) and post.is_file()
    assert "trong mục “Tin hoạt động của Nhà Trường” (tin-tuc/tin-hoat-dong)" in result.stderr


def test_a_name_several_sections_have_lists_just_those(tmp_path):
    content = content_with_sections(tmp_path)
    write_files(content, section_files("tin-tuc/thong-bao", "Thông báo", "Notices")
                | section_files("dao-tao/thong-bao", "Thông báo tuyển sinh", "Admissions"))
    for typed in ("thong-bao", "thong bao"):
        result = invoke("new", "Bài mới", "--section", typed, "--content", str(content), home=tmp_path)
        assert result.returncode == 2 and result.stdout == ""
        listed = [line.split()[0] for line in result.stderr.splitlines() if line.startswith("  ")]
        assert sorted(listed) == ["dao-tao/thong-bao", "tin-tuc/thong-bao"], result.stderr
        assert "đủ đường dẫn" in result.stderr.splitlines()[0], result.stderr
    assert not list(content.rglob("bai-moi"))
    # The whole path, or a name one section alone has (as written, accents and all), is enough.
    for typed, folder in (("dao-tao/thong-bao", "dao-tao/thong-bao"), ("Thông báo tuyển sinh", "dao-tao/thong-bao"),
                          ("Notices", "tin-tuc/thong-bao"), ("Thông báo", "tin-tuc/thong-bao")):
        result = invoke("new", f"Bài {typed}", "--section", typed, "--content", str(content), home=tmp_path)
        assert result.returncode == 0 and f"({folder}) / created" in result.stderr, result.stderr


def test_a_title_without_letters_is_refused(tmp_path):
    content = content_with_sections(tmp_path)
    result = invoke("new", " — ", "--section", "tin-tuc", "--content", str(content), home=tmp_path)
    assert result.returncode != 0
    assert "tiêu đề" in result.stderr or "title" in result.stderr
    assert sorted(p.name for p in (content / "tin-tuc").iterdir()) == [
        "_index.en.md", "_index.vi.md", "tin-hoat-dong"]


def test_help_after_the_task_shows_the_help_and_creates_nothing(tmp_path):
    # Invoke hands a help flag after ``new`` to its missing title (pyinvoke/invoke#982).
    content = content_with_sections(tmp_path)
    before = sorted(p.name for p in (content / "tin-tuc").iterdir())
    for flag in ("--help", "-h"):
        for args in (["new", flag], ["new", "--section", "tin-tuc", flag]):
            result = invoke(*args, "--content", str(content), home=tmp_path)
            assert result.returncode == 0, result.stderr
            assert "--section=STRING" in result.stdout and "--title=STRING" in result.stdout
            assert "created" not in result.stderr
    assert sorted(p.name for p in (content / "tin-tuc").iterdir()) == before


def test_an_option_in_the_titles_place_is_refused(tmp_path):
    content = content_with_sections(tmp_path)
    before = sorted(p.name for p in (content / "tin-tuc").iterdir())
    result = invoke("new", "--section", "tin-tuc", "--dry", "--content", str(content), home=tmp_path)
    assert result.returncode == 2
    assert "'--dry'" in result.stderr and "looks like an option" in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in (content / "tin-tuc").iterdir()) == before


def test_the_hints_name_the_tags_in_use_most_used_first(tmp_path):
    """So that a new post writes a tag as the others do (one tag, one page)."""
    content = content_with_sections(tmp_path)
    for n, tags in enumerate(["bồi dưỡng, OCOP", "Bồi dưỡng, Quảng Ninh", "bồi dưỡng, boi duong", "OCOP, 👍"]):
        write_files(content, {f"dao-tao/bai-{n}/index.vi.md": f"Title: Bài {n}\nDate: 2024-01-0{n + 1}\nTags: {tags}\n\nBài.\n",
                              f"dao-tao/bai-{n}/index.en.md": f"Title: Post {n}\nDate: 2024-01-0{n + 1}\nTags: English only\n\nPost.\n"})
    result = invoke("new", TITLE, "--section", "tin-tuc", "--content", str(content), home=tmp_path)
    assert result.returncode == 0, result.stderr
    hint = next(line for line in result.stderr.splitlines() if "Tags:" in line)
    assert hint.endswith("tags in use: bồi dưỡng, OCOP, Quảng Ninh"), hint
    # A site without tags yet: no such line.
    empty = content_with_sections(tmp_path / "empty")
    result = invoke("new", TITLE, "--section", "tin-tuc", "--content", str(empty), home=tmp_path)
    assert result.returncode == 0 and "tags in use" not in result.stderr


def test_the_hints_name_tags_whose_accents_differ_as_two(tmp_path):
    """"khoa học" and "khóa học" are two tags (two pages): the hints named one "khoa học"
    counting both; "khoa hoc" could be either and is not named."""
    content = content_with_sections(tmp_path)
    for n, tags in enumerate(["khoa học, OCOP", "khoa học", "khóa học, OCOP", "khoa hoc", "C#", "C"]):
        write_files(content, {f"dao-tao/bai-{n}/index.vi.md": f"Title: Bài {n}\nDate: 2024-01-0{n + 1}\nTags: {tags}\n\nBài.\n"})
    result = invoke("new", TITLE, "--section", "tin-tuc", "--content", str(content), home=tmp_path)
    assert result.returncode == 0, result.stderr
    hint = next(line for line in result.stderr.splitlines() if "Tags:" in line)
    assert hint.endswith("tags in use: khoa học, OCOP, C, C#, khóa học"), hint


def test_a_new_post_left_as_invoke_new_wrote_it_cannot_be_published(tmp_path):
    """Its placeholder text (and the English file's "English title", once its draft line
    is gone) was a warning, which scrolled past: invoke publish put the post on the site."""
    from staff.check import check
    from staff.project import read_settings

    content = content_with_sections(tmp_path)
    result = invoke("new", "Thông báo tuyển sinh khóa 4", "--section", "tin-tuc/tin-hoat-dong", "--en",
                    "--content", str(content), home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = content / "tin-tuc" / "tin-hoat-dong" / "thong-bao-tuyen-sinh-khoa-4"
    report = check(content, read_settings())
    errors = [str(e) for e in report.errors]
    assert errors == ["tin-tuc/tin-hoat-dong/thong-bao-tuyen-sinh-khoa-4/index.vi.md:6: vẫn còn dòng mẫu "
                      "của 'invoke new', hãy thay bằng nội dung bài / the placeholder text of 'invoke new' "
                      "is still here; replace it with the post"], errors  # the English draft: nothing
    english = folder / "index.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace("Status: draft\n", ""), encoding="utf-8")
    errors = [str(e) for e in check(content, read_settings()).errors]
    assert any(e.startswith("tin-tuc/tin-hoat-dong/thong-bao-tuyen-sinh-khoa-4/index.en.md:1: tiêu đề vẫn là "
                            "dòng mẫu 'English title'") for e in errors), errors
    assert any(e.startswith("tin-tuc/tin-hoat-dong/thong-bao-tuyen-sinh-khoa-4/index.en.md:6: vẫn còn dòng mẫu")
               for e in errors), errors

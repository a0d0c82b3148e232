"""``python -m importer PATH... [--dest content] [--force] [--dry-run] [--map FILE]``

Imports saved article pages of the old Joomla site (``page.html`` with its
``page_files/`` folder, as browsers save them, or folders of such pages) as post
folders under ``--dest``. Existing posts are left alone unless ``--force``;
``--dry-run`` writes nothing and says what would be done. Exit status: 0 when every
page was imported or skipped as existing, 1 when a page could not be imported,
2 when the section table is wrong.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from datetime import date
from pathlib import Path

from .errors import ImportProblem, SectionTableError, bilingual
from .post import read_post
from .report import Report
from .sections import DEFAULT_TABLE, SectionTable, load_table
from .writer import INDEX, missing_section_names, write_post

PAGE_SUFFIXES = {".html", ".htm"}


def find_pages(paths: list[Path], report: Report) -> list[Path]:
    """The pages to import, each once, in a stable order (folders are searched, but not
    the ``*_files`` folders that hold a page's photos)."""
    pages: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
                     and not _in_files_folder(p.relative_to(path))]
            if not found:
                report.add_problem(str(path), bilingual("thư mục không có trang .html nào",
                                                        "no .html pages in this folder"))
            pages += sorted(found)
        elif path.is_file():
            pages.append(path)
        else:
            report.add_problem(str(path), bilingual("không có tệp hay thư mục này",
                                                    "no such file or folder"))
    return list(dict.fromkeys(pages))


def _in_files_folder(relative: Path) -> bool:
    # "page_files/" holds what the browser saved with a page, frames included.
    return any(part.endswith("_files") for part in relative.parts[:-1])


def run(paths: list[Path], dest: Path, force: bool = False, dry_run: bool = False,
        table_file: Path | None = None, out=None) -> int:
    """Import the pages; prints a line per page and the summary; returns the exit status."""
    report = Report(dry_run=dry_run, out=out or sys.stdout)
    try:
        table = load_table(table_file)
    except SectionTableError as exc:
        for line in exc.lines:
            report.say(line)
        return 2
    importing = ImportRun(table, dest, force, dry_run, report)
    for page in find_pages(paths, report):
        importing.import_page(page)
    report.say(report.summary())
    return report.exit_code


class ImportRun:
    """One run of the importer: its options, and the post folders it has claimed."""

    def __init__(self, table: SectionTable, dest: Path, force: bool, dry_run: bool,
                 report: Report):
        self.table, self.dest, self.force, self.dry_run = table, dest, force, dry_run
        self.report = report
        self.claimed: dict[str, str] = {}   # post folder -> the page that made it
        self.addresses: dict[str, str] = {}  # old address (``Post.alias``) -> the page

    def free_folder(self, post) -> None:
        """Give ``post`` a folder no other page took: two pages titled alike ("Thông báo
        lịch học" of 2019 and of 2020) make ``…`` and ``…-2``, with a line to check (the
        second was refused with "retitle one of them": a page of the old site). A folder
        an earlier run wrote is this page's (skipped unless ``--force``), unless its post
        is another page's (``other_page``): ``--force`` replaced that other article, with
        the staff's edits."""
        base, number = post.slug, 1
        while post.folder in self.claimed or self.other_page(post):
            number += 1
            post.slug = f"{base}-{number}"
        if number > 1:
            first = f"{post.section}/{base}"
            other = self.claimed.get(first) or f"{first}/"
            post.warnings.append(bilingual(f"cùng tiêu đề với {other}: bài này vào {post.folder}/",
                                           f"titled like {other}: this one went to {post.folder}/"))

    def other_page(self, post) -> bool:
        """The folder ``post`` would take holds a post an earlier run wrote for another
        page: its ``Aliases:`` (the old page's address, ``post.alias``) does not
        name this page's, or, with no address to tell by, it is dated another day than
        the page's own date. When neither tells (a page dated by its file's time, a
        ``Date:`` the importer cannot read), it is taken for this page's, as before; a
        date staff corrected does not make the same page another."""
        try:
            with open(self.dest / post.folder / INDEX, encoding="utf-8-sig") as f:
                head = list(itertools.takewhile(lambda line: line.strip(), f))
        except (OSError, UnicodeDecodeError):
            return False
        fields = {}
        for line in head:
            key, _, value = line.partition(":")
            fields.setdefault(key.strip().lower(), value.strip())
        if post.alias and "aliases" in fields:
            return post.alias not in [a.strip() for a in fields["aliases"].split(",")]
        if not post.dated:
            return False
        try:
            return date.fromisoformat(fields.get("date", "")[:10]) != date.fromisoformat(post.date[:10])
        except ValueError:
            return False

    def import_page(self, page: Path) -> None:
        name, report = str(page), self.report
        try:
            post = read_post(page, self.table)
        except ImportProblem as exc:
            return report.add_problem(name, str(exc))
        except Exception as exc:  # noqa: BLE001 - one odd page must not stop the others
            return report.add_problem(name, bilingual(
                f"lỗi không lường trước khi đọc trang ({type(exc).__name__}: {exc}), "
                "hãy báo cho người phát triển",
                "unexpected error while reading the page, please report it"))
        if post.alias in self.addresses:
            # The same old address twice: the page saved twice, or an old site whose pages
            # all name one canonical address. Written twice, the build would stop on it.
            other, post.alias = self.addresses[post.alias], None
            post.warnings.append(bilingual(f"cùng địa chỉ cũ với {other}: không ghi dòng Aliases (trang lưu hai lần?)",
                                           f"the same old address as {other}: no Aliases line (saved twice?)"))
        elif post.alias:
            self.addresses[post.alias] = name
        self.free_folder(post)
        self.claimed[post.folder] = name
        if (self.dest / post.folder).exists() and not self.force:
            return report.add_skipped(name, bilingual(
                f"đã có {post.folder}/, dùng --force để ghi đè",
                f"{post.folder}/ exists, use --force to overwrite"))
        report.unnamed_sections.update(missing_section_names(self.dest, post.section))
        if not self.dry_run:
            try:
                write_post(post, self.dest)
            except OSError as exc:
                return report.add_problem(name, bilingual(
                    f"không ghi được {post.folder}/ ({exc.strerror})",
                    f"cannot write {post.folder}/ ({exc.strerror})"))
        report.add_imported(name, post.folder, len(post.photos), len(post.gallery),
                            post.warnings)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m importer",
        description="Nhập các trang tin đã lưu của trang cũ (Joomla) thành thư mục bài viết. / "
                    "Import saved article pages of the old Joomla site as post folders.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="a saved page (.html beside its _files/ folder) or a folder of them")
    p.add_argument("--dest", type=Path, default=Path("content"),
                   help="the content folder to write into (default: content)")
    p.add_argument("--force", action="store_true", help="overwrite posts that already exist")
    p.add_argument("--dry-run", action="store_true", help="write nothing, say what would be done")
    p.add_argument("--map", type=Path, default=None, metavar="FILE",
                   help=f"table of old section names to section folders (default: {DEFAULT_TABLE})")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run(args.paths, args.dest, force=args.force, dry_run=args.dry_run,
               table_file=args.map)

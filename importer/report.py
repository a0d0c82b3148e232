"""What the importer tells people: a line per page as it goes, a summary at the end.
Vietnamese first, then English."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Report:
    dry_run: bool = False
    out: TextIO = field(default_factory=lambda: sys.stdout)
    imported: list[tuple[str, str]] = field(default_factory=list)    # (page, post folder)
    skipped: list[tuple[str, str]] = field(default_factory=list)     # (page, why)
    problems: list[tuple[str, str]] = field(default_factory=list)    # (page, why): not imported
    to_check: list[tuple[str, str]] = field(default_factory=list)    # (page, what): imported
    unnamed_sections: dict[str, tuple[str, ...]] = field(default_factory=dict)  # folder -> missing _index files

    def say(self, line: str) -> None:
        print(line, file=self.out)

    def add_imported(self, page: str, folder: str, photos: int, gallery: int,
                     warnings: list[str]) -> None:
        self.imported.append((page, folder))
        verb = "sẽ nhập / would import" if self.dry_run else "đã nhập / imported"
        self.say(f"{verb}: {page} -> {folder}/ ({photos} ảnh, {gallery} trong bộ ảnh / "
                 f"{photos} photos, {gallery} in the gallery)")
        for warning in warnings:
            self.to_check.append((page, warning))
            self.say(f"  ! {warning}")

    def add_skipped(self, page: str, why: str) -> None:
        self.skipped.append((page, why))
        self.say(f"bỏ qua / skipped: {page}: {why}")

    def add_problem(self, page: str, why: str) -> None:
        self.problems.append((page, why))
        self.say(f"lỗi / problem: {page}: {why}")

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0

    def summary(self) -> str:
        counts = (len(self.imported), len(self.skipped), len(self.problems))
        verb_vi, verb_en = ("sẽ nhập", "would import") if self.dry_run else ("đã nhập", "imported")
        lines = ["", "Tổng kết: {} {}, bỏ qua {}, lỗi {} / Summary: {} {}, skipped {}, "
                 "problems {}".format(verb_vi, counts[0], counts[1], counts[2],
                                      verb_en, counts[0], counts[1], counts[2])]
        if self.dry_run:
            lines.append("Chạy thử: không ghi tệp nào / Dry run: nothing was written")
        for title, entries in (("Không nhập được / Not imported", self.problems),
                               ("Bỏ qua / Skipped", self.skipped),
                               ("Cần xem lại / To check", self.to_check)):
            if entries:
                lines.append(f"{title}:")
                lines += [f"  {page}: {why}" for page, why in entries]
        if self.unnamed_sections:
            lines.append("Mục chưa có tên: tạo các tệp dưới đây, mỗi tệp một dòng 'Title: Tên mục' "
                         "(tiếng Việt, tiếng Anh) trước khi dựng trang / Sections without a name: "
                         "create these files, each with a 'Title:' line, before building:")
            lines += [f"  {folder}/ ({', '.join(names)})" for folder, names in sorted(self.unnamed_sections.items())]
        return "\n".join(lines)

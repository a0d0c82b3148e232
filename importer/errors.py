"""The importer's exceptions. A problem with one page is reported and the page skipped;
a bad section table stops the run before anything is written."""

from __future__ import annotations


def bilingual(vi: str, en: str) -> str:
    """One message for people: Vietnamese first, then English."""
    return f"{vi} / {en}"


class ImportProblem(Exception):
    """This page cannot be imported (the message says why and what to do)."""

    def __init__(self, vi: str, en: str):
        super().__init__(bilingual(vi, en))


class SectionTableError(Exception):
    """The table of old section names is unreadable or has bad entries (all listed)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))

"""The content folder as the staff tools see it: Markdown files, their metadata lines, sections.

Metadata is read with the rules of the Markdown ``meta`` extension Pelican uses (the same
regular expressions), so a line the build would not take as metadata is reported where
it is. Paths in messages are relative to the content folder, as in the build's errors.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.meta import META_RE

from .project import use_plugins

use_plugins()
from reader.convert import decode  # noqa: E402
from reader.reader import name_error  # noqa: E402
from sitemodel.build import (  # noqa: E402
    INDEX_FILE, MARKDOWN_TAB, POST_FILE, parse_header, read_index_file, section_texts)
from sitemodel.checks import same_name_key, stopped_header_message  # noqa: E402
from sitemodel.errors import ContentError  # noqa: E402
from sitemodel.text import clean_header_line, clean_pasted, in_vietnamese  # noqa: E402

#: File name endings Pelican's Markdown reader takes.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


@dataclass
class Field:
    """One ``Key: value`` line of a file's metadata."""

    key: str  # as written
    value: str
    line: int

    @property
    def name(self) -> str:
        return self.key.lower()


@dataclass
class Source:
    """One Markdown file under the content folder, and its metadata lines."""

    path: Path
    rel: str  # relative to the content folder, with "/"
    kind: str  # "post", "page" or "stray" (a Markdown file outside the format)
    lang: str
    section: str | None = None
    slug: str | None = None
    text: str | None = None  # None when the file is not UTF-8
    fields: list[Field] = field(default_factory=list)
    problems: list[ContentError] = field(default_factory=list)
    #: The line that ended the metadata when metadata lines follow it (``stopped_header_message``).
    header_stop: ContentError | None = None
    body_line: int = 1  # the line the text (after the metadata) starts on

    @property
    def folder(self) -> Path:
        return self.path.parent

    def get(self, name: str) -> Field | None:
        """The first ``name:`` line (any case), if there is one."""
        return next((f for f in self.fields if f.name == name), None)

    def value(self, name: str, default: str = "") -> str:
        found = self.get(name)
        return found.value if found else default

    @property
    def body(self) -> str:
        """The text after the metadata, with blank lines in place of the metadata lines."""
        if self.text is None:
            return ""
        lines = self.text.split("\n")
        return "\n" * (self.body_line - 1) + "\n".join(lines[self.body_line - 1:])

    @property
    def is_draft(self) -> bool:
        return self.value("status").strip().lower() == "draft"


def read_metadata(source: Source) -> None:
    """Fill ``source.fields`` as the Markdown ``meta`` extension reads them: the build's
    reading (``sitemodel.build.parse_header``), so check and the build agree line for line."""
    try:
        text = source.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        # The build's words, with the line of the first character that is not UTF-8
        # (check said less, with no line); a text NFC or not is check's to say, so only
        # the error is taken from the reader.
        _, message, line = decode(source.path.read_bytes())
        source.problems.append(ContentError(source.rel, message, line))
        return
    # Without what the reader drops as it reads (reader.convert.decode): a zero-width
    # space inside "<scr\u200bipt>" or "[words]\u200b(address)" is read as the build reads it.
    source.text = clean_pasted(text.replace("\r\n", "\n").replace("\r", "\n"), vietnamese=in_vietnamese(source.rel))
    lines = source.text.split("\n")
    header = parse_header(lines)  # as the build reads it (sitemodel.build)
    source.fields = [Field(key, value, number) for number, key, value in header.entries]
    if header.stopped and source.fields:
        shown = [clean_header_line(line).expandtabs(MARKDOWN_TAB) for line in lines[header.stopped - 1:]]
        if _looks_like_metadata(shown[1:]):  # (said unless the build's rule says more: check_metadata)
            source.header_stop = ContentError(source.rel, stopped_header_message(shown[0].strip()), header.stopped)
    source.body_line = header.body


def _looks_like_metadata(rest: list[str]) -> bool:
    """True when more ``Key: value`` lines follow before the first blank line."""
    for line in rest:
        if not line.strip():
            return False
        if META_RE.match(line):
            return True
    return False


def ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


@dataclass
class Content:
    """Everything under the content folder the checks look at."""

    root: Path
    languages: list[str]
    sources: list[Source]
    # section path -> {lang: path of _index.<lang>.md}
    index_files: dict[str, dict[str, Path]]
    # folder (relative, "/") -> the names of its sub-folders
    folders: dict[str, list[str]]
    pages_dir: str = "pages"
    # a post's or section's text saved under another name ("index.vi.md.txt")
    misnamed: list[ContentError] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def scan(root: Path, languages: list[str], ignore: list[str] | None = None,
         pages_dir: str = "pages") -> Content:
    """Walk the content folder in name order, reading every Markdown file's metadata."""
    ignore = list(ignore if ignore is not None else [".*"])
    sources: list[Source] = []
    index_files: dict[str, dict[str, Path]] = {}
    folders: dict[str, list[str]] = {}
    misnamed: list[ContentError] = []
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not ignored(d, ignore) and d != "__pycache__")
        rel_here = Path(here).relative_to(root).as_posix()
        rel_here = "" if rel_here == "." else rel_here
        folders[rel_here] = list(dirs)
        for name in sorted(files):
            match = INDEX_FILE.match(name)
            if match and not name.startswith("."):
                index_files.setdefault(rel_here, {})[match["lang"]] = Path(here) / name
                continue
            if ignored(name, ignore):
                continue
            if mistake := name_error(f"{rel_here}/{name}".lstrip("/"), name):  # (the build's: reader.get_files)
                misnamed.append(mistake)
                continue  # (not read, as the build does not read it)
            if not name.lower().endswith(MARKDOWN_EXTENSIONS):
                continue
            path = Path(here) / name
            rel = path.relative_to(root).as_posix()
            sources.append(make_source(path, rel, languages, pages_dir))
    # A section's name written in index.vi.md (the build's: reader.get_files)
    texts = section_texts([s.rel for s in sources if not s.rel.startswith(pages_dir + "/")], str(root))
    misnamed.extend(texts.values())
    sources = [source for source in sources if source.rel not in texts]
    for source in sources:
        read_metadata(source)
    return Content(root, languages, sources, index_files, folders, pages_dir, misnamed)


def make_source(path: Path, rel: str, languages: list[str], pages_dir: str) -> Source:
    match = POST_FILE.match(rel)
    if match is None or not match["section"]:
        return Source(path, rel, "stray", languages[0])
    kind = "page" if match["section"] == pages_dir else "post"
    return Source(path, rel, kind, match["lang"], match["section"], match["slug"])


def section_names(content: Content, section: str) -> dict[str, str]:
    """The names a section gives itself in ``_index.<lang>.md``, by language."""
    names = {}
    for lang, path in content.index_files.get(section, {}).items():
        meta, _ = read_index_file(str(path))
        if meta.get("title"):
            names[lang] = meta["title"]
    return names


def nfc_key(name: str) -> str:
    """A name as people see it: case and Unicode normalisation do not matter (the
    build's rule, ``sitemodel.checks.same_name_key``)."""
    return same_name_key(name)

"""Build the site model from what Pelican's readers produced, checking the content format.

The content format (see README): a section is a folder, named by ``_index.<lang>.md``;
a post is a folder holding ``index.<lang>.md`` files; static pages live in
``pages/<slug>/index.<lang>.md``. Every mistake found is collected and reported at once.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

from .errors import ContentError, not_utf8
from .model import Post, Section, SiteModel
from .text import clean_header_line, clean_pasted, clean_text, in_vietnamese

#: Python-Markdown's tab_length (its default; the reader does not change it).
MARKDOWN_TAB = 4

POST_FILE = re.compile(r"^(?:(?P<section>.+)/)?(?P<slug>[^/]+)/index\.(?P<lang>[^./]+)\.md$")
INDEX_FILE = re.compile(r"^_index\.(?P<lang>[^./]+)\.md$")
META_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")


def text_lines(text: str) -> list[str]:
    """Lines as Markdown sees them: only line feeds (and CR LF, CR) end a line, not the
    other characters ``str.splitlines`` breaks at (U+0085, U+2028, U+001C...)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


#: The lines of a section's name file, ``_index.<lang>.md`` (README).
SECTION_KEYS = ("title", "description", "order")


def read_index_file(path: str) -> tuple[dict[str, str], list[ContentError]]:
    """Read the ``Key: value`` lines at the top of an ``_index.<lang>.md`` file."""
    meta: dict[str, str] = {}
    errors: list[ContentError] = []
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = clean_pasted(data.decode("utf-8-sig"), vietnamese=in_vietnamese(path))  # as the reader reads posts
    except UnicodeDecodeError as exc:
        return meta, [ContentError(path, *not_utf8(data, exc))]
    from .checks import NAME_LIKE, suggested_key, unknown_key_message, vietnamese_key

    meant = set()  # keys a line was meant to be: not "missing" too
    for number, line in enumerate(text_lines(text), start=1):
        if not line.strip():
            break
        match = META_LINE.match(line)
        if match is None:
            name = NAME_LIKE.match(line)
            key = vietnamese_key(name["key"]) if name else None
            key = "description" if key == "summary" else key  # (a section's "Mô tả:")
            if key in SECTION_KEYS:  # "Tiêu đề:", "Mô tả:"
                meant.add(key)
                errors.append(ContentError(path, (
                    f"dòng '{line.strip()}': tên dòng viết bằng tiếng Anh, hãy viết '{key.capitalize()}: …' / "
                    f"'{line.strip()}': the lines are named in English; write '{key.capitalize()}: …'"), number))
            else:
                errors.append(ContentError(path, f"dòng không có dạng 'Tên: giá trị' / expected 'Key: value', got {line.strip()!r}", number))
            continue
        key = match["key"].lower()
        if key not in SECTION_KEYS:  # "Tittle:", "Ten:": kept as a value nothing reads
            close = suggested_key(key, SECTION_KEYS)
            meant.add(close)
            errors.append(ContentError(path, unknown_key_message(match["key"], close, SECTION_KEYS), number))
            continue
        # NFC, as the reader makes posts: "ồ" typed as o + two accents is the same name.
        meta[key] = unicodedata.normalize("NFC", clean_text(match["value"])).strip()
    if not meta.get("title") and "title" not in meant:
        errors.append(ContentError(path, "thiếu 'Title:' (tên mục) / missing 'Title:' (the section's name)", 1))
    return meta, errors


#: The bytes of the content files the reader read in this build, by absolute path, so
#: that the header checks do not read every file from the disk a second time
#: (``remember_source``; forgotten once the site model is checked).
_sources: dict[str, bytes] = {}


def remember_source(path: str, data: bytes) -> None:
    _sources[path] = data


def forget_sources() -> None:
    _sources.clear()


def read_header(path: str) -> list[tuple[int, str, str]]:
    """``(line, key, value)`` of each ``Key: value`` line at the top of a content file
    (keys in lower case; a value continued on indented lines has them after a newline),
    read the way Markdown reads them; [] if it cannot be read."""
    return read_header_block(path)[0]


@dataclass
class Header:
    """A content file's metadata block, as Python-Markdown's meta extension reads it."""

    #: ``(line, key as written, value)`` of each ``Key: value`` line; a value continued
    #: on indented lines has them after a newline.
    entries: list[tuple[int, str, str]]
    #: The line the text starts on (after the block and the line that ended it).
    body: int
    #: The blank line that ended the block, if one did.
    blank: int | None = None
    #: A line that ended it by being neither metadata nor blank: the text's first.
    stopped: int | None = None
    #: Ended by a "---" or "..." line (the writer meant the block to end there).
    marker: bool = False
    #: The first of the lines at the block's end that Markdown would take for metadata
    #: but whose keys are no metadata ("Hotline: 0912 …", ``checks.metadata_key``): the
    #: text's first line, where the reader ends the block (``reader.convert``).
    as_text: int | None = None


def parse_header(lines: list[str]) -> Header:
    """Read the metadata block at the top of a content file's ``lines`` (``text_lines``)
    as Python-Markdown's meta extension does, with its own patterns: an optional "---"
    first line, "Key: value" lines, indented lines continuing a value; a blank line, a
    "---" or "..." line, or any other line ends it. Without control characters, as the
    reader gives the text to Markdown, look-alike spaces made spaces
    (``clean_header_line``), and tabs made spaces, as Markdown does first (a
    continuation line may begin with a tab). The build's checks and ``invoke check``
    (``staff/content.py``) both read the block here, so they cannot read it apart.

    Lines at the block's end whose keys are no metadata ("Hotline: 0912 345 678",
    "Email: …": ``checks.metadata_key``) are the text's first lines (``as_text``), as
    their writer meant them, unless a "---" line ends the block; among the metadata
    lines, such a line is refused (``checks.unknown_metadata``)."""
    start = 1 if lines and BEGIN_RE.match(clean_text(lines[0])) else 0
    entries: list[tuple[int, str, str]] = []
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = clean_header_line(clean_text(raw)).expandtabs(MARKDOWN_TAB)
        if not line.strip():
            return _text_at_end(Header(entries, number + 1, blank=number))
        if END_RE.match(line):
            return Header(entries, number + 1, marker=True)
        match = META_RE.match(line)
        if match:
            entries.append((number, match["key"].strip(), match["value"].strip()))
        elif entries and (more := META_MORE_RE.match(line)):
            first, key, value = entries[-1]
            entries[-1] = (first, key, f"{value}\n{more['value'].strip()}".strip())
        else:
            return _text_at_end(Header(entries, number, stopped=number))
    return _text_at_end(Header(entries, len(lines) + 1))


def _text_at_end(header: Header) -> Header:
    """``header`` without the lines at its end whose keys are no metadata: they are the
    text's first lines (``parse_header``)."""
    from .checks import metadata_key

    keep = len(header.entries)
    while keep and not metadata_key(header.entries[keep - 1][1]):
        keep -= 1
    if keep == len(header.entries):
        return header
    first = header.entries[keep][0]
    return Header(header.entries[:keep], first, as_text=first)


def read_header_block(path: str) -> tuple[list[tuple[int, str, str]], int | None, list[tuple[int, str]]]:
    """``read_header``'s entries; then the line that ended the block when it was a blank
    one (or None), and the first paragraph after it, ``(line, text)``: where metadata
    that Markdown did not read as such is found (``checks.misplaced_metadata``)."""
    try:
        data = _sources.get(path)
        if data is None:
            with open(path, "rb") as f:
                data = f.read()
        lines = text_lines(clean_pasted(data.decode("utf-8-sig"), vietnamese=in_vietnamese(path)))  # as the reader reads it
    except (OSError, UnicodeDecodeError):
        return [], None, []
    header = parse_header(lines)
    entries = [(number, key.lower(), value) for number, key, value in header.entries]
    if header.marker:  # "---": the writer meant the header to end here
        return entries, None, []
    # The paragraph after the block: the text's first lines, up to a blank line.
    after: list[tuple[int, str]] = []
    for number, raw in enumerate(lines[header.body - 1:], start=header.body):
        if not raw.strip():
            if after:
                break
            continue
        after.append((number, clean_text(raw)))
    return entries, header.blank, after


def metadata_line(path: str, key: str) -> int | None:
    """The line number of ``Key:`` in the metadata block of a content file, for messages."""
    return next((number for number, name, _ in read_header(path) if name == key.lower()), None)


def lang_contradiction(rel: str, path: str) -> ContentError:
    """A post or page whose ``Lang:`` line names another language than its file name."""
    return ContentError(rel, (
        "'Lang:' mâu thuẫn với tên tệp, hãy xoá dòng đó / 'Lang:' contradicts the file "
        "name; remove that line (the language comes from index.<lang>.md)"),
        metadata_line(path, "lang"))


def _section_for(model_sections: dict[str, Section], path: str) -> Section:
    """The section at ``path``, creating it and its parents as needed."""
    if path in model_sections:
        return model_sections[path]
    parent_path = path.rsplit("/", 1)[0] if "/" in path else ""
    parent = _section_for(model_sections, parent_path)
    section = Section(path=path, parent=parent)
    parent.children.append(section)
    model_sections[path] = section
    return section


#: What a copy of a file adds to its name: "index.vi (1).md" (a browser, Windows), "index.vi
#: - Copy.md", "index.vi - Sao chép.md" (Windows), "index.vi copy.md", "index.vi 2.md" (macOS).
COPY_MARK = re.compile(r"^(?P<lang>[^\s(-]+)(?:\s*\(\d+\)|\s*-?\s*(?:copy|sao chép|bản sao)(?:\s*\(?\d+\)?)?|\s+\d+)$",
                       re.IGNORECASE)


def unknown_language(lang: str, languages: list[str], base: str) -> str:
    """The message for ``<base>.<lang>.md`` of a language the site does not have ("vn"
    for "vi"), naming the file's right name; or for a copy of a file ("vi (1)")."""
    if (copy := COPY_MARK.match(lang)) and copy["lang"] in languages:
        original = f"{base}.{copy['lang']}.md"
        return (f"tệp '{base}.{lang}.md' mang tên của một bản sao: đặt tên {original} (và xoá bản thừa nếu đã "
                f"có) / '{base}.{lang}.md' is named as a copy is: name it {original} (and delete the spare "
                "one if there is one)")
    names = " hoặc ".join(f"{base}.{known}.md" for known in languages)
    names_en = " or ".join(f"{base}.{known}.md" for known in languages)
    return (f"ngôn ngữ '{lang}' không có trên trang: tên tệp phải là {names} / unknown language "
            f"'{lang}': the file must be named {names_en}")


def misplaced_post(rel: str, path: str, languages: list[str]) -> ContentError:
    """A Markdown file that is no ``<section>/<post-folder>/index.<lang>.md``: in a post's
    folder under another name (``index.md``, ``Index.vi.md``, ``bai-viet.md``), or not
    in a folder of its own."""
    folder, name = os.path.split(path)
    lang, others = languages[0], " ".join(f"index.{other}.md" for other in languages[1:])
    if rel.count("/") >= 2:
        if not os.path.exists(os.path.join(folder, f"index.{lang}.md")):
            wanted = name.lower() if POST_FILE.match(f"a/b/{name.lower()}") else f"index.{lang}.md"
            return ContentError(rel, (
                f"tệp bài phải có tên index.{lang}.md (bản dịch: {others}): đổi tên '{name}' thành "
                f"'{wanted}' / a post's file must be named index.{lang}.md (a translation: {others}): "
                f"rename '{name}' to '{wanted}'"))
        return ContentError(rel, (
            f"thư mục bài chỉ chứa index.{lang}.md, bản dịch ({others}), ảnh và tệp đính kèm: xoá tệp "
            f"'{name}' hay chuyển nó ra ngoài / a post's folder holds index.{lang}.md, its translations "
            f"({others}), photos and files to download: remove '{name}' or move it out"))
    return ContentError(rel, (
        f"bài viết phải nằm trong thư mục riêng của nó trong một mục: <mục>/<tên-bài>/index.{lang}.md "
        f"/ a post must be <section>/<post-folder>/index.{lang}.md"))


#: A text file of a language: ``index.vi.md``.
TEXT_NAME = re.compile(r"^index\.(?P<lang>[^./]+)\.md$")


def section_texts(rels: Iterable[str], content_path: str) -> dict[str, ContentError]:
    """The texts of ``rels`` (paths in the content folder) that are a section's name
    written in ``index.<lang>.md``, without its underscore: in a folder holding posts,
    with no ``Date:`` line and no ``_index.<lang>.md`` beside it. Read as a post, it was
    "missing Date" and its section "has no name", neither saying what to do. One with a
    date is a post holding others' folders, as said elsewhere (``build_model``)."""
    rels = sorted(rel.replace(os.sep, "/") for rel in rels)
    holding = set()  # folders with a post's folder inside, at any depth
    for rel in rels:
        if TEXT_NAME.match(rel.rpartition("/")[2]):
            folder = rel.rpartition("/")[0]
            while "/" in folder:
                folder = folder.rpartition("/")[0]
                holding.add(folder)
    found = {}
    for rel in rels:
        folder, _, name = rel.rpartition("/")
        match = TEXT_NAME.match(name)
        if not match or not folder or folder not in holding:
            continue
        path = os.path.join(content_path, rel)
        wanted = f"_index.{match['lang']}.md"
        if os.path.exists(os.path.join(content_path, folder, wanted)) or metadata_line(path, "date"):
            continue
        inner = sorted({r[len(folder) + 1:].partition("/")[0] + "/" for r in rels
                        if r.startswith(folder + "/") and r.count("/") > rel.count("/")})
        names = ", ".join(inner[:3]) + (", …" if len(inner) > 3 else "")
        found[rel] = ContentError(rel, (
            f"thư mục '{folder}/' là một mục (chứa {names}): tên mục viết trong tệp '{wanted}', có dấu "
            f"gạch dưới ở đầu; hãy đổi tên '{name}' thành '{wanted}' / '{folder}/' is a section (it "
            f"holds {names}): its name goes in '{wanted}', with an underscore first; rename '{name}' "
            f"to '{wanted}'"))
    return found


def build_model(
    content_path: str,
    languages: list[str],
    articles: Iterable[Any],
    pages: Iterable[Any],
    pages_dir: str = "pages",
) -> tuple[SiteModel, list[ContentError]]:
    """Group published articles and pages into a ``SiteModel``; return it with every error found."""
    errors: list[ContentError] = []
    root = Section(path="")
    sections: dict[str, Section] = {"": root}
    posts: dict[str, Post] = {}

    for article in sorted(articles, key=lambda a: a.source_path):
        rel = os.path.relpath(article.source_path, content_path).replace(os.sep, "/")
        match = POST_FILE.match(rel)
        if match is None or not match["section"]:
            errors.append(misplaced_post(rel, article.source_path, languages))
            continue
        lang = match["lang"]
        if lang not in languages:
            errors.append(ContentError(rel, unknown_language(lang, languages, "index")))
            continue
        if getattr(article, "lang", lang) != lang:
            errors.append(lang_contradiction(rel, article.source_path))
            continue
        folder = rel.rsplit("/", 1)[0]
        post = posts.get(folder)
        if post is None:
            section = _section_for(sections, match["section"])
            post = Post(slug=match["slug"], section=section,
                        folder=os.path.join(content_path, folder))
            posts[folder] = post
            section.posts.append(post)
        post.versions[lang] = article

    # A folder that is a post cannot also be a section holding other posts (a post's
    # folder copied into another's): one error, naming them; the posts inside are left
    # out, so that nothing else is said of them (the "section" has no name, its posts'
    # pages are written where the outer post's are).
    for folder in [folder for folder in posts if folder in sections]:
        if folder not in sections:
            continue  # (inside one said already)
        nested = sections[folder]
        inner = sorted(f for f in posts if f.startswith(folder + "/"))
        names = ", ".join(f[len(folder) + 1:] + "/" for f in inner)
        where = folder.rsplit("/", 1)[0] + "/"
        errors.append(ContentError(folder + "/", (
            f"thư mục bài viết này chứa thư mục của bài khác ({names}): chuyển chúng ra mục {where} "
            f"(hay xoá nếu là bản chép thừa) / this post's folder holds other posts' folders "
            f"({names}): move them out into the section {where} (or delete them if they are "
            "spare copies)")))
        nested.parent.children.remove(nested)
        for section in list(nested.walk()):
            del sections[section.path]
        for f in inner:
            del posts[f]

    for section in list(root.walk())[1:]:
        folder = os.path.join(content_path, section.path)
        unreadable = False  # a name file with mistakes: no second error for the name
        for name in sorted(os.listdir(folder)):
            match = INDEX_FILE.match(name)
            if match is None:
                # Its name written in another file, which is said (reader.name_error,
                # section_texts): not "has no name" too.
                if INDEX_FILE.match(name.lower()) or (
                        TEXT_NAME.match(name) and not metadata_line(os.path.join(folder, name), "date")):
                    unreadable = True
                continue
            file_rel = f"{section.path}/{name}"
            meta, problems = read_index_file(os.path.join(folder, name))
            errors.extend(ContentError(file_rel, p.message, p.line) for p in problems)
            unreadable = unreadable or bool(problems)
            if match["lang"] not in languages:
                errors.append(ContentError(file_rel, unknown_language(match["lang"], languages, "_index")))
                unreadable = True  # ("_index.vn.md": the name it needs is said, not "has no name")
            elif meta.get("title"):
                section.names[match["lang"]] = meta["title"]
                if meta.get("description"):
                    section.descriptions[match["lang"]] = meta["description"]
            if meta.get("order"):
                try:
                    section.order = int(meta["order"])
                except ValueError:
                    errors.append(ContentError(file_rel, (
                        f"'Order: {meta['order']}' phải là một số / must be a whole number"),
                        metadata_line(os.path.join(folder, name), "order")))
        if languages[0] not in section.names and not unreadable:
            # (README: the Vietnamese name is needed; an English one alone was shown on
            # the Vietnamese pages.)
            errors.append(ContentError(section.path + "/", (
                f"mục chưa có tên: tạo _index.{languages[0]}.md với dòng 'Title: Tên mục' / "
                f"section has no name: create _index.{languages[0]}.md with a 'Title:' line")))

    for section in root.walk():
        section.children.sort(key=lambda s: (s.order is None, s.order or 0, s.path))
        section.posts.sort(key=lambda p: p.slug)

    page_groups: dict[str, list[Any]] = {lang: [] for lang in languages}
    for page in pages:
        rel = os.path.relpath(page.source_path, content_path).replace(os.sep, "/")
        match = POST_FILE.match(rel)
        if match is None or match["section"] != pages_dir or match["lang"] not in languages:
            errors.append(ContentError(rel, (
                f"trang tĩnh phải là {pages_dir}/<tên-trang>/index.vi.md / "
                f"a static page must be {pages_dir}/<page-folder>/index.vi.md")))
            continue
        if getattr(page, "lang", match["lang"]) != match["lang"]:
            errors.append(lang_contradiction(rel, page.source_path))
            continue
        page_groups[match["lang"]].append(page)
    # A page's place in the footer is one for all its languages: its Vietnamese file's
    # "Order:", else another's (one written in index.vi.md only reordered the
    # Vietnamese footer alone), as a section's is.
    shared: dict[str, int] = {}
    for lang in reversed(languages):
        for page in page_groups.get(lang, []):
            if hasattr(page, "order"):
                shared[page.slug] = _order(page)
    for lang_pages in page_groups.values():
        lang_pages.sort(key=lambda p: (shared.get(p.slug, 100), p.slug))

    model = SiteModel(languages=list(languages), root=root, sections=sections,
                      posts=sorted(posts.values(), key=lambda p: p.folder), pages=page_groups)
    model.index()
    return model, errors


def _order(page: Any) -> int:
    try:
        return int(getattr(page, "order", 100))
    except (TypeError, ValueError):
        return 100

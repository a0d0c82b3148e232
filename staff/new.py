"""``invoke new``: a post folder with an ASCII slug and a metadata skeleton to fill in."""

from __future__ import annotations

import datetime
import re
import sys
import unicodedata
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from .content import Content, nfc_key, scan, section_names
from .project import shown, use_plugins

use_plugins()
from sitemodel.slugs import slug_of  # noqa: E402

#: The first line of the text in a new post; ``invoke check`` warns while it is still there.
PLACEHOLDER_VI = "Viết nội dung bài ở đây."
PLACEHOLDER_EN = "Write the English text here."
PLACEHOLDER_TITLE_EN = "English title"


#: How many of the tags in use ``invoke new`` names (the most used).
TAGS_SHOWN = 12

HINTS = """\
Mở tệp dưới đây để viết bài. / Edit the file below.
  - Tóm tắt: thêm dòng 'Summary: ...' dưới dòng Date (không có thì trang lấy khoảng 40 chữ đầu).
  - Ảnh: chép vào cùng thư mục, chèn bằng ![Chú thích](ten-anh.jpg) trên một dòng riêng.
  - Tệp tải về (PDF, Word, Excel...): chép vào cùng thư mục, viết [Mẫu đơn](mau-don.pdf).
  - Video: đưa lên YouTube, dán đường liên kết (https://youtu.be/...) thành một đoạn riêng.
  - Xem trước: .venv/bin/invoke livereload; kiểm tra: .venv/bin/invoke check."""


#: A title that is one word starting with a dash is an option typed in the title's place
#: (``invoke new --section tin-tuc --dry``: Invoke gives the title whatever comes first).
OPTION_LIKE = re.compile(r"-\S*")


class NewPostError(Exception):
    """A reason no post was created, for people (Vietnamese / English)."""


def make_slug(title: str) -> str:
    """The address of a post from its title ("Đào tạo" -> "dao-tao"): ``sitemodel.slugs``,
    as the importer and tags make theirs."""
    return slug_of(title)


def free_slug(section_dir: Path, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... : the first that no folder in the section has.

    Names are compared as people see them (case and Unicode normalisation ignored).
    """
    taken = {nfc_key(p.name) for p in section_dir.iterdir()} if section_dir.is_dir() else set()
    candidate, number = slug, 1
    while nfc_key(candidate) in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def now_in(timezone: str) -> str:
    """The current time where the site is, as ``Date:`` is written."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def skeleton_vi(title: str, date: str) -> str:
    # No "Summary:" line: without one, listings show the first ~40 words (an empty one
    # too). Empty "Author:" and "Tags:" mean the default sign-off and none.
    return f"Title: {title}\nDate: {date}\nAuthor:\nTags:\n\n{PLACEHOLDER_VI}\n"


def skeleton_en(date: str) -> str:
    # A draft until someone translates it: "Status: draft" is never published.
    return (f"Title: {PLACEHOLDER_TITLE_EN}\nDate: {date}\nStatus: draft\nAuthor:\nTags:\n\n"
            f"{PLACEHOLDER_EN} Delete the line \"Status: draft\" to publish it.\n")


@dataclass
class Section:
    path: str
    name: str
    names: tuple[str, ...] = ()  # (its name in every language, ``name`` first)


def sections(content: Path, languages: list[str], pages_dir: str = "pages",
             found: Content | None = None) -> list[Section]:
    """The sections a post can go in: folders with ``_index.<lang>.md``, in folder order
    (``found``: the content folder, scanned already)."""
    found = found or scan(content, languages, pages_dir=pages_dir)
    result = []
    for path in sorted(found.index_files):
        if not path or path == pages_dir or path.startswith(pages_dir + "/"):
            continue
        names = section_names(found, path)
        name = names.get(languages[0]) or next(iter(names.values()), "")
        result.append(Section(path, name, tuple(dict.fromkeys([name, *names.values()]))))
    return result


def tags_in_use(found: Content, lang: str, most: int = TAGS_SHOWN) -> list[str]:
    """The tags the posts in ``lang`` use most (drafts too: they are to come), each
    as its page is titled, most used first, then by address: tags as the build tells them
    apart (plugins/tags/identity.py: ``khóa học`` and ``khoa học`` are two, ``boi duong``
    is ``bồi dưỡng``; a way without accents that could be several is not named)."""
    use_plugins()
    from reader.reader import split_tags
    from tags.identity import group_keys
    from tags.tags import shown_name, spellings_of, tag_slug, written_tags

    written = [written_tags(split_tags(source.value("tags"))) for source in found.sources
               if source.kind == "post" and source.lang == lang]
    grouping = group_keys(key for tags in written for _, key in tags if key)  # ("": no page)
    spellings = spellings_of(written, grouping)
    ranked = sorted(spellings.items(), key=lambda item: (-sum(item[1].values()), tag_slug(item[0]), item[0]))
    return [shown_name(names) for _, names in ranked[:most]]


def section_list(known: list[Section]) -> str:
    width = max((len(s.path) for s in known), default=0)
    lines = [f"  {s.path.ljust(width)}  {s.name}" for s in known]
    return "\n".join(lines) if lines else "  (chưa có mục nào / no sections yet)"


def normalise_section(section: str) -> str:
    section = unicodedata.normalize("NFC", section.strip().replace("\\", "/")).strip("/")
    if section.startswith("content/"):
        section = section[len("content/"):]
    return section


def matching_sections(known: list[Section], wanted: str) -> list[Section]:
    """The sections ``wanted`` (as typed after ``--section``) may mean: its whole path;
    else the sections whose folder (or last folders) it names, as the site's address shows
    them (``tin-hoat-dong`` for ``tin-tuc/tin-hoat-dong``); else those whose shown name it
    is, in any language ("Tin hoạt động…"); else those whose name or folder it is written
    without accents ("tin hoat dong"). Case and Unicode forms do not matter; the first of
    these ways that finds any gives its sections (several: the name is not enough)."""
    key = nfc_key(wanted)
    words = " ".join(key.split())
    folded = make_slug(wanted)
    ways = [
        lambda s: nfc_key(s.path) == key,
        lambda s: nfc_key(s.path).endswith("/" + key),
        lambda s: any(" ".join(nfc_key(name).split()) == words for name in s.names),
        lambda s: bool(folded) and folded in {make_slug(name) for name in (*s.names, s.path.rsplit("/", 1)[-1])},
    ]
    for way in ways:
        found = [s for s in known if way(s)]
        if found:
            return found
    return []


def create(content: Path, title: str, section: str | None, languages: list[str],
           timezone: str, english: bool = False, found: Content | None = None) -> Path:
    """Create the post folder and its ``index.<lang>.md``; return the file to edit.

    Raises ``NewPostError`` (with the list of sections when the section is missing
    or unknown).
    """
    title = " ".join(unicodedata.normalize("NFC", title).split())
    if not title:
        raise NewPostError("Hãy cho tiêu đề bài viết / give the post's title: "
                           '.venv/bin/invoke new "Tiêu đề bài viết" --section tin-tuc')
    if OPTION_LIKE.fullmatch(title):
        raise NewPostError(
            f"Tiêu đề '{title}' giống một tùy chọn (bắt đầu bằng dấu '-'): hãy viết tiêu đề trong "
            f"ngoặc kép ngay sau 'invoke new' / the title '{title}' looks like an option: put the "
            'title in quotes right after "invoke new": .venv/bin/invoke new "Tiêu đề bài viết" '
            "--section tin-tuc (.venv/bin/invoke --help new)")
    known = sections(content, languages, found=found)
    wanted = normalise_section(section or "")
    matching = matching_sections(known, wanted) if wanted else []
    if len(matching) > 1:
        raise NewPostError(
            f"Có {len(matching)} mục ứng với '{wanted}'; hãy ghi đủ đường dẫn của mục / "
            f"'{wanted}' could be {len(matching)} sections; give the section's whole path:\n"
            f"{section_list(matching)}\n"
            f'Ví dụ / example: .venv/bin/invoke new "{title}" --section {matching[0].path}')
    if not matching:
        first = ("Chưa chọn mục cho bài viết / no section given" if not wanted else
                 f"Không có mục '{wanted}' / there is no section '{wanted}'")
        example = known[0].path if known else "tin-tuc"
        raise NewPostError(
            f"{first}. Các mục / sections:\n{section_list(known)}\n"
            f'Ví dụ / example: .venv/bin/invoke new "{title}" --section {example}')
    wanted = matching[0].path
    slug = make_slug(title)
    if not slug:
        raise NewPostError(f"Không tạo được địa chỉ từ tiêu đề {title!r}; hãy dùng chữ cái / "
                           "the title has no letters or digits to make an address from")
    section_dir = content / wanted
    slug = free_slug(section_dir, slug)
    folder = section_dir / slug
    folder.mkdir()
    date = now_in(timezone)
    lang = languages[0]
    target = folder / f"index.{lang}.md"
    target.write_text(skeleton_vi(title, date), encoding="utf-8")
    if english and "en" in languages and lang != "en":
        (folder / "index.en.md").write_text(skeleton_en(date), encoding="utf-8")
    return target


def created_line(found: Content, target: Path, languages: list[str]) -> str:
    """Where the post was made, naming its section as the site does (in each language):
    a section given by its folder's name alone is shown to be the one meant."""
    section = target.parent.parent.relative_to(found.root).as_posix()  # (the folder scanned)
    names = section_names(found, section)
    vi = names.get(languages[0]) or next(iter(names.values()), section)
    en = names.get("en") or vi
    return (f"Đã tạo bài viết trong mục “{vi}” ({section}) / created in the section “{en}”: "
            f"{shown(target.parent)}/")


def run(content: Path, title: str, section: str | None, languages: list[str], timezone: str,
        english: bool = False) -> int:
    """``invoke new``: create the post, say where it is; 0 when done, 2 when not."""
    found = scan(content, languages)
    try:
        target = create(content, title, section, languages, timezone, english, found)
    except NewPostError as error:
        print(error, file=sys.stderr)
        return 2
    print(created_line(found, target, languages), file=sys.stderr)
    if english:
        print(f"Bản tiếng Anh (nháp) / English draft: {shown(target.parent / 'index.en.md')}",
              file=sys.stderr)
    print(HINTS, file=sys.stderr)
    tags = tags_in_use(found, languages[0])
    if tags:
        print(f"  - Chủ đề (Tags:) các bài hay dùng / tags in use: {', '.join(tags)}", file=sys.stderr)
    print(shown(target))
    return 0

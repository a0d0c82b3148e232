"""One saved page to one post: decode, find the article, its section, date, sign-off,
photos and Markdown text. Nothing is written here (see ``writer``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .body import drop_line, take_signoff, tidy
from .dates import page_date
from .encoding import decode_page
from .errors import ImportProblem, bilingual
from .joomla import parse_article
from .markdown import to_markdown
from .photos import Photo, extract_photos
from .sections import SectionTable
from .text import ascii_slug


@dataclass
class Post:
    source: Path
    section: str             # section folder, e.g. "tin-tuc/tin-hoat-dong"
    slug: str                # post folder name
    title: str
    date: str
    author: str | None
    body: str                # Markdown
    photos: list[Photo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The date is the page's own (not the saved file's time): with ``alias``, it tells
    #: this page from another titled alike that an earlier run imported
    #: (``ImportRun.free_folder``).
    dated: bool = False
    #: The path of the page's address on the old site, written as the post's
    #: ``Aliases:`` (``old_address``), or None.
    alias: str | None = None

    @property
    def folder(self) -> str:
        return f"{self.section}/{self.slug}"

    @property
    def gallery(self) -> list[Photo]:
        return [p for p in self.photos if not p.in_text]


def read_post(page: Path, table: SectionTable) -> Post:
    """Read a saved page; raises ImportProblem when it cannot become a post."""
    try:
        data = page.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"không đọc được tệp ({exc.strerror})",
                            f"cannot read the file ({exc.strerror})") from None
    if not data.strip():
        # (it was "no article body: is this an article page?": a save cut short, a copy
        # that failed)
        raise ImportProblem("tệp rỗng (0 byte): hãy lưu lại trang từ trình duyệt",
                            "the file is empty: save the page again from the browser")
    if b"<" not in data[:4096]:
        raise ImportProblem("tệp không phải trang web (HTML): hãy lưu trang bằng \"Lưu trang\" của trình duyệt",
                            "the file is not a web page (HTML): save the page with the browser's \"Save page\"")
    decoded = decode_page(data)
    warnings = [decoded.note] if decoded.note else []
    article = parse_article(decoded.text)
    section = table.folder_for(article.trail) if article.trail else None
    if not article.trail:
        found = table.folder_for_address(article.url)
        if found is None:
            raise ImportProblem(
                "không thấy mục của bài: trang không có breadcrumb (\"Bạn đang ở: ...\"), tên "
                "chuyên mục, hay địa chỉ cũ có tên một mục trong bảng mục",
                "no section found: the page has no breadcrumb (\"You are here\"), no category "
                "name, nor an old address naming a section of the table")
        section = found[1]
        warnings.append(bilingual(
            f"trang không có breadcrumb: lấy mục '{found[0]}' theo địa chỉ cũ, hãy kiểm tra",
            f"no breadcrumb: the section '{found[0]}' was taken from the old address, check it"))
    if section is None:
        name = article.trail[-1]
        raise ImportProblem(
            f"mục '{name}' chưa có trong bảng mục {table.source.name}: thêm dòng "
            f"\"{name}\" = \"thu-muc/cua-muc\" rồi chạy lại",
            f"unknown section '{name}': add it to {table.source.name} and run again")
    slug = ascii_slug(article.title)
    if not slug:
        raise ImportProblem(f"tiêu đề '{article.title}' không tạo được tên thư mục",
                            f"no folder name can be made from the title '{article.title}'")
    date = page_date(article.soup, article.url, page)
    if date.fallback:
        warnings.append(f"{date.fallback} ({date.value})")
    body, soup = article.body, article.soup
    tidy(body, soup)
    if date.written:
        drop_line(body, date.written)
    author = take_signoff(body) or article.created_by
    photos = extract_photos(body, soup, page, warnings)
    text = to_markdown(body, soup, article.url)
    if not text.strip() and not photos:
        raise ImportProblem("bài không có nội dung", "the article has no text")
    return Post(page, section, slug, article.title, date.value, author, text, photos, warnings,
                dated=not date.from_file, alias=old_address(article.url, f"{section}/{slug}"))


#: A piece of an old address the importer writes as an alias: plain ASCII, stricter than
#: the site's rule for old addresses (plugins/aliases), so the build always takes it.
_ADDRESS_PART = re.compile(r"[A-Za-z0-9._~-]+")


def old_address(url: str | None, folder: str) -> str | None:
    """The path of the address the page had on the old site (``/index.php/tin-tuc/123-
    khai-giang``), for the post's ``Aliases:`` line: a link to the old page, shared or in
    a search engine, leads to the post once the new site replaces the old at its
    address. None without one the site can serve as a file (a ``?id=`` address), or
    when it is the post's own."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.query or parts.fragment:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if not segments or any(s in (".", "..") or not _ADDRESS_PART.fullmatch(s) for s in segments):
        return None
    if "/".join(segments) == folder.strip("/"):
        return None
    return "/" + "/".join(segments) + ("/" if parts.path.endswith("/") else "")

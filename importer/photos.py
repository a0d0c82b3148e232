"""Photos of the article: the saved files behind ``<img>``, their captions, and which
ones are figures in the text and which the gallery at the end.

- A caption is the figure's ``<figcaption>``, the short paragraph right under the photo
  (or after a ``<br>`` in the photo's own paragraph, or in the cell under it), else the
  photo's ``alt``/``title`` when that is words rather than a file name.
- The gallery is the photos after a line like "Một số hình ảnh tại lớp học:", or else a
  trailing run of two or more photos. Gallery photos are copied but not placed in the
  text (the site shows them after it); their captions go to ``captions.vi.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import Tag
from PIL import Image, UnidentifiedImageError

from . import body as blk
from .errors import bilingual
from .text import ascii_slug, clean_text

SITE_FORMATS = {".jpg", ".jpeg", ".png", ".webp"}
#: Formats the site does not take: converted to PNG when copied.
CONVERTED = {".gif", ".bmp", ".tif", ".tiff"}
#: Icons and spacers (both sides at most this many pixels) are decoration, not photos.
ICON_PIXELS = 48
_FILE_LIKE = re.compile(r"^\S+$")


@dataclass
class Photo:
    source: Path     # the saved file
    name: str        # its file name in the post folder (ASCII)
    caption: str     # "" when it has none
    in_text: bool    # a figure in the text; else part of the gallery


class PhotoFiles:
    """Finds the saved file behind an ``<img>`` and gives each file one ASCII name."""

    def __init__(self, page: Path, warnings: list[str]):
        self.page = page
        self.files_dir = page.with_name(page.stem + "_files")
        self.warnings = warnings
        self.names: dict[Path, str] = {}
        self.taken: set[str] = set()

    def find(self, img: Tag) -> Path | None:
        src = (img.get("src") or img.get("data-src") or "").strip()
        if not src or src.startswith("data:"):
            return None
        parsed = urlsplit(src)
        path = unquote(parsed.path)
        candidates = []
        if not parsed.scheme and not parsed.netloc and not path.startswith("/"):
            candidates.append(self.page.parent / path)
        candidates.append(self.files_dir / PurePosixPath(path).name)
        for candidate in candidates:
            # (a Mac saves names decomposed, NFD, where the page has them composed)
            for form in ("NFC", "NFD"):
                found = candidate.with_name(unicodedata.normalize(form, candidate.name))
                if found.is_file():
                    return found.resolve()
        self.warnings.append(bilingual(f"ảnh {src} không có trong thư mục đã lưu, bỏ qua",
                                       f"photo {src} was not saved with the page, left out"))
        return None

    def usable(self, source: Path) -> bool:
        """A real picture, not an icon; reports files that are not pictures, or are
        damaged (decoded whole: a photo cut short when the page was saved stopped the
        site's build later, "damaged or truncated")."""
        try:
            with Image.open(source) as image:
                width, height = image.size
                if width > ICON_PIXELS or height > ICON_PIXELS:
                    image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            self.warnings.append(bilingual(
                f"{source.name} không phải là ảnh hoặc đã hỏng (lưu lại trang để có ảnh), bỏ qua",
                f"{source.name} is not a picture or is damaged (save the page again to get it), left out"))
            return False
        return width > ICON_PIXELS or height > ICON_PIXELS

    def name(self, source: Path, prefix: str = "") -> str:
        if source not in self.names:
            suffix = source.suffix.lower()
            suffix = ".png" if suffix in CONVERTED or suffix not in SITE_FORMATS else suffix
            stem = prefix + (ascii_slug(unquote(source.stem)) or "anh")
            name, number = stem + suffix, 2
            while name in self.taken:
                name, number = f"{stem}-{number}{suffix}", number + 1
            self.taken.add(name)
            self.names[source] = name
        return self.names[source]


def is_file_name(text: str, source: Path | None) -> bool:
    """Whether ``text`` is only a file name ("hatinh05201", "IMG_0012.jpg"), not words: the
    old site's photo lists carried one under each photo."""
    stem = source.stem.casefold() if source else ""
    return text.casefold() in (stem, source.name.casefold() if source else "") or \
        bool(_FILE_LIKE.match(text) and re.search(r"[\d_.]", text))


def alt_caption(img: Tag, source: Path | None) -> str:
    """The ``alt``/``title`` text, unless it is only a file name ("hatinh05201")."""
    for attr in ("alt", "title"):
        text = clean_text(img.get(attr, ""))
        if text and not is_file_name(text, source):
            return text
    return ""


def extract_photos(body: Tag, soup, page: Path, warnings: list[str]) -> list[Photo]:
    """Turn the body's images into figures and take out the gallery; returns the photos
    in page order (figures first as they appear in the text, then the gallery)."""
    files = PhotoFiles(page, warnings)
    gallery = _take_gallery(body, files)
    photos = []
    for img in body.find_all("img"):
        if img.parent is None or img.get("data-imported") is not None:
            continue
        photos.extend(_place_figure(img, body, soup, files))
    in_text = {p.source for p in photos}
    gallery = [(source, caption) for source, caption in gallery if source not in in_text]
    plain = [files.name(source) for source, _ in gallery]
    if plain != site_order(plain):
        # The site shows the gallery in file-name order: number the files to keep the
        # page's order.
        for (source, _), name in zip(gallery, plain):
            del files.names[source]
            files.taken.discard(name)
        width = max(2, len(str(len(gallery))))
        for number, (source, _) in enumerate(gallery, 1):
            files.name(source, f"{number:0{width}d}-")
    photos += [Photo(source, files.name(source), caption, False) for source, caption in gallery]
    unique: dict[str, Photo] = {}
    for photo in photos:  # a photo shown twice in the text is one file
        unique.setdefault(photo.name, photo)
    return list(unique.values())


def site_order(names: list[str]) -> list[str]:
    """``names`` in the order the site shows a gallery (``photos.sources.natural_key``:
    ``img-2`` before ``img-10``)."""
    from staff.project import use_plugins

    use_plugins()
    from photos.sources import natural_key

    return sorted(names, key=natural_key)


def photo_table(node) -> bool:
    """A table laying out one photo with its caption (the old editor's way: the photo in
    one cell, the caption, or the photo's file name, in the cell under it)."""
    return isinstance(node, Tag) and node.name == "table" and len(node.find_all("img")) == 1 \
        and not node.find(["ul", "ol", "table"]) \
        and len(blk.block_text(node)) <= blk.CAPTION_CHARS


def _is_photo(node) -> bool:
    return blk.is_image_only(node) or photo_table(node)


def _take_gallery(body: Tag, files: PhotoFiles) -> list[tuple[Path, str]]:
    """Remove the end-of-post photo list from the body; returns (file, caption) pairs."""
    items = blk.blocks(body)
    start = next((i for i, b in enumerate(items) if blk.is_gallery_marker(b)
                  and any(blk.images_in(a) for a in items[i + 1:])), None)
    if start is not None:
        region = items[start + 1:]
    else:
        end = len(items)
        while end > 0:
            if _is_photo(items[end - 1]):
                end -= 1
            elif end > 1 and blk.is_caption_like(items[end - 1]) and \
                    _is_photo(items[end - 2]):
                end -= 2
            else:
                break
        region = items[end:]
        if sum(len(blk.images_in(b)) for b in region) < 2:
            return []
    gallery, seen = [], set()
    for block in region:
        if block.parent is None or not _is_photo(block):
            continue
        caption_block = blk.next_block(block)
        found = [(img, files.find(img)) for img in blk.images_in(block)]
        found = [(img, source) for img, source in found if source and files.usable(source)]
        for position, (img, source) in enumerate(found):
            caption = alt_caption(img, source)
            written = blk.block_text(block) if photo_table(block) else ""
            if written:  # (the caption in the table's cell under the photo)
                caption = caption if is_file_name(written, source) else written
            elif position == len(found) - 1 and caption_block is not None and \
                    blk.is_caption_like(caption_block):
                written = blk.block_text(caption_block)
                caption = caption if is_file_name(written, source) else written
                caption_block.decompose()
            if source not in seen:
                seen.add(source)
                gallery.append((source, caption))
        block.decompose()
    if start is not None:  # (also when its photos were not saved: a heading over nothing)
        items[start].decompose()
    return gallery


def _place_figure(img: Tag, body: Tag, soup, files: PhotoFiles) -> list[Photo]:
    """Replace an image (with the caption under it) by figure paragraphs
    ``![caption](name)``; an image inside a list or a table cell stays inline."""
    top = img
    while top.parent is not body:
        top = top.parent
    figure = img.find_parent("figure")
    if figure is not None:
        caption_tag = figure.find("figcaption")
        images = figure.find_all("img")
        pairs = [(i, "") for i in images]
        pairs[-1] = (images[-1], blk.block_text(caption_tag) if caption_tag else "")
        return _replace(figure, pairs, soup, files)
    table = img.find_parent("table")
    if table is body:  # (the article is a table's cell content, e.g. Joomla 1.5's)
        table = None
    if table is not None and len(table.find_all("img")) == 1 and \
            len(blk.block_text(table)) <= blk.CAPTION_CHARS:
        return _replace(table, [(img, blk.block_text(table))], soup, files)
    if img.find_parent(["li", "td", "th"]) is not None:
        return _inline(img, soup, files)
    if blk.is_image_only(top):
        images = blk.images_in(top)
        pairs = [(i, "") for i in images]
        after = blk.next_block(top)
        if after is not None and blk.is_caption_like(after):
            pairs[-1] = (images[-1], blk.block_text(after))
            after.decompose()
        return _replace(top, pairs, soup, files)
    text_before, text_after = _split_text(img, top)
    if len(blk.images_in(top)) == 1 and not text_before and text_after and \
            len(text_after) <= blk.CAPTION_CHARS and not top.find(["ul", "ol", "table"]):
        return _replace(top, [(img, text_after)], soup, files)
    # A photo inside a paragraph of text: the figure goes before the paragraph.
    holder = soup.new_tag("p")
    top.insert_before(holder)
    photos = _figures_into(holder, [(img, "")], soup, files)
    _remove_image(img)
    if not holder.contents:
        holder.decompose()
    return photos


def _replace(container: Tag, pairs, soup, files: PhotoFiles) -> list[Photo]:
    holder = soup.new_tag("div")
    container.insert_before(holder)
    photos = _figures_into(holder, pairs, soup, files)
    container.decompose()
    holder.unwrap()
    return photos


def _figures_into(holder: Tag, pairs, soup, files: PhotoFiles) -> list[Photo]:
    photos = []
    for img, caption in pairs:
        source = files.find(img)
        if source is None or not files.usable(source):
            continue
        if caption and is_file_name(caption, source):
            caption = ""  # ("hatinh05201" under the photo: its file name, as photo lists have)
        caption = caption or alt_caption(img, source)
        name = files.name(source)
        paragraph = soup.new_tag("p")
        paragraph.append(soup.new_tag("img", attrs={"src": name, "alt": caption,
                                                    "data-imported": ""}))
        holder.append(paragraph)
        photos.append(Photo(source, name, caption, True))
    return photos


def _inline(img: Tag, soup, files: PhotoFiles) -> list[Photo]:
    source = files.find(img)
    if source is None or not files.usable(source):
        _remove_image(img)
        return []
    caption = alt_caption(img, source)
    name = files.name(source)
    new = soup.new_tag("img", attrs={"src": name, "alt": caption, "data-imported": ""})
    link = img.parent if img.parent.name == "a" and not blk.block_text(img.parent) else None
    (link or img).replace_with(new)
    return [Photo(source, name, caption, True)]


def _remove_image(img: Tag) -> None:
    parent = img.parent
    img.decompose()
    while parent is not None and parent.name in ("a", "span", "strong", "b", "em", "i") and \
            not blk.block_text(parent) and not parent.find("img"):
        grand = parent.parent
        parent.decompose()
        parent = grand


def _split_text(img: Tag, top: Tag) -> tuple[str, str]:
    """The text of ``top`` before and after ``img``."""
    before, after, seen = [], [], False
    for node in top.descendants:
        if node is img:
            seen = True
        elif isinstance(node, str):
            (after if seen else before).append(str(node))
    return clean_text("".join(before)), clean_text("".join(after))

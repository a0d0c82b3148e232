"""Where each photo of a post folder goes: figures in the text, the gallery, the thumbnail.

``scan`` reads a folder and the HTML of every language version and finds every mistake
(images pointing to missing files or out of the folder, bad caption lines); ``apply``
then writes figures into the HTML and sets ``gallery`` and ``thumbnail`` on each version,
once the renditions are known.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sitemodel import ContentError
from sitemodel.checks import same_name_key

from . import markup, sources
from .caption_text import NO_CAPTION, as_typed, caption as read_caption
from .captions import read_captions
from .renditions import PhotoRenditions, Rendition, Sized
from .settings import DEFAULT_ALT_TEXT

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from reader.convert import Options


@dataclass
class Folder:
    """A folder of photos and the language versions of the one post (or page) it holds."""

    path: str  # absolute
    rel: str  # relative to the content folder, for messages
    url: str  # where its renditions go, site-relative without a trailing "/"
    versions: dict[str, Any]  # lang -> Article or Page, site languages in order
    #: A post's folder: its versions are shown in listing cards (a static page's are not).
    listed: bool = False


def site_folders(model) -> list[Folder]:
    """Every post folder, then every static page folder, of the site model."""
    folders = [post_folder(post, model.languages) for post in model.posts]
    by_dir: dict[str, dict[str, Any]] = {}
    for lang in model.languages:
        for page in model.pages.get(lang, []):
            by_dir.setdefault(os.path.dirname(page.source_path), {})[lang] = page
    for path, versions in sorted(by_dir.items()):
        first = next(iter(versions.values()))
        rel = os.path.dirname(first.relative_source_path).replace(os.sep, "/")
        main = versions.get(model.default_lang, first)
        url = os.path.dirname(main.save_as).replace(os.sep, "/") or main.slug
        folders.append(Folder(path, rel, url, versions))
    return folders


def post_folder(post, languages: list[str]) -> Folder:
    """The folder of one post of the site model."""
    rel = f"{post.section.path}/{post.slug}"
    versions = {lang: post.versions[lang] for lang in languages if lang in post.versions}
    return Folder(post.folder, rel, rel, versions, listed=True)


@dataclass
class Inline:
    """One image the text of one version places: ``name`` is the photo in the folder,
    ``written`` its caption as written in the text ("" for none)."""

    img: Tag
    name: str
    written: str = ""


@dataclass
class PhotoLink:
    """A link of one version's text to a photo of the folder (``[Xem ảnh lớn](anh.jpg)``)."""

    a: Tag
    name: str


@dataclass
class GalleryPhoto:
    """One gallery item as templates see it: ``thumb`` and ``thumb_webp`` (None with
    ``PHOTOS_WEBP`` off) in the grid, with their twice-as-large twins for dense screens
    (``thumb2x``, ``thumb2x_webp``: None when not made, see ``PHOTOS_THUMB_2X``) in
    ``thumb_srcset(SITEURL)`` and ``thumb_webp_srcset(SITEURL)``,
    ``large`` (the widest of ``sized``) opened by the link, ``sized`` for the lightbox's
    ``srcset``; ``eager`` for the first photo of a post whose text shows none."""

    thumb: Rendition
    thumb_webp: Rendition | None
    sized: Sized
    caption: str  # plain text (``caption_html``: as shown, ``caption_text``)
    alt: str
    name: str
    eager: bool = False
    caption_html: Markup = Markup("")
    thumb2x: Rendition | None = None
    thumb2x_webp: Rendition | None = None

    @property
    def large(self) -> Rendition:
        return self.sized.large

    def thumb_srcset(self, siteurl: str = "") -> str:
        """``thumb 400w, thumb-2x 800w``; "" without a 2x thumbnail."""
        return thumb_srcset(self.thumb, self.thumb2x, siteurl)

    def thumb_webp_srcset(self, siteurl: str = "") -> str:
        return thumb_srcset(self.thumb_webp, self.thumb2x_webp, siteurl)


def thumb_srcset(thumb: Rendition | None, dense: Rendition | None, siteurl: str = "") -> str:
    """A thumbnail and its 2x twin as a ``srcset`` (``thumb 400w, thumb-2x 800w``); ""
    without either. Templates call it for listing cards (``post_card.html``)."""
    if thumb is None or dense is None:
        return ""
    return f"{siteurl}/{thumb.url} {thumb.width}w, {siteurl}/{dense.url} {dense.width}w"


@dataclass
class FolderPlan:
    folder: Folder
    photos: list[str] = field(default_factory=list)  # directly in the folder, in order
    docs: dict[str, BeautifulSoup] = field(default_factory=dict)
    inline: dict[str, list[Inline]] = field(default_factory=dict)
    # Links to a photo of the folder (``[Xem ảnh lớn](anh.jpg)``), per version: they lead
    # to its largest rendition (the photo itself is not published).
    links: dict[str, list[PhotoLink]] = field(default_factory=dict)
    # Per version: the photos of the folder its text does not place, in folder order (a
    # photo the Vietnamese text places is in the gallery of an English text that does not:
    # it was on no English page, yet the English listing showed it as the post's picture).
    galleries: dict[str, list[str]] = field(default_factory=dict)
    captions: dict[str, dict[str, str]] = field(default_factory=dict)
    # Filled in once the photos are read: name -> what the photo is published as.
    renditions: dict[str, PhotoRenditions] = field(default_factory=dict)

    def placed(self) -> list[str]:
        """Photos the text of any version places, in order of first appearance."""
        names = [i.name for lang in self.inline for i in self.inline[lang]]
        return list(dict.fromkeys(names))

    def numbers(self, lang: str) -> dict[str, int]:
        """Each photo's number on the version's page (for alt text), in the order a reader
        meets them: the text's, then the gallery's (folder order left gaps where the text
        placed a photo: "ảnh 1–4, 6–9, 15")."""
        order = [i.name for i in self.inline.get(lang, [])] + self.galleries.get(lang, [])
        return {name: number for number, name in enumerate(dict.fromkeys(order), start=1)}

    def first_photo(self, lang: str) -> str | None:
        """The photo a listing shows for this version: the first its text places, else
        the first any version places, else the first of the gallery."""
        if self.inline.get(lang):
            return self.inline[lang][0].name
        placed = self.placed()
        if placed:
            return placed[0]
        gallery = self.galleries.get(lang)
        return gallery[0] if gallery else None

    def needs(self) -> dict[str, set[str]]:
        """What each photo is published as: figures and the lightbox need it ``sized``
        (several widths), the gallery a ``thumb`` and a ``thumb2x`` (dense screens) too,
        and each version's first photo a ``thumb`` and a ``share`` image (social
        networks); a post's (``Folder.listed``: its listing cards show that photo) a
        ``thumb2x`` too, for cards on dense screens, whether or not the photo is in the
        gallery (a static page's has none: no card shows it)."""
        kinds: dict[str, set[str]] = {}
        for name in self.placed() + [link.name for lang in self.links for link in self.links[lang]]:
            kinds.setdefault(name, set()).add("sized")
        for name in dict.fromkeys(n for lang in self.galleries for n in self.galleries[lang]):
            kinds.setdefault(name, set()).update(("thumb", "thumb2x", "sized"))
        for lang in self.folder.versions:
            first = self.first_photo(lang)
            if first:
                kinds.setdefault(first, set()).update(
                    ("thumb", "share", "thumb2x") if self.folder.listed else ("thumb", "share"))
        return kinds

    def first_use(self, name: str) -> tuple[Any, int | None] | None:
        """Where the text first places ``name``: the version (in language order) and the
        line of its Markdown file; None when no text places it."""
        for lang, images in self.inline.items():
            for image in images:
                if image.name == name:
                    article = self.folder.versions[lang]
                    return article, _line(article, image.img.get("src") or "", 0)
        return None


def _line(article: Any, src: str, occurrence: int) -> int | None:
    try:
        with open(article.source_path, encoding="utf-8-sig") as f:
            return markup.source_line(f.read(), src, occurrence)
    except (OSError, UnicodeDecodeError):
        return None


def scan(folder: Folder, languages: list[str]) -> tuple[FolderPlan, list[ContentError]]:
    """Find the folder's photos, the images each version places, and the captions."""
    plan = FolderPlan(folder)
    names = os.listdir(folder.path)
    errors = folder_mistakes(folder.rel, names, languages)
    for name in sources.folder_photos(folder.path, names):
        try:
            sources.check_inside(folder.path, name)
        except sources.OutsideFolder:
            errors.append(ContentError(f"{folder.rel}/{name}", (
                "liên kết này trỏ ra ngoài thư mục bài viết, hãy chép ảnh thật vào đây / "
                "this link points outside the post folder; copy the photo itself here")))
            continue
        plan.photos.append(name)
    for lang, article in folder.versions.items():
        doc = markup.parse(article._content)
        if doc is None:
            continue
        plan.docs[lang] = doc
        plan.inline[lang] = []
        seen: Counter = Counter()
        lines = markup.line_starts(article._content)
        for img in markup.local_images(doc):
            src = img.get("src") or ""
            occurrence, seen[src] = seen[src], seen[src] + 1
            name, problem = _check_src(folder.path, src)
            if problem:
                line = _line(article, src, occurrence) if src.strip() else None
                errors.append(ContentError(article.relative_source_path, problem, line))
            else:
                written = as_typed(markup.written_alt(img, article._content, lines)).strip()
                plan.inline[lang].append(Inline(img, name, written))
        plan.links[lang] = []
        seen = Counter()
        for link in markup.local_photo_links(doc):
            href = link["href"]
            occurrence, seen[href] = seen[href], seen[href] + 1
            found = linked_photo(folder.path, href)
            if found is None:
                continue
            name, problem = found
            if problem:
                errors.append(ContentError(article.relative_source_path, problem,
                                           _line(article, href, occurrence)))
            else:
                plan.links[lang].append(PhotoLink(link, name))
    for lang in folder.versions:
        placed = {image.name for image in plan.inline.get(lang, [])}
        plan.galleries[lang] = [name for name in plan.photos if name not in placed]
    for lang in languages:
        plan.captions[lang], problems = read_captions(folder.path, lang, folder.rel)
        errors.extend(problems)
    return plan, errors


def linked_photo(folder: str, href: str) -> tuple[str, str | None] | None:
    """The photo of ``folder`` a link's relative ``href`` names and what is wrong with it
    (None if nothing), as for an image; None for a path out of the folder (another
    post's published photo, say), which is left as written."""
    try:
        sources.resolve(folder, href)
    except sources.OutsideFolder:
        return None
    return sources.locate(folder, href, "")


def folder_mistakes(rel: str, names: list[str], languages: list[str]) -> list[ContentError]:
    """Files of a post folder (``names``) the build would leave out without a word: a
    picture in a form the site cannot use, a captions file of no language of the site."""
    errors = []
    for name in sorted(names):
        if problem := sources.unusable_picture(name):
            errors.append(ContentError(f"{rel}/{name}", f"tệp '{name}' {problem.vi} / '{name}' {problem.en}"))
        elif CAPTIONS_NAME.match(name) and name not in {f"captions.{lang}.txt" for lang in languages}:
            wanted = [f"captions.{lang}.txt" for lang in languages]
            errors.append(ContentError(f"{rel}/{name}", (
                f"tệp chú thích ảnh phải có tên {' hoặc '.join(wanted)}: đổi tên tệp này / a captions "
                f"file must be named {' or '.join(wanted)}: rename this one")))
    return errors


#: A file staff meant as a post folder's captions: "captions.txt", "Captions.vn.txt"...
CAPTIONS_NAME = re.compile(r"(?i)^(captions?|chu-thich|chuthich)(\.[^.]+)?\.txt$")


def _check_src(folder: str, src: str) -> tuple[str, str | None]:
    """The photo an image's ``src`` names, and what is wrong with it (None if nothing)."""
    if not src.strip():
        return "", "ảnh không có tên tệp: viết ![Chú thích](anh.jpg) / the image has no file name: write ![Caption](photo.jpg)"
    return sources.locate(folder, src, (
        f"ảnh '{src}' nằm ngoài thư mục bài viết, hãy chép ảnh vào cùng thư mục với bài / "
        f"the image '{src}' is outside the post folder; copy the photo into the post folder"))


def stems(names: list[str]) -> dict[str, str]:
    """The name each photo's renditions start with: its own, without the extension.

    Photos in subfolders get the folder in the name (``anh/1.jpg`` -> ``anh-1``); two
    photos with the same name and different extensions keep the extension too. Names
    still the same (``anh.jpg`` and ``anh.JPG``, ``anh/1.jpg`` and ``anh-1.jpg``, or one
    name saved in both Unicode forms, composed and decomposed) are told apart by a number,
    in name order (``anh-jpg``, ``anh-jpg-2``): they would write the same files, and one
    photo would be shown in place of the other. Names are compared as a Mac or Windows
    disk compares them, whatever the capitals and the Unicode form.
    """
    base = {name: os.path.splitext(name)[0].replace("/", "-") for name in names}
    counts = Counter(same_name_key(stem) for stem in base.values())
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names):
        stem = base[name]
        if counts[same_name_key(stem)] > 1:
            stem = f"{stem}-{os.path.splitext(name)[1].lstrip('.').lower()}"
        unique, number = stem, 2
        while same_name_key(unique) in taken:
            unique, number = f"{stem}-{number}", number + 1
        taken.add(same_name_key(unique))
        result[name] = unique
    return result


def alt_text(templates: dict, lang: str, title: str, number: int) -> str:
    """The alt text of a photo without a caption (``PHOTOS_ALT_TEXT``)."""
    return templates.get(lang, DEFAULT_ALT_TEXT).format(title=title, number=number)


def apply(plan: FolderPlan, alt_templates: dict, siteurl: str, sizes: str,
          labels: dict[str, dict[str, str]], markdown: dict | None = None,
          typography: Options | None = None) -> None:
    """Write the figures into each version's HTML; set ``gallery``, ``thumbnail`` (and
    ``thumbnail_webp``, its WebP twin or None; ``thumbnail2x`` and ``thumbnail2x_webp``,
    its twins for dense screens in a post's listing cards, else None) and ``share_image``.

    ``sizes`` is the figures' ``sizes`` attribute; ``labels`` the photo viewer's
    ``data-lightbox-*`` labels per language, carried by the first figure of a version
    without a gallery (the gallery carries them otherwise); ``markdown`` the site's
    ``MARKDOWN``, which captions are read with (``caption_text``): shown as HTML, their
    plain text is the photos' alt text; ``typography`` the text's conversion options,
    whose typography (``TYPOGRIFY``) captions get too.
    """
    markdown = markdown if markdown is not None else {}
    for lang, article in plan.folder.versions.items():
        numbers = plan.numbers(lang)
        gallery = plan.galleries.get(lang, [])
        captions = {name: read_caption(text, markdown, typography)
                    for name, text in plan.captions.get(lang, {}).items()}
        title = str(getattr(article, "title", ""))

        def alt_for(name: str, caption: str, lang: str = lang, title: str = title,
                    numbers: dict = numbers) -> str:
            return caption or alt_text(alt_templates, lang, title, numbers[name])

        doc = plan.docs.get(lang)
        inline = plan.inline.get(lang, [])
        placed_captions: dict[str, str] = {}  # the caption of each photo where the text first shows it
        if doc is not None:
            for index, image in enumerate(inline):
                sized = plan.renditions[image.name].sized
                written = image.written
                caption = (read_caption(written, markdown, typography) if written
                           else captions.get(image.name, NO_CAPTION))
                placed_captions.setdefault(image.name, caption.text)
                attrs = markup.image_attrs(
                    image.img, f"{siteurl}/{sized.src.url}", sized.src.width, sized.src.height,
                    alt_for(image.name, caption.text), first=index == 0,
                    srcset=sized.srcset(siteurl), sizes=sizes)
                link = {"href": f"{siteurl}/{sized.large.url}", "data-width": str(sized.large.width),
                        "data-height": str(sized.large.height)}
                if index == 0 and not gallery:
                    link |= labels.get(lang, {})
                markup.place(doc, image.img, attrs, link, caption.html,
                             webp_srcset=sized.webp_srcset(siteurl), sizes=sizes)
            for link in plan.links.get(lang, []):
                link.a["href"] = f"{siteurl}/{plan.renditions[link.name].sized.large.url}"
            set_content(article, markup.serialize(doc))
        article.gallery = [
            GalleryPhoto(thumb=published.thumb, thumb_webp=published.thumb_webp,
                         sized=published.sized, caption=shown.text, alt=alt_for(name, shown.text),
                         name=name, eager=number == 0 and not inline, caption_html=shown.html,
                         thumb2x=published.thumb2x, thumb2x_webp=published.thumb2x_webp)
            for number, name in enumerate(gallery)
            for shown, published in [(captions.get(name, NO_CAPTION), plan.renditions[name])]
        ]
        first = plan.first_photo(lang)
        article.thumbnail = plan.renditions[first].thumb if first else None
        article.thumbnail_webp = plan.renditions[first].thumb_webp if first else None
        article.thumbnail2x = plan.renditions[first].thumb2x if first else None
        article.thumbnail2x_webp = plan.renditions[first].thumb2x_webp if first else None
        article.share_image = plan.renditions[first].share if first else None
        # What a shared link says of its picture (og:image:alt): the photo's caption or alt.
        if first:
            shown = placed_captions.get(first) or captions.get(first, NO_CAPTION).text
            article.share_image_alt = alt_for(first, shown) if first in numbers else (shown or title)
        else:
            article.share_image_alt = None


def set_content(article: Any, html: str) -> None:
    """Replace the article's HTML, forgetting any content Pelican has already memoised."""
    article._content = html
    forget_rendered(article)


def forget_rendered(article: Any) -> None:
    """Forget the content and summary Pelican has memoised for ``article``."""
    for method in ("get_content", "get_summary"):
        cache = getattr(getattr(article, method, None), "cache", None)
        if isinstance(cache, dict):
            for key in [k for k in cache if isinstance(k, tuple) and k and k[0] is article]:
                del cache[key]

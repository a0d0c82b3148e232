"""Whether the links written in posts reach a page of the site, without building it.

The pages a build makes are worked out from the site model (sections, tags and their
pagination as Pelican's paginator names it, feeds, search pages) and the URL settings
(posts, static pages); drafts are known apart, to say so when a link leads to one.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .content import Content, Source
from .links import find_refs, kind_of, page_key, page_like, pelican_target, site_path
from .report import Report

from photos.placement import linked_photo  # noqa: E402
from reader.attachments import ATTACHMENTS  # noqa: E402
from reader.convert import bad_address_message  # noqa: E402
from sitemodel.checks import file_hint, other_version_hint  # noqa: E402  (plugins/ is on the path: .content)
from sitemodel.checks import parse_date  # noqa: E402
from sitemodel.schedule import site_today  # noqa: E402
from search import settings as search_settings  # noqa: E402
from search.search import search_urls  # noqa: E402
from sections import settings as sections_settings  # noqa: E402
from sections.sections import feeds_page_urls  # noqa: E402
from sections import archive  # noqa: E402
from seo.sitemap import listing_page_urls, section_page_urls  # noqa: E402
from tags import settings as tags_settings  # noqa: E402
from tags.tags import feed_urls as tag_feed_urls  # noqa: E402


def page_url(settings: dict, kind: str, lang: str, default: str, **parts) -> str:
    """The site path of a post or page, from the URL settings Pelican uses."""
    prefix = "ARTICLE" if kind == "post" else "PAGE"
    pattern = settings[f"{prefix}_URL" if lang == default else f"{prefix}_LANG_URL"]
    return "/" + pattern.format(lang=lang, **parts).lstrip("/")


def site_urls(content: Content, model, settings: dict,
              tag_pages: dict | None = None) -> tuple[set[str], dict[str, Source]]:
    """The pages and feeds a build makes, and the addresses drafts would have.
    ``tag_pages``: the tags as the build groups them (``tags.index_tags``)."""
    default = content.languages[0]
    tags_cfg = tags_settings.read(settings)
    # The listings' later pages as Pelican's paginator names them (the sitemap's way)
    paging = {**settings, "PAGINATED_TEMPLATES": {
        "section": sections_settings.read(settings)["SECTIONS_PER_PAGE"], "tag": tags_cfg["TAGS_PER_PAGE"]}}
    urls = set()
    for lang in content.languages:  # as the sections plugin writes them (a home has one page)
        urls.add(model.home_url(lang))
        for section in model.root.walk():
            if not section.is_root and model.has_page(section, lang):
                urls.update(section_page_urls(model, section, lang, paging))
            if model.listing(section, lang):
                urls.update(model.feed_url(section, lang, kind) for kind in ("atom", "rss"))
    for index in (tag_pages or {}).values():
        urls.add(index.url)
        for tag in index.tags:
            urls.update(listing_page_urls(tag.url, index.posts[tag.slug], "tag", paging))
            if tags_cfg["TAGS_FEEDS"]:
                urls.update(tag_feed_urls(tag).values())
    urls.update(search_urls(model, search_settings.read(settings)).values())
    urls.update(feeds_page_urls(model, sections_settings.read(settings)).values())
    urls.update(archive.page_urls(model, sections_settings.read(settings)))
    urls = {url if url.startswith("/") else "/" + url for url in urls}
    drafts = {}
    for source in content.sources:
        if source.kind not in ("post", "page"):
            continue
        url = source_url(source, settings, default)
        if source.is_draft:
            drafts[url] = source
        else:
            urls.add(url)
    theme_static = Path(settings["THEME"]) / "static"
    if theme_static.is_dir():
        target = settings.get("THEME_STATIC_DIR", "theme")
        urls.update(f"/{target}/{p.relative_to(theme_static).as_posix()}"
                    for p in theme_static.rglob("*") if p.is_file())
    return {unicodedata.normalize("NFC", u) for u in urls}, drafts


def source_url(source: Source, settings: dict, default: str) -> str:
    if source.kind == "page":
        return page_url(settings, "page", source.lang, default, slug=source.slug)
    return page_url(settings, "post", source.lang, default, slug=source.slug,
                    section_path=source.section)


#: A post's file in one language (``index.vi.md``), and the language names check's
#: messages use (in Vietnamese, in English).
OTHER_LANGUAGE = re.compile(r"index\.([^./]+)\.md")
LANGUAGE_NAMES = {"vi": {"vi": "Việt", "en": "Anh"}, "en": {"vi": "Vietnamese", "en": "English"}}


def written_date(source: Source):
    """The ``Date:`` of a source file as the build reads it; None when missing or unreadable."""
    date = source.get("date")
    return parse_date(date.value) if date is not None and date.value else None


def is_later(source: Source, settings: dict) -> bool:
    """A post dated after the site's day, which the build holds back until then."""
    if source.kind != "post" or settings.get("SITE_PUBLISH_FUTURE"):
        return False
    parsed = written_date(source)
    return parsed is not None and parsed.date() > site_today(settings)


def check_links(content: Content, model, settings: dict, report: Report,
                tag_pages: dict | None = None) -> None:
    urls, drafts = site_urls(content, model, settings, tag_pages)
    draft_files = {draft.path.resolve(): draft for draft in drafts.values()}
    unpublished = frozenset(draft_files) | frozenset(
        source.path.resolve() for source in content.sources if is_later(source, settings))
    default = content.languages[0]
    for source in content.sources:
        if source.kind not in ("post", "page") or source.text is None:
            continue
        base = source_url(source, settings, default)
        for ref in find_refs(source.body):
            kind = kind_of(ref.target)
            if kind == "invalid":  # the build refuses it too (reader.convert)
                report.error(source.rel, bad_address_message(ref.target), ref.line)
            elif kind == "content":
                check_content_link(content, source, ref, draft_files, report, unpublished)
            elif kind == "site" and ref.kind == "link":
                check_site_link(content, source, base, ref, urls, drafts, report)


def check_content_link(content: Content, source: Source, ref, draft_files: dict, report: Report,
                       unpublished: frozenset = frozenset()) -> None:
    path = pelican_target(ref.target)
    target = (content.root / path.lstrip("/")) if path.startswith("/") else (source.folder / path)
    if not target.exists():
        vi, en = other_version_hint(str(target), ref.target)
        report.error(source.rel, (
            f"liên kết '{ref.target}' trỏ tới tệp không có{vi} / the link '{ref.target}' "
            f"names a file that does not exist{en}"), ref.line)
        return
    draft = draft_files.get(target.resolve())
    if draft is not None:  # Pelican links it to drafts/<slug>.html, which is not published
        report.error(source.rel, (
            f"liên kết '{ref.target}' trỏ tới bản nháp {draft.rel} (Status: draft), trang đó "
            f"không được đăng / the link '{ref.target}' leads to a draft, which is not published"), ref.line)
        return
    # A translation copied with its links: the English text leading English readers to the
    # Vietnamese version of a post that has an English one (or the other way round). Not
    # a link to the post's own original, nor to a version not published (yet).
    written = OTHER_LANGUAGE.fullmatch(target.name)
    own = target.with_name(f"index.{source.lang}.md")
    if (written and written[1] != source.lang and own.is_file() and own.resolve() != source.path.resolve()
            and own.resolve() not in unpublished):
        at = re.split(r"[?#]", ref.target, maxsplit=1)[0].rfind(target.name)  # (keeping its #part, ?query)
        mine = (ref.target[:at] + own.name + ref.target[at + len(target.name):] if at != -1
                else path[:len(path) - len(target.name)] + own.name)
        report.warn(source.rel, (
            f"liên kết '{ref.target}' dẫn tới bản tiếng {LANGUAGE_NAMES['vi'].get(written[1], written[1])} "
            f"của bài đã có bản tiếng {LANGUAGE_NAMES['vi'].get(source.lang, source.lang)}; viết '{mine}' / "
            f"the link '{ref.target}' leads to the {LANGUAGE_NAMES['en'].get(written[1], written[1])} "
            f"version of a post that is also in {LANGUAGE_NAMES['en'].get(source.lang, source.lang)}; "
            f"write '{mine}'"), ref.line)


def check_site_link(content: Content, source: Source, base: str, ref, urls: set[str],
                    drafts: dict, report: Report) -> None:
    path = site_path(base, ref.target)
    if page_like(path):
        key = page_key(path)
        if key in urls:
            return
        if key in drafts:
            report.error(source.rel, (
                f"liên kết '{ref.target}' trỏ tới bản nháp {drafts[key].rel} (Status: draft), "
                f"trang đó không được đăng / the link '{ref.target}' leads to a draft, which is "
                "not published"), ref.line)
            return
        vi, en = "", ""
        folder = re.split(r"[?#]", ref.target, maxsplit=1)[0].rstrip("/")
        if not ref.target.startswith("/") and (source.folder / unquote(folder)).is_dir():
            # a post's folder, linked from a language the post is not written in yet
            own = f"index.{source.lang}.md"
            vi, en = other_version_hint(str(source.folder / unquote(folder) / own), f"{folder}/{own}")
        close = difflib.get_close_matches(key, sorted(urls), n=1, cutoff=0.75)
        if close and not vi:
            vi, en = f" (có phải {close[0]}?)", f" (did you mean {close[0]}?)"
        report.error(source.rel, (
            f"liên kết '{ref.target}' dẫn tới {key}, trang này không có{vi} / "
            f"the link '{ref.target}' leads to {key}, which is not a page of the site{en}"),
            ref.line)
    elif path in urls:
        return
    elif not ref.target.startswith("/"):
        written = unquote(urlsplit(ref.target).path)
        exists = (source.folder / written).exists() or \
            (source.folder / unicodedata.normalize("NFC", written)).exists()
        if exists and written.lower().endswith(ATTACHMENTS):
            return  # published beside the post (reader.attachments)
        photo = linked_photo(str(source.folder), ref.target)  # (None, or a problem: not a photo here)
        if photo and photo[1] is None:
            return  # leads to the photo's largest rendition (photos.placement.linked_photo)
        hint = ("", "") if exists else file_hint(str((source.folder / written).parent), Path(written).name)
        vi = ("tệp này không được đưa lên trang (chỉ ảnh của bài và tệp PDF, Word, Excel, "
              "PowerPoint, ZIP được đăng)" if exists else f"không có tệp này{hint[0]}")
        en = ("the file is not published (only the post's photos and PDF, Word, Excel, "
              "PowerPoint and ZIP files are)" if exists else f"there is no such file{hint[1]}")
        report.error(source.rel, f"liên kết '{ref.target}': {vi} / the link '{ref.target}': {en}",
                     ref.line)

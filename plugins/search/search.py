"""Site search with Pagefind: a search page per language, an index built after the site is written.

- When the model is ready, each language's search page gets its URL (``SEARCH_PAGE_PATHS``
  under the language's prefix: ``/tim-kiem/``, ``/en/search/``), published in the shared
  context as ``search_pages`` (language -> URL) for the header link and for other
  features that point at it (the home page's ``SearchAction``).
- ``SearchGenerator`` writes ``search.html`` for each language.
- On ``finalized`` (the whole site written), Pagefind indexes the output into
  ``pagefind/`` (unless ``SEARCH_INDEX`` is off, as in the live preview). Only post
  pages carry ``data-pagefind-body`` (``article.html``), so only posts are found; each
  page's ``<html lang>`` puts it in that language's index, and the search page loads
  the index of its own language.
- A big site is indexed in parts (``index_parts``): the posts oldest first, at most
  ``SEARCH_SHARD_PAGES`` pages a part, the newest year's posts in parts of their own
  (publishing a post then indexes this year's posts again, not the archive; a reader's
  search loads one more, small, part), each part a Pagefind bundle of its own
  (``pagefind/``, ``pagefind/2/``, ...). Pagefind holds all it indexes in memory (4.4
  GiB for 30,000 pages in one run), so the parts bound it; the search page of a
  language searches the parts holding that language's posts together (Pagefind's
  ``mergeIndex``), through ``every_word.js`` standing in for pagefind.js
  (``search_loader``): Pagefind leaves out a query word that a part lacks, so without
  it a part would list posts holding only some of the words.
- Each language of a part (a ``Piece``) is indexed by a Pagefind run of its own, as
  many side by side as there are processors, and the pieces' bundles are put together
  (``place_part``): Pagefind keeps each language's files apart, so the bundle has the
  same bytes as one run over all languages gives.
- Pagefind does not read the written site itself but a copy of what it indexes of each
  post page (``lean_page``: the ``<html>`` tag, for the language, and the element with
  ``data-pagefind-body``), written afresh for each run, pages in path order
  (``write_lean_site``). Pagefind numbers pages in the order it finds the files, i.e.
  the order the file system lists them, which for the written site depends on the order
  its files were made (a build's parallel writers, an edit's replaced file): read there,
  the same pages could give another index. And it parses a third of the bytes (1,978
  pages: 3.5 s against 4.8 s).
- Each piece is kept in ``CACHE_PATH/search/<hash>/``, the hash being that of what
  Pagefind reads of its pages (``piece_key``: names and lean pages) and of the Pagefind
  binary: a piece whose pages are all the same as in the last build is linked instead of
  indexed again. An edit changes its post's page (and, when its title changes, its
  neighbours': the same language, next to it in date order, so mostly in the same part):
  the other language is not indexed again (nor are its pages read: their files are
  those of the last build, ``pages_stamp``); a change to a template outside the post's
  body (the header, the neighbour links, the footer) indexes nothing again. A new post
  goes into the newest year's part.
- A piece the last build also had (the same part and language, other pages) is
  written by Pagefind in a folder in memory (``/dev/shm``, where there is one:
  ``scratch_folder``), and ``settle`` puts it into the cache, linking each file the
  last build's bundle of the piece has with the same bytes (all but a handful after an
  edit: Pagefind names its files by their content): a disk where the last build has
  just deleted thousands of files makes new ones slowly.

Vietnamese typed without diacritics: Pagefind folds accents by itself (``boi duong``
finds ``bồi dưỡng``), but not ``đ``, a letter of its own (``dao tao`` would miss ``đào
tạo``). So each post page carries, at the end of its indexed body, its words that hold
``đ``/``Đ`` with ``d``/``D`` instead (``search_aliases()``: ``dào``), for Pagefind to
index as an attribute (``data-pagefind-index-attrs``); ``search.js`` drops them from the
result excerpts again (they are also the ``search_aliases`` metadata of the page). The
browser tests check both spellings.

A post's title is not in the indexed text (``search_title()``): Pagefind searches the
page's ``title`` metadata (its ``<h1>``) and shows it as the result's heading; indexed
too, it began every excerpt again.
"""

from __future__ import annotations

import contextlib
import filecmp
import hashlib
import html
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from sitemodel import ContentError, get_model, language_link, link_or_copy, model_ready
from sitemodel.checks import taken_addresses
from sitemodel.errors import fail, stop

from . import settings as plugin_settings

logger = logging.getLogger(__name__)

#: Context key: language -> site-relative URL of its search page.
CONTEXT_KEY = "search_pages"
#: The shared context's list of the index's bundles (relative to the output), for the
#: hosts' cache rules of their content-named files (``security_headers``).
BUNDLES_KEY = "search_bundles"
#: Where Pagefind writes its bundle (index, fragments, UI), relative to the output.
BUNDLE_DIR = "pagefind"
#: In a kept index (``CACHE_PATH/search/<pages hash>/``): how many pages it holds.
INDEXED_FILE = "indexed.txt"
#: ... and which part and language it is (``part lang``: what a new bundle of the same
#: piece links its unchanged files from).
PIECE_FILE = "piece.txt"
#: In the cache: each piece's pages' files as the last build left them, and its key
#: (``{part lang: [pages_stamp, piece_key]}``).
STAMPS_FILE = "stamps.json"
#: Where Pagefind's lean pages are written, and a bundle first: a folder in memory,
#: where the system has one with room to spare (``SCRATCH_SPARE`` bytes left after
#: what a piece needs: a container's is often 64 MiB in all).
SCRATCH = "/dev/shm"
SCRATCH_SPARE = 64 * 2**20
#: ... and the most one build puts there at once (the rest goes to the disk).
SCRATCH_MOST = 512 * 2**20

INDEXED = re.compile(r"Indexed (\d+) pages?")
#: A version number in ``pagefind --version``'s line.
VERSION = re.compile(r"\b\d+\.\d+\.\d+[\w.+-]*")
#: A word holding đ or Đ, which Pagefind does not fold into d (from the word's start:
#: the look-behind spares the regex a retry at every letter of every other word).
#: ``d_words`` finds the same words faster.
D_WORD = re.compile(r"(?<!\w)\w*[đĐ]\w*")
#: The letters of ``D_WORD``, and the rest of a word after one.
D_LETTER = re.compile(r"[đĐ]")
WORD_REST = re.compile(r"\w*")
#: An HTML tag, as ``Markup.striptags`` takes it out of a text without comments.
TAG = re.compile(r"<[^>]*>")

# Per-build state: what ``finalized`` (which receives only the Pelican object) needs.
_state: dict = {}


def search_urls(model, cfg: dict) -> dict[str, str]:
    """Each language's search page URL, under the language's prefix."""
    paths = cfg["SEARCH_PAGE_PATHS"]
    return {lang: model.prefix(lang) + paths.get(lang, "search/") for lang in model.languages}


def clashes(model, cfg: dict) -> list[ContentError]:
    """A section or static page whose address a search page (or the index) would take."""
    taken = {BUNDLE_DIR: ("chỉ mục tìm kiếm pagefind/", "the search index (pagefind/)")}
    for lang in model.languages:
        path = cfg["SEARCH_PAGE_PATHS"].get(lang, "search/").strip("/")
        taken[path] = (f"trang tìm kiếm ({lang})", f"the search page ({lang})")
    return taken_addresses(model, taken, "SEARCH_PAGE_PATHS")


def on_model_ready(model, context) -> None:
    cfg = plugin_settings.read(context)
    fail(clashes(model, cfg))
    context[CONTEXT_KEY] = _state["urls"] = search_urls(model, cfg)
    _state["expected"] = expected_pages(model)
    # (not without an index, as in the live preview: a post's save_as costs time)
    _state["parts"] = index_parts(model, cfg["SEARCH_SHARD_PAGES"]) if cfg["SEARCH_INDEX"] else []
    context[BUNDLES_KEY] = [bundle_dir(number) for number in range(len(_state["parts"]))]


def index_parts(model, size: int) -> list[list[tuple[str, str]]]:
    """The post pages of each part of the index, as ``(language, output file)``: posts
    oldest first (a post's languages in one part), at most ``size`` pages a part, and the
    posts of the newest year in parts of their own: a new post, or an edit of this
    year's, indexes only them again, not the archive."""
    def first_date(post):
        return min(v.date for v in post.versions.values())

    posts = sorted(model.posts, key=lambda post: (first_date(post), post.folder))
    newest = first_date(posts[-1]).year if posts else None
    parts: list[list[tuple[str, str]]] = []
    part: list[tuple[str, str]] = []
    in_newest = False
    for post in posts:
        pages = [(lang, post.versions[lang].save_as) for lang in sorted(post.versions)]
        starts_newest = not in_newest and first_date(post).year == newest
        if part and (len(part) + len(pages) > size or starts_newest):
            parts.append(part)
            part = []
        in_newest = in_newest or starts_newest
        part.extend(pages)
    if part:
        parts.append(part)
    return parts


def bundle_dir(number: int) -> str:
    """Where part ``number`` (from 0) of the index is, relative to the output."""
    return BUNDLE_DIR if number == 0 else f"{BUNDLE_DIR}/{number + 1}"


def language_bundles(parts: list[list[tuple[str, str]]], lang: str) -> list[str]:
    """The bundles (relative to the output) holding posts in ``lang``."""
    return [bundle_dir(n) for n, part in enumerate(parts) if any(page_lang == lang for page_lang, _ in part)]


def search_loader(lang: str, bundles: list[str]) -> str:
    """Where the search page of ``lang`` loads pagefind.js from: the bundle of its posts,
    or, when they are in several parts, ``every_word.js`` standing in for the first
    part's pagefind.js (written by ``write_every_word``)."""
    return f"{BUNDLE_DIR}/parts/{lang}" if len(bundles) > 1 else bundles[0]


def part_languages(parts: list[list[tuple[str, str]]]) -> list[str]:
    """The languages that have posts in the index, sorted."""
    return sorted({page_lang for part in parts for page_lang, _ in part})


def write_every_word(output: str, parts: list[list[tuple[str, str]]]) -> None:
    """For each language whose posts are in several parts, the module the search page
    loads instead of pagefind.js: the first part's, keeping only results holding every
    word of the query (``every_word.js`` says why)."""
    with open(os.path.join(os.path.dirname(__file__), "every_word.js"), encoding="utf-8") as f:
        body = f.read()
    for lang in part_languages(parts):
        bundles = language_bundles(parts, lang)
        loader = search_loader(lang, bundles)
        if loader == bundles[0]:
            continue
        folder = sanitised_join(output, loader)
        first = posixpath.relpath(f"{bundles[0]}/pagefind.js", loader)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "pagefind.js"), "w", encoding="utf-8", newline="\n") as f:
            f.write(f'import * as pagefind from "{first}";\nexport * from "{first}";\n\n{body}')


def d_words(text: str) -> list[str]:
    """``D_WORD.findall(text)``, found from each đ/Đ out to its word's ends: a third of
    the time, as the pattern is tried at the start of every word of the text (0.09 ms a
    post's text; ``search_aliases`` took 0.21 ms of a post page's 1.4 ms). A word
    character is what ``\\w`` takes: a letter or digit (``str.isalnum``) or "_"."""
    words, end = [], 0
    for letter in D_LETTER.finditer(text):
        at = letter.start()
        if at < end:
            continue  # (in the word just found)
        start = at
        while start > end and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        end = WORD_REST.match(text, at + 1).end()
        words.append(text[start:end])
    return words


def text_words(content: str) -> str:
    """The text of the HTML ``content`` with the words ``Markup(content).striptags()``
    leaves, in the same order: its tags taken out and its entities read, but runs of
    spaces left as they are (words are what is looked for); a quarter of the time. A text
    holding an HTML comment is left to ``striptags``, which takes a comment out whole."""
    if "<!--" in content:
        return Markup(content).striptags()
    return html.unescape(TAG.sub("", content))


def alias_words(texts: list[str]) -> list[str]:
    """The words of ``texts`` that hold đ/Đ, spelled with d/D, each once, in order."""
    seen, words = set(), []
    for text in texts:
        for word in d_words(text):
            alias = word.replace("đ", "d").replace("Đ", "D")
            if alias.lower() not in seen:
                seen.add(alias.lower())
                words.append(alias)
    return words


def gallery_captions(article) -> list[str]:
    """The captions of the post's gallery (the photos plugin's), indexed with the post."""
    return [str(getattr(photo, "caption", "") or "") for photo in getattr(article, "gallery", None) or []]


def search_aliases(article) -> Markup:
    """The element that lets Pagefind find a post's đ-words typed with d (see above)."""
    texts = [str(article.title), text_words(str(article.content)),
             Markup(str(getattr(article, "summary", "") or "")).striptags()]
    words = " ".join(alias_words(texts + gallery_captions(article)))
    if not words:
        return Markup("")
    return Markup('<span hidden data-pagefind-index-attrs="data-search-aliases" '
                  'data-search-aliases="{0}" data-pagefind-meta="search_aliases:{0}"></span>').format(words)


def search_title(article) -> Markup:
    """The attribute that keeps a post's title (its ``<h1>``) out of the text Pagefind
    indexes, when the post has other words: the title is the page's ``title`` metadata,
    which Pagefind 1.5 searches and shows as the result's heading, so every excerpt
    began with it again ("Hội nghị tổng kết. Hội nghị tổng kết. Nhà trường …"). A post
    of photos without captions has no other words: Pagefind would leave its page out,
    so its title stays the text."""
    content = str(article.content)
    if "data-pagefind-ignore" in content:  # (a file's kind and size, a video's picture: not indexed)
        content = IGNORED.sub("", content)
    texts = [content, str(getattr(article, "summary", "") or "") if "summary" in article.metadata else ""]
    if any(HAS_WORDS.search(text) for text in texts + gallery_captions(article)):
        return Markup(" data-pagefind-ignore")
    return Markup("")


#: A word in HTML: a letter or digit between a tag's end (or the start) and the next tag,
#: not in an entity (a Summary of "&", ``&nbsp;`` alone: no word for Pagefind, which then
#: left the page out). Found at the first one, where ``text_words`` would read the whole text.
HAS_WORDS = re.compile(r"(?:^|>)(?:[^<&\w]|_|&#?\w+;)*[^\W_]")
#: What the reader's plugins mark in a post's text for Pagefind to leave out: an
#: attachment's kind and size (``reader.attachments``), a video's picture (``reader.embeds``).
IGNORED = re.compile(r"<(small|a)\b[^>]*\sdata-pagefind-ignore[\s=>][^<]*(?:<(?!/\1>)[^<]*)*</\1>")


def on_generator_init(generator) -> None:
    generator.env.globals["search_aliases"] = search_aliases
    generator.env.globals["search_title"] = search_title


class SearchGenerator(Generator):
    """Writes the search page of each language."""

    def generate_output(self, writer) -> None:
        model = get_model(self.context)
        urls = self.context[CONTEXT_KEY]
        bundle_base = urlsplit(self.settings.get("SITEURL") or "").path.rstrip("/") + "/"
        has_posts = _has_posts()
        # The UI's files linked with Pagefind's version (``?v=``): hosts keep such
        # addresses a year (deploy/nginx-caching.conf), so a returning reader's search
        # page does not ask again for its stylesheet before it shows.
        version = pagefind_version(pagefind_executable()) if _state["index"] and has_posts else ""
        for lang in model.languages:
            # The switcher and hreflang point at the other languages' search pages (the
            # bilingual plugin would otherwise send them to each home page).
            links = [language_link(self.settings, other, urls[other], True, other == lang)
                     for other in model.languages]
            bundles = language_bundles(_state.get("parts", []), lang) or [BUNDLE_DIR]
            writer.write_file(
                urls[lang] + "index.html", self.get_template("search"), self.context,
                search_url=urls[lang], lang=lang, search_page=True, page_language_links=links,
                pagefind_base_url=bundle_base, search_index=_state["index"] and has_posts,
                search_empty=not has_posts,
                search_bundles=bundles, search_loader=search_loader(lang, bundles),
                pagefind_query=f"?v={version}" if version else "",
            )


def _has_posts() -> bool:
    """Whether the site has a post page to index. Without one (a new site, every post
    still scheduled) no index is made: Pagefind, finding no ``data-pagefind-body``, would
    index every page instead, and it cannot make an empty index."""
    return _state.get("expected", 0) > 0


def pagefind_version(binary: str | None) -> str:
    """Pagefind's version (``pagefind --version``: "pagefind 1.5.2" gives ``1.5.2``), the
    version of its UI's files (``pagefind-ui.js``, ``.css``: the same bytes for one
    version); "" when it cannot be told."""
    if binary is None:
        return ""
    try:
        done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    found = VERSION.search(done.stdout.partition("\n")[0]) if done.returncode == 0 else None
    return found.group(0) if found else ""


def pagefind_executable() -> str | None:
    """The Pagefind binary the ``pagefind[bin]`` package installed (or PAGEFIND_BINARY_PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return shutil.which("pagefind")
    found = get_executable()
    return str(found) if found else None


def expected_pages(model) -> int:
    """Post pages of every language: what the index should hold."""
    return sum(len(post.versions) for post in model.posts)


#: The attribute of the element Pagefind indexes (``article.html``'s ``<article>``).
BODY_ATTRIBUTE = "data-pagefind-body"
#: An opening tag, and its name; the page's (its ``lang``).
OPEN_TAG = re.compile(r"<([a-zA-Z][\w-]*)(?=[\s/>])[^>]*>")
HTML_OPEN = re.compile(r"<html(?=[\s>])[^>]*>", re.IGNORECASE)


def lean_page(html: str) -> str | None:
    """What Pagefind indexes of a post page, as a page of its own: the ``<html>`` tag
    (the page's language) and the element with ``data-pagefind-body``, up to its closing
    tag (counting the same element nested in it; to the end when unclosed). None for a
    page without that element."""
    at = html.find(BODY_ATTRIBUTE)
    while at != -1:
        # (the attribute of a tag: the last "<" before it opens a tag that ends after it;
        # the words in a post's text would be inside no tag)
        body = OPEN_TAG.match(html, html.rfind("<", 0, at))
        after = html[at + len(BODY_ATTRIBUTE):at + len(BODY_ATTRIBUTE) + 1]
        if body and body.end() > at and html[at - 1].isspace() and after in {" ", "\t", "\n", "=", "/", ">"}:
            break
        at = html.find(BODY_ATTRIBUTE, at + 1)
    else:
        return None
    top = HTML_OPEN.search(html, 0, body.start())
    tags = re.compile(rf"<(/?){re.escape(body.group(1))}(?=[\s/>])[^>]*>", re.IGNORECASE)
    depth, end = 0, len(html)
    for tag in tags.finditer(html, body.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = tag.end()
            break
    return (f"<!DOCTYPE html>\n{top.group(0) if top else '<html>'}<head><meta charset=\"utf-8\"></head>"
            f"<body>{html[body.start():end]}</body></html>\n")


def lean_pages(output: str, pages: list[str]) -> list[tuple[str, bytes | None]]:
    """``lean_page`` of each written page of ``pages`` (UTF-8), in path order."""
    found = []
    for rel in sorted(pages):
        with open(os.path.join(output, rel), encoding="utf-8") as f:
            page = lean_page(f.read())
        found.append((rel, None if page is None else page.encode()))
    return found


def piece_key(binary: str, lean: list[tuple[str, bytes | None]]) -> str:
    """One hash of what Pagefind reads of a piece's pages (``lean_pages``: names and
    lean pages) and of Pagefind."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{binary}\0{os.path.getsize(binary)}\0".encode())
    for rel, page in lean:
        h.update(rel.encode() + b"\0" + (b"-" if page is None else page + b"\0"))
    return h.hexdigest()


def pages_stamp(binary: str, output: str, pages: list[str]) -> str | None:
    """One hash of the files of ``pages`` as they are on disk (device, inode, size,
    modification time) and of Pagefind; None if one is missing. A page the page cache
    reused is the same file as in the last build (a link to its cache entry), a page
    written again a new one: pages with the same stamp as in the last build are the
    same, and their piece's key need not be worked out from their text again."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{binary}\0{os.path.getsize(binary)}\0".encode())
    for rel in sorted(pages):
        try:
            st = os.stat(os.path.join(output, rel))
        except OSError:
            return None
        h.update(f"{rel}\0{st.st_dev}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def write_lean_site(lean: list[tuple[str, bytes | None]], site: str) -> None:
    """Write the lean pages at their paths under ``site`` (a new folder), in path
    order: Pagefind numbers the pages in the order the file system lists them, which in
    a new folder follows the order they were made."""
    for rel, page in lean:
        if page is None:  # (not indexed: the page count warns)
            continue
        path = os.path.join(site, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(page)


@dataclass(eq=False)
class Piece:
    """The post pages of one language in one part: what one Pagefind run indexes."""

    lang: str
    pages: list[str]
    key: str | None = None  # ``piece_key``, with a cache
    folder: str | None = None  # its bundle, once made or found in the cache
    indexed: int = 0
    name: str = ""  # ``part lang``
    previous: str | None = None  # the bundle the last build had for it (``last_pieces``)
    site: str | None = None  # the folder of its lean pages, while it waits to be indexed
    scratch: str | None = None  # the folder in memory Pagefind writes its bundle in


def pieces_of(parts: list[list[tuple[str, str]]]) -> list[list[Piece]]:
    """Each part's pages split by language (in the order of ``sorted``)."""
    return [[Piece(lang, [rel for page_lang, rel in part if page_lang == lang], name=f"{number} {lang}")
             for lang in sorted({page_lang for page_lang, _ in part})] for number, part in enumerate(parts)]


def load_stamps(cache: str) -> dict[str, list]:
    """``STAMPS_FILE`` as the last build left it (empty when missing or unreadable)."""
    try:
        with open(os.path.join(cache, STAMPS_FILE), encoding="utf-8") as f:
            found = json.load(f)
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {name: value for name, value in found.items()
            if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)}


def last_pieces(cache: str) -> dict[str, str]:
    """The kept bundles by ``part lang`` (``PIECE_FILE``): the last build's, mostly."""
    found = {}
    for key in sorted(os.listdir(cache)) if os.path.isdir(cache) else []:
        try:
            with open(os.path.join(cache, key, PIECE_FILE), encoding="utf-8") as f:
                found[f.read()] = os.path.join(cache, key)
        except OSError:
            continue
    return found


def scratch_folder(need: int = 0) -> str | None:
    """A new folder in memory with room for ``need`` bytes (and ``SCRATCH_SPARE``
    more), or None where there is none.

    Pagefind writes a file for every page it indexes (its fragments), and reads as many
    (the lean pages). On a disk where a build has just deleted thousands of files (the
    last output, the replaced bundles), making that many new files costs more than the
    indexing (Linux's ext4 looks past every inode freed in the last seconds): 5.0–5.2 s
    against 3.7–4.0 s for 2,000 pages written to memory and then linked (``settle``)."""
    if not (os.path.isdir(SCRATCH) and os.access(SCRATCH, os.W_OK | os.X_OK)):
        return None
    try:
        free = os.statvfs(SCRATCH)
        if free.f_bavail * free.f_frsize < need + SCRATCH_SPARE:
            return None
        return tempfile.mkdtemp(dir=SCRATCH, prefix="pagefind-")
    except OSError:
        return None


def settle(made: str, previous: str | None, target: str) -> None:
    """Put the bundle ``made`` (in memory) at ``target``: each file with the same name
    and bytes in ``previous`` (the last build's bundle of the piece) linked from there,
    the others copied. After an edit, all but a handful of a piece's files are the same:
    Pagefind names fragments and index chunks by their content."""
    for folder, _, names in os.walk(made):
        rel = os.path.relpath(folder, made)
        os.makedirs(os.path.join(target, rel), exist_ok=True)
        for name in names:
            src, dest = os.path.join(folder, name), os.path.join(target, rel, name)
            old = os.path.join(previous, rel, name) if previous else None
            if old and os.path.isfile(old) and filecmp.cmp(src, old, shallow=False):
                link_or_copy(old, dest)
            else:
                shutil.copyfile(src, dest)


def index_piece(binary: str, piece: Piece, work: str) -> tuple[str, int]:
    """Run Pagefind on the piece's lean pages (``piece.site``), writing its bundle in
    ``piece.scratch`` where it has one (then ``settle``). Its bundle (a new folder under
    ``work``) and the pages indexed."""
    tmp = tempfile.mkdtemp(dir=work, prefix=".tmp-")
    scratch = piece.scratch  # (removed on the way out)
    try:
        bundle = os.path.join(scratch or tmp, BUNDLE_DIR)
        result = subprocess.run([binary, "--site", piece.site, "--output-path", bundle],
                                capture_output=True, text=True)
        report = (result.stdout + result.stderr).strip()
        logger.debug("search: Pagefind said (%s, %d pages):\n%s", piece.lang, len(piece.pages), report)
        if result.returncode != 0:
            # One line (Pagefind's own report is above with -D): no traceback.
            said = next((line.strip() for line in report.splitlines() if line.strip().startswith("Error:")),
                        f"exit status {result.returncode}")
            stop("search", f"Pagefind could not index the {piece.lang} pages ({said})")
        indexed = sum(int(n) for n in INDEXED.findall(report))
        if scratch:
            settle(bundle, piece.previous and os.path.join(piece.previous, BUNDLE_DIR),
                   os.path.join(tmp, BUNDLE_DIR))
        with open(os.path.join(tmp, INDEXED_FILE), "w", encoding="utf-8") as f:
            f.write(str(indexed))
        with open(os.path.join(tmp, PIECE_FILE), "w", encoding="utf-8") as f:
            f.write(piece.name)
        return tmp, indexed
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def prepare_piece(piece: Piece, lean: list[tuple[str, bytes | None]], work: str, taken: int) -> int:
    """Write the piece's lean pages for Pagefind (``piece.site``) and choose where
    Pagefind writes its bundle (``piece.scratch``): in memory where there is room for
    both beside the ``taken`` bytes other pieces hold there now; the bytes this one
    takes there. A bundle without a last one to link from (``piece.previous``) is
    written to disk: in memory, every file of it would be copied again."""
    size = sum(len(page) for _, page in lean if page)
    piece.site = scratch_folder(taken + 2 * size) if taken + 3 * size <= SCRATCH_MOST else None
    if piece.site:
        try:
            write_lean_site(lean, piece.site)
        except OSError:  # (the folder in memory filled up meanwhile)
            shutil.rmtree(piece.site, ignore_errors=True)
            piece.site = None
    if not piece.site:
        piece.site = tempfile.mkdtemp(dir=work, prefix=".pages-")
        write_lean_site(lean, piece.site)
        return 0
    # (a bundle is about as big as the pages it holds)
    piece.scratch = scratch_folder(taken + 3 * size) if piece.previous else None
    return 3 * size if piece.scratch else size


def kept_piece(cache: str, key: str) -> tuple[str, int] | None:
    """The bundle a build with the same pages made, and its page count; None if none."""
    folder = os.path.join(cache, key)
    try:
        with open(os.path.join(folder, INDEXED_FILE), encoding="utf-8") as f:
            indexed = int(f.read())
    except (OSError, ValueError):
        return None
    if not os.path.isfile(os.path.join(folder, BUNDLE_DIR, "pagefind-entry.json")):
        return None
    return folder, indexed


def keep_piece(cache: str, key: str, folder: str) -> str:
    """Move a piece's new bundle into the cache, for builds with the same pages; where
    it is now."""
    target = os.path.join(cache, key)
    try:
        shutil.rmtree(target, ignore_errors=True)
        os.rename(folder, target)
    except OSError as err:
        logger.debug("search: could not keep the index in %s: %s", cache, err)
        return folder
    return target


def place_part(output: str, bundle: str, pieces: list[Piece]) -> None:
    """Put the pieces' bundles together as the part's bundle in ``output``: Pagefind
    keeps each language's files apart (``vi_…``, ``en_…``, the same bytes as one run
    over all of them makes), so only ``pagefind-entry.json`` is merged. Linked, not
    copied, where possible: nothing changes index files in place (``minify`` leaves
    pagefind/ alone and replaces the files it changes)."""
    target = sanitised_join(output, bundle)
    entry: dict = {}

    def place(src: str, dest: str) -> None:
        # Files every run writes (pagefind.js, the UI) are the same in each piece: one is
        # linked, never written through the link into another piece's cached bundle.
        if not os.path.exists(dest):
            link_or_copy(src, dest)
        elif not filecmp.cmp(src, dest, shallow=False):
            stop("search", f"Pagefind's runs for the languages differ in "
                           f"{os.path.relpath(dest, output)}; they cannot be put together")

    for piece in pieces:
        source = os.path.join(piece.folder, BUNDLE_DIR)
        # (before the next parts are placed inside pagefind/: part 1 holds only its own)
        shutil.copytree(source, target, copy_function=place, dirs_exist_ok=True,
                        ignore=lambda folder, names, top=source: ["pagefind-entry.json"] if folder == top else [])
        with open(os.path.join(source, "pagefind-entry.json"), encoding="utf-8") as f:
            found = json.load(f)
        languages = entry.get("languages", {})
        entry = {**entry, **found, "languages": {**languages, **found.get("languages", {})}}
    with open(os.path.join(target, "pagefind-entry.json"), "w", encoding="utf-8") as f:
        json.dump(entry, f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def build_index(output: str, parts: list[list[tuple[str, str]]], expected: int | None = None,
                cache: str | None = None) -> int:
    """Index the written site in ``output`` with Pagefind, one bundle per part of its
    post pages (``pagefind/``, ``pagefind/2/``, ...), each language of a part by a
    Pagefind run of its own, as many at once as there are processors.

    With ``cache`` (a folder), a language of a part whose pages are all the same as in
    the last build is reused: an edit indexes again only its own language. Returns the
    number of pages indexed; warns when it is not ``expected``.
    """
    binary = pagefind_executable()
    if binary is None:
        stop("search", "Pagefind is not installed; run: pip install -r requirements.txt")
    # Index files are named by content hash: remove the last build's, or they pile up.
    shutil.rmtree(sanitised_join(output, BUNDLE_DIR), ignore_errors=True)
    work = cache or os.path.dirname(os.path.abspath(output))
    os.makedirs(work, exist_ok=True)
    pieces = pieces_of(parts)
    todo: list[Piece] = []
    made = []  # bundles made outside the cache, removed at the end
    runs = []
    last = None
    # Each piece runs as soon as its lean pages are written, and they are written only
    # while fewer pieces than the runs at once and one more hold theirs (deleted after
    # its run): a cold build of a big site has hundreds of megabytes of them. ``held``:
    # the bytes those pieces hold in memory.
    workers = os.cpu_count() or 1
    slots, lock, held = threading.Semaphore(workers + 1), threading.Lock(), [0]

    def run(piece: Piece, size: int) -> tuple[str, int]:
        try:
            return index_piece(binary, piece, work)
        finally:
            shutil.rmtree(piece.site, ignore_errors=True)
            with lock:
                held[0] -= size
            slots.release()

    stamps = load_stamps(cache) if cache else {}
    seen: dict[str, list] = {}  # this build's ``STAMPS_FILE``
    unread = 0  # pages whose files were the last build's (``pages_stamp``)
    try:
        # (leaving the pool waits for every run, so none is left making files after a failure)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for piece in (piece for part in pieces for piece in part):
                stamp = pages_stamp(binary, output, piece.pages) if cache else None
                stamped = stamps.get(piece.name)
                found = kept_piece(cache, stamped[1]) if stamp and stamped and stamped[0] == stamp else None
                if found:
                    piece.key = stamped[1]
                    piece.folder, piece.indexed = found
                    seen[piece.name] = [stamp, piece.key]
                    unread += len(piece.pages)
                    continue
                lean = lean_pages(output, piece.pages)
                piece.key = piece_key(binary, lean) if cache else None
                if stamp:
                    seen[piece.name] = [stamp, piece.key]
                found = kept_piece(cache, piece.key) if cache else None
                if found:
                    piece.folder, piece.indexed = found
                    continue
                last = (last_pieces(cache) if cache else {}) if last is None else last
                piece.previous = last.get(piece.name)
                todo.append(piece)
                slots.acquire()
                with lock:
                    taken = held[0]
                size = prepare_piece(piece, lean, work, taken)
                with lock:
                    held[0] += size
                runs.append(pool.submit(run, piece, size))
        failed = None
        for piece, done in zip(todo, runs):
            if done.exception() is not None:
                failed = failed or done.exception()
                continue
            folder, piece.indexed = done.result()
            piece.folder = keep_piece(cache, piece.key, folder) if cache else folder
            if piece.folder == folder:
                made.append(folder)
        if failed is not None:
            raise failed
        for number, part in enumerate(pieces):
            place_part(output, bundle_dir(number), part)
    finally:
        for folder in made + [f for piece in todo for f in (piece.site, piece.scratch) if f]:
            shutil.rmtree(folder, ignore_errors=True)
    if cache:
        used = {piece.key for part in pieces for piece in part}
        for old in os.listdir(cache):  # parts of other builds' pages, and leftovers
            path = os.path.join(cache, old)
            if old in used or old == STAMPS_FILE:
                continue
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.remove(path)
        tmp = os.path.join(cache, f".tmp-{os.getpid()}-{STAMPS_FILE}")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(seen.items())), f)
        os.replace(tmp, os.path.join(cache, STAMPS_FILE))
    indexed = sum(piece.indexed for part in pieces for piece in part)
    again = sum(1 for part in pieces if any(piece in todo for piece in part))
    if not todo:
        logger.info("search: %d pages, unchanged since the last build: index reused", indexed)
    else:
        logger.info("search: %d pages indexed into %s/ (%d of its %d parts indexed again)",
                    indexed, BUNDLE_DIR, again, len(pieces))
        logger.info("search: indexed again: %s", ", ".join(
            f"{piece.lang} {len(piece.pages)} pages" for piece in todo))
    if unread:
        logger.info("search: %d pages are the same files as in the last build, not read again", unread)
    if expected is not None and indexed != expected:
        logger.warning("search: Pagefind indexed %d pages, but the site has %d post pages: "
                       "is data-pagefind-body still on article.html?", indexed, expected)
    return indexed


def preloads(output: str, parts: list[list[tuple[str, str]]], lang: str, siteurl: str) -> str:
    """The ``<link>`` elements that start loading, with the search page, what Pagefind
    would fetch one after another once its UI runs: the module(s) the page loads
    (``search_loader``, and the first part's pagefind.js it re-exports) and each part's
    list of words in ``lang`` (``pagefind.<lang>_<hash>.pf_meta``, named in the part's
    ``pagefind-entry.json``). In Chromium throttled to slow 4G (562 ms a round trip),
    through the documented nginx, the first results of ``?q=`` came at 6.52 s, against
    7.03 s with the module's alone and 7.54 s without (README). Pagefind reads the lists
    in its worker, from the browser's cache: Chromium logs the page did not use them."""
    bundles = language_bundles(parts, lang)
    loader = search_loader(lang, bundles)
    modules = [loader] + ([bundles[0]] if loader != bundles[0] else [])
    links = [f'<link rel="modulepreload" href="{siteurl}/{module}/pagefind.js">' for module in modules]
    for bundle in bundles:
        with open(os.path.join(sanitised_join(output, bundle), "pagefind-entry.json"), encoding="utf-8") as f:
            found = json.load(f).get("languages", {}).get(lang, {}).get("hash")
        if found:
            links.append(f'<link rel="preload" href="{siteurl}/{bundle}/pagefind.{found}.pf_meta" '
                         'as="fetch" crossorigin>')
    return "\n".join(f"  {link}" for link in links) + "\n"


def add_preloads(output: str, parts: list[list[tuple[str, str]]], settings: dict) -> None:
    """Each search page, once the index is made, with its ``preloads`` at the end of its
    ``<head>``. The page is replaced, not written through: it may be a link to the page
    cache's copy."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    for lang, url in search_urls_of(parts).items():
        page = sanitised_join(output, url + "index.html")
        with open(page, encoding="utf-8") as f:
            html = f.read()
        at = html.find("</head>")
        if at == -1:
            continue
        at = html.rfind("\n", 0, at) + 1  # (on lines of their own)
        tmp = f"{page}.tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(html[:at] + preloads(output, parts, lang, siteurl) + html[at:])
        os.replace(tmp, page)


def search_urls_of(parts: list[list[tuple[str, str]]]) -> dict[str, str]:
    """The search page of each language that has posts in the index."""
    urls = _state.get("urls") or {}
    return {lang: urls[lang] for lang in part_languages(parts) if lang in urls}


def on_finalized(pelican) -> None:
    if not _state["index"]:
        logger.info("search: no index built (SEARCH_INDEX is off)")
        return
    if not _has_posts():
        logger.info("search: no post pages yet, no index built")
        return
    build_index(pelican.output_path, _state["parts"], _state.pop("expected", None),
                cache=os.path.join(pelican.settings["CACHE_PATH"], "search"))
    write_every_word(pelican.output_path, _state["parts"])
    add_preloads(pelican.output_path, _state["parts"], pelican.settings)


def get_generators(pelican):
    return SearchGenerator


def on_initialized(pelican) -> None:
    cfg = plugin_settings.read(pelican.settings)
    _state.clear()
    _state["index"] = cfg["SEARCH_INDEX"]


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(on_generator_init)
    model_ready.connect(on_model_ready)
    signals.finalized.connect(on_finalized)

"""Site search with Pagefind: a search page per language, an index built after the site is written.

- When the model is ready, each language's search page gets its URL (``SEARCH_PAGE_PATHS``
  under the language's prefix: ``/tim-kiem/``, ``/en/search/``), published in the shared
  context as ``search_pages`` (language -> URL) for the header link and for other
  features that point at it (the home page's ``SearchAction``).
- ``SearchGenerator`` writes ``search.html`` for each language.
- On ``finalized`` (the whole site written), Pagefind indexes the output into
  ``pagefind/`` (unless ``SEARCH_INDEX`` is off, as in the live preview). Only post pages carry ``data-pagefind-body`` (``article.html``), so only
  posts are found; each page's ``<html lang>`` puts it in that language's index, and the
  search page loads the index of its own language.
- The index is kept in ``CACHE_PATH/search/<hash>/``, the hash being that of every
  HTML page of the site (names and bytes) and of the Pagefind binary: a build whose
  pages are all the same as the last one's copies the index instead of running
  Pagefind (an edited post changes its page, so Pagefind runs again).

Vietnamese typed without diacritics: Pagefind folds accents by itself (``boi duong``
finds ``bồi dưỡng``), but not ``đ``, a letter of its own (``dao tao`` would miss ``đào
tạo``). So each post page carries, at the end of its indexed body, its words that hold
``đ``/``Đ`` with ``d``/``D`` instead (``search_aliases()``: ``dào``), for Pagefind to
index as an attribute (``data-pagefind-index-attrs``); ``search.js`` drops them from the
result excerpts again (they are also the ``search_aliases`` metadata of the page). The
browser tests check both spellings.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from urllib.parse import urlsplit

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from sitemodel import BuildFailed, ContentError, get_model, link_or_copy, model_ready
from sitemodel.errors import fail

from . import settings as plugin_settings

logger = logging.getLogger(__name__)

#: Context key: language -> site-relative URL of its search page.
CONTEXT_KEY = "search_pages"
#: Where Pagefind writes its bundle (index, fragments, UI), relative to the output.
BUNDLE_DIR = "pagefind"
#: In a kept index (``CACHE_PATH/search/<pages hash>/``): how many pages it holds.
INDEXED_FILE = "indexed.txt"

INDEXED = re.compile(r"Indexed (\d+) pages?")
#: A word holding đ or Đ, which Pagefind does not fold into d (from the word's start:
#: the look-behind spares the regex a retry at every letter of every other word).
D_WORD = re.compile(r"(?<!\w)\w*[đĐ]\w*")

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
    errors = []
    for path, (vi, en) in sorted(taken.items()):
        if path in model.sections:
            errors.append(ContentError(path + "/", (
                f"địa chỉ của thư mục này trùng với {vi}; hãy đổi tên thư mục / "
                f"this folder's address is taken by {en}; rename the folder "
                "(or change SEARCH_PAGE_PATHS)")))
        for pages in model.pages.values():
            for page in pages:
                if page.slug == path:
                    errors.append(ContentError(page.relative_source_path, (
                        f"địa chỉ của trang này trùng với {vi}; hãy đổi tên thư mục / "
                        f"this page's address is taken by {en}; rename its folder "
                        "(or change SEARCH_PAGE_PATHS)")))
    return errors


def on_model_ready(model, context) -> None:
    cfg = plugin_settings.read(context)
    fail(clashes(model, cfg))
    context[CONTEXT_KEY] = search_urls(model, cfg)
    _state["expected"] = expected_pages(model)


def alias_words(texts: list[str]) -> list[str]:
    """The words of ``texts`` that hold đ/Đ, spelled with d/D, each once, in order."""
    seen, words = set(), []
    for text in texts:
        for word in D_WORD.findall(text):
            alias = word.replace("đ", "d").replace("Đ", "D")
            if alias.lower() not in seen:
                seen.add(alias.lower())
                words.append(alias)
    return words


def search_aliases(article) -> Markup:
    """The element that lets Pagefind find a post's đ-words typed with d (see above)."""
    texts = [str(article.title), Markup(str(article.content)).striptags(),
             Markup(str(getattr(article, "summary", "") or "")).striptags()]
    texts += [str(getattr(photo, "caption", "") or "") for photo in getattr(article, "gallery", None) or []]
    words = " ".join(alias_words(texts))
    if not words:
        return Markup("")
    return Markup('<span hidden data-pagefind-index-attrs="data-search-aliases" '
                  'data-search-aliases="{0}" data-pagefind-meta="search_aliases:{0}"></span>').format(words)


def on_generator_init(generator) -> None:
    generator.env.globals["search_aliases"] = search_aliases


class SearchGenerator(Generator):
    """Writes the search page of each language."""

    def generate_output(self, writer) -> None:
        model = get_model(self.context)
        urls = self.context[CONTEXT_KEY]
        labels = self.settings["SITE_LANGUAGES"]
        bundle_base = urlsplit(self.settings.get("SITEURL") or "").path.rstrip("/") + "/"
        has_posts = _has_posts()
        for lang in model.languages:
            # The switcher and hreflang point at the other languages' search pages (the
            # bilingual plugin would otherwise send them to each home page).
            links = [{"lang": other, "label": labels.get(other, {}).get("label", other),
                      "url": urls[other], "same": True, "current": other == lang}
                     for other in model.languages]
            writer.write_file(
                urls[lang] + "index.html", self.get_template("search"), self.context,
                search_url=urls[lang], lang=lang, search_page=True, page_language_links=links,
                pagefind_base_url=bundle_base, search_index=_state["index"] and has_posts,
                search_empty=not has_posts,
            )


def _has_posts() -> bool:
    """Whether the site has a post page to index. Without one (a new site, every post
    still scheduled) no index is made: Pagefind, finding no ``data-pagefind-body``, would
    index every page instead, and it cannot make an empty index."""
    return _state.get("expected", 0) > 0


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


def steady_entry_file(path: str) -> None:
    """Pagefind lists the languages of ``pagefind-entry.json`` in no fixed order; sort
    them, so that the same site always gives the same bytes."""
    with open(path, encoding="utf-8") as f:
        entry = json.load(f)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(entry, f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def pages_hash(output: str, binary: str) -> str:
    """One hash of every HTML file Pagefind would read (names and bytes) and of Pagefind."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{binary}\0{os.path.getsize(binary)}\0".encode())
    for folder, dirs, files in os.walk(output):
        rel = os.path.relpath(folder, output)
        dirs[:] = sorted(d for d in dirs if not (rel == "." and d == BUNDLE_DIR))
        for name in sorted(files):
            if name.endswith((".html", ".htm")):
                path = os.path.join(folder, name)
                h.update(os.path.relpath(path, output).encode() + b"\0")
                with open(path, "rb") as f:
                    h.update(f.read())
    return h.hexdigest()


def reuse_index(output: str, cache: str, key: str) -> int | None:
    """Copy the index of a build whose pages were the same; its page count, or None."""
    kept = os.path.join(cache, key)
    try:
        with open(os.path.join(kept, INDEXED_FILE), encoding="utf-8") as f:
            indexed = int(f.read())
        # Linked, not copied, where possible: nothing changes index files in place
        # (``minify`` leaves pagefind/ alone and replaces the files it changes).
        shutil.copytree(os.path.join(kept, BUNDLE_DIR), sanitised_join(output, BUNDLE_DIR),
                        copy_function=link_or_copy)
    except (OSError, ValueError):
        shutil.rmtree(sanitised_join(output, BUNDLE_DIR), ignore_errors=True)
        return None
    return indexed


def keep_index(output: str, cache: str, key: str, indexed: int) -> None:
    """Keep this build's index (only the latest) for a build with the same pages."""
    os.makedirs(cache, exist_ok=True)
    tmp = tempfile.mkdtemp(dir=cache, prefix=".tmp-")
    try:
        shutil.copytree(sanitised_join(output, BUNDLE_DIR), os.path.join(tmp, BUNDLE_DIR),
                        copy_function=link_or_copy)
        with open(os.path.join(tmp, INDEXED_FILE), "w", encoding="utf-8") as f:
            f.write(str(indexed))
        for old in os.listdir(cache):
            if old != os.path.basename(tmp):
                shutil.rmtree(os.path.join(cache, old), ignore_errors=True)
        os.rename(tmp, os.path.join(cache, key))
    except OSError as err:
        logger.debug("search: could not keep the index in %s: %s", cache, err)
        shutil.rmtree(tmp, ignore_errors=True)


def build_index(output: str, expected: int | None = None, cache: str | None = None) -> int:
    """Index the written site in ``output`` with Pagefind into ``<output>/pagefind/``.

    With ``cache`` (a folder), the index of the last build is reused when every HTML
    page is the same as then. Returns the number of pages indexed; warns when it is not
    ``expected``.
    """
    binary = pagefind_executable()
    if binary is None:
        logger.error("search: Pagefind is not installed; run: pip install -r requirements.txt")
        raise BuildFailed([])
    # Index files are named by content hash: remove the last build's, or they pile up.
    shutil.rmtree(sanitised_join(output, BUNDLE_DIR), ignore_errors=True)
    key = pages_hash(output, binary) if cache else None
    if key is not None:
        indexed = reuse_index(output, cache, key)
        if indexed is not None:
            logger.info("search: %d pages, unchanged since the last build: index reused", indexed)
            return indexed
    result = subprocess.run([binary, "--site", output, "--output-subdir", BUNDLE_DIR],
                            capture_output=True, text=True)
    report = (result.stdout + result.stderr).strip()
    logger.debug("search: Pagefind said:\n%s", report)
    if result.returncode != 0:
        logger.error("search: Pagefind failed (exit %s):\n%s", result.returncode, report)
        raise BuildFailed([])
    steady_entry_file(sanitised_join(output, BUNDLE_DIR, "pagefind-entry.json"))
    indexed = sum(int(n) for n in INDEXED.findall(report))
    logger.info("search: %d pages indexed into %s/", indexed, BUNDLE_DIR)
    if expected is not None and indexed != expected:
        logger.warning("search: Pagefind indexed %d pages, but the site has %d post pages: "
                       "is data-pagefind-body still on article.html?", indexed, expected)
    if key is not None:
        keep_index(output, cache, key, indexed)
    return indexed


def on_finalized(pelican) -> None:
    if not _state["index"]:
        logger.info("search: no index built (SEARCH_INDEX is off)")
        return
    if not _has_posts():
        logger.info("search: no post pages yet, no index built")
        return
    build_index(pelican.output_path, _state.pop("expected", None),
                cache=os.path.join(pelican.settings["CACHE_PATH"], "search"))


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

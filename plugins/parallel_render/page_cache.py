"""Reuse the pages of the last build whose inputs did not change.

Every page the writer is asked for gets a key: a hash of

- the **site fingerprint**, the same for every page of a build: the code of the theme,
  of the project's plugins and of the settings files, the versions of the libraries
  that render, every setting (but the few that only steer the build, ``HOW_SETTINGS``),
  the build date, and what the site model shows on every page (the section tree with
  its names and descriptions, which sections have a page in each language, the static
  pages of the footer, the search pages, the lists of tags);
- what only this page shows: its template and file name and every variable the page
  is rendered with. A post or static page counts with everything Pelican and the
  plugins put on it (text, metadata, photos, translations, newer/older posts); a post
  it only links to counts by its **card** (address, title, date, summary, thumbnail,
  section, pinned);
- the newest posts of the page's language (the "Latest news" box), when its template
  (or one it extends or includes) reads ``site.latest`` (``shows_latest``): a new
  Vietnamese post changes the Vietnamese post pages, not the English ones.

A page that changed only by its "Latest news" box (a new post; the newest one retitled
or deleted) is not rendered again: the box of the page as the last build cached it is
replaced by the new one (``splice``), taken from two pages of that language rendered
afresh (``ParallelWriter._new_box``). They are checked first: both must have the same
new box, and each one's cached copy with it put in must be the page just rendered, byte
for byte; else every such page is rendered. Not for the newest posts themselves (a
post's box leaves it out) nor for pages with relative links. A template may therefore
show in the box only its language's newest posts (``partials/latest.html``).

A page whose key is in the cache is copied from there instead of being rendered; a
rendered page is stored under its key. So an edited post re-renders its own page, the
listing pages it appears on and its neighbours' pages; a changed template, setting or
plugin re-renders everything. The cache lives in ``CACHE_PATH/pages/<site fingerprint>/``;
after a successful build the entries it did not use are deleted, and of the folders of
other site fingerprints only the most recent one is kept (a preview and a publish
build alternate without re-rendering everything).

The templates are compiled once per site fingerprint, not once per build and generator:
their Python code is kept in the fingerprint's ``templates/`` folder (Jinja's own
``FileSystemBytecodeCache``, checked against each template's source), and which of them
read the newest posts in ``shows-latest.json``. The fingerprint holds every template's
bytes, the settings and the libraries' versions, so neither can be stale.

What a template may show is therefore limited to the above: a template that starts
showing something else of the site (tags, the whole article list, another language's
newest posts) must add it to ``site_fingerprint()``. The variable ``all_articles`` (Pelican passes every post to
every post page) is left out of the keys: the theme does not use it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, meta, nodes
from jinja2.exceptions import TemplateNotFound
from pelican.contents import Content

from sitemodel import get_model, link_new, link_or_copy, page_lang, site_today
from sitemodel.describe import Describer, Unkeyable, settings_text
from sitemodel.fingerprint import library_versions, site_code

logger = logging.getLogger(__name__)

#: Size and modification time of each cached page, as stored (see ``PageCache.fetch``).
STAMPS = "stamps.json"
#: Raise when the way keys are made changes: every cached page is then a miss.
VERSION = "2"
#: Setting: False renders every page (the cache is neither read nor written).
SETTING = "PAGE_CACHE"
#: Variables Pelican passes that the theme does not show (see the module docstring).
IGNORED = frozenset({"all_articles"})
#: Settings that steer how a build runs, never what a page holds: changing one re-renders nothing.
HOW_SETTINGS = frozenset({"SKIP_UNCHANGED", "PARALLEL_RENDER_WORKERS", "PHOTOS_WORKERS",
                          "SAFE_OUTPUT_REMOVE_OLD"})
#: How many of the newest posts of its language a page's key holds ("Latest news").
LATEST = 10
#: The site model's method templates read the newest posts with (``site.latest(lang)``).
LATEST_METHOD = "latest"
#: The "Latest news" box as ``partials/latest.html`` writes it, opening tag to closing tag.
LATEST_BOX = re.compile(rb'<aside class="sidebar" aria-labelledby="latest-title">.*?</aside>', re.S)
#: Which cached page each page showing the newest posts was last rendered as:
#: ``{key without the newest posts: [key, language]}``.
EARLIER = "latest.json"
#: Which templates read the newest posts (``shows_latest``): ``{template name: bool}``.
SHOWS_LATEST = "shows-latest.json"
#: The folder of the compiled templates (``PageCache.compiled``).
COMPILED = "templates"
#: The libraries whose code renders pages.
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "babel", "typogrify", "pillow")


def site_fingerprint(settings: dict, context: dict, describer: Describer) -> str:
    """What every page of this build may show: see the module docstring."""
    model = get_model(context)
    h = hashlib.blake2b(digest_size=20)
    h.update(VERSION.encode())
    h.update(site_code(settings).encode())
    h.update(library_versions(LIBRARIES).encode())
    shown = {key: value for key, value in settings.items() if key not in HOW_SETTINGS}
    h.update(settings_text(shown, describer).encode())
    h.update(str(site_today(settings)).encode())
    shape = []
    for section in model.root.walk():
        shape.append((section.path, section.names, section.descriptions, section.order,
                      [model.has_page(section, lang) for lang in model.languages]))
    for lang in model.languages:
        shape.append([(p.url, str(p.title), p.slug) for p in model.pages.get(lang, [])])
    shape.append(model.languages)
    shape.append(context.get("search_pages"))
    shape.append({lang: index.url for lang, index in (context.get("tag_pages") or {}).items()})
    h.update(describer.text(shape).encode())
    return h.hexdigest()


def shows_latest(env, name: str, read: dict, seen: set | None = None) -> bool:
    """Whether template ``name``, or one it extends, includes or imports, reads the
    newest posts (``site.latest``); True where that cannot be told (a template named by
    a variable, or one that cannot be read). ``read`` keeps, by template name, what
    each template says itself (``template_facts``), for the next call: the templates
    of a theme share their base and its parts, read once."""
    seen = set() if seen is None else seen
    if name in seen:
        return False
    seen.add(name)
    if name not in read:
        read[name] = template_facts(env, name)
    facts = read[name]
    if facts is None:
        return True
    reads_latest, others = facts
    return reads_latest or any(other is None or shows_latest(env, other, read, seen) for other in others)


def template_facts(env, name: str) -> tuple[bool, list[str | None]] | None:
    """Whether template ``name`` itself reads the newest posts, and the templates it
    names (None for one named by a variable); None if it cannot be read."""
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:
        return None
    ast = env.parse(source, name, filename)  # (a syntax error then names its file)
    return (any(node.attr == LATEST_METHOD for node in ast.find_all(nodes.Getattr)),
            list(meta.find_referenced_templates(ast)))


class PageCache:
    """Rendered pages by key, in ``CACHE_PATH/pages/<site fingerprint>/<key>.html``."""

    def __init__(self, settings: dict, context: dict) -> None:
        self.describer = Describer()
        self.site = site_fingerprint(settings, context, self.describer)
        self.model = get_model(context)
        self.default_lang = settings["DEFAULT_LANG"]
        self._latest: dict[str, str] = {}  # the newest posts' cards, described, by language
        self._bases: dict[str, tuple[str, str]] = {}  # key -> (key without the newest posts, language)
        self.base = Path(settings["CACHE_PATH"]) / "pages"
        self.folder = self.base / self.site
        self.folder.mkdir(parents=True, exist_ok=True)
        os.utime(self.folder)  # the most recently used fingerprint (see prune())
        self.used: set[str] = set()
        self._folders: set[str] = set()
        self._stamps = self._load_stamps()  # key -> [size, mtime_ns], as the last build left them
        self._linked: set[str] = set()  # keys fetched, at those stamps (prune() need not look again)
        self._earlier = self._load(EARLIER)  # as the last build left it
        self._shows_latest: dict[str, bool] = {  # by template name
            name: found for name, found in self._load(SHOWS_LATEST).items() if isinstance(found, bool)}
        self._shows_latest_found = len(self._shows_latest)
        self._templates_read: dict = {}  # what each template says, for shows_latest()
        (self.folder / COMPILED).mkdir(exist_ok=True)
        #: The compiled templates, for the generators' Jinja environments.
        self.compiled = FileSystemBytecodeCache(str(self.folder / COMPILED))

    def key(self, name: str, template: Any, relative_urls: bool, kwargs: dict) -> str | None:
        """The page's key, or None when one of its inputs cannot be described."""
        h = hashlib.blake2b(digest_size=20)
        h.update(f"{name}\0{getattr(template, 'name', template)}\0{relative_urls}\0".encode())
        try:
            for var in sorted(kwargs):
                if var in IGNORED:
                    continue
                value = kwargs[var]
                if var in ("article", "page") and isinstance(value, Content):
                    text = self.describer.full(value)
                else:
                    text = self.describer.text(value)
                h.update(f"{var}\0{text}\0".encode())
            lang = None
            if self.shows_latest(template):
                lang = page_lang({**kwargs, "DEFAULT_LANG": self.default_lang})
                base = h.hexdigest()
                h.update(f"\0latest\0{self.latest(lang)}\0".encode())
        except Unkeyable as kind:
            logger.debug("parallel_render: %s is rendered every time (a %s in its inputs)", name, kind)
            return None
        key = h.hexdigest()
        if lang is not None:
            self._bases[key] = (base, lang)
        self.used.add(key)
        return key

    def shows_latest(self, template: Any) -> bool:
        name = getattr(template, "name", None)
        env = getattr(template, "environment", None)
        if name is None or env is None or env.loader is None:
            return True
        if name not in self._shows_latest:
            self._shows_latest[name] = shows_latest(env, name, self._templates_read)
        return self._shows_latest[name]

    def latest(self, lang: str) -> str:
        if lang not in self._latest:
            self._latest[lang] = self.describer.text(
                [(a.url, str(a.title), a.date) for a in self.model.latest(lang)[:LATEST]])
        return self._latest[lang]

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.html"

    def _load_stamps(self) -> dict:
        return self._load(STAMPS)

    def _load(self, name: str) -> dict:
        try:
            with open(self.folder / name, encoding="utf-8") as f:
                found = json.load(f)
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def _write(self, name: str, data: dict) -> None:
        tmp = self.folder / f".tmp-{os.getpid()}-{name}"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(data.items())), f)
        os.replace(tmp, self.folder / name)

    def _intact(self, key: str) -> bool:
        """Whether the cached page ``key`` is as it was stored (see ``fetch``)."""
        try:
            st = os.stat(self.path(key))
        except OSError:
            return False
        return self._stamps.get(key) == [st.st_size, st.st_mtime_ns]

    def earlier(self, key: str) -> tuple[str, str] | None:
        """For a page missing from the cache: the cached page it was in the last build,
        when only its "Latest news" box can differ, and its language; else None."""
        found = self._bases.get(key)
        if found is None:
            return None
        base, lang = found
        last = self._earlier.get(base)
        if not (isinstance(last, list) and len(last) == 2 and last[1] == lang and last[0] != key):
            return None
        return (last[0], lang) if self._intact(last[0]) else None

    def newest(self, lang: str) -> list:
        """The posts whose own pages show another box than their language's others."""
        return self.model.latest(lang)[:LATEST]

    def read(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def splice(self, page: bytes, box: bytes) -> bytes | None:
        """``page`` with its one "Latest news" box replaced by ``box``; None when it has
        not exactly one."""
        found = LATEST_BOX.findall(page)
        if len(found) != 1 or page.count(found[0]) != 1:
            return None
        return page.replace(found[0], box)

    @staticmethod
    def box(page: bytes) -> bytes | None:
        found = LATEST_BOX.findall(page)
        return found[0] if len(found) == 1 else None

    def put(self, key: str, page: bytes, dest: str) -> None:
        """Write ``page`` at ``dest`` (a new file) and keep it under ``key``."""
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(page)
        self.store(key, dest)

    def fetch(self, key: str, dest: str) -> bool:
        """Put the cached page at ``dest``; False when there is none (or it is unreadable).

        The page is hard-linked where the file system allows (plugins that rewrite an
        output file, like ``minify``, replace it), else copied. A page is linked only
        while its size and modification time are those it was stored with: an output
        page edited in place by hand (the same file as its cache entry) is a miss and
        rendered again, not kept by every later build."""
        path = self.path(key)
        try:
            st = os.stat(path)
        except OSError:
            return False
        if self._stamps.get(key) != [st.st_size, st.st_mtime_ns]:
            path.unlink(missing_ok=True)
            return False
        try:
            folder = os.path.dirname(dest)
            if folder not in self._folders:
                try:
                    os.mkdir(folder)
                except FileExistsError:
                    pass
                except FileNotFoundError:
                    os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            link_or_copy(path, dest)
        except OSError:
            return False
        self._linked.add(key)
        return True

    def store(self, key: str, written: str) -> None:
        """Keep the page just written at ``written`` (linked where possible); never
        leaves half a file under a key: a new key is linked straight to the page (a link
        is made whole or not at all: one change to the cache's folder, not a link and a
        rename, for each of thousands of pages in a cold build); an entry already there,
        or a page that must be copied, goes in under a temporary name first."""
        if link_new(written, self.path(key)):
            return
        tmp = self.folder / f".tmp-{os.getpid()}-{key}"
        try:
            link_or_copy(written, tmp)
            os.replace(tmp, self.path(key))
        except OSError as err:
            logger.debug("parallel_render: could not cache %s: %s", written, err)
            tmp.unlink(missing_ok=True)

    def prune(self) -> None:
        """After a successful build: drop this fingerprint's unused pages, and every
        other fingerprint's folder but the most recent one; keep the stamps of the pages
        this build used (the pages are stored by the rendering workers: stamped here, in
        the build's own process, once all are written; a page fetched from the cache
        keeps the stamp ``fetch`` checked)."""
        stamps = {}
        for entry in os.scandir(self.folder):
            key = entry.name[:-5] if entry.name.endswith(".html") else None
            if key in self._linked:
                stamps[key] = self._stamps[key]
            elif key in self.used:
                st = entry.stat()
                stamps[key] = [st.st_size, st.st_mtime_ns]
            elif entry.name not in (STAMPS, EARLIER, SHOWS_LATEST, COMPILED):
                os.unlink(entry.path)
        self._write(STAMPS, stamps)
        if len(self._shows_latest) != self._shows_latest_found:
            self._write(SHOWS_LATEST, self._shows_latest)
        self._write(EARLIER, {base: [key, lang] for key, (base, lang) in self._bases.items() if key in stamps})
        others = sorted((e for e in os.scandir(self.base) if e.is_dir() and e.name != self.site),
                        key=lambda e: e.stat().st_mtime, reverse=True)
        for old in others[1:]:
            shutil.rmtree(old.path, ignore_errors=True)

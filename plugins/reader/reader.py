"""The project's Markdown reader: every file converted once, in parallel, and cached.

Pelican reads files one by one, building a new Markdown instance for each and running
typogrify afterwards. Here, before Pelican's loop reads the first file of a generator,
all of that generator's files are converted at once (``convert.py``) in a process pool,
with typogrify applied in the workers; results are kept in a cache under
``CACHE_PATH/reader/`` keyed by the file's bytes, the conversion options and
``code_version()`` (this plugin's source and the versions of the libraries it runs), so
an unchanged file is never converted again and a change to the code converts every
file. Pelican's loop then only turns the stored result into metadata, and only for the
files whose post object the last build did not keep (``kept.py``).

Text rules: UTF-8 (a BOM is dropped), any line endings, NFC; a file that is not UTF-8
is reported with its path and line and the build stops (no traceback).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from concurrent.futures import ProcessPoolExecutor

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.utils import SafeDatetime

import sitemodel.build as sitemodel_build
import sitemodel.checks as sitemodel_checks
import sitemodel.text as sitemodel_text
from sitemodel.build import remember_source
from sitemodel.errors import ContentError, defer, take_deferred
from sitemodel.fingerprint import library_versions, tree_hash
from sitemodel.text import in_vietnamese

from . import attachments
from .as_typed import tel_uri
from .convert import Converted, Options, convert, under_site_path
from .kept import Kept, build_fingerprint

logger = logging.getLogger(__name__)

#: The libraries whose code decides what a file converts to.
LIBRARIES = ("markdown", "pymdown-extensions", "typogrify", "smartypants", "pelican")
#: Metadata keys that, left empty (as ``invoke new`` writes them), count as absent.
OPTIONAL_WHEN_EMPTY = {"summary", "tags", "author", "modified", "expires", "pinned"}
#: Values that are comma-separated lists, whose continued lines are joined with a comma
#: (Pelican would keep only the first line of Tags and Authors).
COMMA_LISTS = {"aliases", "tags", "authors"}
#: Below this many files to convert, a process pool costs more than it saves.
POOL_THRESHOLD = 24

# Per-build state: converted files by absolute path, errors, cache keys used, each read
# file's key, the files whose objects were kept (``kept.py``).
_state: dict = {"results": {}, "errors": [], "used": set(), "keys": {}, "kept": set(), "options": None,
                "typogrify": False, "cache_dir": None, "stats": [0, 0], "fingerprint": None}


def options_from(settings: dict) -> Options:
    return Options(
        markdown=settings["MARKDOWN"],
        formatted_fields=tuple(settings["FORMATTED_FIELDS"]),
        typogrify=_state["typogrify"],
        typogrify_ignore_tags=tuple(settings.get("TYPOGRIFY_IGNORE_TAGS", [])),
        typogrify_omit=tuple(settings.get("TYPOGRIFY_OMIT_FILTERS", [])),
        typogrify_dashes=settings.get("TYPOGRIFY_DASHES", "default"),
    )


def _cache_path(key: str) -> str:
    return os.path.join(_state["cache_dir"], key[:2], key + ".pickle")


def _load(key: str) -> Converted | None:
    """A cached result, or None when missing or unreadable (a miss, never a crash)."""
    try:
        with open(_cache_path(key), "rb") as f:
            result = pickle.load(f)
        return result if isinstance(result, Converted) else None
    except Exception:  # noqa: BLE001 -- any damaged entry is a miss
        return None


def _store(path: str, result: Converted) -> None:
    """Keep ``result`` at ``path`` (``_cache_path``); readers never see half of it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _convert_job(job: tuple[bytes, Options, str, bool]) -> Converted:
    """Convert one file and keep the result in the cache file given. In a pool the
    worker writes the entry itself: thousands of small files in a cold build, which the
    build's own process would otherwise write one after another while the workers
    convert (measured: 0.5–1.4 s of a cold build of 2,983 posts)."""
    data, options, cache_file, vietnamese = job
    result = convert(data, options, vietnamese)
    if result.error is None:
        _store(cache_file, result)
    return result


def code_version() -> str:
    """What a file converts to may change with this plugin's code, the site model's text
    cleaning it uses (``sitemodel.text``), its reading of the metadata block
    (``sitemodel.build.parse_header``, with the keys of ``sitemodel.checks``) or its
    libraries."""
    digest = hashlib.blake2b(digest_size=20)
    for module in (sitemodel_text, sitemodel_build, sitemodel_checks):
        with open(module.__file__, "rb") as f:
            digest.update(f.read())
    return tree_hash([os.path.dirname(os.path.abspath(__file__))]) + digest.hexdigest() + library_versions(LIBRARIES)


def key_maker(options: Options | None = None):
    """The function giving a file's cache key from its path and bytes: with ``options``,
    else this build's (as they are once Pelican's readers are set up: they add to
    ``MARKDOWN``). A text converts as its language asks (``in_vietnamese``)."""
    base = ((options or _state["options"]).digest + _state["code"]).encode()
    return lambda path, data: hashlib.sha256(base + (b"vi" if in_vietnamese(path) else b"--") + data).hexdigest()


def convert_all(paths: list[str], options: Options) -> None:
    """Convert every file of ``paths`` not converted yet, from the cache or in parallel."""
    key_of = key_maker(options)
    todo: list[tuple[str, str, bytes]] = []
    for path in paths:
        if path in _state["results"]:
            continue
        with open(path, "rb") as f:
            data = f.read()
        remember_source(path, data)  # for the header checks (sitemodel)
        key = key_of(path, data)
        _state["used"].add(key)
        _state["keys"][path] = key
        cached = _load(key)
        if cached is not None:
            _state["results"][path] = cached
            _state["stats"][1] += 1
        else:
            todo.append((path, key, data))
    if not todo:
        return
    jobs = [(data, options, _cache_path(key), in_vietnamese(path)) for path, key, data in todo]
    workers = os.cpu_count() or 1
    if len(todo) >= POOL_THRESHOLD and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            # Each result is kept as it comes, while the workers convert the next ones.
            _keep(todo, pool.map(_convert_job, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    else:
        _keep(todo, map(_convert_job, jobs))


def _keep(todo: list[tuple[str, str, bytes]], results) -> None:
    for (path, _, _), result in zip(todo, results):
        _state["results"][path] = result
        _state["stats"][0] += 1


#: What separates tags: a comma, or what staff type for one (Pelican alone splits
#: "bồi dưỡng, Quảng Ninh; OCOP" at the semicolon only: two tags, the first with a
#: comma). Not "/": "HTX/THT" is one tag.
TAG_SEPARATORS = re.compile(r"[,;|、，；]")


def split_tags(text: str) -> list[str]:
    """The tags of a ``Tags:`` value, as written (stripped; empty ones dropped)."""
    return [tag.strip() for tag in TAG_SEPARATORS.split(text) if tag.strip()]


#: The date forms staff write (README, "The content format"), read without dateutil.
PLAIN_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?")


#: The title of a footnote's way back to the text, as Markdown writes it in English: a
#: Vietnamese post's is Vietnamese (screen readers read it in the page's voice).
FOOTNOTE_BACK = re.compile(r'title="Jump back to footnote (\d+) in the text"')


class ProjectMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, fed from the batch conversion above."""

    def process_metadata(self, name, value):
        """Pelican's, with the plain date forms read directly: the same ``SafeDatetime``
        dateutil gives for them (its default fills no field), in a fraction of the time;
        and tags split at a semicolon as at a comma (``split_tags``)."""
        if name == "tags" and isinstance(value, str):
            value = split_tags(value)
        if name in ("date", "modified") and isinstance(value, str):
            text = value.replace("_", " ") if name == "date" else value
            match = PLAIN_DATE.fullmatch(re.sub(" +", " ", text.strip()))
            if match:
                try:
                    return SafeDatetime(*(int(part) for part in match.groups() if part is not None))
                except ValueError:
                    pass  # e.g. 2024-02-30: Pelican's own message below
        return super().process_metadata(name, value)

    def read(self, source_path):
        self._source_path = source_path
        result = _state["results"].get(source_path)
        if result is None:
            convert_all([source_path], _state["options"] or options_from(self.settings))
            result = _state["results"][source_path]
        if result.error:
            rel = os.path.relpath(source_path, self.settings["PATH"])
            _state["errors"].append(ContentError(rel, result.error, result.line))
            # "skip" makes Pelican drop the file quietly; the error is reported below.
            return "", {"title": "-", "status": "skip"}
        metadata = {}
        for name, values in result.meta.items():
            if name in OPTIONAL_WHEN_EMPTY and not "".join(values).strip():
                continue  # an empty "Summary:" means "no summary": use the automatic one
            if name in result.formatted:
                metadata[name] = self.process_metadata(name, result.formatted[name])
            elif name in COMMA_LISTS and len(values) > 1:
                # A list continued on indented lines (see below): its items, comma-separated.
                metadata[name] = self.process_metadata(name, ", ".join(values))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True) or len(values) == 1:
                metadata[name] = self.process_metadata(name, values[0])
            else:
                # Markdown gives a value continued on indented lines as one item per line
                # (a key written twice is refused by the header checks, sitemodel.checks):
                # one value again, its lines joined as the words they are. Left a list,
                # Pelican would keep it and pages and feeds would print
                # "['Dòng một', 'dòng hai']".
                metadata[name] = self.process_metadata(name, " ".join(values))
        content = under_site_path(result.content, self.settings.get("SITEURL"))
        if in_vietnamese(source_path) and "footnote-backref" in content:
            content = FOOTNOTE_BACK.sub(r'title="Quay lại chỗ chú thích \1 trong bài"', content)
        return content, metadata


def on_initialized(pelican) -> None:
    settings = pelican.settings
    take_deferred()  # none left from a build of this process that stopped before its model
    # Typogrify runs in the workers (see convert.py), not again in Pelican's loop.
    _state.update(results={}, errors=[], used=set(), keys={}, kept=set(), stats=[0, 0], code=code_version(),
                  fingerprint=None,
                  typogrify=bool(settings.get("TYPOGRIFY")),
                  cache_dir=os.path.join(settings["CACHE_PATH"], "reader"))
    settings["TYPOGRIFY"] = False
    _state["options"] = options_from(settings)


def on_readers_init(readers) -> None:
    for ext in MarkdownReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = ProjectMarkdownReader
            # Pelican matches extensions by case: an "index.vi.MD" was left out without a
            # word (invoke check refuses it). Read, its name gets the site model's error.
            for other in {ext.upper(), ext.capitalize()} - set(readers.reader_classes):
                readers.reader_classes[other] = ProjectMarkdownReader


def _preread(generator, paths_key: str, exclude_key: str) -> None:
    if getattr(generator, "_project_batch_done", False):
        return
    generator._project_batch_done = True
    # The same call as Pelican's loop, which has just made it: answered from memory.
    files = generator.get_files(generator.settings[paths_key], exclude=generator.settings[exclude_key])
    markdown = [f for f in files if generator._include_path(f, MarkdownReader.file_extensions)]
    paths = sorted(os.path.abspath(os.path.join(generator.path, f)) for f in markdown)
    convert_all([path for path in paths if path not in _state["kept"]], _state["options"])


def _on_kept(path: str, key: str, data: bytes) -> None:
    """A file whose object the last build kept: its conversion is not needed, but stays
    in the cache (used), and the header checks get its bytes."""
    _state["kept"].add(path)
    _state["used"].add(key)
    remember_source(path, data)


def on_generator_init(generator) -> None:
    """Pelican's loop lists the content files, then (at its first file) ``_preread``
    needs the same list: the walk through the content folder (0.1 s at 3,000 posts) is
    made once per generator and call, not once per asker; asked for files of no
    extension (Pelican's check for disabled readers, when none is), it answers at once.
    Templates get ``tel_uri`` (the footer's number calls as the text's do)."""
    generator.env.filters["tel_uri"] = tel_uri
    if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
        return
    if _state["fingerprint"] is None:
        _state["fingerprint"] = build_fingerprint(generator.settings)
    Kept(generator, key_maker, _state["keys"].get, _on_kept, _state["fingerprint"])
    walk = generator.get_files
    found: dict = {}

    def get_files(paths, exclude=None, extensions=None):
        if extensions is not None and extensions is not False and not extensions:
            # No extension admits no file: Pelican's check for files of disabled
            # readers asks so when none is disabled (a walk of 0.2 s at 3,000 posts).
            return set()
        # One walk gives every file, and Markdown's are taken from it: the others are
        # looked at for a post's text saved under another name (misnamed_text).
        key = repr((paths, exclude))
        if key not in found:
            files = walk(paths, exclude=exclude, extensions=False)
            unread = set()  # said, and not read as a post ("_Index.vi.md")
            for rel in files:  # (errors are said in path order: errors.fail)
                if mistake := name_error(rel, os.path.basename(rel)):
                    _state["errors"].append(mistake)
                    unread.add(rel)
            if isinstance(generator, ArticlesGenerator):
                texts = sitemodel_build.section_texts(files, generator.path)
                _state["errors"].extend(texts.values())
                unread.update(texts)
            found[key] = (files, unread)
        files, unread = found[key]
        if extensions is False:
            return set(files)
        wanted_ext = tuple(generator.readers.extensions) if extensions is None else tuple(extensions)
        return {rel for rel in files if os.path.splitext(rel)[1][1:] in wanted_ext and rel not in unread}
    generator.get_files = get_files


#: A post's text saved by an editor under another name: Notepad adds ".txt"
#: ("index.vi.md.txt", its extension hidden by Windows), Word saves ".docx".
MISNAMED_TEXT = re.compile(r"(?i)^(?P<base>_?index)(?P<lang>\.[^./]+?)??(?:\.md)?\.(?:txt|text|docx?|rtf|odt)$")


def misnamed_text(name: str) -> str | None:
    """The name ``name`` was meant to have (``index.vi.md``), if it is a post's or a
    section's text saved as something else; else None."""
    match = MISNAMED_TEXT.match(name)
    if match is None:
        return None
    lang = (match["lang"] or ".vi").lower()
    return f"{match['base'].lower()}{lang}.md"


#: What follows a file name's last dot when it is an extension ("jpg", "md", "docx").
EXTENSION = re.compile(r"[A-Za-z0-9]{1,5}")


def spaced_name(name: str) -> str | None:
    """The name ``name`` was meant to have if it begins or ends with a space, or has one
    around the dot of its extension ("index.en.md ", "anh .jpg": Windows hides the first,
    Finder keeps it), else None: such a file was left out without a word (its text,
    photo or captions gone from the page). ("TS. Nguyễn Văn A" has no extension.)"""
    wanted = name.strip(" ")
    stem, dot, ext = wanted.rpartition(".")
    if dot and stem.strip(" ") and EXTENSION.fullmatch(ext.strip(" ")):
        wanted = f"{stem.rstrip(' ')}.{ext.strip(' ')}"
    return wanted if wanted != name and wanted else None


def name_error(rel: str, name: str) -> ContentError | None:
    """The mistake in a content file's name, if any: a post's text saved under another
    name (``misnamed_text``), a section's name file with capitals (``_Index.vi.md``), a
    space at its ends (``spaced_name``). The build's words,
    and invoke check's."""
    if wanted := misnamed_text(name):
        return misnamed_text_error(rel, name, wanted)
    if name != name.lower() and sitemodel_build.INDEX_FILE.match(name.lower()):
        return misnamed_index_error(rel, name, name.lower())
    if wanted := spaced_name(name):
        return spaced_name_error(rel, name, wanted)
    return None


def spaced_name_error(rel: str, name: str, wanted: str) -> ContentError:
    return ContentError(rel, (
        f"tên tệp '{name}' có dấu cách ở đầu, ở cuối hay cạnh dấu chấm nên tệp không được dùng: đổi "
        f"tên thành '{wanted}' / the file name '{name}' has a space at its start, its end or beside "
        f"its dot, so the file is not used: rename it '{wanted}'"))


def misnamed_index_error(rel: str, name: str, wanted: str) -> ContentError:
    """A section's name file with a capital letter ("_Index.vi.md", as Windows keeps it):
    read as a post, it was "missing Date", and ``invoke check`` said to name it
    ``index.vi.md``, a post's text."""
    return ContentError(rel, (
        f"tệp '{name}' không được đọc: tên mục viết trong tệp '{wanted}', toàn chữ thường; hãy đổi "
        f"tên / '{name}' is not read: a section's name goes in '{wanted}', all in lower case; "
        "rename it"))


def misnamed_text_error(rel: str, name: str, wanted: str) -> ContentError:
    return ContentError(rel, (
        f"tệp '{name}' không được đọc: tên phải là '{wanted}', là tệp văn bản (Notepad thêm đuôi .txt "
        f"khi lưu: ở ô kiểu tệp chọn 'Tất cả tệp (*.*)'; Word: lưu thành văn bản thuần); hãy đổi tên / '{name}' is not "
        f"read: it must be the text file '{wanted}' (Notepad adds .txt when saving: choose 'All files'; "
        "Word: save as plain text); rename it"))


def on_article_preread(generator) -> None:
    _preread(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def on_page_preread(generator) -> None:
    _preread(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def on_all_generators_finalized(generators) -> None:
    converted, cached = _state["stats"]
    logger.info("reader: %d files converted, %d from cache, %d kept from the last build",
                converted, cached, len(_state["kept"]))
    defer(_state["errors"])  # said with the site model's errors, all at once


def on_finalized(pelican) -> None:
    """Prune cache entries this build did not use, then forget the build."""
    cache_dir = _state["cache_dir"]
    if cache_dir and os.path.isdir(cache_dir):
        for sub in os.listdir(cache_dir):
            folder = os.path.join(cache_dir, sub)
            for name in os.listdir(folder) if os.path.isdir(folder) else []:
                if name.split(".")[0] not in _state["used"]:
                    os.remove(os.path.join(folder, name))
    _state.update(results={}, errors=[], used=set(), keys={}, kept=set(), fingerprint=None)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(on_readers_init)
    signals.generator_init.connect(on_generator_init)
    signals.article_generator_preread.connect(on_article_preread)
    signals.page_generator_preread.connect(on_page_preread)
    signals.content_object_init.connect(attachments.on_content_object_init)
    signals.static_generator_finalized.connect(attachments.published_addresses)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)

"""Posts kept between builds: Pelican's own objects for the files that did not change.

Even with every file's conversion cached (``reader.py``), a build makes Pelican's
``Article`` for each post version again: reading the stored conversion back, the
metadata cleaned and processed, the object built (half of a one-edit build's reading,
10 s at 20,000 posts). Pelican can keep those objects itself (its ``generator`` content
cache), but not safely for this site: it stores each post with the whole shared context
of its build (119 MB at 20,000 posts, written again on every build), so a kept post
would resolve its ``{filename}`` links against the last build's files; it sends no
``content_object_init`` for a kept post; and no change of settings, theme, plugins or
libraries empties it. So the generators of posts and pages keep their objects here
instead (``Kept`` replaces their ``get_cached_data``, ``cache_data`` and
``save_cache``):

- in ``CACHE_PATH/kept/<generator>/<bucket>.pickle`` (``BUCKETS`` files, by
  post folder: ``bucket_of``; an edit writes one again), each object under the key of
  its file's reader cache entry (the file's bytes, the conversion options, the
  reader's code): an object is taken back only for a file with the very same key;
- a stored file counts for nothing when anything else an object depends on changed
  (``code_and_settings``: the settings by value, the project's code, the installed
  libraries, Python, the site's day);
- the build's shared context and settings are stored by reference, not by value: a
  kept object gets the current build's (``_Pickler``/``_Unpickler``);
- a file whose reading logged a warning is not kept (the next build reads it and says
  it again); a kept object is sent ``content_object_init``, as a new one is;
- every kept file is checked at the first question, before Pelican's loop reads
  anything, so the reader's batch converts only the others (``on_kept``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from typing import Callable

from pelican import signals

from sitemodel import LogCounter
from sitemodel.fingerprint import code_and_settings

logger = logging.getLogger(__name__)

#: Raise when what is stored changes shape: every kept object is then a miss.
VERSION = "2"
#: The kept objects are spread over this many files by post folder: an edit writes one
#: of them again, not all (113 MB at 20,000 posts, 1.2 s to write).
BUCKETS = 64
#: Their folder in ``CACHE_PATH`` (beside the reader's, which is pruned by its own keys).
FOLDER = "kept"


class _Pickler(pickle.Pickler):
    """Stores the objects named in ``shared`` as a reference to their name."""

    def __init__(self, file, shared: dict[str, object]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = {id(value): name for name, value in shared.items()}

    def persistent_id(self, obj):
        return self._names.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Gives the objects of this build for the references ``_Pickler`` stored."""

    def __init__(self, file, shared: dict[str, object]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid):
        try:
            return self._shared[pid]
        except KeyError:
            raise pickle.UnpicklingError(f"no shared object {pid!r}") from None


class Kept:
    """The kept objects of one generator (``ArticlesGenerator`` or ``PagesGenerator``).

    ``key_maker()`` gives the function that makes the reader cache key of a file's
    path and bytes (asked when the files are checked, once Pelican has set up its readers),
    ``key_for(path)`` is the key the reader used for a file it read this build (None if
    it did not), and ``on_kept(path, key, data)`` is told of each file whose object is
    taken back."""

    def __init__(self, generator, key_maker: Callable[[], Callable[[str, bytes], str]],
                 key_for: Callable[[str], str | None], on_kept: Callable[[str, str, bytes], None],
                 fingerprint: str) -> None:
        self.generator = generator
        self.folder = os.path.join(generator.settings["CACHE_PATH"], FOLDER, type(generator).__name__)
        self.key_maker, self.key_for, self.on_kept = key_maker, key_for, on_kept
        self.fingerprint = VERSION + "\0" + fingerprint
        self.found: dict[str, tuple[str, object]] | None = None  # filename -> (key, object)
        self.keep: dict[str, tuple[str, object]] = {}  # what this build keeps
        self.on_disk: dict[str, dict[str, str] | None] = {}  # bucket -> {filename: key}, None if unusable
        self.warnings = LogCounter(logging.WARNING)
        self.warned_before = 0
        logging.getLogger().addHandler(self.warnings)
        generator.get_cached_data = self.get
        generator.cache_data = self.put
        generator.save_cache = self.save

    def shared(self) -> dict[str, object]:
        return {"context": self.generator.context, "settings": self.generator.settings}

    def _full(self, filename: str) -> str:
        return os.path.abspath(os.path.join(self.generator.path, filename))

    def _load(self) -> dict:
        """Every usable stored object by file; ``on_disk`` says what each bucket holds."""
        stored: dict = {}
        self.on_disk = {}
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return stored
        for name in names:
            bucket, ext = os.path.splitext(name)
            if ext != ".pickle":
                continue
            self.on_disk[bucket] = None
            try:
                with open(os.path.join(self.folder, name), "rb") as f:
                    found = _Unpickler(f, self.shared()).load()
            except Exception as err:  # noqa: BLE001 -- a damaged or older file is a miss
                logger.debug("reader: kept objects in %s not usable: %s", name, err)
                continue
            if not isinstance(found, dict) or found.get("fingerprint") != self.fingerprint:
                continue
            objects = found.get("objects", {})
            self.on_disk[bucket] = {filename: key for filename, (key, _) in objects.items()}
            stored.update(objects)
        return stored

    def _check(self) -> None:
        """Take back the stored objects whose file has the same key as when stored."""
        self.found = {}
        stored = self._load()
        key_of = self.key_maker()
        for filename, (key, obj) in stored.items():
            full = self._full(filename)
            try:
                with open(full, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if key_of(full, data) == key:
                self.found[filename] = (key, obj)
                self.on_kept(full, key, data)

    def get(self, filename: str, default=None):
        """Pelican's ``get_cached_data``: the kept object, or ``default`` to read the file."""
        if self.found is None:
            self._check()
        entry = self.found.get(filename)
        if entry is None:
            self.warned_before = self.warnings.count
            return default
        self.keep[filename] = entry
        signals.content_object_init.send(entry[1])
        return entry[1]

    def put(self, filename: str, obj) -> None:
        """Pelican's ``cache_data``, for a file it has just read."""
        key = self.key_for(self._full(filename))
        if key is None or self.warnings.count != self.warned_before:
            return
        self.keep[filename] = (key, obj)

    def save(self) -> None:
        """Pelican's ``save_cache``, at the end of the generator's reading: each bucket
        whose files or keys differ from the stored one is written again (or removed)."""
        logging.getLogger().removeHandler(self.warnings)
        if self.found is None:  # no file was asked for: what is stored is all gone
            self._load()
        buckets: dict[str, dict] = {}
        for filename, entry in self.keep.items():
            buckets.setdefault(bucket_of(filename), {})[filename] = entry
        for bucket in sorted(set(buckets) | set(self.on_disk)):
            objects = buckets.get(bucket, {})
            if bucket in self.on_disk and self.on_disk[bucket] == {f: key for f, (key, _) in objects.items()}:
                continue
            path = os.path.join(self.folder, bucket + ".pickle")
            tmp = f"{path}.{os.getpid()}.tmp"
            try:
                if not objects:
                    os.remove(path)
                    continue
                os.makedirs(self.folder, exist_ok=True)
                with open(tmp, "wb") as f:
                    _Pickler(f, self.shared()).dump({"fingerprint": self.fingerprint,
                                                     "objects": dict(sorted(objects.items()))})
                os.replace(tmp, path)
            except Exception as err:  # noqa: BLE001 -- not kept: the next build reads the files
                logger.debug("reader: could not keep objects in %s: %s", path, err)
                try:
                    os.remove(tmp)
                except OSError:
                    pass


def bucket_of(filename: str) -> str:
    """The file (of ``BUCKETS``) an object is kept in: by its post's folder, so that the
    languages of a post, which refer to each other, are kept together."""
    digest = hashlib.blake2b(os.path.dirname(filename).encode("utf-8", "surrogateescape"), digest_size=4).digest()
    return f"{int.from_bytes(digest, 'big') % BUCKETS:02d}"


def build_fingerprint(settings: dict) -> str:
    return hashlib.blake2b("\0".join(code_and_settings(settings)).encode(), digest_size=20).hexdigest()

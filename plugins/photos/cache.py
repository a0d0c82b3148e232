"""Renditions cached under ``<CACHE_PATH>/photos/``, outside the output, keyed by content.

An entry is ``<key[:2]>/<key>.<ext>`` (the rendition's bytes) and ``<key>.json`` (their
size and sha256, and the file's stamp: inode, size and modification time). The key covers the photo's bytes, the rendition's parameters and the
pipeline version (see ``renditions.Spec.key``), so an entry never goes stale: changing a
photo or a setting simply asks for other keys. An entry whose bytes do not match its
record (a crash mid-write, a damaged disk, a hand edit) is a miss and is made again. The
bytes are read and hashed only when the file's stamp is not the recorded one (as when
the file was changed or copied); an unchanged entry costs one ``stat``.

Each build that gets as far as its renditions records their keys in ``last-build.json``;
``prune_unused`` (``invoke clean --cache``) keeps those entries and deletes the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from stat import S_IRUSR


#: The keys of every rendition the last build used.
LAST_BUILD = "last-build.json"
#: Touched when the automatic pruning last looked through the cache.
LAST_PRUNE = "last-prune"


#: The stamps of the entries the last build found valid, in one file: checking an entry
#: then takes a ``stat`` and no reading of its record. Each stamp is followed by the time
#: (in seconds) the entry was last marked as used (``Cache.touch``).
STAMPS = "stamps.json"
#: An entry in use is marked as used again when it was last marked this long ago (seconds).
TOUCH_EVERY = 3600
#: Where, in an entry's item of ``STAMPS``, the time it was last marked as used is: after
#: the numbers of its ``file_stamp``.
TOUCHED = 3


class JsonMemo:
    """A dict kept between builds in one JSON file: ``old`` as the last build left it,
    ``new`` what this build puts back (only what it used). Only a speed-up: a missing or
    unreadable file is an empty memo, and one that cannot be written is skipped."""

    def __init__(self, path: str):
        self.path = path
        self.new: dict = {}
        try:
            with open(path, encoding="utf-8") as f:
                loaded = json.load(f)
        except (OSError, ValueError):
            loaded = {}
        self.old: dict = loaded if isinstance(loaded, dict) else {}

    def save(self) -> None:
        if self.new == self.old:
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            write_atomic(self.path, json.dumps(self.new, sort_keys=True).encode())
        except OSError:
            pass


class Cache:
    def __init__(self, root: str):
        self.root = root
        self._stamps: JsonMemo | None = None  # entry file name -> stamp; read when first needed
        self._uid = os.geteuid() if hasattr(os, "geteuid") else None

    @property
    def stamps(self) -> JsonMemo:
        """The stamps of valid entries: ``old`` from the last build, ``new`` this build's."""
        if self._stamps is None:
            self._stamps = JsonMemo(os.path.join(self.root, STAMPS))
        return self._stamps

    def save_stamps(self) -> None:
        """Remember the stamps of the entries this build found valid (only those)."""
        self.stamps.save()

    def _base(self, key: str) -> str:
        return os.path.join(self.root, key[:2], key)

    def path(self, key: str, ext: str) -> str:
        return f"{self._base(key)}.{ext}"

    def valid(self, key: str, ext: str) -> bool:
        """True when the entry exists, can be read, and its bytes are the ones recorded."""
        path = self.path(key, ext)
        name = f"{key}.{ext}"
        try:
            st = os.stat(path)
        except OSError:
            return False
        stamp = file_stamp(st)
        known = self.stamps.old.get(name)
        if not (isinstance(known, list) and known[:TOUCHED] == stamp):
            known = None
        if known and self._readable(path, st) or self._check(key, path, stamp):
            # (with when the entry was last marked as used, see ``touch``)
            self.stamps.new[name] = [*stamp, *(known[TOUCHED:TOUCHED + 1] if known else [])]
            return True
        return False

    def _readable(self, path: str, st: os.stat_result) -> bool:
        """``os.access(path, os.R_OK)``, without asking the system again for the usual
        entry: a file of this user's that its owner may read."""
        if st.st_uid == self._uid and st.st_mode & S_IRUSR:
            return True
        return os.access(path, os.R_OK)

    def _check(self, key: str, path: str, stamp: list[int]) -> bool:
        """The entry (whose file has ``stamp``) against its record (see ``valid``)."""
        try:
            with open(self._base(key) + ".json", encoding="utf-8") as f:
                record = json.load(f)
            if not isinstance(record, dict):
                return False
            if record.get("stamp") == stamp and os.access(path, os.R_OK):
                return True
            with open(path, "rb") as f:
                data = f.read()
        except (OSError, ValueError):
            return False
        if record.get("size") != len(data) or record.get("sha256") != hashlib.sha256(data).hexdigest():
            return False
        # The same bytes in another file (a restored or copied cache): stat it from now on.
        try:
            write_atomic(self._base(key) + ".json", json.dumps({**record, "stamp": stamp}).encode())
        except OSError:
            pass
        return True

    def store(self, key: str, ext: str, data: bytes) -> None:
        """Write an entry; readers never see half of one (write aside, then rename)."""
        base = self._base(key)
        os.makedirs(os.path.dirname(base), exist_ok=True)
        path = self.path(key, ext)
        write_atomic(path, data)
        record = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                  "stamp": file_stamp(os.stat(path))}
        write_atomic(base + ".json", json.dumps(record).encode())

    def touch(self, key: str, ext: str) -> None:
        """Mark a valid entry as used now: its record's date, which pruning goes by
        (entries unused for a while are removed). Only when it was last marked
        ``TOUCH_EVERY`` seconds ago or more: pruning counts in days, and changing the
        dates of thousands of records on every build costs time."""
        entry = self.stamps.new.get(f"{key}.{ext}")
        now = int(time.time())
        if entry and len(entry) > TOUCHED and 0 <= now - entry[TOUCHED] < TOUCH_EVERY:
            return
        try:
            os.utime(self._base(key) + ".json")
        except OSError:
            return
        if entry:
            entry[TOUCHED:] = [now]

    def record_used(self, used: set[str]) -> None:
        """Remember the keys this build used (what ``prune_unused`` keeps)."""
        os.makedirs(self.root, exist_ok=True)
        write_atomic(os.path.join(self.root, LAST_BUILD), json.dumps(sorted(used)).encode())

    def last_used(self) -> set[str] | None:
        """The keys the last build recorded; None when there is no readable record."""
        try:
            with open(os.path.join(self.root, LAST_BUILD), encoding="utf-8") as f:
                keys = json.load(f)
        except (OSError, ValueError):
            return None
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return None
        return set(keys)

    def prune_unused(self) -> int:
        """Delete every entry the last build did not use; return how many.

        Without a record of the last build nothing is known to be in use: every entry
        goes. The files at the top (this record, the photos' hash memo, the stamps of
        the published renditions) are kept.
        """
        return self.prune(self.last_used() or set(), max_age_days=None)

    def prune_due(self, max_age_days: float) -> bool:
        """Whether the automatic pruning should look through the cache now: when it has
        not for ``max_age_days`` or a day, whichever is less (walking thousands of
        entries on every build would cost more than the space it frees). Records now."""
        marker = Path(self.root, LAST_PRUNE)
        try:
            if time.time() - marker.stat().st_mtime < min(max_age_days, 1.0) * 86400:
                return False
        except OSError:
            pass
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass
        return True

    def prune(self, used: set[str], max_age_days: float | None) -> int:
        """Delete entries not in ``used`` and unused for ``max_age_days`` (None: however
        recently used); return how many."""
        if not os.path.isdir(self.root):
            return 0
        limit = None if max_age_days is None else time.time() - max_age_days * 86400
        removed: set[str] = set()
        for folder in sorted(os.listdir(self.root)):
            sub = os.path.join(self.root, folder)
            if not os.path.isdir(sub):
                continue
            for name in sorted(os.listdir(sub)):
                key = name.split(".", 1)[0]
                path = os.path.join(sub, name)
                if key in used:
                    continue
                record = os.path.join(sub, key + ".json")
                try:
                    stamp = os.stat(record).st_mtime
                except OSError:
                    stamp = 0.0  # bytes without a record: never complete, always stale
                if limit is None or stamp <= limit:
                    try:
                        os.remove(path)
                        removed.add(key)
                    except OSError:
                        pass
            if not os.listdir(sub):
                os.rmdir(sub)
        return len(removed)


def file_stamp(st: os.stat_result) -> list[int]:
    """What changes when a file's bytes are replaced or rewritten: inode, size, mtime."""
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def write_atomic(path: str, data: bytes) -> None:
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)

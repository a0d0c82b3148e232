"""Fingerprints of code for caches: a cache entry made by other code is a miss."""

from __future__ import annotations

import hashlib
import os
from importlib import metadata


def tree_hash(roots: list[str]) -> str:
    """One hash of every file under ``roots`` (names and bytes), caches left out."""
    h = hashlib.blake2b(digest_size=20)
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.endswith((".pyc", ".mo")) or name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                h.update(os.path.relpath(path, root).encode() + b"\0")
                with open(path, "rb") as f:
                    h.update(f.read())
                h.update(b"\0")
    return h.hexdigest()


def library_versions(names: tuple[str, ...]) -> str:
    """``name=version`` of each installed distribution (``name=-`` when missing)."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return " ".join(versions)

"""Output files shared with caches (``sitemodel.files``)."""

from __future__ import annotations

import errno
import os

import pytest

from sitemodel.files import link_or_copy


def _no_links(src, dest, **kwargs):
    raise OSError(errno.EXDEV, "Invalid cross-device link", str(src), None, str(dest))


@pytest.mark.parametrize("links", ["possible", "impossible"])
def test_copy_over_a_linked_file_leaves_the_cache_entry_alone(tmp_path, monkeypatch, links):
    """A ``dest`` already there as a hard link to a cache entry gets ``src``'s bytes; the
    cache entry keeps its own (a copy written through the link would change both), with
    links possible (the name is taken) or not (another file system)."""
    cached = tmp_path / "cache" / "entry"
    cached.parent.mkdir()
    cached.write_bytes(b"the cached page")
    out = tmp_path / "output"
    out.mkdir()
    dest = out / "index.html"
    os.link(cached, dest)
    src = tmp_path / "new.html"
    src.write_bytes(b"the new page")
    if links == "impossible":
        monkeypatch.setattr(os, "link", _no_links)

    link_or_copy(str(src), str(dest))

    assert cached.read_bytes() == b"the cached page"
    assert dest.read_bytes() == b"the new page"
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # no temporary left


"""bench/gallery_bytes.py, run on a gallery of three photos and two phones: the bytes it
prints for the thumbnails are those of the files the page shows on each screen (the
400 px thumbnails at 1 device pixel a pixel, their 800 px twins at 3), one file a photo,
and its other columns (all images, the whole page) hold them.

Skipped when chromium is not installed (``apt-get install chromium``), except in CI.
"""

from __future__ import annotations

import io
import re
import sys

import numpy as np
import pytest
from PIL import Image

from conftest import ROOT, require_chromium

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "plugins" / "photos"))

import photo_samples as samples  # noqa: E402

from bench import gallery_bytes  # noqa: E402

pytestmark = pytest.mark.browser

require_chromium()

ROW = re.compile(r"(?P<screen>\S+)\s+(?P<thumbs>\d+) files\s+(?P<thumb_kib>[\d.]+) KiB\s+(?P<images>\d+) files"
                 r"\s+(?P<image_kib>[\d.]+) KiB\s+(?P<page_kib>[\d.]+) KiB\s+(?P<chosen>.*)")


def test_the_bytes_it_prints_are_those_of_the_files_each_screen_shows(tmp_path, capsys):
    photos = tmp_path / "photos"
    photos.mkdir()
    for number in range(3):  # grain, so the files weigh kilobytes as photographs do
        grain = np.random.default_rng(number).normal(0, 24, (1200, 1600, 3))
        picture = np.asarray(samples.picture((1600, 1200)), dtype=np.float64) + grain
        buffer = io.BytesIO()
        Image.fromarray(picture.clip(0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=90)
        (photos / f"{number}.jpg").write_bytes(buffer.getvalue())
    kept = tmp_path / "site"
    gallery_bytes.main(["--photos", str(photos), "--screens", "360x740@1,360x740@3", "--keep", str(kept)])
    printed = capsys.readouterr().out
    rows = {m["screen"]: m for m in map(ROW.fullmatch, printed.splitlines()) if m}
    assert printed.startswith("3 photos") and list(rows) == ["360x740@1", "360x740@3"], printed
    folder = kept / "output" / gallery_bytes.POST
    for screen, shown in (("360x740@1", "thumb.webp"), ("360x740@3", "thumb-2x.webp")):
        row = rows[screen]
        files = [folder / f"anh-{n:02d}-{shown}" for n in (1, 2, 3)]
        total = sum(f.stat().st_size for f in files)
        assert row["chosen"] == shown
        assert int(row["thumbs"]) == 3  # one file a photo, never the thumbnail and its twin
        assert row["thumb_kib"] == f"{total / 1024:.1f}", (screen, total)
        # all images hold the thumbnails; the whole page those and the page's own HTML
        assert int(row["images"]) >= 3 and float(row["image_kib"]) >= float(row["thumb_kib"])
        html = (folder / "index.html").stat().st_size
        assert float(row["page_kib"]) >= float(row["image_kib"]) + html / 1024 - 0.1
    # the twins are other files than the thumbnails: the two screens' sums differ
    assert rows["360x740@1"]["thumb_kib"] != rows["360x740@3"]["thumb_kib"]

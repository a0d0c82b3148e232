"""bench/thumb_quality.py: its SSIM is 1 for the same picture and falls as a picture
loses detail; its rows hold the bytes of the plugin's own encodings, and a WebP of
higher quality scores higher and weighs more."""

from __future__ import annotations

import io
import sys

import numpy as np
from PIL import Image, ImageFilter

from conftest import ROOT

sys.path.insert(0, str(ROOT))

from bench import thumb_quality  # noqa: E402


def grain(seed: int, size=(1200, 900)) -> Image.Image:
    """A picture with detail at every scale, as photographs have (not flat blocks)."""
    rng = np.random.default_rng(seed)
    coarse = Image.fromarray(rng.integers(0, 256, (size[1] // 16, size[0] // 16, 3), dtype=np.uint8))
    base = np.asarray(coarse.resize(size, Image.Resampling.BICUBIC), dtype=np.float64)
    return Image.fromarray((base + rng.normal(0, 18, base.shape)).clip(0, 255).astype(np.uint8))


def test_ssim_is_one_for_the_same_picture_and_falls_with_blur():
    picture = grain(1, (400, 300))
    assert thumb_quality.ssim(picture, picture.copy()) == 1.0
    slight = thumb_quality.ssim(picture, picture.filter(ImageFilter.GaussianBlur(0.6)))
    strong = thumb_quality.ssim(picture, picture.filter(ImageFilter.GaussianBlur(2)))
    assert 1.0 > slight > strong > 0


def test_rows_sum_the_encodings_bytes_and_better_quality_scores_higher(tmp_path):
    photos = []
    for seed in (1, 2):
        buffer = io.BytesIO()
        grain(seed).save(buffer, "JPEG", quality=95)
        photos.append(tmp_path / f"{seed}.jpg")
        photos[-1].write_bytes(buffer.getvalue())
    rows = thumb_quality.measure(photos, None, 82, [30, 90], [4])
    plain, jpeg, low, high = rows
    assert [(r["format"], r["quality"]) for r in rows] == [
        ("not compressed", ""), ("JPEG", 82), ("WEBP", 30), ("WEBP", 90)]
    assert plain["ssim"] > high["ssim"] > low["ssim"]
    assert high["bytes"] > low["bytes"] > 0
    # the JPEG row is the plugin's thumbnails as a build writes them, summed
    from photos.renditions import encode, render_all, thumb_spec  # (bench puts plugins/ on the path)

    total = 0
    for path in photos:
        spec = thumb_spec(1200, 900, (400, 300), False, 82, base=480)
        total += len(encode(render_all(path.read_bytes(), 1, [spec])[0], spec))
    assert jpeg["bytes"] == total

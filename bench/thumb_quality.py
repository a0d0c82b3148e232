"""How close a rendition's JPEG and WebP encodings stay to the photo, and their bytes:
``python -m bench.thumb_quality --photos DIR``.

For every photo of ``DIR`` (photographs: the bench corpus's drawn pictures compress unlike
any camera's), the rendition's pixels are made as the photos plugin makes them
(``renditions.render_all``: the 400 x 300 thumbnail by default, ``--width N`` for a figure
``N`` pixels wide), then encoded as the plugin encodes them: JPEG at ``--jpeg`` and WebP
at each of ``--qualities`` and ``--methods``. Each encoding, decoded, is compared with
the photo reduced straight to the same size with Lanczos (cropped to the same box for a
thumbnail): SSIM of the luma (ITU-R 601), an 11-tap Gaussian window of sigma 1.5, the
constants of Wang et al. (2004), the mean over the picture; then the mean over the
photos. Bytes are the sum over the photos. Each encoding is made twice and must give
the same bytes (the build is deterministic). Nothing is timed.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from photos import renditions  # noqa: E402
from photos.renditions import thumb_spec, width_spec  # noqa: E402

PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


def gaussian(taps: int = 11, sigma: float = 1.5) -> np.ndarray:
    x = np.arange(taps) - taps // 2
    g = np.exp(-(x * x) / (2 * sigma * sigma))
    return g / g.sum()


def _blur(plane: np.ndarray, g: np.ndarray) -> np.ndarray:
    rows = sliding_window_view(plane, g.size, axis=1) @ g
    return sliding_window_view(rows, g.size, axis=0) @ g


def ssim(a: Image.Image, b: Image.Image) -> float:
    """The mean SSIM of two pictures' luma (the window's valid positions only)."""
    x = np.asarray(a.convert("L"), dtype=np.float64)
    y = np.asarray(b.convert("L"), dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"sizes differ: {x.shape} {y.shape}")
    g = gaussian()
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = _blur(x, g), _blur(y, g)
    sxx = _blur(x * x, g) - mx * mx
    syy = _blur(y * y, g) - my * my
    sxy = _blur(x * y, g) - mx * my
    score = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    return float(score.mean())


def reference(photo: Image.Image, size: tuple[int, int], crop: bool) -> Image.Image:
    """The photo reduced straight to ``size`` (cropped to its shape, centred, for a thumbnail)."""
    photo = ImageOps.exif_transpose(photo).convert("RGB")
    if crop:
        return ImageOps.fit(photo, size, Image.Resampling.LANCZOS)
    return photo.resize(size, Image.Resampling.LANCZOS)


def encode(picture: Image.Image, spec: renditions.Spec, method: int) -> bytes:
    """The plugin's encoding of ``picture`` (``renditions.encode``), at libwebp's ``method``."""
    saved = renditions.WEBP_METHOD
    renditions.WEBP_METHOD = method
    try:
        first, second = (renditions.encode(picture.copy(), spec) for _ in range(2))
    finally:
        renditions.WEBP_METHOD = saved
    if first != second:
        raise AssertionError(f"two encodings differ: {spec}, method {method}")
    return first


def measure(photos: list[Path], width: int | None, jpeg: int, qualities: list[int],
            methods: list[int], box: tuple[int, int] = (400, 300)) -> list[dict]:
    candidates = [("JPEG", jpeg, 0)] + [("WEBP", q, m) for m in methods for q in qualities]
    totals = {c: {"bytes": 0, "ssim": 0.0} for c in candidates}
    plain = 0.0
    for path in photos:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as photo:
            photo.load()
            w, h = photo.size
            # a thumbnail is made from the decoding of the narrowest figure (480 px), as in a build
            spec = (width_spec(w, h, width, False, jpeg) if width else thumb_spec(w, h, box, False, jpeg, base=480))
            ref = reference(photo, (spec.width, spec.height), crop=not width)
        picture = renditions.render_all(data, 1, [spec])[0]
        plain += ssim(picture, ref)
        for fmt, quality, method in candidates:
            made = renditions.Spec(spec.kind, spec.width, spec.height, fmt, quality, spec.base)
            encoded = encode(picture, made, method)
            with Image.open(io.BytesIO(encoded)) as decoded:
                score = ssim(decoded, ref)
            totals[fmt, quality, method]["bytes"] += len(encoded)
            totals[fmt, quality, method]["ssim"] += score
    rows = [{"format": "not compressed", "quality": "", "method": "", "bytes": 0, "ssim": plain / len(photos)}]
    for (fmt, quality, method), total in totals.items():
        rows.append({"format": fmt, "quality": quality, "method": method if fmt == "WEBP" else "",
                     "bytes": total["bytes"], "ssim": total["ssim"] / len(photos)})
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", required=True, type=Path, help="a folder of photographs")
    parser.add_argument("--width", type=int, help="a figure this wide instead of the thumbnail")
    parser.add_argument("--jpeg", type=int, default=82, help="the JPEG's quality (82)")
    parser.add_argument("--qualities", default="75,78,80,82,84,85,86,88,90",
                        help="WebP qualities, comma-separated")
    parser.add_argument("--methods", default="4,6", help="libwebp methods (effort 0-6), comma-separated")
    args = parser.parse_args(argv)
    photos = sorted(p for p in args.photos.iterdir() if p.suffix.lower() in PHOTO_EXTENSIONS)
    rows = measure(photos, args.width, args.jpeg, [int(q) for q in args.qualities.split(",")],
                   [int(m) for m in args.methods.split(",")])
    what = f"{args.width} px wide" if args.width else "the 400 x 300 thumbnail"
    print(f"{len(photos)} photos, {what}; SSIM of the luma against the photo reduced straight to that size")
    jpeg_bytes = rows[1]["bytes"]
    print(f"{'format':<15} {'quality':>7} {'method':>6} {'bytes':>12} {'÷ JPEG':>7} {'SSIM':>7}")
    for row in rows:
        share = f"{row['bytes'] / jpeg_bytes:.2f}" if row["bytes"] else ""
        size = f"{row['bytes'] / 1024:.1f} KiB" if row["bytes"] else ""
        print(f"{row['format']:<15} {row['quality']!s:>7} {row['method']!s:>6} {size:>12} {share:>7} {row['ssim']:.4f}")


if __name__ == "__main__":
    main()

"""Renditions: what to make of a photo (``Spec``), its file name, and making it with Pillow.

A rendition is upright (EXIF orientation applied), in sRGB, without any metadata (no
EXIF, GPS, XMP or ICC profile), never larger than the photo, and byte-for-byte the same
every time it is made from the same photo with the same settings. Photos with
transparency give PNG renditions, all others progressive JPEG.

``encode_job`` runs in worker processes: it takes and returns plain picklable data and
writes the renditions into the cache, never into the output.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from dataclasses import dataclass, field
from urllib.parse import quote

from PIL import Image, ImageCms, ImageOps

from .cache import Cache
from .sources import SIDEWAYS, PhotoError, open_image

#: Bump when a change here alters rendition bytes: every cached rendition is remade.
PIPELINE_VERSION = 1

RESAMPLE = Image.Resampling.LANCZOS

#: EXIF Orientation -> the transposition that makes the picture upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class Spec:
    """One rendition of one photo: ``kind`` is ``thumb`` (cropped to fill) or ``width``."""

    kind: str
    width: int
    height: int
    format: str  # "JPEG" or "PNG"
    quality: int  # JPEG quality; 0 for PNG

    @property
    def ext(self) -> str:
        return "jpg" if self.format == "JPEG" else "png"

    def file_name(self, stem: str) -> str:
        """``anh-01-thumb.jpg``, ``anh-01-960w.jpg``: the photo's name, then what it is."""
        suffix = "thumb" if self.kind == "thumb" else f"{self.width}w"
        return f"{stem}-{suffix}.{self.ext}"

    def key(self, sha256: str) -> str:
        """The cache key: the photo's content hash, these parameters and the pipeline version."""
        params = [PIPELINE_VERSION, sha256, self.kind, self.width, self.height, self.format, self.quality]
        return hashlib.sha256(json.dumps(params).encode()).hexdigest()


def output_format(alpha: bool, quality: int) -> tuple[str, int]:
    return ("PNG", 0) if alpha else ("JPEG", quality)


def thumb_spec(width: int, height: int, box: tuple[int, int], alpha: bool, quality: int) -> Spec:
    """A thumbnail of ``box`` size; a smaller photo gives the largest box of that shape it holds."""
    bw, bh = box
    if width < bw or height < bh:
        scale = min(width / bw, height / bh)
        bw, bh = max(1, round(bw * scale)), max(1, round(bh * scale))
    return Spec("thumb", bw, bh, *output_format(alpha, quality))


def width_spec(width: int, height: int, target: int, alpha: bool, quality: int) -> Spec:
    """``target`` pixels wide, keeping the proportions; never wider than the photo."""
    w = min(target, width)
    h = height if w == width else max(1, round(height * w / width))
    return Spec("width", w, h, *output_format(alpha, quality))


@dataclass(frozen=True)
class Rendition:
    """A rendition as templates see it: ``url`` (site-relative, like ``article.url``),
    ``width`` and ``height``; ``path`` is where it goes under the output folder."""

    url: str
    width: int
    height: int
    path: str = field(repr=False)
    key: str = field(repr=False)
    spec: Spec = field(repr=False)

    @classmethod
    def make(cls, folder_url: str, stem: str, spec: Spec, sha256: str) -> Rendition:
        path = f"{folder_url}/{spec.file_name(stem)}"
        return cls(url=quote(path), width=spec.width, height=spec.height, path=path,
                   key=spec.key(sha256), spec=spec)


@dataclass(frozen=True)
class Job:
    """The renditions still to make of one photo (picklable, for a worker process)."""

    path: str
    sha256: str
    orientation: int
    specs: tuple[tuple[str, Spec], ...]  # (cache key, spec)
    cache_root: str


def encode_job(job: Job) -> str | None:
    """Make the job's renditions into the cache; return None, or why the photo is unusable."""
    try:
        with open(job.path, "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != job.sha256:
            return ("tệp ảnh đã thay đổi trong lúc xây dựng, hãy xây dựng lại / "
                    "the photo changed during the build; build again")
        cache = Cache(job.cache_root)
        specs = [spec for _, spec in job.specs]
        for (key, spec), image in zip(job.specs, render_all(data, job.orientation, specs)):
            cache.store(key, spec.ext, encode(image, spec))
    except PhotoError as error:
        return str(error)
    except Exception as error:  # noqa: BLE001 - any decoder failure means a damaged file
        return ("tệp ảnh bị hỏng hoặc bị cắt cụt, hãy chép lại ảnh / the photo is damaged or "
                f"truncated; copy it again ({type(error).__name__}: {error})")
    return None


def render_all(data: bytes, orientation: int, specs: list[Spec]) -> list[Image.Image]:
    """Decode the photo ``data`` once; its rendition for each spec, in order."""
    with open_image(io.BytesIO(data)) as image:
        _draft(image, orientation, specs)
        image.load()
        icc = image.info.get("icc_profile")
        upright = image.transpose(UPRIGHT[orientation]) if orientation in UPRIGHT else image
        base = to_srgb(upright, icc, alpha=specs[0].format == "PNG")
        outs = [render(base, spec) for spec in specs]
    for spec, out in zip(specs, outs):
        if out.size != (spec.width, spec.height):
            raise RuntimeError(f"rendition is {out.size}, expected {(spec.width, spec.height)}")
    return outs


def _draft(image: Image.Image, orientation: int, specs: list[Spec]) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 when every rendition allows it."""
    if image.format not in ("JPEG", "MPO"):
        return
    width, height = image.size  # as stored
    upright = (height, width) if orientation in SIDEWAYS else (width, height)
    scale = max(max(s.width / upright[0], s.height / upright[1]) for s in specs)
    if scale <= 0.5:
        # The same scale along both axes, so the stored size can be scaled directly.
        image.draft(image.mode, (math.ceil(width * scale), math.ceil(height * scale)))


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def to_srgb(image: Image.Image, icc: bytes | None, alpha: bool) -> Image.Image:
    """The picture in the mode its rendition needs (RGBA with alpha, else L or RGB), in sRGB.

    Photos from phones and cameras may be in Display P3 or Adobe RGB (their ICC profile
    says so); renditions carry no profile, so their colours are converted here.
    """
    mode = image.mode
    if mode.startswith("I;16") or mode in ("I", "F"):
        # 16-bit grey: scale to 8 bits rather than clip everything above 255.
        image, mode = image.convert("I").point(lambda v: v * (1 / 256)).convert("L"), "L"
    if mode == "1":
        image, mode = image.convert("L"), "L"
    target = "RGBA" if alpha else ("L" if mode == "L" else "RGB")
    if icc and mode in ("RGB", "RGBA", "CMYK"):
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if "srgb" not in (ImageCms.getProfileDescription(profile) or "").lower():
                return ImageCms.profileToProfile(image, profile, SRGB, outputMode=target)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or unusual profile: convert without it
    if image.mode != target:
        image = image.convert(target)
    return image


def render(image: Image.Image, spec: Spec) -> Image.Image:
    size = (spec.width, spec.height)
    if spec.kind == "thumb":
        return ImageOps.fit(image, size, method=RESAMPLE, centering=(0.5, 0.5))
    if image.size == size:
        return image.copy()
    return image.resize(size, RESAMPLE)


def encode(image: Image.Image, spec: Spec) -> bytes:
    """The rendition's file bytes, with no metadata at all."""
    image.info = {}
    buffer = io.BytesIO()
    if spec.format == "JPEG":
        image.save(buffer, "JPEG", quality=spec.quality, progressive=True, optimize=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()

"""Renditions: what to make of a photo (``Spec``), its file name, and making it with Pillow.

A rendition is upright (EXIF orientation applied), in sRGB, without any metadata (no
EXIF, GPS, XMP, IPTC or ICC profile), never larger than the photo, and byte-for-byte the
same every time it is made from the same photo with the same settings. Each width is
made twice: as WebP, and as a fallback that every browser and feed reader shows: PNG for
photos with transparency, progressive JPEG for all others. The share image is always
JPEG (transparency is laid on white), as social networks want.

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

from PIL import Image, ImageCms

from .cache import Cache
from .sources import SIDEWAYS, PhotoError, open_image

#: Bump when a change here alters rendition bytes: every cached rendition is remade.
PIPELINE_VERSION = 4

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
    format: str  # "JPEG", "PNG" or "WEBP"
    quality: int  # JPEG or WebP quality; 0 for PNG

    @property
    def ext(self) -> str:
        return EXTENSIONS[self.format]

    def file_name(self, stem: str) -> str:
        """``anh-01-thumb.jpg``, ``anh-01-960w.jpg``: the photo's name, then what it is."""
        suffix = "thumb" if self.kind == "thumb" else f"{self.width}w"
        return f"{stem}-{suffix}.{self.ext}"

    def key(self, sha256: str) -> str:
        """The cache key: the photo's content hash, these parameters and the pipeline version."""
        params = [PIPELINE_VERSION, sha256, self.kind, self.width, self.height, self.format, self.quality]
        return hashlib.sha256(json.dumps(params).encode()).hexdigest()


EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def output_format(alpha: bool, quality: int) -> tuple[str, int]:
    """The fallback format: PNG keeps transparency, JPEG for everything else."""
    return ("PNG", 0) if alpha else ("JPEG", quality)


def thumb_spec(width: int, height: int, box: tuple[int, int], alpha: bool, quality: int,
               fmt: str | None = None) -> Spec:
    """A thumbnail of ``box`` size; a smaller photo gives the largest box of that shape it holds.

    ``fmt`` ("WEBP", "JPEG") forces the format; by default it is ``output_format``'s.
    """
    bw, bh = box
    if width < bw or height < bh:
        scale = min(width / bw, height / bh)
        bw, bh = max(1, round(bw * scale)), max(1, round(bh * scale))
    return Spec("thumb", bw, bh, *_format(fmt, alpha, quality))


def width_spec(width: int, height: int, target: int, alpha: bool, quality: int,
               fmt: str | None = None) -> Spec:
    """``target`` pixels wide, keeping the proportions; never wider than the photo."""
    w = min(target, width)
    h = height if w == width else max(1, round(height * w / width))
    return Spec("width", w, h, *_format(fmt, alpha, quality))


def _format(fmt: str | None, alpha: bool, quality: int) -> tuple[str, int]:
    if fmt is None:
        return output_format(alpha, quality)
    return fmt, 0 if fmt == "PNG" else quality


def widths_for(width: int, targets: tuple[int, ...]) -> list[int]:
    """The rendition widths of a photo ``width`` pixels wide: each target, never wider
    than the photo, without repeats (a 700 px photo and (480, 960, 1600) give [480, 700])."""
    return sorted({min(target, width) for target in targets})


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
class Sized:
    """One photo at several widths, narrowest first: ``fallback`` (JPEG, or PNG with
    transparency) and the same widths as ``webp``. Templates use ``srcset(SITEURL)``,
    ``webp_srcset(SITEURL)``, ``src`` (the middle width) and ``large`` (the widest)."""

    fallback: tuple[Rendition, ...]
    webp: tuple[Rendition, ...]

    @property
    def large(self) -> Rendition:
        return self.fallback[-1]

    @property
    def src(self) -> Rendition:
        return self.fallback[len(self.fallback) // 2]

    def srcset(self, siteurl: str = "") -> str:
        return _srcset(self.fallback, siteurl)

    def webp_srcset(self, siteurl: str = "") -> str:
        return _srcset(self.webp, siteurl)


def _srcset(renditions: tuple[Rendition, ...], siteurl: str) -> str:
    return ", ".join(f"{siteurl}/{r.url} {r.width}w" for r in renditions)


@dataclass
class PhotoRenditions:
    """What one photo is published as; each part only when the build needs it."""

    sized: Sized | None = None  # figures and the lightbox
    thumb: Rendition | None = None  # gallery and listings
    thumb_webp: Rendition | None = None
    share: Rendition | None = None  # og:image

    def all(self) -> list[Rendition]:
        found = [*(self.sized.fallback + self.sized.webp if self.sized else ()),
                 self.thumb, self.thumb_webp, self.share]
        return [r for r in found if r is not None]


@dataclass(frozen=True)
class Job:
    """The renditions still to make of one photo (picklable, for a worker process)."""

    path: str
    sha256: str
    orientation: int
    alpha: bool
    specs: tuple[tuple[str, Spec], ...]  # (cache key, spec)
    cache_root: str


def encode_job(job: Job) -> tuple[str, str] | None:
    """Make the job's renditions into the cache; return None, or why the photo is
    unusable as ``(vi, en)`` (see ``PhotoError``)."""
    try:
        with open(job.path, "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != job.sha256:
            return ("đã thay đổi trong lúc xây dựng, hãy xây dựng lại",
                    "changed during the build; build again")
        cache = Cache(job.cache_root)
        specs = [spec for _, spec in job.specs]
        for (key, spec), image in zip(job.specs, render_all(data, job.orientation, specs, job.alpha)):
            cache.store(key, spec.ext, encode(image, spec))
    except PhotoError as error:
        return error.vi, error.en
    except Exception as error:  # noqa: BLE001 - any decoder failure means a damaged file
        return ("bị hỏng hoặc bị cắt cụt, hãy chép lại ảnh",
                f"is damaged or truncated; copy the photo again ({type(error).__name__}: {error})")
    return None


def render_all(data: bytes, orientation: int, specs: list[Spec], alpha: bool = False) -> list[Image.Image]:
    """Decode the photo ``data`` once; its rendition for each spec, in order.

    ``alpha``: the photo has transparency, kept in PNG and WebP renditions and laid on
    white in JPEG ones.
    """
    with open_image(io.BytesIO(data)) as image:
        image.seek(0)  # a GIF: its first frame
        draft(image, orientation, specs)
        image.load()
        icc = image.info.get("icc_profile")
        upright = image.transpose(UPRIGHT[orientation]) if orientation in UPRIGHT else image
        base = to_srgb(upright, icc, alpha=alpha)
        resized = resize_all(base, specs)
        outs = [for_format(resized[(spec.kind, spec.width, spec.height)], spec) for spec in specs]
    for spec, out in zip(specs, outs):
        if out.size != (spec.width, spec.height):
            raise RuntimeError(f"rendition is {out.size}, expected {(spec.width, spec.height)}")
    return outs


def draft(image: Image.Image, orientation: int, specs: list[Spec]) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while decoding (much faster for
    phone photos), but never below the largest rendition needed, so no detail is lost:
    Pillow picks the largest reduction whose result still holds the size asked for."""
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


#: A smaller size is made from an already made larger width when that is at least this
#: many times its size (else from the photo): 480 px from the 960 px rendition, not
#: from a 4000 px photo. It looks the same (mean difference 0.1 of 255, measured on a
#: phone-sized photo) and takes a third less time.
CHAIN_RATIO = 1.5


def resize_all(base: Image.Image, specs: list[Spec]) -> dict[tuple[str, int, int], Image.Image]:
    """The picture at every size the specs ask for, each made once (a WebP and its
    fallback share their pixels), the largest first."""
    first: dict[tuple[str, int, int], Spec] = {}
    for spec in specs:
        first.setdefault((spec.kind, spec.width, spec.height), spec)
    resized: dict[tuple[str, int, int], Image.Image] = {}
    widths: list[Image.Image] = []  # whole-picture renditions made so far, largest first
    for geometry in sorted(first, key=lambda g: (-g[1] * g[2], g)):
        kind, width, height = geometry
        source = base
        for made in reversed(widths):  # the smallest that is large enough
            shown = fill_box(made.size, (width, height)) if kind == "thumb" else (0, 0, *made.size)
            if (shown[2] - shown[0] >= CHAIN_RATIO * width
                    and shown[3] - shown[1] >= CHAIN_RATIO * height):
                source = made
                break
        resized[geometry] = resize(source, first[geometry])
        if kind == "width":
            widths.append(resized[geometry])
    return resized


def resize(image: Image.Image, spec: Spec) -> Image.Image:
    """The picture at the spec's size: a thumbnail cropped to fill it (centred), a width
    scaled whole."""
    size = (spec.width, spec.height)
    if spec.kind == "thumb":
        # A box reduction first, then Lanczos over the last factor of 2 or less (as
        # Pillow's own thumbnail()): a thumbnail is a fifth of a phone photo or less.
        return image.resize(size, RESAMPLE, box=fill_box(image.size, size),
                            reducing_gap=THUMB_REDUCING_GAP)
    if image.size == size:
        return image.copy()
    # A box reduction first, then Lanczos over the last factor of 3 or less: much
    # faster than Lanczos all the way from a phone photo, and looks the same.
    return image.resize(size, RESAMPLE, reducing_gap=REDUCING_GAP)


REDUCING_GAP = 3.0
THUMB_REDUCING_GAP = 2.0


def fill_box(size: tuple[int, int], target: tuple[int, int]) -> tuple[float, float, float, float]:
    """The centred part of a picture of ``size`` with the proportions of ``target``: the
    most of the picture a thumbnail of that shape can show (as ImageOps.fit)."""
    width, height = size
    shape = target[0] / target[1]
    if width / height > shape:  # wider: cut the sides
        crop = height * shape
        return ((width - crop) / 2, 0.0, (width + crop) / 2, float(height))
    crop = width / shape  # taller: cut top and bottom
    return (0.0, (height - crop) / 2, float(width), (height + crop) / 2)


def for_format(image: Image.Image, spec: Spec) -> Image.Image:
    """``image`` as the spec's format takes it: laid on white for a JPEG."""
    if spec.format == "JPEG" and image.mode == "RGBA":
        return _on_white(image)
    return image


def _on_white(image: Image.Image) -> Image.Image:
    """A picture with transparency laid on white (JPEG has no transparency)."""
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def encode(image: Image.Image, spec: Spec) -> bytes:
    """The rendition's file bytes, with no metadata at all (nothing of ``image.info``
    is passed on: no EXIF, XMP, IPTC, ICC profile or comment)."""
    image.info = {}
    buffer = io.BytesIO()
    if spec.format == "JPEG":
        image.save(buffer, "JPEG", quality=spec.quality, progressive=True, optimize=True)
    elif spec.format == "WEBP":
        image.save(buffer, "WEBP", quality=spec.quality, method=WEBP_METHOD)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


#: libwebp's effort, 0-6: 4 is its default balance of speed and size.
WEBP_METHOD = 4

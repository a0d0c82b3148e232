"""The photos of a post folder: which files they are, and what each one is.

``inspect`` reads a photo's bytes (for its content hash; remembered between builds by
``HashMemo``) and its header only: size, orientation and transparency are known without
decoding the pixels, so a build whose renditions are all cached decodes nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pillow_heif
from PIL import Image

from sitemodel.collation import vietnamese_order
from sitemodel.files import close_name

from .cache import JsonMemo

# HEIC/HEIF (iPhones' photos) through libheif. libheif applies the picture's own rotation
# while decoding and pillow_heif then reports EXIF Orientation 1, so it is never applied twice.
pillow_heif.register_heif_opener()

#: ".jfif" and ".jpe" are JPEG files too: Windows names a photo saved from Chrome or
#: Zalo ".jfif".
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".webp", ".gif", ".heic", ".heif")
#: Pictures a post folder may hold that browsers or this site cannot show: refused by
#: name (``unusable_picture``) rather than left out of the gallery without a word.
UNUSABLE_PICTURES = {".bmp": "BMP", ".tif": "TIFF", ".tiff": "TIFF", ".avif": "AVIF", ".jxl": "JPEG XL",
                     ".dng": "RAW"}
#: What Pillow may open a photo as (its JPEG opener also gives MPO, as many phones write).
#: A GIF gives its first frame only.
PILLOW_FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "HEIF"]
#: How the kinds of photo accepted are named in messages.
KINDS_VI = "JPEG, PNG, WebP, GIF hoặc HEIC"
KINDS_EN = "JPEG, PNG, WebP, GIF or HEIC"
#: EXIF Orientation values that store the picture on its side (width and height swap).
SIDEWAYS = {5, 6, 7, 8}
ORIENTATION_TAG = 0x0112


class PhotoError(Exception):
    """A photo file that cannot be used; ``vi`` and ``en`` say why, for people, as what
    follows the photo's name ("tệp ảnh 'x.jpg' <vi>", "the photo 'x.jpg' <en>")."""

    def __init__(self, vi: str, en: str):
        self.vi, self.en = vi, en
        super().__init__(f"{vi} / {en}")


@dataclass(frozen=True)
class Source:
    """A readable photo: where it is, its content hash, and its upright size."""

    path: str  # absolute
    name: str  # relative to the post folder, with "/"
    sha256: str
    width: int  # upright, after the EXIF orientation
    height: int
    orientation: int  # EXIF Orientation, 1 if none
    alpha: bool  # has transparency: the renditions are PNG, else JPEG


def is_photo_name(name: str) -> bool:
    return name.lower().endswith(PHOTO_EXTENSIONS) and not name.startswith(".")


def natural_key(name: str) -> tuple:
    """File-name order as people expect it: ``anh-2`` before ``anh-10``, letters in
    Vietnamese order as the list of tags has them (``sitemodel.collation``: ``ảnh``,
    ``ăn``, ``bảng``, ``dạy``, ``đội``; Python's would put every accented first letter
    after ``z``), whatever the Unicode form the name was saved in."""
    parts = re.split(r"(\d+)", unicodedata.normalize("NFC", name).casefold())
    return tuple((0, int(p), ()) if p.isdigit() else (1, 0, vietnamese_order(p)) for p in parts if p), name


def folder_photos(folder: str, names: list[str] | None = None) -> list[str]:
    """The photo files directly in ``folder`` (of ``names``, its listing, when given), in
    natural file-name order."""
    names = [n for n in (os.listdir(folder) if names is None else names)
             if is_photo_name(n) and os.path.isfile(os.path.join(folder, n))]
    return sorted(names, key=natural_key)


def unusable_picture(name: str) -> PhotoError | None:
    """Why the picture file ``name`` cannot be a photo of the site, if it is one of
    ``UNUSABLE_PICTURES`` (a BMP saved by Paint, a TIFF from a scanner)."""
    kind = UNUSABLE_PICTURES.get(os.path.splitext(name)[1].lower())
    if kind is None or name.startswith("."):
        return None
    return PhotoError(f"là ảnh {kind}, trang không dùng được: mở bằng Paint hay Photos rồi lưu thành JPEG (.jpg)",
                      f"is a {kind} picture, which the site cannot use: open it in Paint or Photos and save "
                      "it as JPEG (.jpg)")


def is_local_src(src: str) -> bool:
    """True for a path to a file (``anh.jpg``), false for remote or special URLs.

    Remote (``http:``, ``//host``), ``data:`` URIs and Pelican's ``{static}``-style
    link placeholders are left to the browser and Pelican.
    """
    src = src.strip()
    if not src or src.startswith(("{", "|", "#")):
        return False
    parts = urlsplit(src)
    if parts.netloc:
        return False
    # "C:/x.jpg" parses with a one-letter scheme: a local (absolute) path.
    return not parts.scheme or len(parts.scheme) == 1


class OutsideFolder(Exception):
    """The path leaves the post folder (``..``, absolute, or a symlink pointing out)."""


def resolve(folder: str, src: str) -> str:
    """The photo ``src`` names, relative to ``folder`` with "/" (it may not exist).

    Raises ``OutsideFolder`` when the path leaves the folder, in writing or through
    a symbolic link.
    """
    path = unquote(urlsplit(src.strip()).path).replace("\\", "/")
    typed = src.strip().replace("\\", "/")
    if typed != path and re.search(r"[#?%]", typed) and same_name(folder, os.path.normpath(typed)):
        # A photo named with "#", "?" or "%" (``anh #1.jpg``, as a phone or Windows may
        # name it): the name as typed, before it is read as an address.
        path = typed
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise OutsideFolder(path)
    rel = os.path.normpath(path).replace(os.sep, "/")
    if rel == "." or rel == ".." or rel.startswith("../"):
        raise OutsideFolder(path)
    if os.path.lexists(os.path.join(folder, rel)):
        check_inside(folder, rel)
    return rel


def check_inside(folder: str, rel: str) -> None:
    """Raise ``OutsideFolder`` if ``folder/rel`` is (or passes through) a link leading out.

    ``rel`` is normalised (no ``..``): when none of its parts is a link it stays inside,
    known from one ``lstat`` a part instead of resolving every folder of the path."""
    path = folder
    for part in rel.split("/"):
        path = os.path.join(path, part)
        if os.path.islink(path):
            break
    else:
        return  # no link on the way (or nothing there): it stays inside
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(os.path.join(folder, rel))
    if os.path.commonpath([real_folder, real]) != real_folder:
        raise OutsideFolder(rel)


def same_name(folder: str, rel: str) -> str | None:
    """The file in ``folder`` named ``rel`` up to Unicode normalisation, if there is one,
    with its name as the folder lists it.

    "ảnh.jpg" typed in the text (composed characters) and the same name saved by macOS
    (decomposed) are different strings for the file system but the same name for people.
    The name comes from the folder's listing, not from asking for the file: a Windows or
    Mac disk finds ``IMG_1234.JPG`` when asked for ``IMG_1234.jpg``, and the photo was
    then both a figure (under the typed name) and in the gallery (under its own); the
    capitals must match on every computer, as they must on Linux.
    """
    head, tail = os.path.split(rel)
    try:
        names = os.listdir(os.path.join(folder, head))
    except OSError:
        return None
    wanted = unicodedata.normalize("NFC", tail)
    found = [tail] if tail in names else []  # the name as typed first, then in name order
    for name in found + sorted(names):
        if unicodedata.normalize("NFC", name) == wanted and os.path.isfile(os.path.join(folder, head, name)):
            return f"{head}/{name}" if head else name
    return None


def suggestion(folder: str, rel: str) -> str | None:
    """A photo in ``folder`` whose name is close to ``rel`` (a typo, or the wrong case)."""
    try:
        return close_name(folder_photos(folder), rel)
    except OSError:
        return None


def _orientation(image: Image.Image) -> int:
    # PNG keeps EXIF in a chunk Pillow only reads with the pixels unless it comes before
    # them; read what the header gave instead of decoding the whole file here.
    if image.format == "PNG":
        raw = image.info.get("exif")
        if not raw:
            return 1
        exif = Image.Exif()
        exif.load(raw)
    else:
        exif = image.getexif()
    value = exif.get(ORIENTATION_TAG, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def open_image(file) -> Image.Image:
    """Open a photo (a path or a binary file) lazily, header only, in one of ``PILLOW_FORMATS``.

    Pillow's own size check is off here: the limit is PHOTOS_MAX_PIXELS, which
    ``inspect`` checks from the header, before any pixel is decoded, and reports with
    the photo's size. Nothing else decodes a photo that ``inspect`` has not accepted.
    """
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(file, formats=PILLOW_FORMATS)
    finally:
        Image.MAX_IMAGE_PIXELS = limit


class HashMemo(JsonMemo):
    """The sha256 of photos seen by earlier builds, so an unchanged photo is not read again.

    An entry holds the file's size, inode, modification and change times (as git's index
    does): any write to the file changes its change time, so a stale hash is never used.
    It also holds what the photo's header said (stored size, EXIF orientation,
    transparency), so an unchanged photo is not opened either. Only the photos of the
    current build are saved back.
    """

    @staticmethod
    def _stamp(st: os.stat_result) -> list:
        return [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]

    def _entry(self, path: str, st: os.stat_result) -> list | None:
        entry = self.old.get(path)
        if isinstance(entry, list) and len(entry) in (2, 3) and entry[0] == self._stamp(st):
            return entry
        return None

    def get(self, path: str, st: os.stat_result) -> str | None:
        entry = self._entry(path, st)
        return entry[1] if entry else None

    def header(self, path: str, st: os.stat_result) -> tuple[int, int, int, bool] | None:
        """``(width, height, orientation, alpha)`` as stored, if remembered."""
        entry = self._entry(path, st)
        if entry and len(entry) == 3:
            found = entry[2]
            if (isinstance(found, list) and len(found) == 4
                    and all(isinstance(v, int) and not isinstance(v, bool) for v in found[:3])
                    and isinstance(found[3], bool)):
                return found[0], found[1], found[2], found[3]
        return None

    def put(self, path: str, st: os.stat_result, sha256: str,
            header: tuple[int, int, int, bool] | None = None) -> None:
        self.new[path] = [self._stamp(st), sha256] + ([list(header)] if header else [])


def inspect(path: str, name: str, max_pixels: int, memo: HashMemo | None = None) -> Source:
    """Hash and read the header of a photo; raise ``PhotoError`` when it is unusable."""
    try:
        st = os.stat(path)
        sha256 = memo.get(path, st) if memo else None
        data = None
        if sha256 is None:
            with open(path, "rb") as f:
                data = f.read()
            sha256 = hashlib.sha256(data).hexdigest()
    except OSError as error:
        raise _unreadable(error) from None
    if not st.st_size or data == b"":
        raise _empty()
    header = memo.header(path, st) if memo and data is None else None
    if header is None:
        header = read_header(io.BytesIO(data) if data is not None else path)
    width, height, orientation, alpha = header
    if width * height > max_pixels:
        raise _too_large(max_pixels, width, height)
    if orientation in SIDEWAYS:
        width, height = height, width
    if memo:
        memo.put(path, st, sha256, header)
    return Source(path=path, name=name, sha256=sha256,
                  width=width, height=height, orientation=orientation, alpha=alpha)


def read_header(file) -> tuple[int, int, int, bool]:
    """Width, height, EXIF orientation and transparency from the header of a photo (a path
    or a binary file); ``PhotoError`` when it is not a photo Pillow reads."""
    try:
        with open_image(file) as image:
            return (*image.size, _orientation(image), has_alpha(image))
    except Exception:  # noqa: BLE001 - Pillow's openers raise many kinds on damaged headers
        raise PhotoError(f"không phải ảnh {KINDS_VI} đọc được",
                         f"is not a readable {KINDS_EN} image") from None


def check_file(path: str, max_pixels: int) -> None:
    """Raise the ``PhotoError`` that ``inspect`` would, from the header (and, for a file
    that does not end as a whole one does, a decoding at an eighth of its size): no hashing
    and no cache (``invoke check``)."""
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise _unreadable(error) from None
    if not size:
        raise _empty()
    width, height, _, _ = read_header(path)
    if width * height > max_pixels:
        raise _too_large(max_pixels, width, height)
    if _cut_short(path):
        raise PhotoError("bị hỏng hoặc bị cắt cụt, hãy chép lại ảnh",
                         "is damaged or truncated; copy the photo again")


#: How a whole JPEG, PNG or GIF file ends (``.jfif``, ``.jpe``: JPEGs Windows named).
JPEG_END = b"\xff\xd9"
ENDINGS = {".jpg": JPEG_END, ".jpeg": JPEG_END, ".jfif": JPEG_END, ".jpe": JPEG_END,
           ".png": b"IEND\xaeB`\x82", ".gif": b"\x3b"}


def _cut_short(path: str) -> bool:
    """A JPEG, PNG or GIF whose copy stopped part-way (the header is whole, the picture not).
    Only a file that does not end as a whole one does is decoded to be sure (phones may
    write more after a JPEG's end): at an eighth of its size, a few milliseconds."""
    ending = ENDINGS.get(os.path.splitext(path)[1].lower())
    if ending is None:
        return False
    with open(path, "rb") as f:
        f.seek(max(0, os.fstat(f.fileno()).st_size - len(ending)))
        if f.read() == ending:
            return False
    try:
        with open_image(path) as image:
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except Exception:  # noqa: BLE001 - Pillow's decoders raise many kinds on a cut file
        return True
    return False


def _unreadable(error: OSError) -> PhotoError:
    return PhotoError(f"không đọc được ({error.strerror})", f"cannot be read ({error.strerror})")


def _empty() -> PhotoError:
    return PhotoError("rỗng (0 byte), hãy chép lại ảnh", "is an empty file (0 bytes); copy the photo again")


def has_alpha(image: Image.Image) -> bool:
    """True when the photo has transparency (its renditions are then PNG, not JPEG)."""
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _too_large(max_pixels: int, width: int, height: int) -> PhotoError:
    limit = f"{max_pixels / 1e6:g}"
    return PhotoError(
        f"quá lớn ({width}×{height}), tối đa {limit} triệu điểm ảnh; hãy thu nhỏ ảnh",
        f"is too large ({width}×{height}): at most {limit} megapixels (PHOTOS_MAX_PIXELS); "
        "make it smaller")


def locate(folder: str, name: str, outside: str) -> tuple[str, str | None]:
    """The photo ``name`` (as written by staff) is in ``folder``: its path relative to
    the folder, and what is wrong with it (None if nothing). ``outside`` is the message
    for a name leading out of the folder."""
    try:
        rel = resolve(folder, name)
    except OutsideFolder:
        return "", outside
    found = same_name(folder, rel)
    if found is None:
        hint = suggestion(folder, rel)
        vi_hint = f" (có phải '{hint}'?)" if hint else ""
        en_hint = f" (did you mean '{hint}'?)" if hint else ""
        if hint and re.search(r"[\s()'\"]", hint):
            # Markdown ends an address at a space or bracket, or reads a quote as the start
            # of a title: "Jerry's (2).jpg" became "Jerry's (2).jp".
            vi_hint += f"; tên có dấu cách, ngoặc hay nháy thì viết trong < >: ![Chú thích](<{hint}>)"
            en_hint += f"; write a name with spaces, brackets or quotes inside < >: ![Caption](<{hint}>)"
        return rel, (f"không có ảnh '{name}' trong thư mục bài viết{vi_hint} / "
                     f"there is no photo '{name}' in the post folder{en_hint}")
    if not is_photo_name(os.path.basename(found)):
        return found, (f"'{name}' không phải ảnh {KINDS_VI} / '{name}' is not a {KINDS_EN} photo")
    return found, None

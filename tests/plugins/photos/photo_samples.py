"""Photos for the photos plugin's tests, drawn with Pillow (no image files are committed).

Every photo has a red block in the top-left corner of the picture as people see it,
so a test can tell an upright rendition from a sideways or mirrored one.
"""

from __future__ import annotations

import io

from PIL import ExifTags, Image, ImageDraw

RED = (220, 20, 30)
BLUE = (30, 60, 200)
GREEN = (20, 160, 60)


def picture(size: tuple[int, int] = (2000, 1500), mode: str = "RGB") -> Image.Image:
    """An upright picture: blue, with a red block at the top left and green at the bottom right."""
    w, h = size
    image = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, max(1, w // 5), max(1, h // 5)), fill=RED)
    draw.rectangle((w - max(1, w // 5), h - max(1, h // 5), w, h), fill=GREEN)
    return image.convert(mode) if mode != "RGB" else image


def phone_exif(orientation: int = 6) -> Image.Exif:
    """EXIF as a phone writes it: orientation, camera, date and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.Base.Model] = "Galaxy A52"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = "2022:10:12 09:41:27"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 56.0, 5.4)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 48.0, 36.0)
    return exif


def jpeg(size: tuple[int, int] = (2000, 1500), quality: int = 85, **save) -> bytes:
    buffer = io.BytesIO()
    picture(size).save(buffer, "JPEG", quality=quality, **save)
    return buffer.getvalue()


def sideways_jpeg(size: tuple[int, int] = (2000, 1500)) -> bytes:
    """A ``size`` picture (as people see it) stored turned left, with EXIF Orientation 6
    (a viewer turns it 90° clockwise), camera data and GPS, as phones save photos."""
    stored = picture(size).transpose(Image.Transpose.ROTATE_90)
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=85, exif=phone_exif(6))
    return buffer.getvalue()


def png(size: tuple[int, int] = (800, 600), alpha: bool = True) -> bytes:
    """A PNG; with ``alpha`` its right half is transparent."""
    image = picture(size).convert("RGBA")
    if alpha:
        w, h = size
        mask = Image.new("L", size, 255)
        ImageDraw.Draw(mask).rectangle((w // 2, 0, w, h), fill=0)
        image.putalpha(mask)
    else:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def encoded(image: Image.Image, fmt: str, **save) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    data = jpeg((800, 600))
    return data[: len(data) // 2]


NOT_AN_IMAGE = b"Day khong phai la anh.\n" * 20

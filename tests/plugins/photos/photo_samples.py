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


# --- four corners: tells every turn and mirror apart ------------------------------------

YELLOW = (230, 200, 20)
GREY = (128, 128, 128)
#: The colour of each corner of the picture as people see it.
CORNERS = {"top-left": RED, "top-right": GREEN, "bottom-left": YELLOW, "bottom-right": BLUE}


def corners(size: tuple[int, int] = (96, 64), block: int = 4) -> Image.Image:
    """Grey, with a block of a different colour in each corner (1/``block`` of each side)."""
    w, h = size
    bw, bh = max(1, w // block), max(1, h // block)
    image = Image.new("RGB", size, GREY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, bw - 1, bh - 1), fill=CORNERS["top-left"])
    draw.rectangle((w - bw, 0, w - 1, bh - 1), fill=CORNERS["top-right"])
    draw.rectangle((0, h - bh, bw - 1, h - 1), fill=CORNERS["bottom-left"])
    draw.rectangle((w - bw, h - bh, w - 1, h - 1), fill=CORNERS["bottom-right"])
    return image


def corner_colours(image: Image.Image, inset: int = 2) -> dict[str, tuple]:
    """The colour near each corner of ``image``."""
    image = image.convert("RGB")
    w, h = image.size
    return {"top-left": image.getpixel((inset, inset)), "top-right": image.getpixel((w - 1 - inset, inset)),
            "bottom-left": image.getpixel((inset, h - 1 - inset)),
            "bottom-right": image.getpixel((w - 1 - inset, h - 1 - inset))}


def close_to(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour))


#: How a camera stores an upright picture for each EXIF Orientation (the viewer undoes it):
#: 6 = stored turned left (a viewer turns it right), 8 = turned right, 5 and 7 = mirrored
#: along a diagonal. ``oriented_jpeg`` checks the result against Pillow's exif_transpose.
STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def oriented_jpeg(orientation: int, size: tuple[int, int] = (96, 64)) -> bytes:
    """The ``corners`` picture stored as a camera with that EXIF Orientation stores it."""
    from PIL import ImageOps

    upright = corners(size)
    stored = upright.transpose(STORED[orientation]) if STORED[orientation] is not None else upright
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    data = encoded(stored, "JPEG", quality=95, exif=exif)
    shown = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    assert shown.size == size and all(
        close_to(corner_colours(shown)[k], v) for k, v in CORNERS.items()), "bad fixture"
    return data


# --- formats built by hand ---------------------------------------------------------------

def _png_chunk(kind: bytes, data: bytes) -> bytes:
    import struct
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_by_hand(width: int, height: int, depth: int, colour_type: int, idat: bytes) -> bytes:
    import struct

    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat)
            + _png_chunk(b"IEND", b""))


def png16(size: tuple[int, int] = (96, 64)) -> bytes:
    """The ``corners`` picture as a 16-bit-per-channel RGB PNG (Pillow writes none)."""
    import zlib

    image = corners(size)
    w, h = size
    raw = image.tobytes()
    rows = []
    for y in range(h):
        row = raw[y * w * 3:(y + 1) * w * 3]
        rows.append(b"\x00" + bytes(b for v in row for b in (v, v)))
    return png_by_hand(w, h, 16, 2, zlib.compress(b"".join(rows)))


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A PNG whose header claims ``width``×``height`` pixels, with a few bytes of data:
    decoding it would need gigabytes; reading the header needs none."""
    import zlib

    return png_by_hand(width, height, 8, 2, zlib.compress(b"\x00" * 64))


def _segment(marker: int, payload: bytes) -> bytes:
    import struct

    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


XMP_NS = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_PACKET = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="20,56.09N" '
              b'exif:GPSLongitude="106,48.6E"/></rdf:RDF></x:xmpmeta>')


def iptc_block() -> bytes:
    """A Photoshop APP13 block holding IPTC records: caption, city, photographer."""
    import struct

    records = b"".join(b"\x1c\x02" + bytes([tag]) + struct.pack(">H", len(value)) + value
                       for tag, value in ((120, b"Hoi nghi so ket"), (90, b"Ha Long"), (80, b"Nguyen Van Mot")))
    resource = b"8BIM" + b"\x04\x04" + b"\x00\x00" + struct.pack(">I", len(records)) + records
    if len(records) % 2:
        resource += b"\x00"
    return b"Photoshop 3.0\x00" + resource


def private_jpeg(size: tuple[int, int] = (640, 480)) -> bytes:
    """A phone photo carrying everything that must not be published: EXIF with camera
    and GPS, an XMP packet with GPS, IPTC (APP13) with names, a comment and an ICC profile."""
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(picture(size), "JPEG", quality=85, exif=phone_exif(1), icc_profile=srgb,
                   comment=b"Nguyen Van Mot, 0912345678")
    extra = _segment(0xE1, XMP_NS + XMP_PACKET) + _segment(0xED, iptc_block())
    return data[:2] + extra + data[2:]


#: What the bytes of a published rendition must never contain.
PRIVATE_MARKERS = (b"Exif", b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"8BIM", b"ICC_PROFILE",
                   b"Galaxy", b"Samsung", b"Nguyen", b"Ha Long", b"GPS", b"XMP ", b"ICCP", b"iCCP",
                   b"eXIf", b"tEXt", b"iTXt", b"zTXt")


def gif(size: tuple[int, int] = (96, 64), transparent: bool = False) -> bytes:
    """An animated GIF: the ``corners`` picture, then a black frame (only the first is used)."""
    first = corners(size).convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    second = Image.new("P", size, 0)
    second.putpalette(first.getpalette())
    save = {"save_all": True, "append_images": [second], "duration": 500, "loop": 0}
    if transparent:
        save["transparency"] = first.getpixel((size[0] // 2, size[1] // 2))  # the grey middle
    return encoded(first, "GIF", **save)


def heic(size: tuple[int, int] = (128, 96), orientation: int = 1) -> bytes:
    """The ``corners`` picture as HEIC (pillow_heif's encoder), stored as a camera with
    that EXIF Orientation stores it."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    upright = corners(size)
    stored = upright.transpose(STORED[orientation]) if STORED[orientation] is not None else upright
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    return encoded(stored, "HEIF", quality=90, exif=exif.tobytes())

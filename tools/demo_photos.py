#!/usr/bin/env python3
"""Draw the demo photos for the content/ tree.

Every photo is an abstract scene (classroom, field, group photo, building)
drawn with Pillow from flat shapes and smooth gradients, so the files stay
small and contain no text. The output is deterministic: running the script
again produces byte-identical files.

One photo imitates a phone picture (pixels stored sideways, EXIF
Orientation = 6, GPS position in Quảng Ninh, camera make/model) and one is a
PNG poster with transparency.

Usage: python tools/demo_photos.py
"""

import colorsys
import random
from pathlib import Path

from PIL import Image, ImageDraw, ExifTags

CONTENT = Path(__file__).resolve().parent.parent / "content"
SEED = 2018
SS = 2  # supersampling factor: draw large, then downscale for smooth edges
LANDSCAPE = (1600, 1200)
PORTRAIT = (1200, 1600)

SKIN = [(241, 200, 170), (224, 180, 146), (198, 150, 112), (232, 190, 160)]
HAIR = [(34, 28, 26), (52, 40, 34), (70, 56, 48), (120, 120, 124)]
RED = (196, 30, 36)


def hls(h, l, s):
    """Colour from hue (any float, wraps), lightness and saturation."""
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(h % 1.0, l, s))


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def gradient(draw, box, top, bottom):
    """Vertical gradient filling box = (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / span))


def person(draw, rng, cx, base, size, shirts, seated=False):
    """A person seen from the front or back: body, head, hair."""
    body_h = size * (1.1 if seated else 2.2)
    body_w = size * 1.3
    shirt = rng.choice(shirts)
    draw.rounded_rectangle(
        [cx - body_w / 2, base - body_h, cx + body_w / 2, base],
        radius=size * 0.45, fill=shirt)
    r = size * 0.42
    hy = base - body_h - r * 0.8
    draw.ellipse([cx - r, hy - r, cx + r, hy + r], fill=rng.choice(SKIN))
    draw.pieslice([cx - r, hy - r, cx + r, hy + r], 180, 360,
                  fill=rng.choice(HAIR))


def classroom(img, rng, hue, variant):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    horizon = int(h * 0.55)
    wall = hls(hue, 0.80, 0.35)
    gradient(draw, (0, 0, w, horizon), mix(wall, (255, 255, 255), 0.25), wall)
    gradient(draw, (0, horizon, w, h), hls(hue + 0.08, 0.42, 0.25),
             hls(hue + 0.08, 0.58, 0.22))
    # windows on both side walls
    for side in (0, 1):
        for i in range(2):
            x = w * (0.04 + 0.1 * i) if side == 0 else w * (0.86 - 0.1 * i)
            draw.rectangle([x, h * 0.12, x + w * 0.08, h * 0.42],
                           fill=hls(hue + 0.5, 0.88, 0.45),
                           outline=mix(wall, (0, 0, 0), 0.3), width=SS * 6)
    # banner strip and board (or projection screen)
    banner = RED if variant == "hall" else hls(hue + 0.5, 0.40, 0.55)
    draw.rectangle([w * 0.22, h * 0.05, w * 0.78, h * 0.11], fill=banner)
    if variant == "screen":
        draw.rectangle([w * 0.3, h * 0.14, w * 0.7, h * 0.44],
                       fill=(236, 240, 244), outline=(70, 70, 80), width=SS * 8)
        draw.rectangle([w * 0.34, h * 0.19, w * 0.66, h * 0.25],
                       fill=hls(hue + 0.5, 0.55, 0.5))
    else:
        draw.rectangle([w * 0.28, h * 0.14, w * 0.72, h * 0.44],
                       fill=hls(hue + 0.35, 0.22, 0.30),
                       outline=(120, 90, 60), width=SS * 10)
    if variant == "hall":  # presidium table with a red cloth
        draw.rectangle([w * 0.25, h * 0.46, w * 0.75, h * 0.56], fill=RED)
        for i in range(5):
            person(draw, rng, w * (0.3 + 0.1 * i), h * 0.47, h * 0.035,
                   [(250, 250, 250), (40, 50, 80)], seated=True)
    else:  # the lecturer beside the board
        person(draw, rng, w * 0.78, h * 0.58, h * 0.05,
               [(245, 245, 245), hls(hue + 0.6, 0.35, 0.4)])
    # rows of desks with participants, far rows first
    shirts = [(248, 248, 248), hls(hue + 0.55, 0.45, 0.45),
              hls(hue + 0.15, 0.55, 0.4), (60, 70, 90)]
    desk = (150, 105, 70)
    rows = 5
    for r in range(rows):
        t = (r + 1) / rows
        y = horizon + (h - horizon) * (t ** 1.3) * 0.95
        scale = 0.35 + 0.65 * t
        per_side = 3
        for side in (-1, 1):
            for i in range(per_side):
                cx = w / 2 + side * (w * 0.08 + i * w * 0.14) * (0.6 + 0.55 * t)
                dw = w * 0.11 * scale
                person(draw, rng, cx, y - h * 0.01 * scale, h * 0.05 * scale,
                       shirts, seated=True)
                draw.rectangle([cx - dw / 2, y - h * 0.02 * scale,
                                cx + dw / 2, y + h * 0.03 * scale], fill=desk)
                if variant == "screen":  # laptops
                    draw.rectangle([cx - dw / 4, y - h * 0.05 * scale,
                                    cx + dw / 4, y - h * 0.02 * scale],
                                   fill=(45, 48, 56))


def field(img, rng, hue, variant):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    horizon = int(h * (0.45 if w > h else 0.35))
    gradient(draw, (0, 0, w, horizon), hls(hue, 0.50, 0.60),
             hls(hue + 0.05, 0.85, 0.55))
    sun = (w * rng.uniform(0.6, 0.85), horizon * 0.35)
    draw.ellipse([sun[0] - w * 0.05, sun[1] - w * 0.05,
                  sun[0] + w * 0.05, sun[1] + w * 0.05], fill=(255, 244, 210))
    # two layers of hills
    for layer, (light, amp) in enumerate(((0.45, 0.12), (0.33, 0.07))):
        pts = [(0, horizon)]
        phase = rng.uniform(0, 6)
        for i in range(13):
            x = w * i / 12
            bump = abs(((i + phase) % 4) - 2) / 2
            pts.append((x, horizon - h * amp * (0.4 + 0.6 * bump)))
        pts.append((w, horizon))
        draw.polygon(pts, fill=hls(0.3 + 0.05 * layer, light, 0.25))
    # fields in converging bands
    vx = w / 2
    bands = 14
    green = hls(0.27 + 0.04 * rng.random(), 0.40, 0.50)
    soil = (128, 92, 62)
    gradient(draw, (0, horizon, w, h), hls(0.25, 0.36, 0.30), soil)
    for b in range(bands):
        x0 = vx + (b / bands - 0.5) * w * 3.2
        x1 = vx + ((b + 1) / bands - 0.5) * w * 3.2
        colour = soil if b % 2 else mix(soil, (0, 0, 0), 0.12)
        draw.polygon([(vx + (x0 - vx) * 0.05, horizon),
                      (vx + (x1 - vx) * 0.05, horizon), (x1, h), (x0, h)],
                     fill=colour)
    # rows of plants along the band edges
    for b in range(1, bands, 2):
        xb = vx + (b / bands - 0.5) * w * 3.2
        for k in range(1, 26):
            t = (k / 25) ** 1.6
            x = vx + (xb - vx) * (0.05 + 0.95 * t)
            y = horizon + (h - horizon) * t
            r = 2 * SS + w * 0.018 * t
            draw.ellipse([x - r * 1.4, y - r, x + r * 1.4, y + r * 0.6],
                         fill=mix(green, (255, 255, 255), 0.15 * (k % 2)))
    # a small farm hut on the horizon
    hx = w * rng.uniform(0.15, 0.35)
    draw.rectangle([hx, horizon - h * 0.04, hx + w * 0.06, horizon],
                   fill=(226, 214, 190))
    draw.polygon([(hx - w * 0.01, horizon - h * 0.04),
                  (hx + w * 0.03, horizon - h * 0.07),
                  (hx + w * 0.07, horizon - h * 0.04)], fill=(150, 60, 40))


def group(img, rng, hue, variant):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    floor = int(h * 0.78)
    if variant == "outdoor":
        gradient(draw, (0, 0, w, floor), hls(hue, 0.55, 0.55),
                 hls(hue, 0.85, 0.45))
        draw.rectangle([0, floor - h * 0.22, w, floor], fill=hls(0.3, 0.38, 0.35))
        gradient(draw, (0, floor, w, h), hls(0.28, 0.42, 0.40),
                 hls(0.25, 0.50, 0.40))
    else:
        backdrop = hls(hue, 0.45, 0.55)
        gradient(draw, (0, 0, w, floor), mix(backdrop, (255, 255, 255), 0.2),
                 backdrop)
        draw.rectangle([w * 0.1, h * 0.08, w * 0.9, h * 0.2],
                       fill=mix(backdrop, (255, 255, 255), 0.75))
        gradient(draw, (0, floor, w, h), hls(hue + 0.1, 0.30, 0.20),
                 hls(hue + 0.1, 0.40, 0.20))
    shirts = [(250, 250, 250), hls(hue + 0.5, 0.45, 0.55),
              hls(hue + 0.3, 0.50, 0.45), (50, 60, 85), (240, 225, 170)]
    rows = (("back", 9, 0.62, 0.055), ("front", 8, 0.80, 0.065))
    for name, count, base, size in rows:
        for i in range(count):
            cx = w * (0.1 + 0.8 * (i + (0.5 if name == "front" else 0)) /
                      (count - (0 if name == "front" else 1)))
            cx += rng.uniform(-0.01, 0.01) * w
            person(draw, rng, cx, h * base, h * size, shirts)
            if name == "front" and variant == "ceremony" and i % 3 == 1:
                for _ in range(6):  # a bouquet of flowers
                    fx = cx + rng.uniform(-0.02, 0.02) * w
                    fy = h * (base - 0.1) + rng.uniform(-0.02, 0.02) * h
                    r = h * 0.012
                    draw.ellipse([fx - r, fy - r, fx + r, fy + r],
                                 fill=rng.choice([(240, 80, 110), (250, 200, 60),
                                                  (255, 255, 255)]))


def building(img, rng, hue, variant):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    ground = int(h * 0.8)
    gradient(draw, (0, 0, w, ground), hls(0.58, 0.55, 0.50),
             hls(0.56, 0.85, 0.45))
    facade = hls(hue, 0.70, 0.65)
    bx0, bx1, by0 = w * 0.18, w * 0.82, h * 0.25
    draw.rectangle([bx0, by0, bx1, ground], fill=facade)
    draw.polygon([(bx0 - w * 0.02, by0), (w / 2, h * 0.15),
                  (bx1 + w * 0.02, by0)], fill=(150, 70, 50))
    for floor in range(3):
        for col in range(8):
            x = bx0 + (bx1 - bx0) * (0.06 + col * 0.115)
            y = by0 + (ground - by0) * (0.1 + floor * 0.28)
            draw.rectangle([x, y, x + w * 0.04, y + h * 0.08],
                           fill=hls(0.55, 0.35, 0.35),
                           outline=(250, 250, 245), width=SS * 4)
    draw.rectangle([w * 0.46, ground - h * 0.14, w * 0.54, ground],
                   fill=(90, 60, 40))
    # flagpole with a red flag
    draw.rectangle([w * 0.9, h * 0.2, w * 0.9 + SS * 5, ground], fill=(200, 200, 205))
    draw.rectangle([w * 0.9 + SS * 5, h * 0.2, w * 0.97, h * 0.26], fill=RED)
    gradient(draw, (0, ground, w, h), (190, 186, 176), (160, 156, 148))
    # trees; in the Tết variant a peach tree in blossom
    for tx in (w * 0.07, w * 0.93):
        draw.rectangle([tx - w * 0.008, ground - h * 0.15, tx + w * 0.008, ground],
                       fill=(90, 60, 40))
        for _ in range(14):
            x = tx + rng.uniform(-0.06, 0.06) * w
            y = ground - h * 0.2 + rng.uniform(-0.07, 0.05) * h
            r = w * rng.uniform(0.025, 0.04)
            colour = ((236, 120, 160) if variant == "tet"
                      else hls(0.3, rng.uniform(0.3, 0.4), 0.45))
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def poster(size, hue):
    """A course poster with a transparent margin and a soft shadow."""
    w, h = size[0] * SS, size[1] * SS
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    m = 40 * SS
    draw.rounded_rectangle([m + 14 * SS, m + 14 * SS, w - m + 14 * SS, h - m + 14 * SS],
                           radius=40 * SS, fill=(0, 0, 0, 70))
    draw.rounded_rectangle([m, m, w - m, h - m], radius=40 * SS,
                           fill=hls(hue, 0.30, 0.60) + (255,))
    draw.ellipse([w * 0.55, -h * 0.2, w * 1.1, h * 0.7],
                 fill=hls(hue + 0.08, 0.45, 0.60) + (255,))
    draw.ellipse([w * 0.68, h * 0.35, w * 0.98, h * 0.85],
                 fill=(250, 200, 60, 230))
    # bars standing in for a title and lines of text
    draw.rounded_rectangle([w * 0.1, h * 0.18, w * 0.55, h * 0.28],
                           radius=20 * SS, fill=(255, 255, 255, 255))
    for i, length in enumerate((0.42, 0.36, 0.40, 0.30)):
        y = h * (0.40 + 0.1 * i)
        draw.ellipse([w * 0.1, y, w * 0.1 + h * 0.05, y + h * 0.05],
                     fill=(250, 200, 60, 255))
        draw.rounded_rectangle([w * 0.16, y + h * 0.01, w * (0.16 + length),
                                y + h * 0.04], radius=10 * SS,
                               fill=(255, 255, 255, 200))
    # a hole in the card, to show the transparency
    draw.ellipse([w * 0.8, h * 0.08, w * 0.86, h * 0.08 + w * 0.06],
                 fill=(0, 0, 0, 0))
    return img.resize(size, Image.Resampling.LANCZOS)


def phone_exif():
    """EXIF of a phone picture: rotated, with camera model and GPS (Quảng Yên)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.Base.Model] = "Galaxy A52"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.DateTime] = "2022:10:12 09:41:27"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 56.0, 5.4)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 48.0, 36.0)
    return exif


SCENES = {"classroom": classroom, "field": field, "group": group,
          "building": building}

# (post folder, file name, scene, variant, hue, size)
PHOTOS = [
    ("dao-tao/khai-giang/boi-duong-can-bo-htx-dong-trieu-quang-yen-2018",
     "lop-hoc-dong-trieu.jpg", "classroom", "board", 0.58, LANDSCAPE),
    ("dao-tao/khai-giang/boi-duong-can-bo-htx-dong-trieu-quang-yen-2018",
     "hoc-vien-thao-luan.jpg", "group", "indoor", 0.08, LANDSCAPE),
    ("dao-tao/khai-giang/boi-duong-can-bo-htx-dong-trieu-quang-yen-2018",
     "lop-hoc-quang-yen.jpg", "classroom", "board", 0.33, LANDSCAPE),
    ("dao-tao/tap-huan/quan-tri-san-xuat-htx-nong-nghiep-ha-tinh",
     "toan-canh-lop-tap-huan.jpg", "classroom", "screen", 0.14, LANDSCAPE),
    ("dao-tao/tap-huan/quan-tri-san-xuat-htx-nong-nghiep-ha-tinh",
     "hoc-vien-chia-se.jpg", "group", "indoor", 0.75, LANDSCAPE),
    ("dao-tao/tap-huan/quan-tri-san-xuat-htx-nong-nghiep-ha-tinh",
     "giang-vien-huong-dan.jpg", "classroom", "board", 0.95, PORTRAIT),
    ("tin-tuc/thong-bao/lich-nghi-tet-ky-hoi-2019",
     "khuon-vien-nha-truong.jpg", "building", "tet", 0.13, LANDSCAPE),
    ("tin-tuc/tin-hoat-dong/tong-ket-cong-tac-dao-tao-nam-2019",
     "hoi-truong-tong-ket.jpg", "classroom", "hall", 0.10, LANDSCAPE),
    ("tin-tuc/tin-hoat-dong/tong-ket-cong-tac-dao-tao-nam-2019",
     "khen-thuong-tap-the-ca-nhan.jpg", "group", "ceremony", 0.0, LANDSCAPE),
    ("tin-tuc/tin-hoat-dong/khao-sat-mo-hinh-htx-tai-quang-ninh",
     "canh-dong-rau-quang-yen.jpg", "field", "vegetables", 0.57, LANDSCAPE),
    ("tin-tuc/tin-hoat-dong/khao-sat-mo-hinh-htx-tai-quang-ninh",
     "luong-rau-vietgap.jpg", "field", "phone", 0.52, PORTRAIT),
    ("tin-tuc/tin-hoat-dong/khao-sat-mo-hinh-htx-tai-quang-ninh",
     "doan-cong-tac.jpg", "group", "outdoor", 0.55, LANDSCAPE),
    ("dao-tao/khai-giang/khai-giang-lop-chuyen-doi-so-cho-htx",
     "lop-chuyen-doi-so.jpg", "classroom", "screen", 0.50, LANDSCAPE),
    ("dao-tao/tap-huan/tap-huan-luat-hop-tac-xa-2023",
     "giang-vien-trinh-bay.jpg", "classroom", "screen", 0.80, LANDSCAPE),
    ("dao-tao/tap-huan/tap-huan-luat-hop-tac-xa-2023",
     "hoc-vien-dat-cau-hoi.jpg", "group", "indoor", 0.45, LANDSCAPE),
    ("tin-tuc/tin-hoat-dong/be-giang-lop-boi-duong-giam-doc-htx-khoa-2025",
     "anh-luu-niem-be-giang.jpg", "group", "ceremony", 0.62, LANDSCAPE),
    ("tin-tuc/tin-hoat-dong/be-giang-lop-boi-duong-giam-doc-htx-khoa-2025",
     "bao-ve-de-an.jpg", "classroom", "screen", 0.03, LANDSCAPE),
]

POSTER = ("tin-tuc/thong-bao/huong-dan-dang-ky-khoa-hoc",
          "ap-phich-khoa-hoc.png", 0.60, (1200, 800))


def render(scene, variant, hue, size, rng):
    big = Image.new("RGB", (size[0] * SS, size[1] * SS))
    SCENES[scene](big, rng, hue, variant)
    return big.resize(size, Image.Resampling.LANCZOS)


def main():
    written = []
    for folder, name, scene, variant, hue, size in PHOTOS:
        rng = random.Random(f"{SEED}:{name}")
        img = render(scene, variant, hue, size, rng)
        path = CONTENT / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if variant == "phone":
            # stored sideways; a viewer rotates it 90° clockwise (Orientation 6)
            img = img.transpose(Image.Transpose.ROTATE_90)
            img.save(path, "JPEG", quality=80, optimize=True, exif=phone_exif())
        else:
            img.save(path, "JPEG", quality=80, optimize=True)
        written.append(path)

    folder, name, hue, size = POSTER
    path = CONTENT / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    poster(size, hue).save(path, "PNG", optimize=True)
    written.append(path)

    total = sum(p.stat().st_size for p in written)
    for p in written:
        print(f"{p.stat().st_size // 1024:5d} KB  {p.relative_to(CONTENT)}")
    print(f"{total // 1024:5d} KB  total, {len(written)} files")


if __name__ == "__main__":
    main()

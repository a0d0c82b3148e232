"""What a reader downloads for one post's gallery, by screen: ``python -m bench.gallery_bytes``.

Builds a one-post site whose text shows no photo, so every photo of ``--photos DIR`` (the
first ``--count``, in name order) is in the gallery, with the project's settings (and any
``-e KEY=JSON`` overrides), serves it on 127.0.0.1 and opens the post in Debian's
Chromium at each ``--screens`` entry (``WIDTHxHEIGHT@DPR``, a phone held upright), as a
phone (touch, mobile viewport). The page is scrolled to its end, so every lazy
thumbnail is asked for, and the bytes of every image response are added up: the
thumbnails (``-thumb`` files) apart, then all images (the theme's icons too).

The photos should be photographs (the bench corpus's drawn ones compress unlike any
camera's). Nothing is timed: the numbers are bytes, the same on every run.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POST = "tin-tuc/thu-vien-anh"
PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".heic"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def write_site(content: Path, photos: list[Path]) -> None:
    (content / "tin-tuc").mkdir(parents=True)
    (content / "tin-tuc" / "_index.vi.md").write_text("Title: Tin tức\n", encoding="utf-8")
    folder = content / POST
    folder.mkdir(parents=True)
    (folder / "index.vi.md").write_text(
        "Title: Ảnh lớp học\nDate: 2024-05-01\n\nẢnh của lớp học, xem bên dưới.\n", encoding="utf-8")
    for number, photo in enumerate(photos, start=1):
        shutil.copyfile(photo, folder / f"anh-{number:02d}{photo.suffix.lower()}")


def build(base: Path, photos: list[Path], overrides: list[str]) -> Path:
    content, output = base / "content", base / "output"
    write_site(content, photos)
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
           "-o", str(output), "-e", f"CACHE_PATH={json.dumps(str(base / 'cache'))}", *overrides]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return output


def measure(url: str, screens: list[tuple[int, int, float]]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for width, height, dpr in screens:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=dpr, is_mobile=True, has_touch=True)
            page = context.new_page()
            images: dict[str, int] = {}
            every: dict[str, int] = {}

            def seen(response, images=images, every=every):
                if response.ok:
                    every[response.url] = len(response.body())
                    if response.request.resource_type == "image":
                        images[response.url.split("?", 1)[0]] = every[response.url]

            page.on("response", seen)
            page.goto(f"{url}/{POST}/", wait_until="networkidle")
            page.evaluate("""async () => { for (let y = 0; y < document.body.scrollHeight; y += 300) {
                window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } }""")
            page.wait_for_function("[...document.querySelectorAll('.gallery img')]"
                                   ".every(i => i.complete && i.naturalWidth > 0)")
            page.wait_for_load_state("networkidle")
            chosen = sorted({os.path.basename(src.split("?", 1)[0]).split("-", 2)[-1] for src in page.evaluate(
                "[...document.querySelectorAll('.gallery img')].map(i => i.currentSrc)")})
            context.close()
            thumbs = {u: n for u, n in images.items() if "-thumb" in u}
            rows.append({"screen": f"{width}x{height}@{dpr:g}", "thumbs": len(thumbs),
                         "thumb_bytes": sum(thumbs.values()), "images": len(images),
                         "image_bytes": sum(images.values()), "page_bytes": sum(every.values()),
                         "chosen": chosen})
        browser.close()
    return rows


def parse_screen(text: str) -> tuple[int, int, float]:
    size, _, dpr = text.partition("@")
    width, _, height = size.partition("x")
    return int(width), int(height), float(dpr or 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", required=True, type=Path, help="a folder of photographs")
    parser.add_argument("--count", type=int, default=12, help="photos in the gallery (12)")
    parser.add_argument("--screens", default="360x740@1,360x740@2,360x740@3,393x852@3,412x915@2.625",
                        help="WIDTHxHEIGHT@DPR, comma-separated")
    parser.add_argument("-e", dest="overrides", action="append", default=[], metavar="KEY=JSON",
                        help="a setting for the build, as pelican -e takes it")
    parser.add_argument("--keep", type=Path, help="build here and keep the site")
    args = parser.parse_args(argv)
    photos = sorted(p for p in args.photos.iterdir() if p.suffix.lower() in PHOTO_EXTENSIONS)[:args.count]
    base = args.keep or Path(tempfile.mkdtemp(prefix="gallery-bytes-"))
    try:
        output = build(base, photos, args.overrides)
        handler = functools.partial(Quiet, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            rows = measure(f"http://127.0.0.1:{server.server_address[1]}", [parse_screen(s) for s in args.screens.split(",")])
        finally:
            server.shutdown()
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(f"{len(photos)} photos; bytes of image responses, the page scrolled to its end")
    print(f"{'screen':<18} {'thumbnails':>22} {'all images':>22} {'whole page':>12}  thumbnail files shown")
    for row in rows:
        print(f"{row['screen']:<18} {row['thumbs']:>3} files {row['thumb_bytes'] / 1024:>8.1f} KiB"
              f" {row['images']:>3} files {row['image_bytes'] / 1024:>8.1f} KiB"
              f" {row['page_bytes'] / 1024:>8.1f} KiB  {', '.join(row['chosen'])}")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


if __name__ == "__main__":
    main()

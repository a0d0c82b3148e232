"""Post folders in the content format: ``index.vi.md``, the photos, ``captions.vi.txt``.

A folder is assembled beside its final place and moved in when complete, so a failed
run leaves no half-written post. Output depends only on the page: no times, no
random names, so importing the same page twice gives byte-identical files.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from PIL import Image

from .photos import SITE_FORMATS
from .post import Post

INDEX = "index.vi.md"
CAPTIONS = "captions.vi.txt"
# Files of other languages (a translation added by hand) survive --force.
_OTHER_LANGUAGE = re.compile(r"^(index\.(?!vi\.)[^.]+\.md|captions\.(?!vi\.)[^.]+\.txt)$")


def render_index(post: Post) -> str:
    head = [f"Title: {post.title}", f"Date: {post.date}"]
    if post.author:
        head.append(f"Author: {post.author}")
    if post.alias:
        head.append(f"Aliases: {post.alias}")
    return "\n".join(head) + "\n\n" + post.body


def render_captions(post: Post) -> str | None:
    lines = [f"{p.name}: {' '.join(p.caption.split())}" for p in post.gallery if p.caption]
    return "\n".join(lines) + "\n" if lines else None


#: The files that name a section, in the site's languages (the build needs the first;
#: check asks for the second).
SECTION_NAMES = ("_index.vi.md", "_index.en.md")


def missing_section_names(dest: Path, section: str) -> dict[str, tuple[str, ...]]:
    """Section folders on the way to the post, each with the ``SECTION_NAMES`` it lacks
    (the summary named ``_index.vi.md`` alone, and check then asked for the English)."""
    parts = section.split("/")
    folders = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    missing = {f: tuple(name for name in SECTION_NAMES if not (dest / f / name).is_file()) for f in folders}
    return {folder: names for folder, names in missing.items() if names}


def write_post(post: Post, dest: Path) -> Path:
    """Write the post folder (replacing what an earlier import wrote there)."""
    target = dest / post.section / post.slug
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{post.slug}.", dir=target.parent))
    mask = os.umask(0o022)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)  # (mkdtemp's is private, 0700, unlike every other folder)
    try:
        (staging / INDEX).write_bytes(render_index(post).encode("utf-8"))
        captions = render_captions(post)
        if captions:
            (staging / CAPTIONS).write_bytes(captions.encode("utf-8"))
        for photo in post.photos:
            copy_photo(photo.source, staging / photo.name)
        if target.exists():
            for old in target.iterdir():
                if old.is_file() and not _OTHER_LANGUAGE.match(old.name):
                    old.unlink()
            for new in sorted(staging.iterdir()):
                new.replace(target / new.name)
        else:
            staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def copy_photo(source: Path, target: Path) -> None:
    """Copy the bytes; formats the site does not take (GIF, BMP, TIFF) become PNG."""
    if source.suffix.lower() in SITE_FORMATS and target.suffix == source.suffix.lower():
        shutil.copyfile(source, target)
        return
    with Image.open(source) as image:
        image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info
                      else "RGB").save(target, "PNG")

"""Building fixture sites for the photos plugin's tests, reading their logs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Site

COUNTS = re.compile(r"photos: (\d+) renditions encoded, (\d+) from cache")
BY_FORMAT = re.compile(r"photos: encoded ([^\n]*?)\s{2,}")


def pelican_command(content: Path, output: Path, cache: Path, **settings) -> list[str]:
    overrides = {"CACHE_PATH": str(cache), **settings}  # no photo depends on the day
    return [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
            "-o", str(output), "--fatal", "warnings", "-v",
            "-e", *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]]


def pelican(content: Path, output: Path, cache: Path, **settings) -> Site:
    """Like conftest.build_site, with ``-v`` so the INFO log lines show; must succeed."""
    result = subprocess.run(pelican_command(content, output, cache, **settings), cwd=ROOT,
                            capture_output=True, text=True,
                            env={"COLUMNS": "400", "PATH": "/usr/bin:/bin", "HOME": str(cache.parent)})
    site = Site(content.parent, output, result)
    assert result.returncode == 0, site.log
    return site


def counts(site: Site) -> tuple[int, int]:
    """(renditions encoded, renditions from the cache), from the build's log."""
    match = COUNTS.search(site.log)
    assert match, site.log
    return int(match[1]), int(match[2])


def encoded_by_format(site: Site) -> dict[str, int]:
    """``{"jpg": 3, "webp": 3}`` from the log line ``photos: encoded 3 jpg, 3 webp``."""
    match = BY_FORMAT.search(site.log + "  ")
    if not match:
        return {}
    return {ext: int(n) for n, ext in (part.split() for part in match[1].split(", "))}


def error_lines(site: Site) -> list[str]:
    """The message of every ERROR line of the log, without the time and the logger's place."""
    lines = []
    for line in site.log.splitlines():
        if "ERROR" in line:
            message = line.split("ERROR", 1)[1].strip()
            lines.append(re.sub(r"\s{2,}\S+\.py:\d+$", "", message))
    return lines


SECTION = "tin-tuc/tin-hoat-dong"


def one_post_site(body: str = "Nội dung.", en_body: str | None = None, photos: dict | None = None,
                  slug: str = "bai") -> dict:
    """A section and one post, ``<SECTION>/<slug>``; ``photos`` maps file names in its
    folder to their bytes."""
    from conftest import post_files, section_files

    files = section_files("tin-tuc", "Tin tức", "News") | section_files(SECTION, "Tin hoạt động", "School news")
    en = {"Title": "Post", "Date": "2024-01-01", "body": en_body} if en_body else None
    files |= post_files(f"{SECTION}/{slug}", {"Title": "Bài", "Date": "2024-01-01", "body": body}, en)
    files |= {f"{SECTION}/{slug}/{name}": data for name, data in (photos or {}).items()}
    return files

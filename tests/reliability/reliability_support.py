"""Helpers of the reliability tests: fingerprints of an output tree, a site with photos,
hostile strings, and builds that run with a test-only plugin."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import time
from pathlib import Path

from conftest import ROOT, TODAY, post_files, small_site

#: tests/reliability/plugins: plugins that exist only for these tests.
TEST_PLUGINS = Path(__file__).resolve().parent / "plugins"


def fingerprint(root: Path) -> dict[str, str]:
    """Every file (sha256 of its bytes), folder and link under ``root``, by relative path."""
    found: dict[str, str] = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel + "/"] = "dir"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def leftovers(output: Path) -> list[str]:
    """What builds left beside ``output`` (their temporary folders), once the replaced
    site has been emptied in the background; not the spare folder that leaves for the
    next build to start in (``SAFE_OUTPUT_REMOVE_OLD = "background"``, pelicanconf.py)."""
    def found() -> list[str]:
        return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}."))

    deadline = time.monotonic() + 60
    while any(".emptying-" in name for name in found()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [name for name in found() if not name.startswith(f".{output.name}.spare-")]


def jpeg(size=(900, 600), colour=(40, 90, 160)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def site_with_photos() -> dict[str, str | bytes]:
    """The small fixture site plus a post with an inline photo and a captioned gallery."""
    files = small_site()
    folder = "tin-tuc/tin-hoat-dong/anh-hoat-dong"
    files |= post_files(folder, {"Title": "Ảnh hoạt động", "Date": "2019-05-05 10:00",
                                 "body": "Lớp học.\n\n![Toàn cảnh lớp học](lop-hoc.jpg)\n"})
    files[f"{folder}/lop-hoc.jpg"] = jpeg()
    files[f"{folder}/thao-luan.jpg"] = jpeg((600, 900), (160, 90, 40))
    files[f"{folder}/captions.vi.txt"] = "thao-luan.jpg: Học viên thảo luận\n"
    return files


def plugins_with(*extra: str) -> list[str]:
    """``PLUGINS`` of pelicanconf.py plus test-only plugins at the end."""
    sys.path.insert(0, str(ROOT))
    import importlib

    conf = importlib.import_module("pelicanconf")
    return list(conf.PLUGINS) + list(extra)


def pelican_command(content: Path, output: Path, cache: Path, **settings) -> list[str]:
    """The command ``run_pelican`` runs (``--fatal warnings``), for builds run by hand."""
    overrides = {"CACHE_PATH": str(cache), "SITE_TODAY": TODAY, **settings}
    return [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
            "-o", str(output), "--fatal", "warnings",
            "-e", *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]]


def pelican_env(home: Path) -> dict[str, str]:
    return {"COLUMNS": "400", "PATH": "/usr/bin:/bin", "HOME": str(home)}


def error_lines(log: str) -> list[str]:
    """The ERROR lines of a build's log, without Pelican's time stamp and source column."""
    lines = []
    for line in log.splitlines():
        if "ERROR" in line:
            text = line.split("ERROR", 1)[1].strip()
            lines.append(re.sub(r"\s+\S+\.py:\d+$", "", text))
    return lines

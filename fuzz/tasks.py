"""``invoke fuzz --minutes N``: hostile and broken content, at random, for N minutes.

Runs the properties of ``fuzz/properties.py`` with Hypothesis in rounds until the time
is up: mostly whole Pelican builds of random content folders (each one a real
``pelican ... --fatal warnings`` run), and between them thousands of quick in-process
runs of the reader, the metadata checks, captions and text cleaning. Failures are
printed with the smallest example Hypothesis found and kept in ``cache/hypothesis``, so
the next run (and ``--replay``) tries them first. Exit status 1 if anything failed.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parents[1]


def targets():
    from hypothesis import strategies as st

    from . import properties, strategies

    header_lines = st.lists(st.one_of(strategies.one_line(), st.sampled_from(
        ["Title: x", "Date: 2020-01-01", "", "    more", "Date: 05/07/2020"])), max_size=8)
    reader_input = st.one_of(st.binary(max_size=400), strategies.hostile_text(20).map(
        lambda t: t.encode("utf-8")), strategies.content_folder().map(
        lambda files: next((v for k, v in sorted(files.items()) if k.endswith(".md")), "").encode("utf-8")))
    # (name, strategy, check, examples per round, shrink a failure?) -- shrinking a
    # failing build takes one Pelican run per step, often longer than the whole fuzz:
    # its example is printed as found (and kept in the database) instead.
    return [
        ("build", strategies.content_folder(), properties.check_build, 6, False),
        ("reader", reader_input, properties.check_reader, 300, True),
        ("metadata", header_lines.map("\n".join), properties.check_header_text, 200, True),
        ("captions", strategies.hostile_text(12).map(lambda t: "anh.jpg: " + t), properties.check_captions, 200, True),
        ("summary", strategies.hostile_text(12), properties.check_plain_summary, 500, True),
        ("cleaning", strategies.hostile_text(12), properties.check_clean_text, 500, True),
    ]


def run_round(name, strategy, check, examples, shrink, database, counts, outcomes) -> BaseException | None:
    from hypothesis import HealthCheck, Phase, given, settings

    def counted(value):
        counts[name] = counts.get(name, 0) + 1
        result = check(value)
        if isinstance(result, str):
            outcomes[result] = outcomes.get(result, 0) + 1

    phases = list(Phase) if shrink else [p for p in Phase if p is not Phase.shrink]
    test = settings(max_examples=examples, deadline=None, database=database, phases=phases,
                    suppress_health_check=list(HealthCheck), print_blob=True)(given(strategy)(counted))
    try:
        test()
    except Exception as failure:  # noqa: BLE001 -- reported below, then the next target
        return failure
    return None


@task(help={"minutes": "how long to fuzz (default 10)",
            "only": "fuzz one target: build, reader, metadata, captions, summary or cleaning"})
def fuzz(c, minutes=10.0, only=""):
    """Fuzz the reader and the plugins with random hostile content for N minutes."""
    from hypothesis.database import DirectoryBasedExampleDatabase

    database = DirectoryBasedExampleDatabase(str(ROOT / "cache" / "hypothesis"))
    chosen = [t for t in targets() if not only or t[0] == only]
    if not chosen:
        sys.exit(f"unknown target {only!r}")
    deadline = time.monotonic() + float(minutes) * 60
    counts: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    failures: dict[str, BaseException] = {}
    rounds = 0
    while time.monotonic() < deadline and len(failures) < len(chosen):
        for name, strategy, check, examples, shrink in chosen:
            if name in failures or time.monotonic() >= deadline:
                continue
            failure = run_round(name, strategy, check, examples, shrink, database, counts, outcomes)
            if failure is not None:
                failures[name] = failure
                print(f"\n=== fuzz: {name} FAILED ===", flush=True)
                traceback.print_exception(failure)
        rounds += 1
        print(f"fuzz: round {rounds}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
              + f" (builds: {outcomes})", flush=True)
    print(f"\nfuzz: {float(minutes):g} min, examples run: {counts}; builds {outcomes}; "
          f"failed: {sorted(failures) or 'none'}")
    if failures:
        sys.exit(1)

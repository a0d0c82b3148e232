"""``invoke fuzz --minutes N``: hostile and broken content, at random, for N minutes.

Runs the properties of ``fuzz/properties.py`` with Hypothesis in rounds until the time
is up: mostly whole Pelican builds of random content folders (each one a real
``pelican ... --fatal warnings`` run), and between them thousands of quick in-process
runs of the reader, the metadata checks, captions and text cleaning. Each new kind of
failure is printed when found and its example written to ``cache/fuzz/<target>-<n>/``
(``example.py``, ``failure.txt``); fuzzing goes on, so one session finds several.
Exit status 1 if anything failed.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
import traceback
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parents[1]


def targets():
    from hypothesis import strategies as st

    from . import properties, strategies

    header_lines = st.lists(st.one_of(strategies.one_line(), strategies.unknown_line(), st.sampled_from(
        ["Title: x", "Date: 2020-01-01", "", "    more", "Date: 05/07/2020", "---", "...", "\u200bDate: 2020-01-01",
         "Ti\u00adtle: x", "\u00a0", "\u00a0\u00a0 ", "\ufeffTitle: x", "Date:\u00a02020-01-01"]).flatmap(
        strategies.pasted_into)), max_size=8)
    reader_input = st.one_of(st.binary(max_size=400), strategies.hostile_text(20).map(
        lambda t: t.encode("utf-8")), strategies.content_folder().map(
        lambda files: next((v for k, v in sorted(files.items()) if k.endswith(".md")), "").encode("utf-8")))
    # (name, strategy, check, examples per round, shrink a failure?) -- shrinking a
    # failing build takes one Pelican run per step, often longer than the whole fuzz:
    # its example is printed as found (and kept in the database) instead.
    return [
        ("build", strategies.content_folder(), properties.check_build, 6, False),
        ("incremental", strategies.edited_site(), properties.check_incremental, 2, False),
        ("reader", reader_input, properties.check_reader, 300, True),
        ("metadata", header_lines.map("\n".join), properties.check_header_text, 200, True),
        ("captions", st.one_of(strategies.hostile_text(12), strategies.caption_text()).map(lambda t: "anh.jpg: " + t),
         properties.check_captions, 200, True),
        ("summary", strategies.hostile_text(12), properties.check_plain_summary, 500, True),
        ("cleaning", strategies.hostile_text(12), properties.check_clean_text, 500, True),
    ]


def signature(failure: BaseException) -> str:
    """What tells one failure from another: the first warning, error or exception line."""
    text = str(failure)
    for line in text.splitlines():
        line = line.strip()
        if any(word in line for word in ("WARNING", "CRITICAL", "Error:", "ERROR")):
            return re.sub(r"^\[[\d:]+\]\s*", "", " ".join(line.split()))[:160]
    if isinstance(failure, AssertionError):
        # A property's assertion: its message holds the example, which differs each time.
        frames = [f for f in traceback.extract_tb(failure.__traceback__) if f.filename.endswith("properties.py")]
        if frames:
            return f"AssertionError in {frames[-1].name} (fuzz/properties.py:{frames[-1].lineno})"
    return f"{type(failure).__name__}: {text.splitlines()[0] if text else ''}"[:160]


def keep(name: str, value, failure: BaseException, found: dict) -> None:
    """Record a new kind of failure and write its example under cache/fuzz/ to replay."""
    key = signature(failure)
    if key in found:
        found[key]["count"] += 1
        return
    folder = ROOT / "cache" / "fuzz" / f"{name}-{len(found) + 1}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "example.py").write_text(f"{value!r}\n", encoding="utf-8")
    (folder / "failure.txt").write_text("".join(traceback.format_exception(failure)), encoding="utf-8")
    found[key] = {"target": name, "count": 1, "folder": folder}
    print(f"\n=== fuzz: {name}: new failure ({folder.relative_to(ROOT)}): {key}", flush=True)


def run_round(name, strategy, check, examples, shrink, database, counts, outcomes, found) -> None:
    """``examples`` random inputs for one target; each failure is kept and fuzzing goes on."""
    from hypothesis import HealthCheck, Phase, given, settings

    def counted(value):
        counts[name] = counts.get(name, 0) + 1
        try:
            result = check(value)
        except Exception as failure:  # noqa: BLE001 -- every failure is kept, then the next
            keep(name, value, failure, found)
            return
        if isinstance(result, str):
            outcomes[result] = outcomes.get(result, 0) + 1

    phases = list(Phase) if shrink else [p for p in Phase if p is not Phase.shrink]
    test = settings(max_examples=examples, deadline=None, database=database, phases=phases,
                    suppress_health_check=list(HealthCheck))(given(strategy)(counted))
    test()


def replay_example(folder: str) -> None:
    """Run the check of a kept failure again (``invoke fuzz --replay cache/fuzz/build-1``)."""
    import ast

    path = Path(folder)
    name = path.name.rsplit("-", 1)[0]
    check = next(t[2] for t in targets() if t[0] == name)
    value = ast.literal_eval((path / "example.py").read_text(encoding="utf-8"))
    print(f"fuzz: {name}: {check(value) or 'passed'}")


@task(help={"minutes": "how long to fuzz (default 10)",
            "only": "fuzz one target: build, incremental, reader, metadata, captions, summary or cleaning",
            "replay": "check the example kept in this folder again (cache/fuzz/<target>-<n>)"})
def fuzz(c, minutes=10.0, only="", replay=""):
    """(Lập trình viên / developers) Fuzz the reader and the plugins with random hostile content for N minutes."""
    from hypothesis.database import DirectoryBasedExampleDatabase

    if replay:
        return replay_example(replay)

    database = DirectoryBasedExampleDatabase(str(ROOT / "cache" / "hypothesis"))
    chosen = [t for t in targets() if not only or t[0] == only]
    if not chosen:
        sys.exit(f"unknown target {only!r}")
    deadline = time.monotonic() + float(minutes) * 60
    counts: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    found: dict[str, dict] = {}
    rounds = 0
    while time.monotonic() < deadline:
        for name, strategy, check, examples, shrink in chosen:
            if time.monotonic() < deadline:
                run_round(name, strategy, check, examples, shrink, database, counts, outcomes, found)
        rounds += 1
        print(f"fuzz: round {rounds}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
              + f" (builds: {outcomes}; kinds of failure: {len(found)})", flush=True)
    print(f"\nfuzz: {float(minutes):g} min, examples run: {counts}; builds {outcomes}")
    for key, failure in found.items():
        print(f"  {failure['target']} x{failure['count']}: {key}  -> {failure['folder'].relative_to(ROOT)}")
    if found:
        sys.exit(1)

"""Where a build's time goes: a Pelican plugin for ``invoke bench --phases`` only.

Not a site feature (the site's settings never list it): the bench adds it, last, to the
project's plugins for a cold, a one-edit and a no-change build, and prints what it
wrote (``bench/phases.py``). For one build it times, by wall clock:

- the start: from the process's start (Linux's ``/proc``) until the plugins are
  imported: Python, Pelican and every plugin's imports;
- each receiver of ``initialized``, ``all_generators_finalized``, the project's
  ``model_ready`` and ``finalized`` (a plugin's work before reading, on the site model,
  after writing), named by its module; a step's seconds leave out those of the steps
  timed inside it (the site model's row leaves out ``model ready: photos``);
- each generator's ``generate_context`` (reading) and ``generate_output`` (writing: its
  pages looked up in the page cache; the pages left to render, of every generator, are
  rendered together by ``parallel_render`` at ``finalized``, its own row);
- the rest, up to the exit handlers: Pelican between those steps, its summary line,
  ``skip_unchanged``'s record.

and appends one JSON line, ``{"phases": [[name, seconds], ...], "total": seconds}``, to
the file the setting ``BENCH_PHASES_FILE`` names. A build ``skip_unchanged`` skips has
no reading and writing rows.
"""

from __future__ import annotations

import atexit
import json
import os
import time

from pelican import signals

#: The setting naming the file one JSON line per build is appended to.
SETTING = "BENCH_PHASES_FILE"
#: The signals whose receivers are timed one by one.
TIMED_SIGNALS = ("initialized", "all_generators_finalized", "finalized")


def since_start() -> float | None:
    """Seconds since this process started, from ``/proc`` (clock ticks: 0.01 s); None
    where there is no ``/proc``."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, "starttime"
        with open("/proc/uptime", encoding="ascii") as f:
            return max(0.0, float(f.read().split()[0]) - started)
    except (OSError, ValueError, IndexError):
        return None


_imported = time.perf_counter()
_before = since_start()
_phases: list[list] = []
_state: dict = {"file": None}
_nested: list[float] = []  # for each timed step under way, the seconds of the steps timed inside it


def _timed(name: str | None, call, *args, **kwargs):
    """``call(*args, **kwargs)``, its seconds kept under ``name`` (None: not kept), less
    those of the steps timed inside it (the photos' work on the site model is its own
    row, not part of the site model's)."""
    _nested.append(0.0)
    started = time.perf_counter()
    try:
        return call(*args, **kwargs)
    finally:
        elapsed = time.perf_counter() - started
        inside = _nested.pop()
        if _nested:
            _nested[-1] += elapsed
        if name is not None:
            _phases.append([name, round(elapsed - inside, 4)])


def _timed_send(signal, label: str):
    """``signal.send`` with each receiver timed (in the order Blinker calls them)."""
    def send(sender=None, **kwargs):
        results = []
        for receiver in signal.receivers_for(sender):
            module = getattr(receiver, "__module__", "?").split(".")[0]
            name = None if module == __name__ else f"{label}: {module}"
            results.append((receiver, _timed(name, receiver, sender, **kwargs)))
        return results
    return send


def _timed_method(obj, method: str, label: str) -> None:
    original = getattr(obj, method)

    def timed(*args, **kwargs):
        return _timed(f"{label}: {type(obj).__name__}", original, *args, **kwargs)

    setattr(obj, method, timed)


def on_initialized(pelican) -> None:
    _state["file"] = pelican.settings.get(SETTING)
    atexit.register(write_report)  # after the others: runs before them, before any quick exit


def on_generator_init(generator) -> None:
    if hasattr(generator, "generate_context"):
        _timed_method(generator, "generate_context", "read")


def on_all_generators_finalized(generators) -> None:
    # (the last receiver: the writers' own wrappers, parallel_render's flush, are inside)
    for generator in generators:
        if hasattr(generator, "generate_output"):
            _timed_method(generator, "generate_output", "write")


def write_report() -> None:
    if not _state["file"]:
        return
    total = (_before or 0.0) + time.perf_counter() - _imported
    phases = ([["start: Python, Pelican, plugins imported", round(_before, 4)]] if _before is not None
              else []) + _phases
    with open(_state["file"], "a", encoding="utf-8") as f:
        f.write(json.dumps({"phases": phases, "total": round(total, 4)}, ensure_ascii=False) + "\n")


def register() -> None:
    for name in TIMED_SIGNALS:
        signal = getattr(signals, name)
        signal.send = _timed_send(signal, name)
    try:  # the project's own signal: the site model is ready (photos, search, seo...)
        from sitemodel import model_ready
    except ImportError:
        pass
    else:
        model_ready.send = _timed_send(model_ready, "model ready")
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)

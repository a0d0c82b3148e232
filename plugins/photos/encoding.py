"""Make the renditions a build needs: take what the cache holds, encode the rest.

Each photo with missing renditions is one job: decoded once, all its missing renditions
made from it. Jobs run in a process pool across the CPU cores when there are more than
a few; each rendition's bytes depend only on its photo and parameters, never on the
order jobs finish in. A progress bar shows on a terminal when there is much to encode.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from .cache import Cache
from .renditions import Job, Rendition, encode_job
from .sources import Source

#: Fewer jobs than this are encoded in the build's own process (starting workers costs more).
POOL_MIN_JOBS = 4
#: More renditions to encode than this show a progress bar (when stderr is a terminal).
PROGRESS_MIN = 40


@dataclass
class Outcome:
    encoded: int = 0
    cached: int = 0
    used: set[str] = field(default_factory=set)  # cache keys of every rendition the build uses
    errors: dict[str, tuple[str, str]] = field(default_factory=dict)  # photo path -> (vi, en)
    by_format: Counter = field(default_factory=Counter)  # extension -> renditions encoded


def make(wanted: list[tuple[Source, Rendition]], cache: Cache, workers: int,
         progress: bool | None = None) -> Outcome:
    """Ensure every wanted rendition is in ``cache``; count what was encoded and reused.

    ``progress``: show a progress bar; by default when the build's log is on a terminal
    (stderr and Pelican's console) and more than ``PROGRESS_MIN`` renditions are to be
    encoded.
    """
    outcome = Outcome()
    missing: dict[str, dict[str, Rendition]] = {}  # photo path -> key -> rendition
    photos: dict[str, Source] = {}
    same: dict[str, set[str]] = {}  # content hash -> paths of the photos with those bytes
    for source, rendition in wanted:
        same.setdefault(source.sha256, set()).add(source.path)
        if rendition.key in outcome.used:
            continue
        outcome.used.add(rendition.key)
        if cache.valid(rendition.key, rendition.spec.ext):
            cache.touch(rendition.key, rendition.spec.ext)
            outcome.cached += 1
        else:
            missing.setdefault(source.path, {})[rendition.key] = rendition
            photos[source.path] = source
    jobs = [
        Job(path=path, sha256=photos[path].sha256, orientation=photos[path].orientation,
            alpha=photos[path].alpha,
            specs=tuple((key, r.spec) for key, r in sorted(renditions.items())),
            cache_root=cache.root)
        for path, renditions in sorted(missing.items())
    ]
    total = sum(len(job.specs) for job in jobs)
    if progress is None:
        progress = total > PROGRESS_MIN and _is_terminal(sys.stderr) and _console().is_terminal
    bar = _bar(total) if progress else None
    try:
        for job, error in _run(jobs, workers):
            if error:
                # A copy of the photo elsewhere shares its renditions, and its fault.
                for path in same[job.sha256]:
                    outcome.errors[path] = error
            else:
                outcome.encoded += len(job.specs)
                outcome.by_format.update(spec.ext for _, spec in job.specs)
            if bar is not None:
                bar.update(len(job.specs))
    finally:
        if bar is not None:
            bar.close()
    return outcome


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _console():
    from pelican.log import console

    return console


def _bar(total: int):
    """tqdm, drawn by rich on Pelican's own console: Pelican shows its "Generating..."
    status there while it runs, and a plain tqdm line would fight with it (rich keeps
    lines without an end while its status is shown). Gone once finished."""
    from tqdm import TqdmExperimentalWarning
    from tqdm.rich import tqdm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TqdmExperimentalWarning)
        return tqdm(total=total, unit="img", desc="photos ", leave=False,
                    options={"console": _console()})


def available_cpus() -> int:
    """CPU cores this process may use (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


#: glibc's mallopt() parameters (malloc.h) and the sizes set in the encoding workers.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 256 * 1024 * 1024
TRIM_THRESHOLD = 256 * 1024 * 1024


def keep_freed_memory() -> None:
    """In an encoding worker: let glibc's malloc keep freed memory for the next photo.

    Each photo's pictures are megabytes (a 1200 x 900 rendition: 3.2 MB), which glibc
    gets from the kernel with mmap() and gives back on free(); the kernel then zeroes
    fresh pages for the next photo. That was a fifth of a worker's time (1600 x 1200
    photo, thumbnail and 1200 px JPEG: 10 ms of system time, 2 ms with this). Elsewhere
    than glibc, nothing is changed."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)


def _run(jobs: list[Job], workers: int):
    """Yield ``(job, error or None)`` for every job as it finishes, in a pool when it is
    worth it."""
    count = workers or available_cpus()
    if count == 1 or len(jobs) < POOL_MIN_JOBS:
        for job in jobs:
            yield job, encode_job(job)
        return
    with ProcessPoolExecutor(max_workers=min(count, len(jobs)), initializer=keep_freed_memory) as pool:
        futures = {pool.submit(encode_job, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield job, future.result()
            except BrokenProcessPool:
                yield job, ("không xử lý được vì thiếu bộ nhớ",
                            "could not be processed: out of memory (the worker process died)")

"""Make the renditions a build needs: take what the cache holds, encode the rest.

Each photo with missing renditions is one job: decoded once, all its renditions made
from it. Jobs run in a process pool across the CPU cores when there are more than a
few; each rendition's bytes depend only on its photo and parameters, never on the
order jobs finish in.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from .cache import Cache
from .renditions import Job, Rendition, encode_job
from .sources import Source

#: Fewer jobs than this are encoded in the build's own process (starting workers costs more).
POOL_MIN_JOBS = 4


@dataclass
class Outcome:
    encoded: int = 0
    cached: int = 0
    used: set[str] = field(default_factory=set)  # cache keys of every rendition the build uses
    errors: dict[str, str] = field(default_factory=dict)  # photo path -> why it is unusable


def make(wanted: list[tuple[Source, Rendition]], cache: Cache, workers: int) -> Outcome:
    """Ensure every wanted rendition is in ``cache``; count what was encoded and reused."""
    outcome = Outcome()
    missing: dict[str, dict[str, Rendition]] = {}  # photo path -> key -> rendition
    photos: dict[str, Source] = {}
    for source, rendition in wanted:
        if rendition.key in outcome.used:
            continue
        outcome.used.add(rendition.key)
        if cache.valid(rendition.key, rendition.spec.ext):
            cache.touch(rendition.key)
            outcome.cached += 1
        else:
            missing.setdefault(source.path, {})[rendition.key] = rendition
            photos[source.path] = source
    jobs = [
        Job(path=path, sha256=photos[path].sha256, orientation=photos[path].orientation,
            specs=tuple((key, r.spec) for key, r in sorted(renditions.items())),
            cache_root=cache.root)
        for path, renditions in sorted(missing.items())
    ]
    for job, error in _run(jobs, workers):
        if error:
            outcome.errors[job.path] = error
        else:
            outcome.encoded += len(job.specs)
    return outcome


def available_cpus() -> int:
    """CPU cores this process may use (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _run(jobs: list[Job], workers: int):
    """Yield ``(job, error or None)`` for every job, in a pool when it is worth it."""
    count = workers or available_cpus()
    if count == 1 or len(jobs) < POOL_MIN_JOBS:
        for job in jobs:
            yield job, encode_job(job)
        return
    with ProcessPoolExecutor(max_workers=min(count, len(jobs))) as pool:
        futures = [(job, pool.submit(encode_job, job)) for job in jobs]
        for job, future in futures:
            try:
                yield job, future.result()
            except BrokenProcessPool:
                yield job, ("không đủ bộ nhớ để xử lý ảnh này / ran out of memory "
                            "processing this photo (the worker process died)")

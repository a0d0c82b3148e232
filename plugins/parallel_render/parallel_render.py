"""Render and write pages on every core.

Once Pelican has built the context, rendering a page only reads it. The writer here
records each ``write_file`` call instead of rendering it, and ``flush()`` forks one
worker per core: each inherits the whole context copy-on-write (nothing is pickled) and
renders its share of the pages with Pelican's own ``Writer.write_file``. Each
generator's pages are flushed as soon as its ``generate_output`` returns, so every page
is on disk before the next generator and the ``finalized`` plugins run.

Plugins that listen to ``content_written`` expect to run in this process for every
page, so while any such listener is connected, pages are rendered here, one by one.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback

from pelican import signals
from pelican.writers import Writer

logger = logging.getLogger(__name__)

#: Below this many queued pages, forking costs more than it saves.
MIN_PARALLEL = 64
#: Setting: how many processes render pages; 0 means one per CPU core, 1 renders here.
WORKERS_SETTING = "PARALLEL_RENDER_WORKERS"


class RenderFailed(RuntimeError):
    """A worker could not render its pages; its traceback is printed above."""


class ParallelWriter(Writer):
    """Pelican's writer, with page rendering deferred to ``flush()``."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._queue: list[tuple[tuple, dict]] = []
        self._claimed: set[str] = set()
        _writers.append(self)

    def write_file(self, name, *args, **kwargs):
        if not name:
            return
        self._queue.append(((name, *args), kwargs))

    def flush(self) -> None:
        queue, self._queue = self._queue, []
        workers = int(self.settings.get(WORKERS_SETTING, 0) or 0) or min(os.cpu_count() or 1, 8)
        if len(queue) < MIN_PARALLEL or workers < 2 or signals.content_written.receivers:
            for args, kwargs in queue:
                super().write_file(*args, **kwargs)
            return
        # Deal pages round-robin so each worker gets a similar mix of page kinds.
        children = []
        for index in range(workers):
            share = queue[index::workers]
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the worker
                status = 0
                try:
                    for args, kwargs in share:
                        super().write_file(*args, **kwargs)
                except BaseException:  # noqa: BLE001 -- reported, then the worker ends
                    traceback.print_exc()
                    status = 1
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(status)
            children.append(pid)
        failed = 0
        for pid in children:
            _, status = os.waitpid(pid, 0)
            failed += os.waitstatus_to_exitcode(status) != 0
        if failed:
            raise RenderFailed(f"{failed} rendering worker(s) failed; see the error above")
        logger.info("parallel_render: %d pages by %d workers", len(queue), workers)


_writers: list[ParallelWriter] = []


def get_writer(pelican):
    return ParallelWriter


def _flushing(generate_output):
    def generate_output_then_flush(writer):
        generate_output(writer)
        if isinstance(writer, ParallelWriter):
            writer.flush()

    return generate_output_then_flush


def on_all_generators_finalized(generators) -> None:
    for generator in generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output = _flushing(generator.generate_output)


def on_finalized(pelican) -> None:
    for writer in _writers:
        writer.flush()
    _writers.clear()


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)

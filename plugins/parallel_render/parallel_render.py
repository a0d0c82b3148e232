"""Render and write pages on every core, and only the pages whose inputs changed.

Once Pelican has built the context, rendering a page only reads it. The writer here
records each ``write_file`` call instead of rendering it (a paginated listing becomes
one call per page); ``look_up()`` and ``flush()`` then:

1. look each page up in the page cache (``page_cache.py``): a page whose inputs are
   the same as in an earlier build is copied from there, not rendered; one whose
   "Latest news" box alone changed gets the new box put into its cached copy
   (``_new_box``);
2. fork workers for the rest (``PARALLEL_RENDER_WORKERS``: by default one per core, at
   most 8; none for fewer than ``MIN_PARALLEL`` pages): each inherits the whole context
   copy-on-write (nothing is pickled), renders its share of the pages with Pelican's
   own ``Writer.write_file`` and stores them in the cache. The summaries those pages
   show are made here first (``make_summaries``), once, for all the workers.

The generators' templates are compiled once per page cache fingerprint, not on every
build (``PageCache.compiled``).

Each generator's pages are looked up in the page cache as soon as its ``generate_output``
returns (``look_up``: their keys are made from what that generator gave them); the pages
left to render are rendered together once every generator is done, at ``finalized``
(this plugin's handler comes before those of the plugins that read the pages, such as
search): one round of forked workers for the post, section and tag pages, where a round
per generator forked the build's process three times, each round's workers making again
what the last round's had made and lost with them (a cold build at 2,000 posts: about
0.2–0.6 s of CPU and 45,000 page faults more).

Plugins that listen to ``content_written`` expect to run in this process for every
page, so while any such listener is connected, pages are rendered here, one by one, and
the cache is not used.

When the process ends, the build's objects are left out of Python's last garbage
collection (``freeze_at_exit``).
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import sys
import traceback
from dataclasses import dataclass, field
from typing import Any

from pelican import signals
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.utils import sanitised_join
from pelican.writers import Writer

from sitemodel.errors import ContentError, fail_settings, fail_templates, stop_on_template_mistake, template_error

from .page_cache import SETTING as CACHE_SETTING
from .page_cache import PageCache

logger = logging.getLogger(__name__)

#: Below this many pages to render, forking costs more than it saves.
MIN_PARALLEL = 64
#: A worker's exit status after a mistake in a template, which it told through its pipe
#: (at most ``PIPE_MOST`` bytes: a pipe holds that much before its reader reads).
TEMPLATE_STATUS = 3
PIPE_MOST = 4096
#: Setting: how many processes render pages; 0 means one per CPU core, 1 renders here.
WORKERS_SETTING = "PARALLEL_RENDER_WORKERS"


class RenderFailed(RuntimeError):
    """A worker could not render its pages; its traceback is printed above."""


@dataclass
class Job:
    """One page to write: the arguments of a non-paginated ``Writer.write_file``."""

    name: str
    template: Any
    context: dict
    relative_urls: bool
    override_output: bool
    kwargs: dict = field(default_factory=dict)
    key: str | None = None


class ParallelWriter(Writer):
    """Pelican's writer, with page rendering deferred to ``flush()``."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._queue: list[Job] = []
        self._left: list[Job] = []  # looked up, not in the page cache: rendered by flush()
        self._cache: PageCache | None = None
        self.counts = {"rendered": 0, "reused": 0, "boxed": 0}
        _writers.append(self)

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return
        # Pagination as in Pelican's own write_file, one job per page.
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._queue.append(Job(name, template, context, relative_urls, override_output, kwargs))
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()}
        for number in range(next(iter(paginators.values())).num_pages):
            page_kwargs = kwargs.copy()
            for key, paginator in paginators.items():
                page = paginator.page(number + 1)
                page_kwargs.update({
                    f"{key}_paginator": paginator,
                    f"{key}_page": page,
                    f"{key}_previous_page": paginator.page(number) if number > 0 else None,
                    f"{key}_next_page": paginator.page(number + 2) if number + 1 < paginator.num_pages else None,
                })
            self._queue.append(Job(page.save_as, template, context, relative_urls, override_output, page_kwargs))

    def _render(self, job: Job) -> None:
        super().write_file(job.name, job.template, job.context, relative_urls=job.relative_urls,
                           paginated={}, override_output=job.override_output, **job.kwargs)
        if job.key is not None and self._cache is not None:
            self._cache.store(job.key, sanitised_join(self.output_path, job.name))

    def open_cache(self, context: dict) -> PageCache | None:
        """The page cache, opened on first use (the site model is built by then); None
        when it is off."""
        if self._cache is None:
            if not self.settings.get(CACHE_SETTING, True) or signals.content_written.receivers:
                return None
            self._cache = PageCache(self.settings, context)
        return self._cache

    def _reuse(self, queue: list[Job]) -> list[Job]:
        """Copy the pages the cache has; return the jobs left to render."""
        if self.open_cache(queue[0].context) is None:
            return queue
        left = []
        boxed: dict[str, list[tuple[Job, str]]] = {}  # by language: pages whose box alone changed
        newest: dict[str, list] = {}
        for job in queue:
            job.key = self._cache.key(job.name, job.template, job.relative_urls, job.kwargs)
            if job.key is not None and self._cache.fetch(job.key, sanitised_join(self.output_path, job.name)):
                self.counts["reused"] += 1
                continue
            found = self._cache.earlier(job.key) if job.key is not None and not job.relative_urls else None
            if found is not None:
                lang = found[1]
                if lang not in newest:
                    newest[lang] = self._cache.newest(lang)
                if not any(job.kwargs.get("article") is post for post in newest[lang]):
                    boxed.setdefault(lang, []).append((job, found[0]))
                    continue
            left.append(job)
        for lang in sorted(boxed):
            left.extend(self._new_box(boxed[lang]))
        return left

    def _new_box(self, pages: list[tuple[Job, str]]) -> list[Job]:
        """Give pages whose "Latest news" box alone changed the new box (``PageCache.splice``),
        taken from two of them (the first and the last: of other sections, mostly)
        rendered here; return those left to render: all, unless both have the same new
        box and each, cached and given it, is the page rendered (a box that shows
        something of its page is rendered on every page)."""
        donors, rest = [pages[0], pages[-1]] if len(pages) > 1 else pages[:1], pages[1:-1]
        boxes = set()
        for job, earlier in donors:
            self._render(job)
            self.counts["rendered"] += 1
            with open(sanitised_join(self.output_path, job.name), "rb") as f:
                rendered = f.read()
            box = self._cache.box(rendered)
            cached = self._cache.read(earlier)
            if box is None or cached is None or self._cache.splice(cached, box) != rendered:
                boxes.add(None)
            boxes.add(box)
        if len(boxes) != 1 or None in boxes:
            logger.debug("parallel_render: the new \"Latest news\" box differs from page to page; "
                         "rendering every page whose box changed")
            return [job for job, _ in rest]
        box = boxes.pop()
        left = []
        for job, earlier in rest:
            cached = self._cache.read(earlier)
            page = self._cache.splice(cached, box) if cached is not None else None
            if page is None:
                left.append(job)
                continue
            self._cache.put(job.key, page, sanitised_join(self.output_path, job.name))
            self.counts["boxed"] += 1
        return left

    def look_up(self) -> None:
        """Put the queued pages the page cache has in place (``_reuse``) and keep the
        others for ``flush``. A mistake in a template stops the build in one line naming
        its file and line (``template_error``)."""
        queue, self._queue = self._queue, []
        if not queue:
            return
        try:
            self._left.extend(self._reuse(queue))
        except Exception as err:
            stop_on_template_mistake(err)
            raise

    def flush(self) -> None:
        """Render the pages queued and looked up so far: here, or in forked workers."""
        self.look_up()
        queue, self._left = self._left, []
        if not queue:
            return
        try:
            self._flush(queue)
        except Exception as err:
            stop_on_template_mistake(err)
            raise

    def _flush(self, queue: list[Job]) -> None:
        self.counts["rendered"] += len(queue)
        workers = int(self.settings.get(WORKERS_SETTING, 0) or 0) or min(os.cpu_count() or 1, 8)
        if len(queue) < MIN_PARALLEL or workers < 2 or signals.content_written.receivers:
            for job in queue:
                self._render(job)
            return
        make_summaries(queue)
        # Deal pages round-robin so each worker gets a similar mix of page kinds.
        children = []
        for index in range(workers):
            share = queue[index::workers]
            sys.stdout.flush()
            sys.stderr.flush()
            said, say = os.pipe()  # a template's mistake, told the parent to report once
            try:
                pid = os.fork()
            except OSError:
                os.close(said)
                os.close(say)
                raise
            if pid == 0:  # the worker
                os.close(said)
                status = 0
                try:
                    for job in share:
                        self._render(job)
                except BaseException as err:  # noqa: BLE001 -- reported, then the worker ends
                    found = template_error(err)
                    if found is None:
                        traceback.print_exc()
                        status = 1
                    else:
                        os.write(say, "\0".join((found.path, str(found.line), found.message)).encode()[:PIPE_MOST])
                        status = TEMPLATE_STATUS
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(status)
            os.close(say)
            children.append((pid, said))
        failed, mistakes = 0, []
        for pid, said in children:
            _, status = os.waitpid(pid, 0)
            with os.fdopen(said, "rb") as pipe:
                told = pipe.read().decode(errors="replace")
            code = os.waitstatus_to_exitcode(status)
            parts = told.split("\0", 2)
            if code == TEMPLATE_STATUS and len(parts) == 3 and parts[1].isdigit():
                mistakes.append(ContentError(parts[0], parts[2], int(parts[1])))
            elif code != 0:
                failed += 1
        if failed:
            raise RenderFailed(f"{failed} rendering worker(s) failed; see the error above")
        if mistakes:
            fail_templates(mistakes)
        logger.info("parallel_render: %d pages by %d workers", len(queue), workers)


def make_summaries(queue: list[Job]) -> None:
    """Make the summary of each post or page the queued pages show as their own or in
    their listing, here, before the workers fork.

    A summary is made when a page first reads it (``sitemodel.summary``, the post's HTML
    parsed again) and kept on its post, but what a worker keeps dies with it: each
    worker made again the summary of every post it showed, and each generator forks
    its own workers (a post's description on its page, its card on its section's and
    its tags' listings), so a cold build at 2,000 posts made 8,783 summaries of 2,959
    posts. Made here, the workers inherit them and each is made once a build.
    """
    shown: dict[int, Content] = {}
    for job in queue:
        for value in job.kwargs.values():
            if isinstance(value, Content):
                shown[id(value)] = value
            elif isinstance(value, Page):
                shown.update((id(item), item) for item in value.object_list if isinstance(item, Content))
    for item in shown.values():
        item.get_summary(item.get_siteurl())  # what ``item.summary`` reads, kept on the item


_writers: list[ParallelWriter] = []


def get_writer(pelican):
    return ParallelWriter


def _flushing(generator):
    generate_output = generator.generate_output

    def generate_output_then_flush(writer):
        if isinstance(writer, ParallelWriter):
            cache = writer.open_cache(generator.context)
            env = getattr(generator, "env", None)
            if cache is not None and env is not None and env.bytecode_cache is None:
                env.bytecode_cache = cache.compiled
        try:
            generate_output(writer)
        except Exception as err:  # (a template with a syntax error, read here)
            stop_on_template_mistake(err)
            raise
        if isinstance(writer, ParallelWriter):
            # Rendered at ``finalized`` with the other generators' pages, unless plugins
            # listen to each page written (they may expect it before the next generator).
            if signals.content_written.receivers:
                writer.flush()
            else:
                writer.look_up()

    return generate_output_then_flush


def on_all_generators_finalized(generators) -> None:
    for generator in generators:
        if hasattr(generator, "generate_output"):
            generator.generate_output = _flushing(generator)


def on_finalized(pelican) -> None:
    rendered = reused = boxed = 0
    for writer in _writers:
        writer.flush()
        rendered += writer.counts["rendered"]
        reused += writer.counts["reused"]
        boxed += writer.counts["boxed"]
        if writer._cache is not None:
            writer._cache.prune()
    _writers.clear()
    logger.info("parallel_render: %d pages rendered, %d reused from the page cache "
                "(%d of them with a new \"Latest news\" box)", rendered, reused + boxed, boxed)


def setting_problems(settings: dict) -> list[str]:
    """One line per bad value of this plugin's settings (``PARALLEL_RENDER_WORKERS``,
    ``PAGE_CACHE``), as the other plugins report theirs: "four" workers stopped the build
    late with a traceback, and ``PAGE_CACHE = "off"`` was taken for on."""
    problems = []
    workers = settings.get(WORKERS_SETTING, 0)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        problems.append(f"Setting '{WORKERS_SETTING}': expected a whole number of processes (0: one "
                        f"per core), but received: {workers!r}")
    if not isinstance(settings.get(CACHE_SETTING, True), bool):
        problems.append(f"Setting '{CACHE_SETTING}': expected True or False, but received: "
                        f"{settings[CACHE_SETTING]!r}")
    return problems


def on_initialized(pelican) -> None:
    fail_settings("parallel_render", setting_problems(pelican.settings))
    _writers.clear()


def freeze_at_exit() -> None:
    """Leave every object there is out of Python's last garbage collection, as the
    process ends: the collection would look through all of the build's objects (the
    context, every post) only to free memory the system takes back anyway. 0.3 s of
    the 0.45–0.5 s a build at 2,000 posts spent ending; run at exit only, as a process
    that goes on (the live preview's) needs its collections. (After a good build the
    ``pelican`` command then ends at once, without the rest of Python's teardown:
    ``safe_output.end_quickly``.)"""
    gc.freeze()


def register() -> None:
    atexit.unregister(freeze_at_exit)  # (once, however often the plugins are registered)
    atexit.register(freeze_at_exit)
    signals.initialized.connect(on_initialized)
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)

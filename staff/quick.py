"""The live preview's quick step: a saved post is shown before the whole site is rebuilt.

A full rebuild of a site of thousands of posts takes seconds; the page staff are looking
at needs only the post they saved. So each good preview build leaves a *keeper* behind
(``staff/warm.py``): a copy of the finished build process, holding its site model. When
the next save changes nothing but the text of existing posts, the preview asks the
keeper first (``show``): it reads the saved posts again (every language version of each,
through the same reader and plugins as a build), puts the new text in the model in
place of the old, places their photos (``photos.place_photos``) and writes their pages
over the served ones, each file replaced whole. The browser reloads at once; the full
rebuild runs straight after and puts everything else right (listings, neighbours'
titles, feeds): the open page reloads again only if that changed it.

A save the quick step cannot show exactly is left to the full rebuild alone: a new,
deleted or moved post, a changed date, status, language or address, a page rather than
a post, a photo or theme change, or any error it finds (a metadata line the build's
header check refuses, a missing photo, a broken link: the full build reports it, with
its file and line). An error only the full build finds (two posts with one address, a
link to a file not copied in yet) puts back what the quick step replaced (``undo``): the
page shown under the red box is the last good one, as the box says. The keeper answers one request and ends: the model it holds is the
last build's, which the next full build replaces.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sys
import tempfile
import traceback

#: What the site model's plugins set on a post version (``sitemodel``, ``neighbors``,
#: ``sections``): kept when its text is read again. Any other attribute the model set
#: and a fresh read does not have is kept too.
MODEL_ATTRIBUTES = ("override_url", "override_save_as", "post", "section", "translations", "newer", "older",
                    "pinned", "expires")
#: What must be the same after a save for the quick step to show it.
SAME = ("save_as", "url", "status", "lang", "date", "slug")


class NotQuick(Exception):
    """The save needs the full rebuild to be shown right (the message says why)."""


class Kept:
    """What a build leaves for its keeper: its generators, and the keeper itself, forked
    when the build's ``finalized`` signal starts, before any plugin tidies its state
    away (``listen`` runs before Pelican loads the plugins, so its receiver comes first).
    The keeper serves only once the build has passed (``release``)."""

    def __init__(self, keeper_fd: int):
        self.keeper_fd = keeper_fd
        self.generators: list | None = None
        self.go: int | None = None  # the pipe on which the keeper waits for "passed"

    def listen(self) -> None:
        from pelican import signals

        signals.all_generators_finalized.connect(self._caught, weak=False)
        signals.finalized.connect(self._fork, weak=False)

    def _caught(self, generators) -> None:
        self.generators = list(generators)

    def _fork(self, pelican) -> None:
        if self.generators is None or self.go is not None:
            return
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        if os.fork() != 0:
            os.close(read_end)
            self.go = write_end
            return
        try:  # the keeper
            os.close(write_end)
            devnull = os.open(os.devnull, os.O_RDWR)
            os.dup2(devnull, 1)  # the build's log ends with the build
            os.dup2(devnull, 2)
            if os.read(read_end, 1) == b"1":
                serve(socket.socket(fileno=self.keeper_fd), self)
        finally:
            os._exit(0)

    def release(self, passed: bool) -> None:
        """Tell the keeper whether the build passed (it ends if not)."""
        if self.go is not None:
            if passed:
                os.write(self.go, b"1")
            os.close(self.go)
            self.go = None
        os.close(self.keeper_fd)


def serve(sock: socket.socket, kept: Kept) -> None:
    """Answer one request on ``sock``: ``{"paths": [...], "output": dir}`` → first
    ``{"pid": N}`` (the preview stops a keeper that takes too long, before anything else
    writes into the output), then ``{"shown": [urls]}`` or ``{"shown": null, "why": reason}``."""
    line = sock.makefile("rb").readline()
    if not line.endswith(b"\n"):
        return  # the preview went away without asking
    request = json.loads(line)
    sock.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
    try:
        answer = {"shown": show(kept, request["paths"], request["output"])}
    except NotQuick as why:
        answer = {"shown": None, "why": str(why)}
    except SystemExit as stop:  # sitemodel's BuildFailed: a content error, e.g. a missing photo
        errors = getattr(stop, "errors", None) or []
        answer = {"shown": None, "why": "; ".join(map(str, errors)) or f"the build stopped ({stop.code})"}
    except Exception as error:  # noqa: BLE001 -- the full rebuild reports real problems
        where = traceback.extract_tb(error.__traceback__)[-1]
        answer = {"shown": None, "why": f"{type(error).__name__}: {error} "
                                        f"({os.path.basename(where.filename)}:{where.lineno})"}
    sock.sendall(json.dumps(answer).encode() + b"\n")


def show(kept: Kept, paths: list[str], output: str) -> list[str]:
    """Write the pages of the posts ``paths`` belong to into ``output``; their URLs."""
    from pelican.generators import ArticlesGenerator
    from photos.photos import place_photos
    from photos.placement import post_folder
    from sitemodel import get_model

    gen = next(g for g in kept.generators if isinstance(g, ArticlesGenerator))
    context = gen.context
    model = get_model(context)
    owner = {os.path.abspath(v.source_path): post for post in model.posts for v in post.versions.values()}
    posts = []
    for path in paths:
        post = owner.get(os.path.abspath(path))
        if post is None:
            raise NotQuick(f"{path} is not a post of the last build")
        if post not in posts:
            posts.append(post)
    fresh = [(post, {lang: read(gen, old) for lang, old in post.versions.items()}) for post in posts]
    for post, versions in fresh:
        for lang, new in versions.items():
            old = post.versions[lang]
            for name in SAME:
                if getattr(new, name, None) != getattr(old, name, None):
                    raise NotQuick(f"{old.source_path}: its {name} changed")
            if list(map(str, getattr(new, "tags", None) or [])) != list(map(str, getattr(old, "tags", None) or [])):
                raise NotQuick(f"{old.source_path}: its tags changed")  # tag pages, related posts
    for post, versions in fresh:
        for lang, new in versions.items():
            take_over(post.versions[lang], new)
    renditions = place_photos([post_folder(post, model.languages) for post in posts], model, context,
                              tidy_cache=False)
    articles = [article for post in posts for article in post.versions.values()]
    write_pages(gen, articles, renditions, output)
    return [article.url for article in articles]


def read(gen, old):
    """``old``'s file read again as the build read it (reader plugin, metadata cleaning)."""
    from pelican import signals
    from pelican.contents import Article
    from pelican.readers import SkipStub
    from reader import reader
    from sitemodel.checks import check_header

    reader._state["results"].pop(os.path.abspath(old.source_path), None)  # the text as it was
    article = gen.readers.read_file(
        base_path=gen.path, path=os.path.relpath(old.source_path, gen.path), content_class=Article,
        context=gen.context, preread_signal=signals.article_generator_preread, preread_sender=gen,
        context_signal=signals.article_generator_context, context_sender=gen)
    if reader._state["errors"] or isinstance(article, SkipStub) or not article.is_valid():
        raise NotQuick(f"{old.source_path} cannot be read")
    # The build's own check of its metadata lines (the site-wide checks run in the full
    # build): a page is never shown from a header the full build would refuse.
    problems = check_header(old.source_path, os.path.relpath(old.source_path, gen.path))
    if problems:
        raise NotQuick("; ".join(map(str, problems)))
    return article


def take_over(old, new) -> None:
    """Give ``old`` (the object the model and other pages point to) ``new``'s text and
    metadata, keeping what the model set on it."""
    from photos.placement import forget_rendered

    forget_rendered(old)
    keep = {key: value for key, value in old.__dict__.items()
            if key in MODEL_ATTRIBUTES or key not in new.__dict__}
    old.__dict__.clear()
    old.__dict__.update(new.__dict__)
    old.__dict__.update(keep)


#: Beside the output: what the quick step replaced or added there, for ``undo`` (the
#: replaced files as they were, and ``ADDED`` listing the new ones).
UNDO_SUFFIX = ".quick-undo"
ADDED = ".added"


def undo_folder(output: str) -> str:
    return os.path.abspath(output).rstrip(os.sep) + UNDO_SUFFIX


def undo(output: str) -> None:
    """Put back what the last quick step replaced in ``output`` and remove what it added:
    the full build that followed it failed, and the page it showed was a version that
    build refused (a link to a missing file, an alias it could not make), under a red box
    saying "this is the last good version"."""
    folder = undo_folder(output)
    if not os.path.isdir(folder):
        return
    try:
        with open(os.path.join(folder, ADDED), encoding="utf-8") as f:
            added = [line.rstrip("\n") for line in f if line.strip()]
    except OSError:
        added = []
    for rel in added:
        with contextlib.suppress(OSError):
            os.remove(os.path.join(output, rel))
    for here, _, names in os.walk(folder):
        for name in names:
            rel = os.path.relpath(os.path.join(here, name), folder)
            if rel != ADDED:
                with contextlib.suppress(OSError):
                    os.replace(os.path.join(here, name), os.path.join(output, rel))
    forget_undo(output)


def forget_undo(output: str) -> None:
    shutil.rmtree(undo_folder(output), ignore_errors=True)


def write_pages(gen, articles: list, renditions: list[tuple[str, str]], output: str) -> None:
    """Render ``articles`` as Pelican's generator does, then put each page (and any photo
    rendition missing there) into ``output``, every file replaced whole; what it replaced
    and added is kept for ``undo``."""
    from pelican.utils import sanitised_join
    from pelican.writers import Writer
    from photos.photos import copy_rendition

    work = tempfile.mkdtemp(dir=os.path.dirname(os.path.abspath(output)), prefix=".quick-")
    try:
        writer = Writer(work, settings=gen.settings)
        for article in articles:
            writer.write_file(article.save_as, gen.get_template(article.template), gen.context,
                              relative_urls=gen.settings["RELATIVE_URLS"], article=article,
                              category=getattr(article, "category", None),
                              override_output=hasattr(article, "override_save_as"),
                              url=article.url, blog=True)
        forget_undo(output)
        keep = undo_folder(output)
        os.makedirs(keep)
        added = []
        for rel, cached in renditions:
            target = sanitised_join(output, rel)
            if not os.path.exists(target):
                copy_rendition(cached, target)
                added.append(rel)
        for article in articles:
            target = sanitised_join(output, article.save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.exists(target):
                kept = sanitised_join(keep, article.save_as)
                os.makedirs(os.path.dirname(kept), exist_ok=True)
                os.link(target, kept)  # (the served file is replaced, not changed: its old bytes stay)
            else:
                added.append(article.save_as)
            os.replace(sanitised_join(work, article.save_as), target)
        with open(os.path.join(keep, ADDED), "w", encoding="utf-8") as f:
            f.write("".join(f"{rel}\n" for rel in added))
    finally:
        shutil.rmtree(work, ignore_errors=True)

"""Photos in post folders: figures in the text, a gallery, thumbnails for listings, an
image for social networks.

When the site model is ready (before anything is written), for every post and page:
1. find the photos each language version places and check them (``placement.scan``);
2. read each photo's header and hash (``sources.inspect``) and choose its renditions;
3. make the renditions missing from the cache (``encoding.make``);
4. stop with every mistake found, if any (``sitemodel.errors.fail``);
5. write the figures into the HTML and set ``gallery``, ``thumbnail`` and ``share_image``
   (``placement.apply``).
The ``PhotosGenerator`` then copies the renditions from the cache into the output, next
to the post's page in the default language. Original photos are never published.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import stat

from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from sitemodel import BuildFailed, ContentError, link_new, link_or_copy, model_ready
from sitemodel.errors import fail

from . import encoding, placement, sources
from . import settings as plugin_settings
from .cache import Cache, JsonMemo, file_stamp
from .labels import lightbox_labels
from .renditions import (PhotoRenditions, Rendition, Sized, Spec, thumb2x_spec, thumb_spec, webp_fits, width_spec,
                         widths_for)

logger = logging.getLogger(__name__)

#: Context key of the list of ``(output path, cache file)`` the generator copies.
OUTPUTS_KEY = "photos_outputs"


def cache_root(settings: dict) -> str:
    return os.path.join(os.path.abspath(settings["CACHE_PATH"]), "photos")


def choose_renditions(plan: placement.FolderPlan, found: dict[str, sources.Source],
                      cfg: dict) -> None:
    """Fill ``plan.renditions`` for the photos that could be read."""
    needs = plan.needs()
    stem_of = placement.stems(sorted(needs))
    jpeg, webp = cfg["PHOTOS_JPEG_QUALITY"], cfg["PHOTOS_WEBP_QUALITY"]
    for name, kinds in needs.items():
        source = found.get(name)
        if source is None:
            continue
        w, h, alpha = source.width, source.height, source.alpha

        def make(spec: Spec, name: str = name, source: sources.Source = source) -> Rendition:
            return Rendition.make(plan.folder.url, stem_of[name], spec, source.sha256)

        out = PhotoRenditions()
        widths = widths_for(w, cfg["PHOTOS_WIDTHS"])
        # The thumbnail shares the decoding of the narrowest figure rendition (Spec.base).
        base = widths[0] if "sized" in kinds else 0
        if "sized" in kinds:
            webp_specs = [width_spec(w, h, width, alpha, webp, "WEBP") for width in widths]
            out.sized = Sized(
                fallback=tuple(make(width_spec(w, h, width, alpha, jpeg)) for width in widths),
                # (all widths or none: a browser takes WebP from the WebP ones alone)
                webp=tuple(make(spec) for spec in webp_specs)
                if cfg["PHOTOS_WEBP"] and all(map(webp_fits, webp_specs)) else ())
        if "thumb" in kinds:
            out.thumb = make(thumb_spec(w, h, cfg["PHOTOS_THUMB_SIZE"], alpha, jpeg, base=base))
            if cfg["PHOTOS_WEBP"]:
                out.thumb_webp = make(thumb_spec(w, h, cfg["PHOTOS_THUMB_SIZE"], alpha, webp, "WEBP",
                                                 base=base))
        dense = cfg["PHOTOS_THUMB_2X"]
        if "thumb2x" in kinds and dense:
            box = cfg["PHOTOS_THUMB_SIZE"]
            spec = thumb2x_spec(w, h, box, alpha, dense["jpeg"])
            if spec is not None:
                out.thumb2x = make(spec)
                if cfg["PHOTOS_WEBP"]:
                    out.thumb2x_webp = make(thumb2x_spec(w, h, box, alpha, dense["webp"], "WEBP"))
        if "share" in kinds:
            out.share = make(width_spec(w, h, cfg["PHOTOS_SHARE_WIDTH"], alpha, jpeg, "JPEG"))
        plan.renditions[name] = out


def on_model_ready(model, context) -> None:
    context[OUTPUTS_KEY] = place_photos(placement.site_folders(model), model, context)


def place_photos(folders: list[placement.Folder], model, context,
                 tidy_cache: bool = True) -> list[tuple[str, str]]:
    """Steps 1-5 above for ``folders``; the ``(output path, cache file)`` of each of their
    renditions. The live preview calls it again for the one post it shows at once after
    a save (``staff/quick.py``), with ``tidy_cache`` off: old renditions are pruned by
    whole builds only."""
    cfg = plugin_settings.current(context)
    errors: list[ContentError] = []
    plans = []
    for folder in folders:
        plan, problems = placement.scan(folder, model.languages)
        plans.append(plan)
        errors.extend(problems)

    cache = Cache(cache_root(context))
    memo = sources.HashMemo(os.path.join(cache.root, "sources.json"))
    wanted: list[tuple[sources.Source, Rendition]] = []
    owners: dict[str, tuple[placement.FolderPlan, str]] = {}  # photo path -> (plan, name)
    for plan in plans:
        found: dict[str, sources.Source] = {}
        for name in sorted(plan.needs()):
            path = os.path.join(plan.folder.path, name)
            owners[path] = (plan, name)
            try:
                found[name] = sources.inspect(path, name, cfg["PHOTOS_MAX_PIXELS"], memo)
            except sources.PhotoError as error:
                errors.append(photo_error(plan, name, error.vi, error.en))
        choose_renditions(plan, found, cfg)
        for name, published in plan.renditions.items():
            wanted.extend((found[name], rendition) for rendition in published.all())
    memo.save()

    outcome = encoding.make(wanted, cache, cfg["PHOTOS_WORKERS"])
    for path, (vi, en) in sorted(outcome.errors.items()):
        errors.append(photo_error(*owners[path], vi, en))
    fail(errors)
    logger.info("photos: %d renditions encoded, %d from cache", outcome.encoded, outcome.cached)
    if outcome.encoded:
        logger.info("photos: encoded %s", ", ".join(
            f"{count} {ext}" for ext, count in sorted(outcome.by_format.items())))
    cache.record_used(outcome.used)
    cache.save_stamps()
    days = cfg["PHOTOS_CACHE_PRUNE_DAYS"]
    if tidy_cache and days is not None and cache.prune_due(days):
        removed = cache.prune(outcome.used, days)
        if removed:
            logger.info("photos: %d unused renditions removed from the cache", removed)

    from reader.reader import options_from  # (the text's conversion settings: its typography)

    siteurl = context.get("SITEURL") or ""
    labels = {lang: lightbox_labels(context["THEME"], lang) for lang in model.languages}
    typography = options_from(context)
    outputs: dict[str, str] = {}
    for plan in plans:
        placement.apply(plan, cfg["PHOTOS_ALT_TEXT"], siteurl, cfg["PHOTOS_SIZES"], labels,
                        context.get("MARKDOWN") or {}, typography)
        for published in plan.renditions.values():
            for rendition in published.all():
                outputs[rendition.path] = cache.path(rendition.key, rendition.spec.ext)
    return sorted(outputs.items())


def photo_error(plan: placement.FolderPlan, name: str, vi: str, en: str) -> ContentError:
    """An unusable photo: at the line of the text that first places it, else named by its
    own path (a gallery photo)."""
    place = plan.first_use(name)
    if place is None:
        return ContentError(f"{plan.folder.rel}/{name}", f"tệp ảnh {vi} / the photo {en}")
    article, line = place
    return ContentError(article.relative_source_path,
                        f"tệp ảnh '{name}' {vi} / the photo '{name}' {en}", line)


class PhotosGenerator(Generator):
    """Puts the renditions the build uses from the cache into the output."""

    def generate_output(self, writer) -> None:
        # The site being replaced (safe_output builds into a fresh folder beside it).
        previous = self.settings.get("OUTPUT_PATH") or self.output_path
        published = Published(os.path.join(cache_root(self.settings), PUBLISHED))
        for rel, cached in self.context.get(OUTPUTS_KEY, []):
            published.put(rel, cached, copy_rendition(
                cached, _joined(self.output_path, rel), _joined(previous, rel),
                published.get(rel, cached)))
        published.save()


def _joined(root: str, rel: str) -> str:
    """``root/rel``: at once for a plain relative path (thousands of renditions a
    build), else as Pelican's ``sanitised_join`` says (which refuses a way out)."""
    if rel and not rel.startswith(("/", "..")) and posixpath.normpath(rel) == rel:
        return os.path.join(root, rel)
    return sanitised_join(root, rel)


#: Where the stamps of the published renditions are kept, in the photos' cache.
PUBLISHED = "published.json"


class Published(JsonMemo):
    """The stamp (inode, size, date) of each rendition as the last build published it,
    with the cache entry it holds: a file still with that stamp still holds those bytes,
    and is taken over without being read."""

    def get(self, rel: str, cached: str) -> list | None:
        entry = self.old.get(rel)
        if isinstance(entry, list) and len(entry) == 4 and entry[0] == os.path.basename(cached):
            return entry[1:]
        return None

    def put(self, rel: str, cached: str, stamp: list) -> None:
        self.new[rel] = [os.path.basename(cached), *stamp]


def copy_rendition(cached: str, target: str, previous: str | None = None,
                   known: list | None = None) -> list:
    """Put the cached rendition at ``target`` and return its stamp.

    Unchanged when it holds those bytes already; hard-linked from ``previous`` (the
    same file in the site this build replaces) when that holds them, so the file keeps
    its date for uploads that compare dates and nothing is written; else copied. A file
    whose stamp is ``known`` (see ``Published``) holds them without being read. Never
    linked to the cache itself: a published file must not share its bytes with a cache
    entry."""
    held = _holding(previous, cached, known) if previous and previous != target else None
    # The usual case, a build's fresh folder: the file is not there yet, and is linked
    # in one step. The link is the same file: the same stamp. (There already, or no
    # links here: looked at below.)
    if held is not None and link_new(previous, target):
        return held
    stamp = _holding(target, cached, known)
    if stamp is not None:
        return stamp
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = f"{target}.tmp-{os.getpid()}"
    if held is not None:
        link_or_copy(previous, tmp)
    else:
        shutil.copyfile(cached, tmp)
    os.replace(tmp, target)
    return _stamp(target)


def _stamp(path: str) -> list[int]:
    return file_stamp(os.stat(path))


def _holding(path: str, cached: str, known: list | None = None) -> list[int] | None:
    """The stamp of ``path`` when it is a plain file with the bytes of ``cached``, else
    None."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    stamp = file_stamp(st)
    if known is not None and stamp == known:
        return stamp
    return stamp if _same(cached, path) else None


def _same(a: str, b: str) -> bool:
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def get_generators(pelican):
    return PhotosGenerator


def on_initialized(pelican) -> None:
    """Check the PHOTOS_* settings once; stop, one line per bad key, if any is wrong."""
    merged, problems = plugin_settings.check(pelican.settings)
    if problems:
        for problem in problems:
            try:
                logger.error("photos: %s", problem)
            except RuntimeError:
                pass  # --fatal: Pelican's logger raises after printing; report every key first
        raise BuildFailed([])
    pelican.settings.update(merged)


def on_generator_init(generator) -> None:
    """Templates get ``thumb_srcset`` (a card's thumbnail and its 2x twin, as the gallery's)."""
    generator.env.globals["thumb_srcset"] = placement.thumb_srcset


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.get_generators.connect(get_generators)
    model_ready.connect(on_model_ready)

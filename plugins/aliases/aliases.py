"""Old addresses of a post (or static page) that lead readers to where it is now
(Hugo's ``aliases``).

A post's address is its folder's name, so renaming the folder (a typo fixed, a clearer
name) or moving it to another section breaks every link already shared to it, as do the
links to the old site's pages. Staff list the old addresses in the post's header::

    Aliases: /tin-tuc/khai-giang-lop-2018/, http://truong-cu.example.vn/index.php/tin-tuc/123-khai-giang

Each becomes a small page at that address (``old/address/index.html``; ``….html`` as it
is) that sends the browser on to the post in the same language (``<meta http-equiv=
"refresh">``, no script: the site's Content-Security-Policy has none), names the post
as its canonical address and asks search engines not to index it; a link to the post
is there too, and the post's Open Graph and Twitter tags (a link to the old address
shared on Facebook or Zalo shows the post's card, ``og:url`` its address). A full URL counts by its path (the old site's domain is left out); an
address with ``?`` or ``#`` cannot be a file of a static site, and one the site already
uses (a page, a listing's later pages, a feed, another alias, the post itself) would
overwrite it: both stop the build with a line naming the file and the line of its
``Aliases:``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.generators import Generator

from not_found.not_found import files as not_found_files
from sitemodel import ContentError, model_ready
from sitemodel.build import metadata_line
from sitemodel.checks import URL_UNSAFE, planned_outputs, same_name_key
from sitemodel.errors import fail

#: The metadata key (Pelican lower-cases keys).
KEY = "aliases"
#: Top-level folders of the output that are not the content's, besides the theme's
#: (``THEME_STATIC_DIR``): the search index.
RESERVED = ("pagefind",)


@dataclass(frozen=True)
class Alias:
    save_as: str  # the file written, relative to the output
    article: object  # the post version (or static page) it leads to


# Per-build state: the aliases to write, found when the model is ready.
_state: dict = {"aliases": []}


def alias_file(value: str) -> str | None:
    """The output file for an old address (a path or a full URL); None if it has a
    query or fragment, or cannot be a file of the site."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # https://[x: not an address
        return None
    if parts.query or parts.fragment or value.strip().endswith(("?", "#")):
        return None
    path = unquote(parts.path).strip()
    segments = [s for s in path.split("/") if s]
    if not segments or any(s in (".", "..") or URL_UNSAFE.search(s) for s in segments):
        return None
    if segments[-1].endswith((".html", ".htm")) and not path.endswith("/"):
        return "/".join(segments)
    return "/".join(segments) + "/index.html"


def collect(model, context: dict) -> tuple[list[Alias], list[ContentError]]:
    """Every alias of every post version and static page, checked against the site's
    own files."""
    versions = [v for post in model.posts for _, v in sorted(post.versions.items())]
    versions += [page for lang in sorted(model.pages) for page in model.pages[lang]]
    versions = [v for v in versions if v.metadata.get(KEY)]
    if not versions:  # (the site's files are listed only when some post has an old address)
        return [], []
    taken = {same_name_key(path): path for path in planned_outputs(model)}
    for url in [*(context.get("search_pages") or {}).values(), *(context.get("feeds_pages") or {}).values()]:
        taken[same_name_key(url + "index.html")] = url + "index.html"
    for path in not_found_files(model, context.get("NOT_FOUND_SAVE_AS", "404.html")).values():
        taken[same_name_key(path)] = path
    # A listing's later pages (<section>/page/2/, home's page/2/): how many there will be
    # depends on the posts, so the whole page/ folder of every listing is the site's.
    listings = {same_name_key(model.section_url(section, lang) + "page/")
                for section in model.root.walk() for lang in model.languages}
    # The tag pages (plugins/tags): which there are depends on the posts too.
    listings |= {same_name_key(index.url) for index in (context.get("tag_pages") or {}).values()}
    # The archive's years (plugins/sections/archive.py): which there are depends on the posts too.
    listings |= {same_name_key(url) for url in (context.get("archive_pages") or {}).values()}
    reserved = {same_name_key(name) for name in (*RESERVED, context.get("THEME_STATIC_DIR") or "theme")}
    found: list[Alias] = []
    errors: list[ContentError] = []
    given: dict[str, tuple[str, int | None, str]] = {}  # an alias's key -> file, line, value
    for article in versions:
        raw = article.metadata.get(KEY)
        rel = article.relative_source_path
        line = metadata_line(article.source_path, "Aliases")
        values = raw if isinstance(raw, list) else str(raw).split(",")
        for value in (v.strip() for v in values):
            if not value:
                continue
            save_as = alias_file(value)
            if save_as is None:
                errors.append(ContentError(rel, (
                    f"địa chỉ cũ '{value}' không dùng được: chỉ ghi đường dẫn, không có "
                    f"'?' hay '#' / the old address '{value}' cannot be used: give its "
                    "path, without '?' or '#'"), line))
                continue
            key = same_name_key(save_as)
            top = same_name_key(save_as.split("/", 1)[0])
            if key in given:
                errors.extend(twice(value, (rel, line, value), given[key]))
                continue
            if key in taken or top in reserved or any(key.startswith(p) for p in listings):
                where = taken.get(key, save_as)
                errors.append(ContentError(rel, (
                    f"địa chỉ cũ '{value}' đang được dùng (/{where}), hãy bỏ nó khỏi "
                    f"dòng Aliases / the old address '{value}' is in use (/{where}); "
                    "remove it from the Aliases line"), line))
                continue
            taken[key] = save_as
            given[key] = (rel, line, value)
            found.append(Alias(save_as, article))
    return found, errors


def twice(value: str, here: tuple[str, int | None, str], first: tuple[str, int | None, str]) -> list[ContentError]:
    """An old address given a second time: on the same line, or by another file (each
    file is named, with the other: it was "in use" by the redirect page the first one
    makes, a message naming neither post)."""
    (rel, line, _), (other, other_line, other_value) = here, first
    if (rel, line) == (other, other_line):
        return [ContentError(rel, (
            f"địa chỉ cũ '{value}' ghi hai lần trên dòng Aliases, hãy bỏ một lần / the old "
            f"address '{value}' is written twice on the Aliases line; remove one"), line)]
    return [ContentError(path, (
        f"địa chỉ cũ '{mine}' cũng ghi ở {elsewhere}: một địa chỉ cũ chỉ dẫn tới một bài, hãy "
        f"bỏ nó khỏi một trong hai tệp / the old address '{mine}' is also given in {elsewhere}: "
        "it can lead to one post only; remove it from one of them"), where)
        for path, where, mine, elsewhere in (
            (other, other_line, other_value, f"{rel}:{line}" if line else rel),
            (rel, line, value, f"{other}:{other_line}" if other_line else other))]


def on_model_ready(model, context) -> None:
    found, errors = collect(model, context)
    fail(errors)
    _state["aliases"] = found


class AliasGenerator(Generator):
    """Writes the page at each old address."""

    def generate_output(self, writer) -> None:
        template = self.get_template("alias")
        for alias in _state["aliases"]:
            article = alias.article
            writer.write_file(alias.save_as, template, self.context, relative_urls=False,
                              lang=article.lang, target=article)


def get_generators(pelican):
    return AliasGenerator


def on_initialized(pelican) -> None:
    _state["aliases"] = []


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(get_generators)
    model_ready.connect(on_model_ready)

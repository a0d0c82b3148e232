"""A bilingual news corpus of any size for the bench, in three layouts with the same posts.

``generate(dest, posts, photos)`` writes, from a fixed seed:

- ``dest/project/content``: the project's content format (README "The content format"):
  sections on two levels with ``_index.<lang>.md``, a folder per post with
  ``index.vi.md``, ``index.en.md`` for about half of them, photos and captions beside;
- ``dest/stock``: a stock Pelican site (``bench/anchors/stock``): one ``.md`` per post and
  language with ``Category``/``Slug``/``Lang``, ``Gallery: {photo}<slug>`` and the photos
  under ``photos/<slug>/`` for pelican-photos;
- ``dest/hugo``: a Hugo site (``bench/anchors/hugo``): page bundles
  ``content/<section>/<sub>/<slug>/index.<lang>.md`` with their photos.

The text depends only on the seed and the post's number, never on the photo count or the
corpus size, so a corpus of 2,000 posts starts with the same 200 posts as one of 200.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from bench import photos as photo_maker
from bench import text

SEED = 20181109
ANCHORS = Path(__file__).resolve().parent / "anchors"
START = datetime(2016, 1, 4, 7, 30)
#: The file marking a folder as a bench corpus, which the next run may empty.
MARKER = ".bench-corpus"


@dataclass(frozen=True)
class Section:
    path: str
    vi: str
    en: str
    description: str = ""
    order: int | None = None


SECTIONS = [
    Section("tin-tuc", "Tin tức", "News", "Tin hoạt động và thông báo của Nhà trường.", 1),
    Section("tin-tuc/tin-hoat-dong", "Tin hoạt động của Nhà Trường", "School news"),
    Section("tin-tuc/thong-bao", "Thông báo", "Announcements"),
    Section("dao-tao", "Đào tạo", "Training", "Các lớp bồi dưỡng, tập huấn cán bộ HTX.", 2),
    Section("dao-tao/khai-giang", "Khai giảng", "Course openings"),
    Section("dao-tao/tap-huan", "Tập huấn", "Workshops"),
    Section("dao-tao/boi-duong-truc-tuyen", "Bồi dưỡng trực tuyến", "Online courses"),
    Section("hop-tac-xa", "Hợp tác xã điển hình", "Model cooperatives", "", 3),
    Section("hop-tac-xa/nong-nghiep", "HTX nông nghiệp", "Farm cooperatives"),
    Section("hop-tac-xa/thuong-mai-dich-vu", "HTX thương mại, dịch vụ", "Trade and service cooperatives"),
]
LEAVES = [s for s in SECTIONS if "/" in s.path]
TOPS = {s.path: s for s in SECTIONS if "/" not in s.path}
PAGES = [("gioi-thieu", "Giới thiệu", "About us", 1), ("lien-he", "Liên hệ", "Contact", 2)]


@dataclass
class Version:
    """One language of a post."""

    title: str
    body: str
    summary: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class Post:
    number: int
    section: Section
    slug: str
    date: datetime
    vi: Version
    en: Version | None
    draft: bool = False
    pinned: bool = False
    photos: list[str] = field(default_factory=list)
    captions: dict[str, dict[str, str]] = field(default_factory=dict)

    def versions(self):
        yield "vi", self.vi
        if self.en is not None:
            yield "en", self.en


@dataclass
class Corpus:
    root: Path
    posts: list[Post]
    photos_per_post: int
    project_content: Path
    stock_site: Path
    hugo_site: Path
    #: The file of the edited post in each layout (its Vietnamese text).
    edit_targets: dict[str, Path]

    def describe(self) -> str:
        translated = sum(1 for p in self.posts if p.en is not None)
        drafts = sum(1 for p in self.posts if p.draft)
        return (f"{len(self.posts)} posts in Vietnamese, {translated} of them in English, "
                f"{drafts} drafts, {len(LEAVES)} sections on 2 levels, "
                f"{self.photos_per_post} photos per post")


def make_post(number: int, photos: int, seed: int = SEED) -> Post:
    """Post ``number`` of the corpus; the same for any corpus size."""
    rng = random.Random(seed * 1_000_003 + number)
    section = rng.choice(LEAVES)
    date = START + timedelta(minutes=173 * number + rng.randint(0, 120))
    course, place, kind = rng.choice(text.COURSES), rng.choice(text.PLACES), rng.randrange(6)
    year = date.year
    vi_title = text.title(rng, 0, kind, year, course, place)
    vi = Version(vi_title, text.body(rng, 0, year, course, place))
    en = None
    if rng.random() < 0.5:
        en = Version(text.title(rng, 1, kind, year, course, place), text.body(rng, 1, year, course, place))
    for lang, version in (("vi", vi), ("en", en)):
        if version is None:
            continue
        index = 0 if lang == "vi" else 1
        if rng.random() < 0.6:
            version.summary = text.summary(rng, index, year, course, place)
        if rng.random() < 0.5:
            version.author = rng.choice(text.AUTHORS)[index]
        if rng.random() < 0.4:
            version.tags = [t[index] for t in rng.sample(text.TAGS, rng.randint(1, 3))]
    slug = "-".join(text.slugify(vi_title).split("-")[:7]) + f"-{number}"
    post = Post(number, section, slug, date, vi, en,
                draft=rng.random() < 0.01,
                pinned=section.path == "tin-tuc/thong-bao" and rng.random() < 0.02)
    post.photos = [f"anh-{k + 1:02d}.jpg" for k in range(photos)]
    if photos and rng.random() < 0.5:
        for lang, _ in post.versions():
            post.captions[lang] = {name: text.caption(rng, 0 if lang == "vi" else 1, k + 1, place)
                                   for k, name in enumerate(post.photos)}
    return post


def generate(dest: Path, posts: int, photos: int = 0, seed: int = SEED) -> Corpus:
    """Write the corpus under ``dest`` (emptied first) in the three layouts."""
    dest = Path(dest)
    if dest.exists():
        if any(dest.iterdir()) and not (dest / MARKER).exists():
            raise ValueError(f"{dest} is not empty and holds no bench corpus; not emptying it")
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / MARKER).write_text("A corpus written by bench/corpus.py; rewritten by each run.\n")
    items = [make_post(n, photos, seed) for n in range(posts)]
    corpus = Corpus(dest, items, photos, dest / "project" / "content", dest / "stock",
                    dest / "hugo", {})
    write_project(corpus)
    write_stock(corpus)
    write_hugo(corpus)
    write_photos(corpus, seed)
    edited = items[len(items) // 2] if items else None
    if edited is not None:
        corpus.edit_targets = {
            "project": corpus.project_content / edited.section.path / edited.slug / "index.vi.md",
            "stock": corpus.stock_site / "content" / edited.section.path / f"{edited.slug}.md",
            "hugo": corpus.hugo_site / "content" / edited.section.path / edited.slug / "index.vi.md",
        }
    return corpus


def edit(corpus: Corpus, layout: str, number: int) -> None:
    """Append a paragraph to the edited post's Vietnamese text in ``layout``."""
    with open(corpus.edit_targets[layout], "a", encoding="utf-8") as f:
        f.write(f"\nĐoạn bổ sung lần {number}: Nhà trường cập nhật thêm thông tin về lớp học "
                f"theo đề nghị của học viên -- xem \"Thông báo\" mới nhất.\n")


def _write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data, encoding="utf-8")


def _pelican_head(fields: list[tuple[str, object]]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields if value not in (None, "", []))


def write_project(corpus: Corpus) -> None:
    content = corpus.project_content
    for s in SECTIONS:
        for lang in ("vi", "en"):
            fields = [("Title", getattr(s, lang)), ("Order", s.order)]
            if lang == "vi":
                fields.append(("Description", s.description))
            _write(content / s.path / f"_index.{lang}.md", _pelican_head(fields))
    for slug, vi, en, order in PAGES:
        for lang, name in (("vi", vi), ("en", en)):
            _write(content / "pages" / slug / f"index.{lang}.md",
                   _pelican_head([("Title", name), ("Order", order)]) + f"\n{_page_body(lang)}\n")
    for post in corpus.posts:
        folder = content / post.section.path / post.slug
        for lang, v in post.versions():
            head = _pelican_head([
                ("Title", v.title), ("Date", post.date.strftime("%Y-%m-%d %H:%M")),
                ("Summary", v.summary), ("Author", v.author), ("Tags", ", ".join(v.tags)),
                ("Status", "draft" if post.draft else None),
                ("Pinned", "yes" if post.pinned else None),
                ("Expires", "2099-12-31" if post.pinned else None)])
            _write(folder / f"index.{lang}.md", f"{head}\n{v.body}\n")
        for lang, captions in post.captions.items():
            _write(folder / f"captions.{lang}.txt",
                   "".join(f"{name}: {caption}\n" for name, caption in captions.items()))


def write_stock(corpus: Corpus) -> None:
    site = corpus.stock_site
    shutil.copytree(ANCHORS / "stock", site)
    for slug, vi, en, order in PAGES:
        for lang, name in (("vi", vi), ("en", en)):
            suffix = "" if lang == "vi" else ".en"
            _write(site / "content" / "pages" / f"{slug}{suffix}.md",
                   _pelican_head([("Title", name), ("Slug", slug), ("Lang", lang)])
                   + f"\n{_page_body(lang)}\n")
    for post in corpus.posts:
        for lang, v in post.versions():
            suffix = "" if lang == "vi" else ".en"
            head = _pelican_head([
                ("Title", v.title), ("Date", post.date.strftime("%Y-%m-%d %H:%M")),
                ("Category", getattr(post.section, lang)), ("Slug", post.slug), ("Lang", lang),
                ("Section", getattr(TOPS[post.section.path.split("/")[0]], lang)),
                ("Summary", v.summary), ("Author", v.author), ("Tags", ", ".join(v.tags)),
                ("Status", "draft" if post.draft else None),
                ("Gallery", f"{{photo}}{post.slug}" if post.photos else None)])
            _write(site / "content" / post.section.path / f"{post.slug}{suffix}.md",
                   f"{head}\n{v.body}\n")
        if "vi" in post.captions:
            _write(site / "photos" / post.slug / "captions.txt",
                   "".join(f"{n}: {c}\n" for n, c in post.captions["vi"].items()))


def _yaml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_hugo(corpus: Corpus) -> None:
    site = corpus.hugo_site
    shutil.copytree(ANCHORS / "hugo", site)
    content = site / "content"
    for s in SECTIONS:
        for lang in ("vi", "en"):
            lines = [f"title: {_yaml(getattr(s, lang))}"]
            if s.order:
                lines.append(f"weight: {s.order}")
            if s.description and lang == "vi":
                lines.append(f"description: {_yaml(s.description)}")
            _write(content / s.path / f"_index.{lang}.md", "---\n" + "\n".join(lines) + "\n---\n")
    for slug, vi, en, order in PAGES:
        for lang, name in (("vi", vi), ("en", en)):
            _write(content / slug / f"index.{lang}.md",
                   f"---\ntitle: {_yaml(name)}\nweight: {order}\n---\n\n{_page_body(lang)}\n")
    for post in corpus.posts:
        folder = content / post.section.path / post.slug
        for lang, v in post.versions():
            lines = [f"title: {_yaml(v.title)}", f"date: {post.date.isoformat()}+07:00"]
            if v.summary:
                lines.append(f"summary: {_yaml(v.summary)}")
            if v.author:
                lines.append(f"author: {_yaml(v.author)}")
            if v.tags:
                lines.append(f"tags: {_yaml(v.tags)}")
            if post.draft:
                lines.append("draft: true")
            if lang in post.captions:
                lines.append("resources:")
                for name, caption in post.captions[lang].items():
                    lines += [f"  - src: {name}", f"    title: {_yaml(caption)}"]
            _write(folder / f"index.{lang}.md", "---\n" + "\n".join(lines) + f"\n---\n\n{v.body}\n")


def write_photos(corpus: Corpus, seed: int = SEED) -> None:
    """Draw every photo once, then copy it to the other layouts (separate files)."""
    for post in corpus.posts:
        for k, name in enumerate(post.photos):
            data = photo_maker.draw(seed * 7919 + post.number * 64 + k)
            targets = [corpus.project_content / post.section.path / post.slug / name,
                       corpus.stock_site / "photos" / post.slug / name,
                       corpus.hugo_site / "content" / post.section.path / post.slug / name]
            for target in targets:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)


def _page_body(lang: str) -> str:
    if lang == "vi":
        return ("Trường Bồi dưỡng cán bộ hợp tác xã trực thuộc Liên minh Hợp tác xã tỉnh, "
                "tổ chức các lớp bồi dưỡng, tập huấn cho cán bộ quản lý HTX.")
    return ("The Cooperative Managers Training School of the Provincial Cooperative Alliance "
            "runs training courses for cooperative managers.")

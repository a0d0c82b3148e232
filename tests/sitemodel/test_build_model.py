"""The site model on its own: no Pelican run, stand-in post objects."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from conftest import write_files
from sitemodel.build import build_model


@dataclass
class FakeArticle:
    source_path: str
    lang: str
    date: datetime.datetime
    slug: str = ""


def make(tmp_path: Path, posts: dict[str, str], names: dict[str, str] | None = None):
    """``posts``: relative path of index.<lang>.md -> ISO date."""
    names = names if names is not None else {
        "tin-tuc/_index.vi.md": "Title: Tin tức\n", "tin-tuc/_index.en.md": "Title: News\n",
        "tin-tuc/hoat-dong/_index.vi.md": "Title: Hoạt động\n",
        "dao-tao/_index.vi.md": "Title: Đào tạo\nDescription: Các lớp học\n",
    }
    write_files(tmp_path, {**names, **{p: "Title: x\n" for p in posts}})
    articles = [FakeArticle(str(tmp_path / p), p.rsplit(".", 2)[-2],
                            datetime.datetime.fromisoformat(d)) for p, d in posts.items()]
    return build_model(str(tmp_path), ["vi", "en"], articles, [])


def test_sections_nest_and_listings_include_subsections_newest_first(tmp_path):
    model, errors = make(tmp_path, {
        "tin-tuc/a/index.vi.md": "2020-01-01",
        "tin-tuc/hoat-dong/b/index.vi.md": "2021-01-01",
        "tin-tuc/hoat-dong/c/index.vi.md": "2019-01-01",
        "dao-tao/d/index.vi.md": "2022-01-01",
    })
    assert errors == []
    news = model.sections["tin-tuc"]
    assert [s.path for s in news.children] == ["tin-tuc/hoat-dong"]
    assert [Path(a.source_path).parent.name for a in model.listing(news, "vi")] == ["b", "a", "c"]
    assert [Path(a.source_path).parent.name for a in model.own_listing(news, "vi")] == ["a"]
    assert [Path(a.source_path).parent.name for a in model.latest("vi")] == ["d", "b", "a", "c"]
    assert model.sections["dao-tao"].description("vi") == "Các lớp học"


def test_same_date_is_ordered_by_path_so_nothing_ties(tmp_path):
    model, _ = make(tmp_path, {
        "dao-tao/b/index.vi.md": "2020-01-01",
        "dao-tao/a/index.vi.md": "2020-01-01",
    })
    order = [Path(a.source_path).parent.name for a in model.latest("vi")]
    assert order == ["b", "a"]


def test_translations_are_grouped_by_folder(tmp_path):
    model, _ = make(tmp_path, {
        "tin-tuc/a/index.vi.md": "2020-01-01",
        "tin-tuc/a/index.en.md": "2020-01-01",
        "dao-tao/a/index.vi.md": "2020-01-02",
    })
    by_folder = {Path(p.folder).relative_to(tmp_path).as_posix(): p for p in model.posts}
    assert sorted(by_folder["tin-tuc/a"].versions) == ["en", "vi"]
    assert sorted(by_folder["dao-tao/a"].versions) == ["vi"]


def test_section_pages_exist_only_where_a_language_has_posts(tmp_path):
    model, _ = make(tmp_path, {
        "tin-tuc/hoat-dong/a/index.vi.md": "2020-01-01",
        "tin-tuc/hoat-dong/a/index.en.md": "2020-01-01",
        "dao-tao/b/index.vi.md": "2020-01-01",
    })
    assert [s.path for s in model.top_sections("en")] == ["tin-tuc"]
    assert [s.path for s in model.top_sections("vi")] == ["dao-tao", "tin-tuc"]
    dao_tao = model.sections["dao-tao"]
    assert model.nearest_page(dao_tao, "en").is_root
    assert model.section_url(dao_tao, "vi") == "dao-tao/"
    assert model.section_url(model.sections["tin-tuc/hoat-dong"], "en") == "en/tin-tuc/hoat-dong/"
    assert model.feed_url(model.root, "en", "rss") == "en/rss.xml"
    # A section without an English name falls back to its Vietnamese one.
    assert model.sections["tin-tuc/hoat-dong"].name("en") == "Hoạt động"


def test_mistakes_are_all_reported_with_their_paths(tmp_path):
    _, errors = make(tmp_path, {
        "tin-tuc/a/index.vi.md": "2020-01-01",
        "khong-ten/b/index.vi.md": "2020-01-01",
        "tin-tuc/c/index.fr.md": "2020-01-01",
        "lac-loai/index.vi.md": "2020-01-01",
    })
    messages = sorted(str(e) for e in errors)
    assert any(m.startswith("khong-ten/: ") and "_index.vi.md" in m for m in messages), messages
    assert any(m.startswith("tin-tuc/c/index.fr.md: ") and "'fr'" in m for m in messages), messages
    assert any(m.startswith("lac-loai/index.vi.md: ") for m in messages), messages
    assert len(errors) == 3


def test_index_file_without_title_names_the_line(tmp_path):
    _, errors = make(tmp_path, {"tin-tuc/a/index.vi.md": "2020-01-01"},
                     names={"tin-tuc/_index.vi.md": "Tiêu đề Tin tức\n"})
    messages = [str(e) for e in errors]
    assert any(m.startswith("tin-tuc/_index.vi.md:1: ") for m in messages), messages


def test_sections_follow_their_order_then_folder_name(tmp_path):
    model, errors = make(tmp_path, {
        "tin-tuc/a/index.vi.md": "2020-01-01",
        "dao-tao/b/index.vi.md": "2020-01-01",
        "cuoi/c/index.vi.md": "2020-01-01",
    }, names={
        "tin-tuc/_index.vi.md": "Title: Tin tức\nOrder: 1\n",
        "dao-tao/_index.vi.md": "Title: Đào tạo\nOrder: 2\n",
        "cuoi/_index.vi.md": "Title: Cuối\n",
    })
    assert errors == []
    assert [s.path for s in model.root.children] == ["tin-tuc", "dao-tao", "cuoi"]


def test_unreadable_section_order_is_reported_with_its_line(tmp_path):
    _, errors = make(tmp_path, {"tin-tuc/a/index.vi.md": "2020-01-01"},
                     names={"tin-tuc/_index.vi.md": "Title: Tin tức\nOrder: đầu tiên\n"})
    assert [str(e).split(" ", 1)[0] for e in errors] == ["tin-tuc/_index.vi.md:2:"]


def test_header_checks_read_the_bytes_the_reader_read_until_they_are_forgotten(tmp_path):
    """The reader hands each file's bytes to the header checks (``remember_source``), so
    a build reads every content file from the disk once; they read the disk again only
    for a file the reader did not read, or once the bytes are forgotten."""
    from sitemodel.build import forget_sources, read_header, remember_source

    path = tmp_path / "index.vi.md"
    path.write_text("Title: Trên đĩa\nDate: 2024-01-01\n\nBài.\n", encoding="utf-8")
    remember_source(str(path), "\ufeffTitle: Đã đọc\r\nDate: 2024-01-02\r\n\r\nBài.\r\n".encode())
    try:
        assert read_header(str(path)) == [(1, "title", "Đã đọc"), (2, "date", "2024-01-02")]
    finally:
        forget_sources()
    assert read_header(str(path)) == [(1, "title", "Trên đĩa"), (2, "date", "2024-01-01")]


def test_a_posts_path_in_the_content_is_remembered_per_content_folder(tmp_path):
    """Pelican's ``get_relative_source_path`` is worked out once per path (sitemodel's
    ``remember_relative_paths``), for each content folder on its own."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from sitemodel.sitemodel import remember_relative_paths

    remember_relative_paths()
    source = str(tmp_path / "a" / "tin-tuc" / "bai" / "index.vi.md")
    posts = [Article("", metadata={"title": "Bài"}, source_path=source,
                     settings={**DEFAULT_CONFIG, "PATH": str(tmp_path / root)}) for root in ("a", "a/tin-tuc")]
    assert Article.get_relative_source_path.remembered
    assert [p.get_relative_source_path() for p in posts * 2] == [
        "tin-tuc/bai/index.vi.md", "bai/index.vi.md", "tin-tuc/bai/index.vi.md", "bai/index.vi.md"]
    assert posts[0].get_relative_source_path(str(tmp_path / "a" / "khac.md")) == "khac.md"


def test_posts_without_an_author_share_the_settings_author(tmp_path):
    """A post without ``Author:`` gets the ``AUTHOR`` setting: one ``Author`` for all of
    them (its slug made once), with the same name, slug and addresses as Pelican's own;
    a post with an author of its own keeps it."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Author
    from sitemodel.text import share_default_author

    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "AUTHOR": "Phòng Đào tạo",
                "ARTICLE_URL": "{author}/{slug}/", "ARTICLE_SAVE_AS": "{author}/{slug}/index.html"}
    posts = [Article("", metadata={"title": title, "slug": title.lower()}, settings=settings)
             for title in ("A", "B", "C")]
    own = Article("", metadata={"title": "D", "slug": "d", "author": Author("Khách mời", settings)},
                  settings=settings)
    before = [(p.author.name, p.author.slug, p.url, p.save_as) for p in [*posts, own]]
    own_author = own.author
    for post in [*posts, own]:
        share_default_author(post)
    assert posts[0].author is posts[1].author is posts[2].author
    assert all(p.authors == [p.author] for p in posts)
    assert own.author is own_author and own.authors == [own_author]
    assert [(p.author.name, p.author.slug, p.url, p.save_as) for p in [*posts, own]] == before
    assert before[0][1:3] == ("phong-dao-tao", "phong-dao-tao/a/")

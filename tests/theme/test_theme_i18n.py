"""Gettext for the theme: every message the templates use is translated into Vietnamese,
the committed template (.pot) is what Babel extracts, and each page speaks one language."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import build_site
from theme_support import (ROOT, extracted_msgids, html_pages, lang_of, message_pattern,
                           read_catalog, stress_site, ui_texts)


@pytest.fixture(scope="module")
def used_ids():
    ids = extracted_msgids()
    assert len(ids) > 20, "Babel found too few messages: is babel.cfg right?"
    return ids


@pytest.fixture(scope="module")
def vi_catalog():
    return read_catalog("vi")


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("i18n-stress"), stress_site(), SECTIONS_PER_PAGE=2)


def translated_pairs(catalog) -> list[tuple[str, str]]:
    """(msgid, Vietnamese msgstr) for every message whose translation differs from it."""
    return [(m.id, m.string) for m in catalog if m.id and m.string and m.string != m.id]


def test_every_message_in_the_templates_has_a_vietnamese_translation(used_ids, vi_catalog):
    missing = sorted(i for i in used_ids if not (vi_catalog.get(i) and vi_catalog.get(i).string))
    assert missing == []
    fuzzy = sorted(m.id for m in vi_catalog if m.id and m.fuzzy)
    assert fuzzy == []


def test_translations_keep_their_placeholders(vi_catalog):
    problems = [(m.id, [str(e) for e in errors]) for m, errors in vi_catalog.check()]
    assert problems == []


def test_english_catalog_lists_every_message(used_ids):
    en = read_catalog("en")
    assert sorted(i for i in used_ids if en.get(i) is None) == []


def test_catalogs_have_no_stale_messages(used_ids, vi_catalog):
    stale = sorted(m.id for m in vi_catalog if m.id and m.id not in used_ids)
    assert stale == [], "run pybabel update (see babel.cfg) to drop messages no template uses"


def test_pybabel_extract_with_babel_cfg_matches_the_committed_template(tmp_path, used_ids):
    from babel.messages.pofile import read_po

    out = tmp_path / "messages.pot"
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-o", str(out), "theme/templates"],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with open(out, "rb") as f:
        fresh = {m.id for m in read_po(f) if m.id}
    with open(ROOT / "theme" / "translations" / "messages.pot", "rb") as f:
        committed = {m.id for m in read_po(f) if m.id}
    assert fresh == used_ids
    assert committed == fresh, "theme/translations/messages.pot is out of date"


@pytest.fixture(scope="module", params=["small", "stress"])
def any_site(request, small, stress):
    return small if request.param == "small" else stress


def test_no_english_ui_text_on_vietnamese_pages(any_site, vi_catalog):
    patterns = [(msgid, message_pattern(msgid)) for msgid, _ in translated_pairs(vi_catalog)]
    pages = [rel for rel in html_pages(any_site) if lang_of(rel) == "vi"]
    assert len(pages) > 10
    for rel in pages:
        for text in ui_texts(any_site.html(rel), "vi"):
            for msgid, pattern in patterns:
                assert not pattern.search(text), f"{rel}: English {msgid!r} in {text!r}"


def test_no_vietnamese_ui_text_on_english_pages(any_site, vi_catalog):
    patterns = [(msgstr, message_pattern(msgstr)) for _, msgstr in translated_pairs(vi_catalog)]
    pages = [rel for rel in html_pages(any_site) if lang_of(rel) == "en"]
    assert len(pages) > 8
    for rel in pages:
        for text in ui_texts(any_site.html(rel), "en"):
            for msgstr, pattern in patterns:
                assert not pattern.search(text), f"{rel}: Vietnamese {msgstr!r} in {text!r}"


@pytest.mark.parametrize("rel, expected", [
    ("tin-tuc/tin-hoat-dong/le-khai-giang-2018/",
     ["Chuyển đến nội dung chính", "Trang chủ", "Bạn đang ở", "Chia sẻ", "Sao chép liên kết",
      "Đã sao chép liên kết", "Tin mới hơn", "Tin mới nhất", "Địa chỉ", "Điện thoại",
      "Cơ quan chủ quản: Liên minh Hợp tác xã tỉnh", "Ngôn ngữ", "Danh mục chính"]),
    ("en/tin-tuc/tin-hoat-dong/le-khai-giang-2018/",
     ["Skip to main content", "Home", "You are here", "Share", "Copy link", "Link copied",
      "Newer post", "Latest news", "Address", "Phone",
      "Governing body: Provincial Cooperative Alliance", "Language", "Main menu"]),
])
def test_pages_show_their_own_language(small, rel, expected):
    texts = ui_texts(small.html(rel))
    missing = [e for e in expected if e not in texts]
    assert missing == []


def test_the_remembered_gettext_gives_what_jinjas_own_gives():
    """``_()`` remembers what a message gives per language (bilingual._gettext): the
    same text as Jinja's newstyle gettext over the same catalogs, with and without
    variables and escaping, for each language, the first time and the next."""
    from jinja2 import DictLoader, Environment
    from markupsafe import Markup

    from bilingual import bilingual

    source = ("{{ _('Home') }}|{{ _('Latest news') }}|{{ _('Page %(num)s', num=n) }}|"
              "{{ _('All posts in %(section)s', section=name) }}|{{ _('not in the catalog') }}|"
              "{{ _('100%% sure') }}|{{ _('<b>%(x)s</b>', x=name) }}|{% trans %}Home{% endtrans %}|"
              "{% trans count=n %}{{ count }} post{% pluralize %}{{ count }} posts{% endtrans %}")
    saved = dict(bilingual._state)
    try:
        bilingual._state.update(catalogs=bilingual.load_catalogs(str(ROOT / "theme"), ["vi", "en"]),
                                gettext={})
        rendered = {}
        for autoescape in (True, False):
            ours, jinjas = (Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape,
                                        loader=DictLoader({"t": source})) for _ in range(2))
            for env in (ours, jinjas):
                env.install_gettext_callables(bilingual._translate, bilingual._ngettext, newstyle=True)
            ours.globals.update(gettext=bilingual._gettext, _=bilingual._gettext)  # as on_generator_init
            for lang in ("vi", "en", "vi"):
                name = Markup("<i>Tin & tức</i>") if autoescape else "Tin & tức"
                values = {"lang": lang, "n": 3, "name": name}
                expected = jinjas.get_template("t").render(values)
                assert ours.get_template("t").render(values) == expected
                assert ours.get_template("t").render(values) == expected  # remembered
                rendered[lang, autoescape] = expected
        assert rendered["vi", True].startswith("Trang chủ|Tin mới nhất|")
        assert rendered["en", True].startswith("Home|Latest news|Page 3|")
        assert "&lt;b&gt;" not in rendered["vi", True] and "100% sure" in rendered["en", False]
        assert ("vi", "Home", True) in bilingual._state["gettext"]
    finally:
        bilingual._state.clear()
        bilingual._state.update(saved)

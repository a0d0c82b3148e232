"""A post's summary and description: what a listing, a shared link, a search engine and a
feed reader show of a post (plugins/sitemodel/summary.py)."""

from __future__ import annotations

import html
import io
import json

import pytest
from conftest import ROOT, build_site, post_files, section_files
from hypothesis import given, settings
from hypothesis import strategies as st

POST = "tin-tuc/lop-moi/"
#: A text with everything the summary leaves out: a photo and its caption, a file's size
#: note, a footnote and its note, a YouTube video, and blocks the words of which ran on.
BODY = """Lớp bồi dưỡng mới khai giảng.

![Toàn cảnh lớp học](lop-hoc.jpg)

Học viên tải [mẫu đơn](mau-don.pdf) và đọc ghi chú[^1].

https://youtu.be/abc123

- Sáng: lý thuyết
- Chiều: thực hành

[^1]: Ghi chú cuối bài.
"""
SUMMARY = ("Lớp bồi dưỡng mới khai giảng. Học viên tải mẫu đơn và đọc ghi chú. "
           "Sáng: lý thuyết Chiều: thực hành")


#: A written summary longer than a description: 200 characters end inside "Đông Triều".
LONG_SUMMARY = ("Sáng 11 tháng 9 năm 2018, Liên minh Hợp tác xã tỉnh Quảng Ninh khai giảng ba lớp bồi dưỡng nâng cao năng lực lãnh đạo, "
                "quản lý cho 90 cán bộ chủ chốt của các hợp tác xã ở thị xã Quảng Yên và thị xã Đông Triều, "
                "từ ngày 11 đến ngày 14 tháng 9 năm 2018, tại hội trường của Nhà trường.")


def jpeg(size=(1600, 1200)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def summary_site() -> dict[str, str | bytes]:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files(POST.rstrip("/"), {"Title": "Lớp mới", "Date": "2024-03-01", "body": BODY})
    files[POST + "lop-hoc.jpg"] = jpeg()
    files[POST + "mau-don.pdf"] = b"%PDF" + bytes(53_000)
    long_text = " ".join(f"từ{n}" for n in range(60))
    files |= post_files("tin-tuc/bai-dai", {"Title": "Bài dài", "Date": "2024-02-01", "body": long_text})
    files |= post_files("tin-tuc/co-tom-tat", {"Title": "Có tóm tắt", "Date": "2024-01-01",
                                               "Summary": "Tóm tắt   như   đã   viết, kể cả (PDF, 53 KB).",
                                               "body": "Nội dung khác hẳn."})
    files |= post_files("tin-tuc/tom-tat-dai", {"Title": "Tóm tắt dài", "Date": "2023-12-01", "Summary": LONG_SUMMARY})
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("summaries"), summary_site())


def descriptions(site, rel: str) -> dict[str, str]:
    soup = site.html(rel)
    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    return {"meta": soup.find("meta", attrs={"name": "description"})["content"],
            "og": soup.find("meta", property="og:description")["content"],
            "json-ld": next(item for item in graph if item["@type"] == "NewsArticle")["description"]}


def card_summary(site, title: str) -> str:
    card = next(c for c in site.html("tin-tuc/").select("article.card") if c.select_one(".card__title").get_text(strip=True) == title)
    return card.select_one(".card__summary").get_text()


def test_an_automatic_summary_is_the_texts_words_without_captions_notes_footnotes_or_videos(site):
    assert descriptions(site, POST) == {"meta": SUMMARY, "og": SUMMARY, "json-ld": SUMMARY}
    assert card_summary(site, "Lớp mới") == SUMMARY
    entry = next(e for e in site.feed("tin-tuc/atom.xml").entries if e.title == "Lớp mới")
    assert entry.summary == SUMMARY


def test_an_automatic_summary_is_the_first_forty_words(site):
    words = " ".join(f"từ{n}" for n in range(40)) + "…"
    assert card_summary(site, "Bài dài") == words
    assert descriptions(site, "tin-tuc/bai-dai/")["json-ld"] == words


def test_a_written_summary_is_kept_as_written(site):
    written = "Tóm tắt như đã viết, kể cả (PDF, 53 KB)."
    assert set(descriptions(site, "tin-tuc/co-tom-tat/").values()) == {written}
    assert card_summary(site, "Có tóm tắt") == written


def cut_at_a_word(shown: str, whole: str, most: int) -> None:
    assert len(shown) <= most and shown.endswith("…") and "..." not in shown, shown
    kept = shown[:-1]
    assert whole.startswith(kept) and whole[len(kept)] in " ,", f"cut inside a word: {shown!r}"


def test_a_long_summary_is_cut_at_a_words_end_with_an_ellipsis(site):
    assert len(LONG_SUMMARY) > 240 and LONG_SUMMARY.index("Đông") < 200 < LONG_SUMMARY.index("Triều") + 5
    shown = descriptions(site, "tin-tuc/tom-tat-dai/")
    assert len(set(shown.values())) == 1, shown
    cut_at_a_word(shown["meta"], LONG_SUMMARY, 200)
    assert shown["meta"].endswith("Quảng Yên và thị xã…")
    cut_at_a_word(card_summary(site, "Tóm tắt dài"), LONG_SUMMARY, 240)


#: Pieces of a post's HTML for ``test_a_summary_parsed_until_it_has_its_words_is_the_whole_texts``:
#: blocks and inline tags, what the summary leaves out (captions, footnotes, scripts),
#: unclosed and stray tags, comments, entities whole and cut, characters the summary
#: drops that ``split`` takes for spaces (form feed, NEL), and bare "<" and "&".
HTML_PIECES = ["<p>", "</p>", "<h2>", "</h2>", "<br>", "<br/>", "<li>", "</li>", "<em>", "</em>",
               '<a href="x">', "</a>", '<sup class="footnote-ref">', "</sup>", "<figure>", "<figcaption>",
               "</figcaption>", "</figure>", "<script>", "</script>", '<span class="file-info">', "</span>",
               "<!--", "-->", "&amp;", "&#273;", "&nbsp;", "&#x110", "&", "<", ">", "\x0c", "\x85", "\u202e",
               " ", "  ", "\n", "\n\n", "Đào", "tạo", "lớp", "x", "9", ",", "–", "."]


@settings(max_examples=600, derandomize=True, deadline=None, database=None)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=60), st.integers(min_value=0, max_value=12),
       st.sampled_from(["…", " [...]"]))
def test_a_summary_parsed_until_it_has_its_words_is_the_whole_texts(pieces, count, ellipsis):
    """The parse stops once it holds more words than the summary keeps (``text_of``'s
    ``most``): the summary is what the whole text parsed gives."""
    import sys

    sys.path.insert(0, str(ROOT / "plugins"))
    from sitemodel.summary import auto_summary, first_words, text_of

    content = "".join(pieces)
    whole = html.escape(first_words(text_of(content), count, ellipsis), quote=False)
    assert auto_summary(content, count, ellipsis) == whole

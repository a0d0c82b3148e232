"""Figures in the HTML, source lines for messages, captions files, and photo paths."""

import os

import pytest
from bs4 import BeautifulSoup

from photos import markup, placement, sources
from photos.captions import read_captions


def rewrite(html: str, webp: bool = False) -> BeautifulSoup:
    doc = markup.parse(html)
    for index, img in enumerate(markup.local_images(doc)):
        src = img["src"]
        srcset = f"/480/{src} 480w, /960/{src} 960w" if webp else ""
        attrs = markup.image_attrs(img, f"/m/{src}", 960, 720, img.get("alt") or "Bài – ảnh 1",
                                   first=index == 0, srcset=srcset, sizes="100vw")
        markup.place(doc, img, attrs, {"href": f"/l/{src}", "data-width": "1600"},
                     (img.get("alt") or "").strip(),
                     webp_srcset=srcset.replace(".jpg", ".webp"), sizes="100vw")
    return BeautifulSoup(markup.serialize(doc), "html.parser")


def test_an_image_alone_in_its_paragraph_becomes_a_figure():
    out = rewrite('<p>Một.</p>\n<p><img alt="Lễ khai giảng" src="anh-01.jpg"></p>\n<p>Hai.</p>')
    figure = out.find("figure")
    assert figure["class"] == ["figure"]
    assert figure.parent.name != "p" and not out.select("p > figure")
    link = figure.find("a", class_="figure__link")
    assert link["href"] == "/l/anh-01.jpg"
    img = link.find("img")
    assert (img["src"], img["width"], img["height"], img["alt"]) == ("/m/anh-01.jpg", "960", "720", "Lễ khai giảng")
    assert figure.find("figcaption").get_text() == "Lễ khai giảng"
    assert [p.get_text() for p in out.find_all("p")] == ["Một.", "Hai."]


def test_captions_are_escaped():
    html = '<p><img alt="A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;" src="a.jpg"></p>'
    serialized = markup.serialize(rewrite(html))
    assert "<script>" not in serialized
    assert "<figcaption>A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;</figcaption>" in serialized


def test_no_caption_no_figcaption_and_a_generated_alt():
    out = rewrite('<p><img alt="" src="a.jpg"></p>')
    assert out.find("figcaption") is None
    assert out.find("img")["alt"] == "Bài – ảnh 1"


def test_two_images_on_consecutive_lines_give_two_figures_in_order():
    out = rewrite('<p><img alt="A" src="a.jpg">\n<img alt="B" src="b.jpg"></p>')
    assert [f.find("img")["src"] for f in out.find_all("figure")] == ["/m/a.jpg", "/m/b.jpg"]
    assert out.find("p") is None


def test_an_image_in_running_text_splits_the_paragraph():
    out = rewrite('<p>Trước <img alt="A" src="a.jpg"> sau.</p>')
    assert [c.name for c in out.children if c.name] == ["p", "figure", "p"]
    assert [p.get_text() for p in out.find_all("p")] == ["Trước", "sau."]


def test_images_where_a_figure_cannot_go_become_linked_images():
    out = rewrite('<ul>\n<li><img alt="A" src="a.jpg"></li>\n</ul>')
    assert out.find("li").find("a", class_="figure__link")["href"] == "/l/a.jpg"
    assert out.find("figure") is None


def test_an_image_inside_a_link_keeps_the_authors_link():
    out = rewrite('<p><a href="https://example.vn/"><img alt="A" src="a.jpg"></a></p>')
    assert [a["href"] for a in out.find_all("a")] == ["https://example.vn/"]
    assert out.find("img")["src"] == "/m/a.jpg"


def test_first_image_loads_at_once_the_others_lazily():
    out = rewrite('<p><img alt="A" src="a.jpg"></p><p><img alt="B" src="b.jpg"></p>'
                  '<p><img alt="C" src="c.jpg" loading="eager"></p>')
    first, second, third = out.find_all("img")
    assert "loading" not in first.attrs and "decoding" not in first.attrs
    assert first["fetchpriority"] == "high"
    for later in (second, third):
        assert (later["loading"], later["decoding"]) == ("lazy", "async")
        assert "fetchpriority" not in later.attrs


def test_a_picture_offers_webp_first_and_the_fallback_with_its_sizes():
    out = rewrite('<p>Một.</p>\n<p><img alt="A" src="a.jpg" title="Ảnh"></p>', webp=True)
    link = out.select_one("figure.figure > a.figure__link")
    assert (link["href"], link["data-width"]) == ("/l/a.jpg", "1600")
    picture = link.find("picture")
    assert [child.name for child in picture.children] == ["source", "img"]
    source, img = picture.find("source"), picture.find("img")
    assert source.attrs == {"type": "image/webp", "srcset": "/480/a.webp 480w, /960/a.webp 960w",
                            "sizes": "100vw"}
    assert list(img.attrs)[:6] == ["src", "srcset", "sizes", "width", "height", "alt"]
    assert (img["src"], img["srcset"], img["sizes"]) == ("/m/a.jpg", "/480/a.jpg 480w, /960/a.jpg 960w", "100vw")
    assert img["title"] == "Ảnh"
    assert out.find("figcaption").get_text() == "A"


def test_a_picture_in_a_list_is_a_linked_picture():
    out = rewrite('<ul>\n<li>Một <img alt="A" src="a.jpg"></li>\n</ul>', webp=True)
    link = out.find("li").find("a", class_="figure__link")
    assert link.find("picture").find("source")["type"] == "image/webp"
    assert out.find("figure") is None


def test_remote_images_and_placeholders_are_left_alone():
    html = ('<p><img alt="x" src="https://example.vn/a.jpg"></p>'
            '<p><img alt="y" src="//cdn.example.vn/b.jpg"></p>'
            '<p><img alt="z" src="data:image/png;base64,AAAA"></p>'
            '<p><img alt="w" src="{static}/c.jpg"></p>')
    assert markup.local_images(markup.parse(html)) == []


def test_html_without_images_is_not_parsed():
    assert markup.parse("<p>Không có ảnh.</p>") is None


def test_the_rest_of_the_html_is_kept():
    html = ('<p>“Trích dẫn” &amp; <em>nhấn</em><br>\ndòng</p>\n<pre><code>&lt;p&gt;</code></pre>\n'
            '<p><img alt="A" src="a.jpg"></p>')
    serialized = markup.serialize(rewrite(html))
    assert serialized.startswith('<p>“Trích dẫn” &amp; <em>nhấn</em><br>\ndòng</p>\n<pre><code>&lt;p&gt;</code></pre>\n')


# --- lines for messages ------------------------------------------------------------------

MARKDOWN = """Title: Bài viết
Date: 2024-01-01

Đoạn đầu.

![Ảnh một](mot.jpg)

Đoạn có ![ảnh](mot.jpg) lần hai.

![Tham chiếu][r]

[r]: ba.jpg
"""


def test_source_line_finds_each_occurrence_and_references():
    assert markup.source_line(MARKDOWN, "mot.jpg") == 6
    assert markup.source_line(MARKDOWN, "mot.jpg", occurrence=1) == 8
    assert markup.source_line(MARKDOWN, "ba.jpg") == 12
    assert markup.source_line(MARKDOWN, "khong-co.jpg") is None


# --- captions files ------------------------------------------------------------------------

def test_captions_file(tmp_path):
    for name in ("anh-01.jpg", "anh-02.jpg"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "captions.vi.txt").write_text(
        "# Chú thích ảnh\n\nanh-01.jpg: Học viên thảo luận: nhóm 1\nanh-02.jpg:   Giảng viên  \n",
        encoding="utf-8")
    captions, errors = read_captions(str(tmp_path), "vi", "tin-tuc/bai")
    assert errors == []
    assert captions == {"anh-01.jpg": "Học viên thảo luận: nhóm 1", "anh-02.jpg": "Giảng viên"}
    assert captions.lines == {"anh-01.jpg": 3, "anh-02.jpg": 4}  # (for invoke check's messages)
    assert read_captions(str(tmp_path), "en", "tin-tuc/bai") == ({}, [])


def test_captions_file_mistakes_name_the_file_and_line(tmp_path):
    (tmp_path / "anh-01.jpg").write_bytes(b"x")
    (tmp_path / "ghi-chu.txt").write_text("x")
    (tmp_path / "captions.en.txt").write_text(
        "anh-01.jpg: One\nanh-1.jpg: Typo\nno colon here\nghi-chu.txt: Not a photo\nanh-01.jpg: Again\n",
        encoding="utf-8")
    _, errors = read_captions(str(tmp_path), "en", "tin-tuc/bai")
    found = {(e.path, e.line): e.message for e in errors}
    assert set(found) == {("tin-tuc/bai/captions.en.txt", n) for n in (2, 3, 4, 5)}
    assert "there is no photo 'anh-1.jpg'" in found[("tin-tuc/bai/captions.en.txt", 2)]
    assert "did you mean 'anh-01.jpg'" in found[("tin-tuc/bai/captions.en.txt", 2)]
    assert "already has a caption on line 1" in found[("tin-tuc/bai/captions.en.txt", 5)]


def test_a_full_width_colon_in_a_captions_file_is_named(tmp_path):
    """"anh.jpg： Lớp học" (a full-width colon, as a Chinese or Japanese keyboard types
    it) was told "expected 'photo.jpg: Caption'", which it looked like: the message now
    names the colon, in the words the metadata's message uses; a full-width colon in the
    caption itself, after the plain one, is the caption's."""
    for name in ("anh-01.jpg", "anh-02.jpg", "anh-03.jpg"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "captions.vi.txt").write_text(
        "anh-01.jpg\uff1a Lớp học\nanh-02.jpg\uff1a Giờ nghỉ: uống trà\nanh-03.jpg: Giảng viên\uff1a ông A\n",
        encoding="utf-8")
    captions, errors = read_captions(str(tmp_path), "vi", "tin-tuc/bai")
    assert captions == {"anh-03.jpg": "Giảng viên\uff1a ông A"}
    assert [(e.path, e.line) for e in errors] == [("tin-tuc/bai/captions.vi.txt", 1),
                                                  ("tin-tuc/bai/captions.vi.txt", 2)]
    assert errors[0].message == (
        "dòng phải có dạng 'anh.jpg: Chú thích', với dấu hai chấm ':' thường, không phải '\uff1a': "
        "'anh-01.jpg\uff1a Lớp học' / expected 'photo.jpg: Caption', with a plain colon ':', not '\uff1a': "
        "got 'anh-01.jpg\uff1a Lớp học'")
    assert "a plain colon ':', not '\uff1a'" in errors[1].message


# --- photo paths -----------------------------------------------------------------------------

def test_folder_photos_in_natural_file_name_order(tmp_path):
    for name in ("anh-10.jpg", "anh-2.JPG", "anh-1.png", ".an.jpg", "ghi-chu.txt", "b.webp"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "thu-muc.jpg").mkdir()
    assert sources.folder_photos(str(tmp_path)) == ["anh-1.png", "anh-2.JPG", "anh-10.jpg", "b.webp"]


@pytest.mark.parametrize("src", ["../khac/anh.jpg", "/etc/anh.jpg", "C:/anh.jpg", "a/../../anh.jpg"])
def test_paths_leaving_the_folder_are_refused(tmp_path, src):
    with pytest.raises(sources.OutsideFolder):
        sources.resolve(str(tmp_path), src)


def test_a_symlink_pointing_outside_is_refused(tmp_path):
    post = tmp_path / "bai"
    post.mkdir()
    (tmp_path / "bi-mat.jpg").write_bytes(b"x")
    os.symlink(tmp_path / "bi-mat.jpg", post / "anh.jpg")
    with pytest.raises(sources.OutsideFolder):
        sources.resolve(str(post), "anh.jpg")


def test_a_name_with_a_hash_or_percent_sign_is_the_file_so_named(tmp_path):
    """``anh #1.jpg`` was read as ``anh `` and an anchor, ``a%20b.jpg`` as ``a b.jpg``:
    "there is no photo 'anh #1.jpg'" while it was there (in the text and in captions)."""
    import unicodedata

    for name in ("anh #1.jpg", "a%20b.jpg", "hỏi?.jpg"):
        (tmp_path / name).write_bytes(b"x")
        assert sources.resolve(str(tmp_path), name) == name
    # Saved by a Mac (decomposed), typed composed, as a captions file always reads it.
    (tmp_path / unicodedata.normalize("NFD", "ảnh #2.jpg")).write_bytes(b"x")
    rel, problem = sources.locate(str(tmp_path), unicodedata.normalize("NFC", "ảnh #2.jpg"), "outside")
    assert problem is None and rel == unicodedata.normalize("NFD", "ảnh #2.jpg")
    # An address still is one when no file has the name as typed.
    assert sources.resolve(str(tmp_path), "anh%202.jpg#top") == "anh 2.jpg"


def test_paths_inside_the_folder_are_normalised(tmp_path):
    assert sources.resolve(str(tmp_path), "./anh%2001.jpg") == "anh 01.jpg"
    assert sources.resolve(str(tmp_path), "thu-muc/../anh.jpg") == "anh.jpg"


def test_stems_keep_names_and_separate_same_name_photos():
    assert placement.stems(["anh-01.jpg", "anh/1.jpg", "logo.jpg", "logo.PNG"]) == {
        "anh-01.jpg": "anh-01", "anh/1.jpg": "anh-1", "logo.jpg": "logo-jpg", "logo.PNG": "logo-png"}


def test_stems_are_never_the_same_for_two_photos():
    """Two photos whose renditions would be named alike wrote the same files: one photo
    was shown in place of the other, without a word."""
    import unicodedata

    nfc, nfd = (unicodedata.normalize(form, "ảnh.jpg") for form in ("NFC", "NFD"))
    cases = [["anh.JPG", "anh.jpg"], ["anh-1.jpg", "anh/1.jpg"], [nfd, nfc],
             ["anh.jpg", "anh.JPG", "anh-jpg.jpg", "anh.png"]]
    for names in cases:
        found = placement.stems(names)
        keys = [unicodedata.normalize("NFC", stem).casefold() for stem in found.values()]
        assert len(set(keys)) == len(names), found
    assert placement.stems(["anh.JPG", "anh.jpg"]) == {"anh.JPG": "anh-jpg", "anh.jpg": "anh-jpg-2"}
    assert placement.stems(["anh-1.jpg", "anh/1.jpg"]) == {"anh-1.jpg": "anh-1-jpg", "anh/1.jpg": "anh-1-jpg-2"}


def test_alt_text_per_language():
    templates = {"vi": "{title} – ảnh {number}", "en": "{title} – photo {number}"}
    assert placement.alt_text(templates, "vi", "Khai giảng", 2) == "Khai giảng – ảnh 2"
    assert placement.alt_text(templates, "fr", "Ouverture", 3) == "Ouverture – 3"


def test_names_come_from_the_folder_as_a_windows_or_mac_disk_lists_them(tmp_path, monkeypatch):
    """A Windows or Mac disk finds IMG_1234.JPG when asked for IMG_1234.jpg: the photo
    was then a figure under the typed name and in the gallery under its own (and the
    post built there, not on Linux). The name is the listing's, on every computer."""
    import unicodedata

    (tmp_path / "IMG_1234.JPG").write_bytes(b"x")
    decomposed = unicodedata.normalize("NFD", "ảnh.jpg")
    (tmp_path / decomposed).write_bytes(b"x")
    real_isfile = os.path.isfile

    def isfile_ignoring_case_and_form(path):  # as NTFS and APFS answer
        folder, name = os.path.split(path)
        same = unicodedata.normalize("NFC", name).casefold()
        return any(unicodedata.normalize("NFC", n).casefold() == same and real_isfile(os.path.join(folder, n))
                   for n in os.listdir(folder)) if os.path.isdir(folder) else False

    monkeypatch.setattr(sources.os.path, "isfile", isfile_ignoring_case_and_form)
    assert sources.same_name(str(tmp_path), "IMG_1234.jpg") is None
    assert sources.same_name(str(tmp_path), "IMG_1234.JPG") == "IMG_1234.JPG"
    assert sources.same_name(str(tmp_path), unicodedata.normalize("NFC", "ảnh.jpg")) == decomposed
    rel, problem = sources.locate(str(tmp_path), "IMG_1234.jpg", "outside")
    assert "did you mean 'IMG_1234.JPG'?" in problem


def test_gallery_order_is_vietnamese_whatever_the_unicode_form_of_the_names():
    """Python's order put every name starting with an accented letter after 'z', and a
    name saved by a Mac (decomposed) elsewhere than the same name saved by Windows."""
    import unicodedata

    wanted = ["anh 1.jpg", "ảnh 2.jpg", unicodedata.normalize("NFD", "ảnh 10.jpg"), "ăn.jpg", "âm.jpg",
              "Bảng.jpg", "dạy.jpg", "Đội 1.jpg", "đội 2.jpg", "ong.jpg", "ô.jpg", "ơn.jpg", "zalo.jpg"]
    assert sorted(reversed(wanted), key=sources.natural_key) == wanted
    # Tones as CLDR's Vietnamese collation (and Hoàng Phê's dictionary) order them.
    assert sorted(["má.jpg", "mả.jpg", "mà.jpg", "ma.jpg", "mạ.jpg", "mã.jpg"], key=sources.natural_key) == [
        "ma.jpg", "mà.jpg", "mả.jpg", "mã.jpg", "má.jpg", "mạ.jpg"]


def test_the_name_found_does_not_depend_on_the_order_the_disk_lists_names(tmp_path, monkeypatch):
    import unicodedata

    nfc, nfd = (unicodedata.normalize(form, "ấn.jpg") for form in ("NFC", "NFD"))
    (tmp_path / nfc).write_bytes(b"x")
    (tmp_path / nfd).write_bytes(b"x")
    typed = "\u00e2\u0301n.jpg"  # â and an acute accent: a third way to write "ấn"
    found = sources.same_name(str(tmp_path), typed)
    listdir = os.listdir
    monkeypatch.setattr(sources.os, "listdir", lambda path: list(reversed(listdir(path))))
    assert sources.same_name(str(tmp_path), typed) == found == min(nfc, nfd)


def test_names_match_whatever_the_unicode_normalisation(tmp_path):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "ảnh-lớp-học.jpg")
    (tmp_path / decomposed).write_bytes(b"x")
    assert sources.same_name(str(tmp_path), unicodedata.normalize("NFC", "ảnh-lớp-học.jpg")) == decomposed
    assert sources.same_name(str(tmp_path), "khac.jpg") is None
    (tmp_path / "captions.vi.txt").write_text("ảnh-lớp-học.jpg: Lớp học\n", encoding="utf-8")
    assert read_captions(str(tmp_path), "vi", "bai") == ({decomposed: "Lớp học"}, [])


def test_source_line_of_a_raw_html_image_is_its_src_not_an_earlier_mention():
    text = "Title: Ảnh x\nSummary: xem [x] bên dưới\n\nMột <img src=x alt=''> và <img src=\"y.jpg\">\n"
    assert markup.source_line(text, "x") == 4
    assert markup.source_line(text, "y.jpg") == 4
    assert markup.source_line("Ảnh x\n\n<img src=xy.jpg>\n", "x") == 1  # no src=x: any mention


def test_links_to_photos_are_found_however_the_href_is_quoted():
    """A text with no image but a link to a photo is parsed too (its link then leads to a
    rendition); raw HTML may quote the address with either quote, a name may hold the other."""
    html = ("<p><a href=\"cong-van.jpg\">a</a> <a href='Bia.PNG'>b</a> <a href=\"a'b.jpg\">c</a> "
            "<a href=\"/tin-tuc/x/anh-800w.jpg\">d</a> <a href=\"mau.pdf\">e</a> <a href=\"https://x.vn/a.jpg\">f</a></p>")
    doc = markup.parse(html)
    assert doc is not None
    assert [a["href"] for a in markup.local_photo_links(doc)] == ["cong-van.jpg", "Bia.PNG", "a'b.jpg"]
    assert markup.parse("<p><a href='Bia.PNG'>b</a></p>") is not None
    assert markup.parse("<p><a href='mau.pdf'>e</a> anh.jpg</p>") is None  # nothing to do: untouched

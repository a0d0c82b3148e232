"""Captions files follow the same text rules as posts (found by fuzzing)."""

from __future__ import annotations

import photo_samples as samples

from conftest import build_site, post_files, section_files


def site_with_captions(captions: bytes) -> dict:
    files = section_files("tin-tuc", "Tin tức", "News")
    files |= post_files("tin-tuc/bai", {"Title": "Bài", "Date": "2020-01-01"})
    files["tin-tuc/bai/anh.jpg"] = samples.jpeg((320, 240))
    files["tin-tuc/bai/captions.vi.txt"] = captions
    return files


def test_line_separators_and_control_characters_do_not_break_a_caption(tmp_path):
    caption = "Học viên\u2028 thảo luận\x00 nhóm\u0085 sôi nổi"
    site = build_site(tmp_path, site_with_captions(f"anh.jpg: {caption}\n".encode()))
    figcaption = site.html("tin-tuc/bai/").select_one(".gallery figcaption")
    text = figcaption.get_text(strip=True)
    # One caption, not cut at the line separators; the NUL is gone.
    assert text.startswith("Học viên") and text.endswith("sôi nổi") and "thảo luận nhóm" in text
    assert "\x00" not in text


def test_a_control_character_in_a_photo_name_is_a_plain_error(tmp_path):
    site = build_site(tmp_path, site_with_captions(b"a\x00/b.jpg: x\n"), expect_ok=False)
    assert site.result.returncode == 1, site.log
    assert "Traceback" not in site.log
    assert "tin-tuc/bai/captions.vi.txt:1:" in site.log


def test_a_caption_is_written_in_markdown_as_the_text_is_and_its_alt_is_plain(tmp_path):
    """"**bold**" in a caption showed its asterisks, in the page, the gallery and the
    feeds, and in the alt text read out by screen readers. A caption is read as inline
    Markdown, as the text around it: shown as HTML, its plain words the alt text (and
    og:image:alt); HTML written in it is still shown as typed."""
    files = site_with_captions(
        "anh.jpg: Ảnh: *Báo Quảng Ninh*, [bài gốc](https://baoquangninh.vn/bai) <b>đậm</b>"
        " [bài khác](../khac/index.vi.md)\n".encode())
    files["tin-tuc/bai/index.vi.md"] = ("Title: Bài\nDate: 2020-01-01\n\nNội dung.\n\n"
                                        "![Đồng chí **Nguyễn Văn A** phát biểu](dau.jpg)\n")
    files["tin-tuc/bai/dau.jpg"] = samples.jpeg((320, 240))
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    figure, gallery = soup.select_one(".post__body figure"), soup.select_one(".gallery figure")
    assert figure.figcaption.strong.get_text() == "Nguyễn Văn A"
    assert figure.img["alt"] == "Đồng chí Nguyễn Văn A phát biểu"
    assert soup.find("meta", property="og:image:alt")["content"] == "Đồng chí Nguyễn Văn A phát biểu"
    assert gallery.figcaption.em.get_text() == "Báo Quảng Ninh"
    # A link to a web address; one to the site's own post or file is its words (the
    # build's handling of such links is the text's: it led to the unpublished .md file).
    assert [a["href"] for a in gallery.figcaption.find_all("a")] == ["https://baoquangninh.vn/bai"]
    assert gallery.figcaption.get_text() == "Ảnh: Báo Quảng Ninh, bài gốc <b>đậm</b> bài khác"
    assert gallery.img["alt"] == "Ảnh: Báo Quảng Ninh, bài gốc <b>đậm</b> bài khác"
    assert "*" not in soup.select_one("main").get_text()
    from bs4 import BeautifulSoup

    entry = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    captions = entry.find_all("figcaption")
    assert [c.strong.get_text() if c.strong else c.em.get_text() for c in captions] == [
        "Nguyễn Văn A", "Báo Quảng Ninh"]
    assert captions[1].a["href"] == "https://baoquangninh.vn/bai"


def test_an_email_in_a_caption_or_the_text_mails_from_the_feed_too(tmp_path):
    """Markdown writes an email's link with its letters as character references
    ("&#109;&#97;…" for "mailto:…"); the feeds took that address for a relative one and
    made it the post's: a feed reader's tap on "daotao@truong.vn", in a caption or in the
    text, opened …/tin-tuc/bai/mailto:daotao@truong.vn, a page not found."""
    files = site_with_captions("anh.jpg: Ảnh: Phòng Đào tạo (daotao@truong.vn)\n".encode())
    files["tin-tuc/bai/index.vi.md"] = "Title: Bài\nDate: 2020-01-01\n\nEmail: lienhe@truong.vn\n"
    site = build_site(tmp_path, files)
    page = site.html("tin-tuc/bai/")
    assert [a["href"] for a in page.select(".post__body a, .gallery figcaption a")] == [
        "mailto:lienhe@truong.vn", "mailto:daotao@truong.vn"]
    for name in ("atom.xml", "rss.xml"):
        entry = site.feed(name).entries[0]
        from bs4 import BeautifulSoup

        content = BeautifulSoup(entry.content[0].value if "content" in entry else entry.description, "html.parser")
        assert [a["href"] for a in content.find_all("a")] == [
            "mailto:lienhe@truong.vn", "mailto:daotao@truong.vn"], (name, content)


def test_a_picture_or_an_address_no_browser_opens_in_a_caption_is_its_words(tmp_path):
    """A caption is one line of words (found by invoke fuzz): "![Lớp học](anh.jpg)" in it
    was a picture inside the figcaption, the unpublished original (or another site's
    picture) and its words gone from the alt text; an address typed in it that no browser
    opens ("www.truong[1].vn", which the text's build refuses) was a link leading
    nowhere. Both are their words, in the page, the alt text and the feed."""
    files = site_with_captions(
        "anh.jpg: Ảnh ![Lớp học](anh.jpg), ![logo](https://example.org/logo.png), xem www.truong[1].vn"
        " hoặc www.truong.vn\n".encode())
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    gallery = soup.select_one(".gallery figure")
    words = "Ảnh Lớp học, logo, xem www.truong[1].vn hoặc www.truong.vn"
    assert gallery.figcaption.get_text() == words
    assert gallery.figcaption.find("img") is None
    assert [a["href"] for a in gallery.figcaption.find_all("a")] == ["http://www.truong.vn"]
    assert gallery.img["alt"] == words
    from bs4 import BeautifulSoup

    entry = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    assert entry.find("figcaption").get_text() == words
    assert [img["alt"] for img in entry.find_all("img")] == [words]


def test_a_caption_gets_the_typography_of_the_text_beside_it(tmp_path):
    """The text's straight quotes, "--" and "..." are shown curly, as a dash and an
    ellipsis (TYPOGRIFY); a caption's were shown as typed, so the same words looked
    different in the text and under the photo beside it. A caption gets the text's
    typography, in the page, the gallery and the feed; its plain words (alt text,
    og:image:alt) carry the same characters, as a title does; code stays as typed."""
    words = 'Lớp "Quản trị HTX" -- khoá 2... của Hội\'s'
    files = site_with_captions(f"anh.jpg: {words} `\"x\" -- y`\n".encode())
    files["tin-tuc/bai/index.vi.md"] = (f"Title: Bài\nDate: 2020-01-01\n\n{words}\n\n"
                                        f"![{words}](dau.jpg)\n")
    files["tin-tuc/bai/dau.jpg"] = samples.jpeg((320, 240))
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    shown = soup.select_one(".post__body p").get_text()
    assert shown == "Lớp “Quản trị HTX” — khoá 2… của Hội’s"  # (the text's, as before)
    figure, gallery = soup.select_one(".post__body figure"), soup.select_one(".gallery figure")
    assert figure.figcaption.get_text() == shown
    assert figure.img["alt"] == shown
    assert soup.find("meta", property="og:image:alt")["content"] == shown
    assert gallery.figcaption.get_text() == f'{shown} "x" -- y'
    assert gallery.figcaption.code.get_text() == '"x" -- y'
    assert gallery.img["alt"] == f'{shown} "x" -- y'
    from bs4 import BeautifulSoup

    entry = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    assert [c.get_text() for c in entry.find_all("figcaption")] == [shown, f'{shown} "x" -- y']
    assert [img["alt"] for img in entry.find_all("img")] == [shown, f'{shown} "x" -- y']


def test_a_character_reference_in_a_caption_shows_its_character_as_in_the_text(tmp_path):
    """"&ndash;", "&amp;", "&nbsp;", "&#8220;" typed in the text show their characters;
    typed in a captions file they showed their names ("&ndash;" on the page). A caption
    reads them as the text does, its plain words (alt text, og:image:alt, the feed's)
    hold the characters; HTML typed in it is still shown as typed, and code as typed."""
    words = "Tom &amp; Jerry &ndash; 1&nbsp;000 người &#8220;xem&#8221; &lt;b&gt; &quot;hay&quot;"
    files = site_with_captions(f"anh.jpg: {words} <i>thẻ</i> `a &amp; b`\n".encode())
    files["tin-tuc/bai/index.vi.md"] = f"Title: Bài\nDate: 2020-01-01\n\n{words}\n"
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    shown = soup.select_one(".post__body p").get_text()
    assert shown == "Tom & Jerry – 1\u00a0000 người “xem” <b> “hay”"  # (the text's, as before)
    whole = f"{shown} <i>thẻ</i> a &amp; b"
    gallery = soup.select_one(".gallery figure")
    assert gallery.figcaption.get_text() == whole
    assert [tag.name for tag in gallery.figcaption.find_all(True)] == ["code"]
    assert gallery.img["alt"] == whole
    assert soup.find("meta", property="og:image:alt")["content"] == whole
    from bs4 import BeautifulSoup

    entry = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    assert entry.find("figcaption").get_text() == whole
    assert [img["alt"] for img in entry.find_all("img")] == [whole]


def test_a_caption_not_handed_to_typogrify_is_one_it_would_not_change():
    """A caption without quotes, "--", ".." or a backslash is not handed to typogrify (it
    cost more than the caption's Markdown): every such caption of up to four pieces of
    SmartyPants' own characters, words and tags comes out of it as it went in, with
    every TYPOGRIFY_DASHES."""
    import itertools

    from pelican.settings import read_settings
    from photos.caption_text import _typographic
    from reader.convert import Options, typogrify_text

    from conftest import ROOT

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    pieces = [".", "-", " ", "a", "'", '"', "`", "&quot;", "\\", "<em>", "</em>", "&#8211;", ". "]
    passed = 0
    for dashes in ("default", "oldschool", "oldschool_inverted"):
        options = Options(markdown=settings["MARKDOWN"], formatted_fields=(), typogrify=True,
                          typogrify_ignore_tags=tuple(settings["TYPOGRIFY_IGNORE_TAGS"]),
                          typogrify_omit=tuple(settings["TYPOGRIFY_OMIT_FILTERS"]), typogrify_dashes=dashes)
        for size in range(1, 5):
            for parts in itertools.product(pieces, repeat=size):
                inside = "".join(parts)
                if not _typographic(inside, options):
                    passed += 1
                    assert typogrify_text(inside, options) == inside, (dashes, inside)
    assert passed > 3000
    # With another of typogrify's filters on, every caption is handed to it.
    options = Options(markdown={}, formatted_fields=(), typogrify=True, typogrify_ignore_tags=(),
                      typogrify_omit=("amp", "caps", "initial_quotes"), typogrify_dashes="default")
    assert _typographic("Lớp học", options)


def shown_in_text_and_figure(tmp_path, words: str) -> str:
    """The words a post's paragraph shows for ``words``, checked to be what a picture
    captioned with the same words in the text ("![words](dau.jpg)") shows: in its figure,
    its alt text, og:image:alt and the feed."""
    files = section_files("tin-tuc", "Tin tức", "News")
    files["tin-tuc/bai/index.vi.md"] = f"Title: Bài\nDate: 2020-01-01\n\n{words}\n\n![{words}](dau.jpg)\n"
    files["tin-tuc/bai/dau.jpg"] = samples.jpeg((320, 240))
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    shown = soup.select_one(".post__body p").get_text()
    figure = soup.select_one(".post__body figure")
    assert figure.figcaption.get_text() == shown
    assert figure.img["alt"] == shown
    assert soup.find("meta", property="og:image:alt")["content"] == shown
    from bs4 import BeautifulSoup

    entry = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    assert entry.find("figcaption").get_text() == shown
    assert [img["alt"] for img in entry.find_all("img")] == [shown]
    return shown


def test_a_caption_written_in_the_text_reads_its_references_once_as_the_text_does(tmp_path):
    """A picture's caption written in the text ("![…](anh.jpg)") had its character
    references read twice: once where the page's picture was read, once more as a
    caption. "&amp;ndash;", which the text beside it shows as "&ndash;", showed "–", and
    "&amp;quot;" curly quotes. Read once, the figure, its alt text, og:image:alt and the
    feed show what the text shows for the same words."""
    words = "Mã &amp;ndash; và &amp;quot;x&amp;quot;, &ndash; Tom &amp; Jerry &amp;amp; `a & b`"
    assert shown_in_text_and_figure(tmp_path, words) == "Mã &ndash; và &quot;x&quot;, – Tom & Jerry &amp; a & b"  # (the text's, as before)


def test_a_picture_in_a_caption_shows_its_words_as_the_text_writes_them(tmp_path):
    """A picture written in a captions file shows as its words alone; they kept the
    Markdown they were written in ("![Lớp học *đẹp*](lop.jpg)" showed "Lớp học *đẹp*",
    asterisks and all, in the page, the feed and the alt text). Its words are read as the
    caption's other words are: "*đẹp*" is italic, and the alt text is the words alone."""
    picture = '![Lớp học *đẹp* &amp;ndash; "x" &#34;y&#34;](lop.jpg)'
    files = site_with_captions(f"anh.jpg: Ảnh {picture} và [xem _bài_ \"mới\"](../khac/)\n".encode())
    files["tin-tuc/bai/index.vi.md"] = (
        "Title: Bài\nDate: 2020-01-01\n\nẢnh Lớp học *đẹp* &amp;ndash; \"x\" &#34;y&#34; và xem _bài_ \"mới\"\n")
    site = build_site(tmp_path, files)
    soup = site.html("tin-tuc/bai/")
    shown = soup.select_one(".post__body p").get_text()
    assert shown == 'Ảnh Lớp học đẹp &ndash; “x” "y" và xem bài “mới”'  # (the text's, as before)
    gallery = soup.select_one(".gallery figure")
    assert gallery.figcaption.get_text() == shown
    assert [em.get_text() for em in gallery.figcaption.find_all("em")] == ["đẹp", "bài"]
    assert gallery.img["alt"] == shown
    assert soup.find("meta", property="og:image:alt")["content"] == shown
    from bs4 import BeautifulSoup

    entry = BeautifulSoup(site.feed("atom.xml").entries[0].content[0].value, "html.parser")
    assert entry.find("figcaption").get_text() == shown
    assert [img["alt"] for img in entry.find_all("img")] == [shown]


def test_quotes_in_a_caption_written_in_the_text_are_curly_where_the_text_has_them_so(tmp_path):
    """A caption written in the text gets curly quotes where the same words in the text
    do ("&quot;z&quot;" and '"w"'), and straight where the text keeps them straight:
    "&#34;x&#34;", which SmartyPants does not read as quotes, showed curly quotes in the
    figure, and "&#42;u&#42;" (asterisks in the text) italics. In the figure, its alt
    text, og:image:alt and the feed."""
    words = 'Lớp &#34;x&#34; và `&quot;y&quot;` &quot;z&quot; "w" &#42;u&#42;'
    assert shown_in_text_and_figure(tmp_path, words) == 'Lớp "x" và &quot;y&quot; “z” “w” *u*'  # (the text's, as before)

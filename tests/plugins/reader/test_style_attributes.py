"""Styling written as HTML's ``style`` attribute in a post (``plugins/reader/convert.py``,
``without_styles``): the site's Content-Security-Policy has browsers ignore it, so the
build leaves it out of every output that carries the post's text; code showing it as
text keeps it. (What a reader's browser logs: ``tests/reliability/test_csp_browser.py``.)"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from conftest import build_site, post_files, section_files
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.convert import without_styles

NEWS = section_files("tin-tuc", "Tin tức", "News")
POST = "tin-tuc/dinh-dang"

#: A post as staff write one with HTML pasted from an editor, typed styles, a table
#: aligned in Markdown, and a code block and inline code that show styles as text.
BODY = """\
<p style="text-align:center">Lớp học <span style="color:red">khai giảng</span> sáng thứ Hai.</p>

## Lịch học {: style="color:green" }

Học viên có mặt lúc 7 giờ 30.
{: style="font-size:120%" }

<div STYLE='margin-left: 2em' class="ghi-chu"><font color="red">Chú ý</font>: mang theo giấy tờ.</div>

<p align="center">Căn giữa theo kiểu cũ.</p>

| Lớp | Học viên |
|---|---:|
| Giám đốc HTX | 30 |

Mã HTML cho chữ đỏ:

```
<span style="color:red">chữ đỏ</span>
```

Hay viết ngắn: `<p style="text-align:center">`, và trong đoạn văn: style=màu-đỏ là chữ.
"""


def styled(soup) -> list[str]:
    return [str(element)[:80] for element in soup.find_all(style=True)]


def test_a_posts_style_attributes_reach_no_page_nor_feed_but_code_keeps_them(tmp_path):
    site = build_site(tmp_path, NEWS | post_files(POST, {
        "Title": "Định dạng chép từ trình soạn thảo", "Date": "2024-03-02 08:00", "Tags": "Định dạng",
        "body": BODY}))
    text = site.html(POST + "/").select_one(".post__body")
    # What staff wrote is all there, without its style.
    assert text.p.get_text() == "Lớp học khai giảng sáng thứ Hai."
    assert text.select_one("p span").get_text() == "khai giảng"
    assert text.h2.get_text(strip=True) == "Lịch học"
    assert text.select_one("div.ghi-chu font")["color"] == "red"  # shows: no style attribute
    assert text.find("p", align="center").get_text() == "Căn giữa theo kiểu cũ."
    assert [td.get("class") for td in text.select("tbody td")] == [None, ["align-right"]]
    # Code shows the style it explains, as written.
    assert text.select_one("pre code").get_text() == '<span style="color:red">chữ đỏ</span>\n'
    inline = [code.get_text() for code in text.find_all("code") if code.parent.name == "p"]
    assert inline == ['<p style="text-align:center">']
    assert "style=màu-đỏ là chữ" in text.get_text()

    # No page of the site, no feed, no other output holding the text has a style attribute.
    pages = [rel for rel in site.files() if rel.endswith(".html")]
    assert {POST + "/index.html", "index.html", "tin-tuc/index.html"} <= set(pages)
    for rel in pages:
        assert styled(site.html(rel)) == [], rel
    feeds = [rel for rel in site.files() if rel.endswith(("atom.xml", "rss.xml"))]
    entries, code = 0, []
    for rel in feeds:
        for element in ET.parse(site.path(rel)).iter():
            if element.tag.rsplit("}", 1)[-1] in ("content", "summary", "description") and element.text \
                    and "khai giảng" in element.text:
                entry = BeautifulSoup(element.text, "html.parser")
                assert styled(entry) == [], rel
                entries += 1
                code += [pre.get_text() for pre in entry.find_all("pre")]
    assert entries >= 6, feeds  # the site's, the section's and the tag's feeds, Atom and RSS
    assert code and set(code) == {'<span style="color:red">chữ đỏ</span>\n'}, code


def test_only_attributes_named_style_are_left_out():
    assert without_styles('<p title="a style=b" data-style="c" class=x>d</p>') == \
        '<p title="a style=b" data-style="c" class=x>d</p>'
    assert without_styles('<img src=a.jpg Style = "width:9px" alt=\'style="x"\'>') == \
        '<img src=a.jpg alt=\'style="x"\'>'
    assert without_styles('<p class="a"style="b">style="c" &lt;b style="d"&gt;</p>') == \
        '<p class="a">style="c" &lt;b style="d"&gt;</p>'
    assert without_styles('<p class=v style=""/class="a">x</p><br style>') == '<p class=v /class="a">x</p><br>'


#: Tags as staff's HTML writes them: attributes named like ``style`` or not, with values
#: quoted either way (holding quotes of the other kind, ">", "style=") or not quoted.
NAMES = st.sampled_from(["style", "STYLE", "Style", "class", "title", "data-style", "align", "styles"])
VALUES = st.text(alphabet="ab <>=/\"'style:;&", max_size=12)


@st.composite
def tags(draw) -> str:
    written = []
    for name, value, quote, space in draw(st.lists(st.tuples(
            NAMES, VALUES, st.sampled_from(['"', "'", "", None]), st.sampled_from([" ", "  ", "\n"])), max_size=5)):
        if quote is None:
            written.append(space + name)
        elif quote:
            written.append(f"{space}{name}={quote}{value.replace(quote, '')}{quote}")
        else:
            unquoted = "".join(c for c in value if c not in " <>='\"") or "v"
            written.append(f"{space}{name}={unquoted}")
    tag = draw(st.sampled_from(["p", "span", "img", "td", "custom-el"]))
    words = draw(st.text(alphabet='ab style="x" &lt;&gt;', max_size=20))
    return f"<{tag}{''.join(written)}>{words}</{tag}>"


def attributes_and_text(html: str, left_out: str = "") -> tuple[list, str]:
    soup = BeautifulSoup(html, "html.parser")
    return ([(e.name, sorted((k, str(v)) for k, v in e.attrs.items() if k != left_out)) for e in soup.find_all(True)],
            soup.get_text())


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.lists(tags(), min_size=1, max_size=4))
def test_a_tags_other_attributes_and_the_text_are_as_html_parser_reads_them(written):
    html = "".join(written)
    kept = without_styles(html)
    assert attributes_and_text(kept) == attributes_and_text(html, left_out="style"), kept
    assert BeautifulSoup(kept, "html.parser").find_all(style=True) == [], kept

"""Fixture pages for the importer tests: saved Joomla 3 ``com_content`` article pages,
as a browser saves them (``name.html`` beside ``name_files/``), with photos made by
Pillow. The texts are made up for the tests."""

from __future__ import annotations

import html as htmllib
import io
import sys
import unicodedata
import zlib
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SITE = "Trường Bồi dưỡng cán bộ hợp tác xã"
MENU = ["Trang chủ", "Giới thiệu nhà trường", "Tin tức", "Đào tạo", "Liên hệ"]
MOST_READ = "Tin xem nhiều nhất"
FOOTER = "Bản quyền thuộc về Nhà Trường"


def photo(color: str = "steelblue", size: tuple[int, int] = (160, 120), fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def breadcrumb(trail: list[str], title: str) -> str:
    items = ['<li>Bạn đang ở: &#160;</li>']
    for position, name in enumerate(["Home", *trail], 1):
        items.append(
            '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
            f'<a itemprop="item" href="/index.php/muc-{position}" class="pathway">'
            f'<span itemprop="name">{htmllib.escape(name)}</span></a>'
            '<span class="divider"> › </span>'
            f'<meta itemprop="position" content="{position}"></li>')
    items.append('<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"'
                 f' class="active"><span itemprop="name">{htmllib.escape(title)}</span>'
                 f'<meta itemprop="position" content="{len(trail) + 2}"></li>')
    return ('<div aria-label="Breadcrumbs" role="navigation"><ul itemscope '
            'itemtype="https://schema.org/BreadcrumbList" class="breadcrumb">'
            + "\n".join(items) + "</ul></div>")


OLD_SITE = "http://truong-cu.example.vn"


def old_path(title: str) -> str:
    """The path of ``article_page``'s address by default: the old site's id and the title."""
    return f"/index.php/tin-tuc/{zlib.crc32(unicodedata.normalize('NFC', title).encode()) % 1000}-bai-viet"


def article_page(title: str, body: str, trail=("Tin tức", "Tin hoạt động của Nhà Trường"),
                 published: str | None = "2018-09-14T08:00:00+07:00", charset: str = "utf-8",
                 head_extra: str = "", title_html: str | None = None,
                 url: str | None = None) -> str:
    """A Joomla 3 (protostar) article page around ``body`` (the articleBody HTML), saved
    from ``url`` (by default an address of its own: the old site's id and the title)."""
    url = url or OLD_SITE + old_path(title)
    date = "" if published is None else (
        '<dd class="published"><span class="icon-calendar" aria-hidden="true"></span>'
        f'<time datetime="{published}" itemprop="datePublished">Ngày đăng: {published[:10]}'
        '</time></dd>')
    menu = "".join(f'<li class="item-{101 + i}"><a href="/index.php/m{i}">{m}</a></li>'
                   for i, m in enumerate(MENU))
    heading = title_html if title_html is not None else htmllib.escape(title)
    return f"""<!DOCTYPE html>
<!-- saved from url=({len(url):04d}){url} -->
<html lang="vi-vn" dir="ltr"><head>
<meta http-equiv="content-type" content="text/html; charset={charset}">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>{heading} - {SITE}</title>
{head_extra}
<link href="./trang_files/template.css" rel="stylesheet">
<script src="./trang_files/jquery.min.js"></script>
<script>jQuery(function($){{ $('.hasTooltip').tooltip({{"html": true}}); }});</script>
<style>.item-page {{ margin: 0 }}</style>
</head>
<body class="site com_content view-article itemid-102">
<div class="body"><div class="container">
<header class="header"><a class="brand pull-left" href="/"><span class="site-title">{SITE}</span></a>
<div class="header-search pull-right"><div class="search"><form action="/index.php" method="post">
<input name="searchword" placeholder="Tìm kiếm..." type="search"></form></div></div></header>
<nav class="navigation" role="navigation"><ul class="nav menu nav-pills mod-list">{menu}</ul></nav>
<div class="moduletable">{breadcrumb(list(trail), title)}</div>
<div class="row-fluid"><main id="content" role="main" class="span9">
<div id="system-message-container"></div>
<div class="item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="vi-VN">
<div class="page-header"><h2 itemprop="headline">{heading}</h2></div>
<div class="icons"><div class="btn-group pull-right"><ul class="dropdown-menu">
<li class="print-icon"><a href="#" rel="nofollow">In bài</a></li>
<li class="email-icon"><a href="#">Gửi email</a></li></ul></div></div>
<dl class="article-info muted"><dt class="article-info-term">Chi tiết</dt>
<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Viết bởi
<span itemprop="name">Super User</span></dd>
<dd class="category-name">Danh mục: <a href="/index.php/tin" itemprop="genre">{htmllib.escape(trail[-1]) if trail else ""}</a></dd>
{date}
<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:418">Lượt xem: 418</dd>
</dl>
<div itemprop="articleBody">
{body}
</div>
<ul class="pager pagenav">
<li class="previous"><a class="hasTooltip" href="/index.php/tin/122" rel="prev"><span class="icon-chevron-left"></span> Bài trước</a></li>
<li class="next"><a class="hasTooltip" href="/index.php/tin/124" rel="next">Bài sau <span class="icon-chevron-right"></span></a></li>
</ul>
</div>
</main>
<div id="aside" class="span3"><div class="moduletable"><h3>{MOST_READ}</h3>
<ul class="mostread mod-list"><li><a href="/index.php/tin/7"><span>Lịch nghỉ hè của cán bộ</span></a></li></ul></div></div>
</div></div></div>
<footer class="footer" role="contentinfo"><div class="container"><hr>
<div class="moduletable"><p>{FOOTER} © 2018. Điện thoại: 0203 000 000</p></div>
<p class="pull-right"><a href="#top" id="back-top">Về đầu trang</a></p></div></footer>
</body></html>
"""


#: Chrome that plugins put inside articleBody on the old site: share link and the
#: newer/older lists.
BODY_CHROME = """
<div class="social-share"><a href="https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftruong-cu.example.vn">Chia sẻ</a></div>
<p><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a></p>
<div class="tin-khac"><h4>Tin mới hơn:</h4>
<ul><li><a href="/index.php/tin/130">Hội nghị tổng kết năm học</a></li></ul>
<h4>Tin cũ hơn:</h4>
<ul><li><a href="/index.php/tin/101">Thông báo lịch học tháng Tám</a></li></ul></div>
"""


def save_page(folder: Path, name: str, html: str | bytes, photos: dict[str, bytes] | None = None,
              encoding: str = "utf-8") -> Path:
    """Write ``name.html`` and its ``name_files/`` folder like a browser does."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{name}.html"
    page.write_bytes(html if isinstance(html, bytes) else html.encode(encoding))
    files = folder / f"{name}_files"
    files.mkdir(exist_ok=True)
    (files / "template.css").write_text("body { margin: 0 }\n")
    (files / "jquery.min.js").write_text("/* jQuery */\n")
    for file_name, data in (photos or {}).items():
        (files / file_name).write_bytes(data)
    return page


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 saves it: letters with a tone mark become the base letter
    followed by a combining tone mark (the charset has no precomposed toned letters)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in parts if c in _TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + tone).encode("cp1258")
    return bytes(out)


RICH_TITLE = "Khai giảng lớp bồi dưỡng kỹ năng quản lý tài chính cho hợp tác xã"
RICH_SLUG = "khai-giang-lop-boi-duong-ky-nang-quan-ly-tai-chinh-cho-hop-tac-xa"
RICH_FOLDER = f"tin-tuc/tin-hoat-dong/{RICH_SLUG}"
RICH_BODY = """
<p style="text-align: justify;">&nbsp;&nbsp;&nbsp; Sáng ngày 5/3, Nhà Trường khai giảng lớp
<strong>bồi dưỡng kỹ năng quản lý tài chính</strong> cho <em>cán bộ kế toán</em> các hợp tác xã
trong tỉnh &amp; các vùng lân cận.</p>
<p style="text-align: center;"><a href="./khai-giang_files/toan-canh.jpg" class="modal"><img
 src="./khai-giang_files/toan-canh.jpg" alt="toan-canh" width="600" height="400"></a></p>
<p style="text-align: center;"><em>Quang cảnh buổi khai giảng lớp học.</em></p>
<h3><strong>Nội dung chương trình</strong></h3>
<ul>
<li>Lập kế hoạch thu chi</li>
<li>Quản lý vốn góp của thành viên</li>
</ul>
<p>Lịch học chi tiết xem tại <a href="/index.php/dao-tao/lich-hoc">trang lịch học</a> của Nhà Trường.</p>
<table class="table table-bordered"><tbody>
<tr><td><strong>Buổi</strong></td><td><strong>Chuyên đề</strong></td></tr>
<tr><td>Sáng</td><td>Kế toán hợp tác xã</td></tr>
<tr><td>Chiều</td><td>Phân phối lợi nhuận</td></tr>
</tbody></table>
<p><img src="./khai-giang_files/IMG_0231.JPG" alt="Giảng viên trao đổi với học viên" title=""></p>
<h3>Kết quả mong đợi</h3>
<p>Sau khóa học, học viên tự lập được báo cáo tài chính năm của hợp tác xã mình.</p>
<p>Một số hình ảnh tại lớp học:</p>
<p><img src="./khai-giang_files/%E1%BA%A2nh%20l%E1%BB%9Bp%20h%E1%BB%8Dc.jpg" alt="Ảnh lớp học"></p>
<p style="text-align: center;"><em>Học viên thảo luận nhóm.</em></p>
<p><img src="http://truong-cu.example.vn/images/2019/bai-kiem-tra.jpg" alt="Học viên làm bài kiểm tra cuối khóa"></p>
<p><img src="./khai-giang_files/DSC01922.jpg" alt="DSC01922"></p>
<p style="text-align: right;"><strong>Phòng Đào tạo, bồi dưỡng</strong></p>
""" + BODY_CHROME


def save_rich_page(folder: Path) -> Path:
    """The page most tests import: every Markdown construct, two figures, a gallery of
    three photos (after "Một số hình ảnh ..."), a sign-off and the site's chrome."""
    return save_page(folder, "khai-giang", article_page(RICH_TITLE, RICH_BODY), {
        "toan-canh.jpg": photo("firebrick"),
        "IMG_0231.JPG": photo("seagreen"),
        "Ảnh lớp học.jpg": photo("navy"),
        "bai-kiem-tra.jpg": photo("goldenrod"),
        "DSC01922.jpg": photo("gray"),
    })

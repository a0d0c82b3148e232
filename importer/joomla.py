"""What a saved Joomla article page holds: title, breadcrumb trail, body, author field
and the address it was saved from. The page around the article (menus, modules,
breadcrumb, newer/older links, share buttons, footer, scripts) is left behind.

Modelled on Joomla 3 ``com_content`` article pages (``div.item-page``,
``dl.article-info``, ``div[itemprop=articleBody]``, ``ul.breadcrumb``,
``ul.pager.pagenav``), with fallbacks for Joomla 1.5/2.5 markup.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Tag

from .errors import ImportProblem
from .text import clean_text, text_of

_HOME_NAMES = {"home", "trang chủ", "trang chu", "trang nhất"}
_HERE_LABEL = re.compile(r"^\s*(bạn đang ở|you are here|vị trí)\s*:?\s*", re.I)
_GENERIC_AUTHORS = {"super user", "administrator", "admin", "quản trị", "quản trị viên",
                    "webmaster"}
_BY = re.compile(r"^(written by|viết bởi|tác giả)\s*:?\s*", re.I)
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
# Markup that is never article text, wherever a template or plugin puts it.
_CHROME_TAGS = ["script", "style", "noscript", "form", "input", "button", "select",
                "textarea", "link", "meta", "nav", "object", "embed"]
_CHROME_CLASSES = re.compile(
    r"\b(pager|pagenav|pagination|breadcrumbs?|article-info|icons|btn-group|print-icon|"
    r"email-icon|share\w*|\w*social\w*|addthis\w*|sharethis\w*|fb-\w+|related\w*|"
    r"items-more|readmore|jcomments\w*|comments?|tags|moduletable\w*|module\w*)\b", re.I)
_CHROME_HEADINGS = re.compile(
    r"^(tin mới hơn|tin cũ hơn|tin mới|tin cũ|tin khác|các tin khác|các tin (mới|cũ) hơn|"
    r"các tin đã đưa|tin liên quan|bài viết liên quan|xem thêm|newer articles?|older articles?|"
    r"related articles?)\s*:?$", re.I)
#: A hit counter a template or plugin writes into the article ("Lượt xem: 1.234").
_COUNTER = re.compile(r"^(lượt xem|số lượt xem|số lần xem|lượt đọc|đã xem|hits|views?)\s*:?\s*"
                      r"[\d.,]+(\s*lần)?$", re.I)
_CHROME_LINKS = re.compile(r"^(share|chia sẻ|tweet|in bài|print|email|gửi email|"
                           r"trước|sau|prev|next|« ?trước|sau ?»|‹ ?prev|next ?›)$", re.I)
_SHARE_HOSTS = re.compile(r"facebook\.com/(sharer|plugins)|twitter\.com/(share|intent)|"
                          r"zalo\.me/share|plus\.google\.com/share|addthis|sharethis", re.I)


@dataclass
class ArticlePage:
    title: str
    trail: list[str]          # section names from the breadcrumb, without Home and the title
    body: Tag                 # the article text, page chrome removed
    soup: BeautifulSoup       # the whole page (for the date and its fallbacks)
    url: str | None           # the address the page was saved from, if the file says
    created_by: str | None    # Joomla's author field, unless it is a generic account


def parse_article(html: str) -> ArticlePage:
    """Find the article in a saved page; raises ImportProblem if it is not an article."""
    soup = BeautifulSoup(html, "html.parser")
    lang = (soup.html.get("lang", "") if soup.html else "").strip().lower()
    if lang.startswith("en"):
        # (it was imported as a Vietnamese post, published in the Vietnamese edition)
        raise ImportProblem(
            "trang tiếng Anh: thêm bản dịch bằng tay, tệp index.en.md trong thư mục bài tiếng Việt",
            "an English page: add the translation by hand, as index.en.md in its Vietnamese post's folder")
    item = soup.select_one("div.item-page") or soup.select_one(".item-page")
    body = soup.select_one("[itemprop=articleBody]")
    if body is None and item is not None:
        body = item
    if body is None:
        body = soup.select_one("div.article-content") or joomla15_body(soup)
    if body is None:
        raise ImportProblem(
            "không thấy nội dung bài (div.item-page / itemprop=articleBody): có phải trang "
            "một bài viết không?",
            "no article body (div.item-page / itemprop=articleBody): is this an article page?")
    title = find_title(soup, item)
    if not title:
        raise ImportProblem("không thấy tiêu đề bài", "no article title found")
    trail = breadcrumb_trail(soup, title)
    if not trail:
        category = soup.select_one("dd.category-name a, dd.category-name")
        if category is not None:
            trail = [_strip_label(clean_text(text_of(category)))]
    url = saved_from(soup)
    created_by = author_field(soup)
    # A copy: the page itself stays whole for the date and its fallbacks.
    whole_item = body is item
    body = copy.copy(body)
    if body.name in ("td", "th"):
        body.name = "div"  # (a table's cell, Joomla 1.5's: its text is not a table's)
    if whole_item:
        for part in body.select(".page-header, [itemprop=headline], dl.article-info"):
            part.decompose()
        # Joomla 2.5's layout (and templates after it): the title as a bare <h2> in the item.
        heading = next((h for h in body.find_all(["h1", "h2", "h3"])
                        if clean_text(text_of(h)).casefold() == title.casefold()), None)
        if heading is not None:
            heading.decompose()
    strip_chrome(body)
    return ArticlePage(title, trail, body, soup, url, created_by)


#: Joomla 1.5's cells around the article's text: its title, icons, dates.
_JOOMLA15_CELLS = {"contentheading", "buttonheading", "createdate", "modifydate", "small"}


def joomla15_body(soup: BeautifulSoup) -> Tag | None:
    """Joomla 1.5's article text: the cell of a ``table.contentpaneopen`` holding it. A page
    has two such tables, the title's (with its PDF, print and e-mail icons) first: the
    text was taken from the title's table (the article lost, or a crash on its icon)."""
    cells = [td for table in soup.select("table.contentpaneopen") for td in table.find_all("td")
             if td.find_parent("table") is table and not _JOOMLA15_CELLS & set(td.get("class", []))]
    return max(cells, key=lambda td: len(clean_text(text_of(td))), default=None)


def find_title(soup: BeautifulSoup, item: Tag | None) -> str:
    scope = item or soup
    for selector in ("[itemprop=headline]", ".page-header h2", ".page-header h1", "h2",
                     "h1", ".contentheading"):
        found = scope.select_one(selector)
        if found is not None and clean_text(text_of(found)):
            return clean_text(text_of(found))
    for selector, attr in (("meta[property='og:title']", "content"), ("title", None)):
        found = soup.select_one(selector)
        if found is not None:
            value = clean_text(found.get(attr, "") if attr else text_of(found))
            if value:
                # "<title>Bài viết - Tên trường</title>": the site name is not the headline.
                return re.split(r"\s+[-|–]\s+", value)[0] if not attr else value
    return ""


def breadcrumb_trail(soup: BeautifulSoup, title: str) -> list[str]:
    """Section names between Home and the article itself."""
    crumbs = (soup.select_one("ul.breadcrumb") or soup.select_one("[itemtype*=BreadcrumbList]")
              or soup.select_one(".breadcrumbs") or soup.select_one(".breadcrumb"))
    if crumbs is None:
        return []
    if crumbs.find("li"):
        items = [(li, li.find("a")) for li in crumbs.find_all("li")]
    else:
        items = [(el, el if el.name == "a" else None)
                 for el in crumbs.find_all(["a", "span"], recursive=False)]
    trail: list[tuple[str, bool]] = []
    for element, link in items:
        name = _strip_label(clean_text(text_of(element)))
        if name and not name.endswith(":"):
            trail.append((name, link is not None))
    if trail and (trail[0][0].casefold() in _HOME_NAMES):
        trail = trail[1:]
    if trail:
        last, linked = trail[-1]
        shortened = last.rstrip(".… ").casefold()
        if not linked or (shortened and title.casefold().startswith(shortened)):
            trail = trail[:-1]
    return [name for name, _ in trail]


def saved_from(soup: BeautifulSoup) -> str | None:
    """The page's original address: the browser's "saved from url" mark, canonical, og:url."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = _SAVED_FROM.search(comment)
        if match:
            return match.group(1)
    for selector, attr in (("link[rel=canonical]", "href"), ("meta[property='og:url']", "content"),
                           ("base[href]", "href")):
        found = soup.select_one(selector)
        if found is not None and found.get(attr, "").startswith(("http://", "https://")):
            return found[attr]
    return None


def author_field(soup: BeautifulSoup) -> str | None:
    found = soup.select_one("dd.createdby [itemprop=name]") or soup.select_one("dd.createdby")
    if found is None:
        return None
    name = _BY.sub("", clean_text(text_of(found)))
    return name if name and name.casefold() not in _GENERIC_AUTHORS else None


def strip_chrome(body: Tag) -> None:
    """Remove what templates and plugins put into the article: scripts, share buttons,
    newer/older lists, hit counters, page navigation."""
    for tag in body.find_all(_CHROME_TAGS):
        tag.decompose()
    for comment in body.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in body.find_all(True):
        if tag.decomposed:
            continue
        if _CHROME_CLASSES.search(" ".join(tag.get("class", []))):
            tag.decompose()
        elif tag.name == "iframe" and _SHARE_HOSTS.search(tag.get("src", "")):
            tag.decompose()
        elif tag.name == "a" and (_SHARE_HOSTS.search(tag.get("href", ""))
                                  or _CHROME_LINKS.match(clean_text(text_of(tag)))):
            tag.decompose()
    for tag in body.find_all(True):
        if tag.decomposed or tag.find(["p", "div", "ul", "table"]):
            continue
        if _CHROME_HEADINGS.match(clean_text(text_of(tag))):
            _drop_with_list(tag, body)
        elif _COUNTER.match(clean_text(text_of(tag))):
            tag.decompose()


def _drop_with_list(heading: Tag, body: Tag) -> None:
    """A "Tin mới hơn:" heading goes with the list of links under it."""
    block = heading
    while block.parent is not None and block.parent is not body and \
            len([c for c in block.parent.contents if isinstance(c, Tag) or c.strip()]) == 1:
        block = block.parent
    sibling = block.find_next_sibling()
    while sibling is not None and _is_link_list(sibling):
        following = sibling.find_next_sibling()
        sibling.decompose()
        sibling = following
    block.decompose()


#: What a newer/older list shows beside each link: its date, "- 20/10/2018", "(05/09/2018)".
_BESIDE_LINKS = re.compile(r"[\d\s()\[\].,:/|•·–—-]*")


def _is_link_list(tag: Tag) -> bool:
    if tag.name in ("ul", "ol"):
        return True
    if not clean_text(" ".join(text_of(a) for a in tag.find_all("a"))):
        return False
    beside = []
    for string in tag.find_all(string=True):
        parent = string.parent
        while parent is not tag and parent.name != "a":
            parent = parent.parent
        if parent is tag and not isinstance(string, Comment):
            beside.append(str(string))
    return bool(_BESIDE_LINKS.fullmatch(clean_text(" ".join(beside))))


def _strip_label(name: str) -> str:
    return _HERE_LABEL.sub("", name).strip(" ›»>/")

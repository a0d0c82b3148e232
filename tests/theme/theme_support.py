"""Helpers shared by the theme's tests: catalogs, the UI text of a page, a stress fixture."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import post_files, section_files, small_site

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "theme" / "templates"
TRANSLATIONS = ROOT / "theme" / "translations"
STATIC = ROOT / "theme" / "static"

#: Where absolute URLs start in test builds (pelicanconf's FEED_DOMAIN; SITEURL is "").
BASE = "http://localhost:8000"

#: Attributes whose values are read out or shown to readers (and every data-* attribute:
#: scripts show those, such as the copy link's confirmation or the photo viewer's labels).
UI_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-copied")

LONG_WORD = "Liênminhhợptácxãtỉnhtổchứccáclớpbồidưỡngtậphuấncánbộ" * 3
LONG_URL = "https://example.org/" + "/".join(["duong-dan-rat-dai-khong-co-cho-ngat"] * 6)
TRICKY_TITLE = "Hội nghị <b>Sơ kết</b> & tập huấn <i>2019</i>"


def read_catalog(lang: str):
    from babel.messages.pofile import read_po

    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def extracted_msgids() -> set[str]:
    """Every message id the templates use, extracted by Babel with the repo's babel.cfg."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    ids = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(TEMPLATES), method_map, options_map):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def message_pattern(text: str) -> re.Pattern:
    """A catalog string as a regex: ``%(name)s`` matches any text; trailing ':' optional."""
    text = normalise(text)
    parts = re.split(r"%\([a-z_]+\)s", text)
    body = ".+?".join(re.escape(p) for p in parts)
    return re.compile(rf"(?<![\w]){body}(?![\w])")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def language_of(node) -> str | None:
    """The language a text node or element is in: its nearest ``lang`` attribute."""
    if getattr(node, "attrs", None) and node.get("lang"):
        return node["lang"]
    holder = node.find_parent(attrs={"lang": True})
    return holder["lang"] if holder is not None else None


def ui_texts(soup, lang: str | None = None) -> list[str]:
    """Everything a reader sees or hears on a page: text nodes and the UI attributes;
    with ``lang``, only what is in that language (parts marked ``lang`` otherwise, as
    the language switcher's names or each language's part of 404.html, are left out)."""
    def shown(node) -> bool:
        return lang is None or language_of(node) in (None, lang)

    texts = [normalise(s) for s in soup.strings if s.strip() and shown(s)]
    for tag in soup.find_all(True):
        if not shown(tag):
            continue
        for attr, value in tag.attrs.items():
            if attr in UI_ATTRIBUTES or attr.startswith("data-"):
                texts.append(normalise(value if isinstance(value, str) else " ".join(value)))
    return [t for t in texts if t]


def html_pages(site) -> list[str]:
    return [f for f in site.files() if f.endswith(".html")]


def url_of(rel: str) -> str:
    """The site URL of an output file: ``en/tin-tuc/index.html`` -> ``/en/tin-tuc/``."""
    return "/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel


def lang_of(rel: str) -> str:
    return "en" if rel.startswith("en/") else "vi"


def stress_site() -> dict[str, str | bytes]:
    """The small site plus what tends to break a theme: a long section with several pages,
    markup characters in a title, long words and URLs, a wide table; tags (their pages)."""
    files = small_site()
    files |= section_files("tin-tuc/luu-tru", "Lưu trữ tin các năm trước", "Archive")
    for n in range(5):
        files |= post_files(f"tin-tuc/luu-tru/bai-{n}",
                            {"Title": f"Bài lưu trữ số {n}", "Date": f"2015-0{n + 1}-10", "Tags": "bồi dưỡng"},
                            {"Title": f"Archived post {n}", "Date": f"2015-0{n + 1}-10"})
    body = (
        f"Một từ rất dài để thử ngắt dòng: {LONG_WORD}.\n\n"
        f"Một liên kết dài: <{LONG_URL}>\n\n"
        "| Họ và tên học viên | Hợp tác xã | Huyện, thị xã | Chức vụ | Điện thoại | Thư điện tử |\n"
        "|---|---|---|---|---|---|\n"
        "| Nguyễn Văn Một | HTX Nông nghiệp Thống Nhất | Đông Triều | Giám đốc | 0203 3 123 456 "
        "| giamdoc.htx.thongnhat.dongtrieu@example.vn |\n"
    )
    files |= post_files("tin-tuc/tin-hoat-dong/so-ket",
                        {"Title": TRICKY_TITLE, "Date": "2019-06-01 09:00", "Tags": f"sơ kết, bồi dưỡng, {LONG_WORD}",
                         "Summary": "Tóm tắt có <i>thẻ</i> & ký tự đặc biệt.", "body": body},
                        {"Title": "Review <b>meeting</b> & training", "Date": "2019-06-01 09:00",
                         "Tags": "review, training", "body": f"A long link: <{LONG_URL}>\n"})
    return files

"""The article body as Markdown, with markdownify: paragraphs, bold/italic, lists,
links, tables, headings, and the figures placed by ``photos`` as ``![caption](file)``."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

from bs4 import Tag
from markdownify import ASTERISK, ATX, SPACES, MarkdownConverter

_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
_SPACES = re.compile(r"[\s\u00a0]{2,}|[\n\r\t\u00a0]")


class BodyConverter(MarkdownConverter):
    """markdownify set up for the content format, plus the project's figures."""

    def __init__(self, base_url: str | None = None):
        super().__init__(heading_style=ATX, bullets="-", strong_em_symbol=ASTERISK,
                         newline_style=SPACES, table_infer_header=True, escape_misc=False)
        self.base_url = base_url

    def convert_img(self, el, text, parent_tags):
        if el.get("data-imported") is None:
            return ""  # only the photos copied into the post folder are kept
        alt = re.sub(r"([\[\]\\*_])", r"\\\1", el.get("alt", ""))
        return f"![{alt}]({el['src']})"

    def convert_a(self, el, text, parent_tags):
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")):
            return text
        if self.base_url and not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            el["href"] = urljoin(self.base_url, href)
        else:
            el["href"] = href
        return super().convert_a(el, text, parent_tags)

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, text.replace("|", r"\|"), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, text.replace("|", r"\|"), parent_tags)


def prepare(body: Tag, soup) -> None:
    """Word-style markup to plain HTML: styled spans as ``<strong>``/``<em>``, no bold
    inside headings, runs of spaces, line breaks and no-break spaces as one space."""
    for span in body.find_all("span"):
        style = span.get("style", "")
        if _BOLD.search(style):
            span.name = "strong"
        elif _ITALIC.search(style):
            span.name = "em"
    for heading in body.find_all(re.compile(r"^h[1-6]$")):
        for bold in heading.find_all(["strong", "b"]):
            bold.unwrap()
    for text in body.find_all(string=True):
        if text.find_parent(["pre", "code"]) is None and _SPACES.search(text):
            # Line breaks of the HTML source are not line breaks of the text.
            text.replace_with(_SPACES.sub(" ", text))


def to_markdown(body: Tag, soup, base_url: str | None = None) -> str:
    """The body as clean Markdown (NFC, no trailing spaces but line breaks, one blank
    line between blocks)."""
    prepare(body, soup)
    text = BodyConverter(base_url).convert_soup(body)
    text = unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    cleaned = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        hard_break = line.endswith("  ") and line.strip() and following.strip()
        line = re.sub(r"(?<=\S) {2,}(?=\S)", " ", line.rstrip())
        cleaned.append(line + "  " if hard_break else line)
    text = "\n".join(cleaned)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

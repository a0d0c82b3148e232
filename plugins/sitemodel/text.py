"""Text from staff made safe to print anywhere: HTML, attributes, ``<title>``, feeds, JSON.

Escaping is the templates' and the feed writer's job (Jinja autoescape, XML escaping).
What escaping cannot fix is removed here (README, "Reliability"):

- control characters other than tab and newline (C0, DEL, C1) and the noncharacters
  U+FFFE/U+FFFF: XML 1.0 forbids most of them, so one pasted into a title would break
  every feed the title appears in;
- the bidi embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069):
  pasted into a title, one of them reverses the text after it ("‮gpj.exe") and leaks
  into the text around it (a breadcrumb, a listing). Vietnamese and English never need
  them, and right-to-left words display correctly without them; the harmless marks
  U+200E/U+200F (LRM, RLM) are kept.

Metadata is cleaned once as it is read (``clean_metadata``); every value a template
prints is cleaned again on its way out (``clean_output``, Jinja's ``finalize``), and so
is everything the feeds write, so text reaching the model any other way is covered too.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from typing import Any

from markupsafe import Markup

INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
#: In a metadata line, what a copy from Word or a web page leaves that looks like a space:
#: a no-break space in "Date: 2019-12-27 15:30" made the date unreadable in a message
#: showing it as it should be. ``clean_header_line`` makes them a space.
HEADER_SPACES = re.compile("[\u00a0\u2007\u202f\u3000]")
#: What text pasted from Word, a PDF, Facebook or Zalo brings that shows as nothing: the
#: soft hyphen (U+00AD), the zero-width space (U+200B), the word joiner (U+2060), a
#: byte-order mark inside the text (U+FEFF), and the zero-width non-joiner and joiner
#: (U+200C, U+200D). Kept in a page, a soft hyphen shows as a hyphen wherever a phone's
#: line happens to break there (where Word's line ended), a zero-width space breaks a
#: word in two at a line's end; a word holding one is copied with it (then not found by
#: a search in Word, Zalo or a search engine), and feeds and shared links' snippets
#: carry them; a zero-width space before "Date:" hid the line ("missing Date:"). (The
#: site's own search, Pagefind, reads through them.) ``clean_pasted`` drops them, except
#: a joiner where it joins (``_joined``), and a soft hyphen between two Vietnamese words
#: is the space between them (``_parts_syllables``).
PASTED_NOTHING = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
#: A character reference in HTML or Markdown ("&shy;", "&#173;", "&#xAD;", "&#8203;"):
#: one that stands for a character of ``PASTED_NOTHING`` is that character
#: (``read_pasted_entities``).
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|shy|zwj|zwnj|NoBreak|ZeroWidthSpace);")
#: The line and paragraph separators (U+2028, U+2029) that Word, a PDF or a web page
#: paste where a line or a paragraph ended. Markdown, check and the editors staff use
#: (VS Code, Notepad) end a line only at a line feed, so a separator stayed inside the
#: line, shown as nothing (or as a break by some browsers) and held by titles, feeds and
#: the search: a date "2024-01-05<U+2028>08:00" was refused as unreadable in a message
#: that showed it readable. ``clean_pasted`` makes each a space, as a line's end reads in
#: a paragraph; made a line feed, it would move every line below it from the line the
#: editor shows. In a post's text a paragraph separator ends its paragraph (``PARAGRAPH_SEPARATOR``).
LINE_SEPARATORS = re.compile("[\u2028\u2029]")
#: The paragraph separator (U+2029): in a post's text, where two paragraphs pasted from a
#: PDF or a Mac's Pages are parted by it alone, the end of a paragraph. The reader keeps it
#: (``clean_pasted(..., paragraphs=True)``) and gives Markdown a blank line in its place
#: (``part_paragraphs``): the paragraphs ran together into one. Its lines are counted as
#: VS Code and Notepad count them, by line feeds alone, so messages name the lines those
#: editors show (gedit, which also ends a line there, shows later numbers below it); in
#: metadata, captions and a section's name it is a space, as U+2028 is everywhere.
PARAGRAPH_SEPARATOR = "\u2029"
#: A line of a post's text holding nothing but what ``PASTED_NOTHING`` drops (and spaces):
#: a soft hyphen or a zero-width space that a PDF or Zalo pasted on a line of its own.
#: It shows no text, and in a paragraph it is no paragraph's end: emptied, it was the
#: blank line that ends one, and split the paragraph in two. ``clean_pasted(...,
#: paragraphs=True)`` leaves ``NOTHING_LINE`` in its place, which ``part_paragraphs``
#: leaves out of a paragraph (its lines run on) and makes blank elsewhere.
PASTED_NOTHING_LINE = re.compile("^[ \t]*[\u00ad\u200b-\u200d\u2060\ufeff][ \t\u00ad\u200b-\u200d\u2060\ufeff]*$",
                                 re.MULTILINE)
NOTHING_LINE = "\u200b"
#: A fence of code (``` or ~~~): a line of nothing inside one is a blank line of the code.
CODE_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
#: A line of nothing but spaces, some of them look-alikes (``HEADER_SPACES``): what an
#: empty paragraph of Word or a web page pastes as ("&nbsp;"). Markdown takes it for text,
#: not for the blank line it looks like, and ran the paragraphs around it into one.
SPACES_ONLY_LINE = re.compile("^[ \t\u00a0\u2007\u202f\u3000]*[\u00a0\u2007\u202f\u3000][ \t\u00a0\u2007\u202f\u3000]*$",
                              re.MULTILINE)
#: A run of spaces holding a no-break space: what a web editor's "&nbsp; " and
#: "&nbsp;&nbsp;&nbsp;" paste as. HTML shows a run of ordinary spaces as one space; with
#: a no-break space in it, the run was a wide gap that no line could break at.
#: At a line's start such a run is an indent, as many spaces wide (a block of code
#: pasted from a web page keeps its indents; made one space, Python code no longer ran).
SPACE_RUN = re.compile("[ \u00a0]{2,}")
#: A line that parts more of its words by no-break spaces than by spaces, at least this
#: many, was pasted from a web page that wrote "&nbsp;" between words: no line of it could
#: break but inside a word (a phone then cuts words anywhere: site.css, overflow-wrap).
#: Typography ("10\u00a0km", "TS.\u00a0Lê") puts a few among many spaces.
MANY_NO_BREAK_SPACES = 4
#: What may stand between an emoji and a joiner after it: a skin tone (Sk), the emoji
#: presentation selector and other marks (Mn, Me).
_JOINER_SKIPS = {"Mn", "Me", "Mc", "Sk"}
#: What a joiner joins: pictographs (So: 👩, 💻, ❤, ♂) and the letters of scripts that
#: join them (Lo: Devanagari, Arabic, Persian, ...); never a Latin (Vietnamese) letter.
_JOINED = {"So", "Lo"}


def _joined(text: str, at: int) -> bool:
    """The joiner at ``at`` joins what is on either side of it: an emoji sequence (👩‍💻,
    👩🏽‍💻, 🏳️‍🌈: UTS #51's ZWJ sequences) or the letters of a script written with joiners
    (Hindi, Persian). Between Vietnamese or English letters, spaces or punctuation it
    joins nothing."""
    before = at - 1
    while before >= 0 and unicodedata.category(text[before]) in _JOINER_SKIPS:
        before -= 1
    after = at + 1
    return (before >= 0 and after < len(text) and unicodedata.category(text[before]) in _JOINED
            and unicodedata.category(text[after]) in _JOINED)


#: The vowels of a Vietnamese syllable, without their accents: "ươ" is "uo", "uyê" is
#: "uye". No other run of vowels is one syllable's: "quyanh" ("quý\u00adanh" joined) is
#: none, as "ya" is no syllable's vowels.
VIETNAMESE_VOWELS = ("uye|uya|uyu|ieu|yeu|oai|oay|oeo|uay|uoi|uou|"
                     "ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y")
#: A Vietnamese syllable, without its accents (``plain_words``): an initial consonant,
#: vowels (``VIETNAMESE_VOWELS``), a final consonant or none. A name with accents that is one ("Đất", "Đặt", "Tạ")
#: is a word of the text, not an English key a keyboard put accents on: "Đất: 2.000 m²,
#: giao ngày 12/03/2020" under a page's title was a mistyped "Date:" and stopped the
#: build (``sitemodel.checks.vietnamese_key``). No key mistyped so is one: "Dâte" and
#: "Dạte" end in a vowel after their final consonant, "Tág" ends in a "g" no syllable
#: ends in. A soft hyphen between two of them parts two words (``_parts_syllables``).
VIETNAMESE_SYLLABLE = re.compile(r"(?:[bcdghklmnprstvx]|ch|gh|gi|kh|ng|ngh|nh|ph|qu|th|tr)?"
                                 rf"(?:{VIETNAMESE_VOWELS})(?:[cmnpt]|ch|ng|nh)?")


def plain_words(text: str) -> str:
    """``text`` in lower case without Vietnamese accents ("Tiêu đề" gives "tieu de")."""
    text = unicodedata.normalize("NFD", " ".join(text.split()).casefold()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


def _letters(text: str, start: int, step: int) -> str:
    """The letters (with their accents) of ``text`` from ``start`` on, going ``step``."""
    end = start
    while 0 <= end < len(text) and (text[end].isalpha() or unicodedata.combining(text[end])):
        end += step
    return text[start:end] if step > 0 else text[end + 1:start + 1]


def _parts_syllables(text: str, at: int, vietnamese: bool = False) -> bool:
    """The soft hyphen at ``at`` stands between two Vietnamese syllables, in place of the
    space between them: "hợp\u00adtác", "Việt\u00adNam", as a PDF's line broken there
    pastes (its line's end gone), or Word's optional hyphen typed between them. Dropped,
    it joined two words ("hợptác"). Inside a word it is dropped: the letters on either
    side are no syllable ("infor\u00admation", "con\u00adtent": English words), or one
    together ("Nguy\u00adễn", "trư\u00adờng").

    Two parts without a mark ("tham\u00adquan", "hop\u00adtac" in a text typed without
    accents) look like an English word's pieces, and are parted only in a ``vietnamese``
    text, and only where the soft hyphen is the only one of the run of letters: a PDF's
    line breaks once between two words, where Word's hyphenation puts one at every
    syllable of a long word ("com\u00adpu\u00adter", whose "com" and "pu" would
    otherwise read as two syllables). An English word in a Vietnamese post whose two
    pieces are each a Vietnamese syllable ("vi\u00addeo") is parted: rare, and a
    space is what a Vietnamese reader expects more often than not."""
    before, after = _letters(text, at - 1, -1), _letters(text, at + 1, 1)
    if not before or not after:
        return False
    if not (VIETNAMESE_SYLLABLE.fullmatch(plain_words(before)) is not None
            and VIETNAMESE_SYLLABLE.fullmatch(plain_words(after)) is not None
            and VIETNAMESE_SYLLABLE.fullmatch(plain_words(before + after)) is None):
        return False
    if not (before + after).isascii():
        return True
    start, end = at - len(before), at + 1 + len(after)
    return (vietnamese and (start == 0 or text[start - 1] != "\u00ad")
            and (end == len(text) or text[end] != "\u00ad"))


def in_vietnamese(path: str) -> bool:
    """The file at ``path`` is a text in Vietnamese (``index.vi.md``, ``_index.vi.md``),
    whose soft hyphens between syllables without marks are spaces (``clean_pasted``)."""
    return os.path.basename(path).lower().endswith(".vi.md")


def _pasted_nothing(found: re.Match, vietnamese: bool = False, paragraphs: bool = False) -> str:
    """What a character of ``PASTED_NOTHING`` leaves: a joiner where it joins (``_joined``),
    a space for a soft hyphen between two words (``_parts_syllables``), the line of
    nothing kept with ``paragraphs`` (``NOTHING_LINE``), else nothing."""
    char = found[0]
    if paragraphs and char == NOTHING_LINE and found.string[found.start() - 1:found.start()] in ("", "\n") \
            and found.string[found.end():found.end() + 1] in ("", "\n"):
        return char
    if char in "\u200c\u200d":
        return char if _joined(found.string, found.start()) else ""
    return " " if char == "\u00ad" and _parts_syllables(found.string, found.start(), vietnamese) else ""


def clean_pasted(text: str, paragraphs: bool = False, vietnamese: bool = False) -> str:
    """``text`` without the characters of ``PASTED_NOTHING`` (joiners kept where they
    join; a soft hyphen between two words a space: ``_pasted_nothing``), with its lines
    of look-alike spaces blank (``SPACES_ONLY_LINE``) and the no-break spaces a web page's "&nbsp;" left made spaces (``SPACE_RUN``,
    ``MANY_NO_BREAK_SPACES``). A no-break space between two words is kept: it is
    typography (10\u00a0km, TS.\u00a0Lê), the line breaks elsewhere, and the search takes it
    for a space. A line or paragraph separator is a space (``LINE_SEPARATORS``), but for
    paragraph separators kept with ``paragraphs`` (a post's text: ``part_paragraphs``),
    which also keeps its lines of nothing as ``NOTHING_LINE`` (``PASTED_NOTHING_LINE``).
    Lines are not joined nor split: a line number is the same before and after. A
    ``vietnamese`` text (a post or captions in Vietnamese) also has the soft hyphens
    between two syllables without marks made spaces (``_parts_syllables``)."""
    if "\u2028" in text or (not paragraphs and PARAGRAPH_SEPARATOR in text):
        text = text.replace("\u2028", " ") if paragraphs else LINE_SEPARATORS.sub(" ", text)
    if PASTED_NOTHING.search(text) is not None:
        if paragraphs:
            text = PASTED_NOTHING_LINE.sub(NOTHING_LINE, text)
        text = PASTED_NOTHING.sub(lambda found: _pasted_nothing(found, vietnamese, paragraphs), text)
    if "\u00a0" in text or "\u2007" in text or "\u202f" in text or "\u3000" in text:
        text = SPACES_ONLY_LINE.sub("", text)
    if "\u00a0" in text:
        text = "\n".join(_breakable(line) if "\u00a0" in line else line for line in text.split("\n"))
    return text


def read_pasted_entities(text: str, vietnamese: bool = False) -> str:
    """``text`` (a post's HTML or metadata) with the character references to characters of
    ``PASTED_NOTHING`` ("&shy;", "&#173;", "&#xAD;": a web editor's or Word's HTML writes
    them so) read as the characters and cleaned as they are (``_pasted_nothing``): a
    soft hyphen written "&shy;" stayed in the page where the character itself is
    dropped, or a space between two Vietnamese words. In code Markdown writes "&amp;shy;",
    which is no reference and shows as written."""
    if "&" not in text:
        return text

    def character(found: re.Match) -> str:
        char = html.unescape(found[0])
        return char if PASTED_NOTHING.fullmatch(char) else found[0]

    read = ENTITY.sub(character, text)
    if read == text:
        return text
    return PASTED_NOTHING.sub(lambda found: _pasted_nothing(found, vietnamese), read)


def _breakable(line: str) -> str:
    """``line`` with the no-break spaces of a web page's "&nbsp;" made spaces (``clean_pasted``)."""
    # A run that starts the line is its indent (code's, a list's nesting): as wide in spaces.
    line = SPACE_RUN.sub(lambda m: m[0] if "\u00a0" not in m[0] else " " * len(m[0]) if m.start() == 0 else " ",
                         line)
    count = line.count("\u00a0")
    if count >= MANY_NO_BREAK_SPACES and count > line.count(" "):
        line = line.replace("\u00a0", " ")
    return line


def part_paragraphs(text: str) -> str:
    """``text`` for Markdown with each paragraph separator kept by ``clean_pasted`` a
    blank line: the end of a paragraph (``PARAGRAPH_SEPARATOR``); and each line of
    nothing (``NOTHING_LINE``) left out between two lines of text, whose paragraph runs
    on, or blank elsewhere (beside a blank line, in a fence of code)."""
    if PARAGRAPH_SEPARATOR in text:
        text = text.replace(PARAGRAPH_SEPARATOR, "\n\n")
    if NOTHING_LINE not in text:
        return text
    lines = text.split("\n")
    # The line after each line's run of lines of nothing (the last line: none).
    after = [""] * len(lines)
    for number in range(len(lines) - 2, -1, -1):
        after[number] = after[number + 1] if lines[number + 1] == NOTHING_LINE else lines[number + 1]
    kept: list[str] = []
    fence = None
    for number, line in enumerate(lines):
        if line == NOTHING_LINE:
            if fence is None and kept and kept[-1].strip() and after[number].strip():
                continue
            line = ""
        elif found := CODE_FENCE.match(line):
            if fence is None:
                fence = found[1][0]
            elif found[1][0] == fence:
                fence = None
        kept.append(line)
    return "\n".join(kept)


def clean_header_line(line: str) -> str:
    """A metadata line with its look-alike spaces made spaces and the characters that
    show as nothing dropped (``HEADER_SPACES``, ``clean_pasted``)."""
    return clean_pasted(HEADER_SPACES.sub(" ", line))


def clean_header(text: str) -> str:
    """``text`` with ``clean_header_line`` applied to its metadata lines: the block as
    Markdown reads it, up to the line that ended it (``sitemodel.build.parse_header``).
    A first paragraph written right under the block, with no blank line between, is the
    text's and is left as the rest of the text is: its paragraph separators end
    paragraphs, its no-break spaces are typography (made a space there, U+2029 ran the
    first two paragraphs into one)."""
    end = text.find("\n\n")
    head = text if end < 0 else text[:end]
    if HEADER_SPACES.search(head) is None and PASTED_NOTHING.search(head) is None and PARAGRAPH_SEPARATOR not in head:
        return text
    from .build import parse_header

    lines = text.split("\n")
    for number in range(parse_header(lines).body - 1):
        lines[number] = clean_header_line(lines[number])
    return "\n".join(lines)


def clean_text(text: str) -> str:
    """``text`` without control characters (but tab and newline) and bidi overrides."""
    if INVISIBLE.search(text) is None:
        return text
    return INVISIBLE.sub("", text)


def line_at(text: str | bytes, offset: int) -> int:
    """The line (from 1) of ``text`` holding ``offset``: where a message about a file
    points. ``text`` may be the file's bytes, as read before it is known to be UTF-8."""
    return text.count(b"\n" if isinstance(text, bytes) else "\n", 0, offset) + 1


def clean_output(value: Any) -> Any:
    """Jinja ``finalize``: clean every printed string, keeping ``Markup`` as ``Markup``."""
    if isinstance(value, str) and INVISIBLE.search(value) is not None:
        cleaned = INVISIBLE.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


#: HTML's elements (WHATWG HTML, with the obsolete ones Word and old sites paste: font,
#: center…), as Markdown may pass them on; a name with a "-" is a custom element.
HTML_ELEMENTS = frozenset("""
a abbr acronym address area article aside audio b base basefont bdi bdo big blink
blockquote body br button canvas caption center cite code col colgroup data datalist dd
del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form
frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd
label legend li link main map mark marquee math menu meta meter nav nobr noembed noframes
noscript object ol optgroup option output p param picture plaintext pre progress q rb rp
rt rtc ruby s samp script search section select slot small source span strike strong
style sub summary sup svg table tbody td template textarea tfoot th thead time title tr
track tt u ul var video wbr xmp
""".split())
#: A "<" that starts no tag of HTML's elements (nor an end tag, a comment): "ghi rõ <Họ và
#: tên>" in a Summary is words, as in a post's text (``reader.as_typed.TagsOnlyHtml``).
NOT_A_TAG = re.compile(r"<(?!!--|/?(?:%s)(?![\w-]))" % "|".join(sorted(HTML_ELEMENTS, key=len, reverse=True)), re.I)


#: A start tag, whole, and each of its attributes with the space before it, as browsers
#: read them: a quoted value may hold ">" and is taken whole (``style=`` in another
#: attribute's value is no attribute); a quote elsewhere is a character like any other.
#: (The tag's name is read as an attribute too.) A "<" outside quotes ends no tag for a
#: browser, but here it is no tag's (it would be Markdown's text, written ``&lt;``): each
#: "<" is looked at up to the next one at most, and possessive, not tried again every
#: other way (a tag never ended cost seconds). Group 1: the tag's name. Read by the
#: reader (``reader.convert``: styles dropped, ``quoted_angles``), ``plain_summary`` and
#: ``invoke check`` (``staff.check.check_styles``) alike.
START_TAG = re.compile(r"""<([A-Za-z][^\s/<>]*+)(?:=\s*+(?:"[^"]*"|'[^']*'|[^\s<>]*+)|[^<>=])*+>""")
TAG_ATTRIBUTE = re.compile(r"""[\s/]*+([^\s/>][^\s/>=]*+)(?:\s*=\s*+(?:"[^"]*"|'[^']*'|[^\s>]*+))?""")


#: An attribute's quoted value; and a quoted value holding "<" or ">" anywhere in a text,
#: to look at its tags only then.
QUOTED_VALUE = re.compile(r"""=\s*+(?:"[^"]*"|'[^']*')""")
ANGLE_IN_QUOTES = re.compile(r"""=\s*+(?:"[^"<>]*[<>]|'[^'<>]*[<>])""")


def quoted_angles(content: str) -> str:
    """``content`` with each "<" and ">" inside a tag's quoted attribute value written
    ``&lt;``, ``&gt;`` (``<span title="Giá > 100">``, as pasted from a web page): the
    same value to a browser, but typogrify took the ">" for the tag's end and curled the
    closing quote (``"a>b”``), and the attribute, never closed, swallowed the rest of
    the page: the post's text, its sign-off, the links below. A ``Summary:`` was cut at
    it likewise, the tag's rest shown as words (``plain_summary``)."""
    if ANGLE_IN_QUOTES.search(content) is None:
        return content

    def escaped(value: re.Match) -> str:
        return value[0].replace("<", "&lt;").replace(">", "&gt;")

    return START_TAG.sub(lambda tag: QUOTED_VALUE.sub(escaped, tag[0]), content)


def plain_summary(value: str) -> str:
    """``Summary:`` is plain text: Markdown is not applied (``FORMATTED_FIELDS = []``) and
    HTML tags in it are dropped, their text kept ("<i>thẻ</i>" shows "thẻ"; of a
    ``<script>`` only its words remain, as text); words in angle brackets are no tag
    (``NOT_A_TAG``: "<Họ và tên>" was dropped, words and all); a ">" in a tag's quoted value
    ends no tag (``quoted_angles``). Entities are read as the characters they stand for,
    runs of spaces become one.

    Pelican and the theme treat a summary as HTML (listings strip its tags, feeds send
    it as HTML), so the result is escaped: nothing in it can be markup any more.
    """
    if "<" in value:
        value = NOT_A_TAG.sub("&lt;", quoted_angles(value))  # (striptags reads it back as "<", then escaped)
    return html.escape(clean_text(Markup(clean_text(value)).striptags()), quote=False)


#: (kind, name as written) -> the cleaned Author, Tag or Category: posts with the same
#: author or tag share one, so its slug (unidecode, Pelican makes it on first use: for
#: the output paths, for grouping by tag) is made once per name, not once per post.
_wrappers: dict[tuple[type, str], Any] = {}


def _clean_value(value: Any) -> Any:
    """``value`` cleaned; None when nothing is left of it (dropped by the caller)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        cleaned = [_clean_value(v) for v in value]
        return [v for v in cleaned if v is not None]
    name = getattr(value, "name", None)
    settings = getattr(value, "settings", None)
    if not isinstance(name, str) or settings is None:
        return value
    key = (type(value), name)
    known = _wrappers.get(key)
    if known is not None and known.settings is settings:
        return known
    if clean_text(name) != name:
        # Pelican's Author, Tag, Category: rebuilt so that the slug follows the name.
        value = type(value)(clean_text(name), settings)
    if not value.name.strip():
        return None
    if not value._normalize_key(value.name):
        # A name without a letter or digit ("👍", "\\"): Pelican would warn that it has
        # no slug (and a --fatal build would stop) though the site has no tag or author
        # pages. Its code points make a slug that is stable and its own.
        value.slug = "u" + "-".join(f"{ord(c):x}" for c in value.name)
    _wrappers[key] = value
    return value


def clean_metadata(metadata: dict) -> None:
    """Clean every text value of a post's or page's metadata, in place; the summary
    becomes escaped plain text (``plain_summary``)."""
    for key, value in list(metadata.items()):
        cleaned = _clean_value(value)
        if cleaned is None:
            del metadata[key]
        else:
            metadata[key] = cleaned
    if isinstance(metadata.get("status"), str):
        metadata["status"] = metadata["status"].strip().lower()  # "Status: Draft" is a draft
    if isinstance(metadata.get("summary"), str):
        metadata["summary"] = plain_summary(metadata["summary"])


def share_default_author(content: Any) -> None:
    """A post without ``Author:`` gets the ``AUTHOR`` setting, as an ``Author`` Pelican
    makes for each post; the one of the first such post is shared instead, as the
    authors of the metadata are (``_wrappers``), so its slug, which every address Pelican
    makes holds, is made once, not once per post (0.1 s at 3,000 posts)."""
    author = getattr(content, "author", None)
    if author is None or "author" in content.metadata or "authors" in content.metadata:
        return
    shared = _clean_value(author)
    if shared is not None and shared is not author:
        content.author = shared
        content.authors = [shared]


def check_settings(settings: dict) -> list[str]:
    """``Summary:`` must stay plain text (see ``plain_summary``); ``AUTHOR``, which signs
    the posts without ``Author:``, is a name or None (an empty one, which Pelican cannot
    make an address of, stopped the build with "would be written outside the site")."""
    problems = []
    fields = settings.get("FORMATTED_FIELDS") or []
    if "summary" in fields:
        problems.append("Setting 'FORMATTED_FIELDS': 'Summary:' is plain text on this site (README, "
                        f"Reliability), so it cannot be listed, but received: {fields!r}")
    author = settings.get("AUTHOR")
    if author is not None and not (isinstance(author, str) and author.strip()):
        problems.append("Setting 'AUTHOR': expected the name that signs posts without 'Author:', or None "
                        f"for no sign-off, but received: {author!r}")
    return problems

"""What must hold for any input: the properties the tests and ``invoke fuzz`` check.

``check_build`` is the whole promise: a content folder, however broken or hostile, either
builds a site in which every string is escaped (no injected element or attribute, no
control or bidi-override character, titles shown as typed, valid feeds), or fails with
one-line errors and exit status 1 -- never a traceback, never a half-written output --
and then ``invoke check`` reports an error in it too (``check_found_it``).
``check_incremental`` builds a site and edited versions of it in one folder, every cache
kept, and compares each with a clean build, byte for byte. The other ``check_*``
functions run one part (the reader, the metadata checks, the text cleaning) in this
process, thousands of times faster.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from sitemodel.fingerprint import tree_hash  # noqa: E402
from sitemodel.text import ANGLE_IN_QUOTES, INVISIBLE, NOT_A_TAG, _joined, clean_header_line, clean_pasted, clean_text, plain_summary  # noqa: E402
from sitemodel.text import quoted_angles  # noqa: E402

TODAY = "2026-01-15"
#: An error line as ``fail`` prints it: ``path[:line]: message`` (or ``plugin: ...``).
ERROR_LINE = re.compile(r"^\S[^\n]*?(?::\d+)?: \S")
SCRIPT_FOLDERS = ("/theme/js/", "/pagefind/")


# --- whole builds ----------------------------------------------------------------------
def write_files(base: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def run_build(base: Path) -> subprocess.CompletedProcess:
    """``pelican content -s pelicanconf.py -o output --fatal warnings`` in ``base``."""
    overrides = {"CACHE_PATH": str(base / "cache"), "SITE_TODAY": TODAY, "PHOTOS_WORKERS": 1}
    cmd = [sys.executable, "-m", "pelican", str(base / "content"), "-s", str(ROOT / "pelicanconf.py"),
           "-o", str(base / "output"), "--fatal", "warnings",
           "-e", *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]]
    env = {"COLUMNS": "1000", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base)}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)


def log_of(result: subprocess.CompletedProcess) -> str:
    """The build's log without the padding of Pelican's column layout."""
    return "\n".join(line.rstrip() for line in (result.stdout + result.stderr).splitlines())


def loose(text: str) -> str:
    """Text without what typography or HTML may change: spaces, quotes, dashes, dots."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[\s\"'`“”„‟‘’‚‛–—\-….]", "", text)


def expected_titles(files: dict[str, str | bytes]) -> set[str]:
    """Every post or page title in the input, as readers should see it (``loose``)."""
    titles = set()
    for rel, data in files.items():
        if isinstance(data, str) and rel.endswith(".md") and not rel.rsplit("/", 1)[-1].startswith("_"):
            # The Title line and the lines continuing it (indented by a tab or 4 spaces).
            # (as the reader reads it: without what pasting leaves, "\u200bTitle:" a Title line)
            data = clean_pasted(clean_text(data.replace("\r\n", "\n").replace("\r", "\n")))
            match = re.search(r"^Title:(.*(?:\n(?:\t| {4}).*)*)", data.split("\n\n", 1)[0], re.MULTILINE)
            if match:
                # (a metadata line loses its zero-width characters: clean_header_line)
                title = clean_header_line(clean_text(match[1])).strip()
                titles.add(loose(clean_text(html.unescape(title))))
    return titles


def assert_inert(soup, where: str) -> None:
    """No element or attribute text could have injected (outside the staff's own body)."""
    for body in soup.select(".post__body"):
        body.decompose()  # raw HTML in the body is allowed (README, Reliability)
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)
            continue
        assert script.get("src", "").startswith(SCRIPT_FOLDERS) and not script.string, (where, script)
    for tag in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs), (where, tag)
        assert not (tag.name == "img" and tag.get("src") == "x"), (where, tag)


#: What pasting leaves that shows as nothing (``sitemodel.text.PASTED_NOTHING``), which no
#: page or feed may hold but a joiner that joins (an emoji sequence, Hindi, Persian).
PASTED_NOTHING = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
#: A phone number's link (``reader.as_typed.PhoneLinks``): Vietnam's 0 or +84 and nine or ten digits.
TEL = re.compile(r"tel:(?:0|\+84)\d{9,10}")


def assert_nothing_pasted(text: str, where: str) -> None:
    """``text`` holds no character pasting leaves that shows as nothing (``clean_pasted``)."""
    for found in PASTED_NOTHING.finditer(text):
        assert found[0] in "\u200c\u200d" and _joined(text, found.start()), \
            (where, repr(text[max(0, found.start() - 20):found.end() + 20]))


def assert_phone_links(soup, where: str) -> None:
    """Every ``tel:`` link the text gave calls the number its words show."""
    for link in soup.select(".post__body a[href^='tel:'], .page__body a[href^='tel:']"):
        href = link["href"]
        assert TEL.fullmatch(href), (where, href, link.get_text())
        digits = re.sub(r"\D", "", link.get_text())
        assert href.endswith(digits.removeprefix("84")[-9:]), (where, href, link.get_text())


def assert_links_open(soup, where: str) -> None:
    """Every link of a page is an address a browser opens (the build refuses the text's
    others: ``reader.convert.bad_address``), wherever it was written."""
    from urllib.parse import urlsplit

    for tag in soup.find_all(href=True):
        try:
            urlsplit(tag["href"])
        except ValueError as exc:
            raise AssertionError((where, tag["href"], str(tag)[:300])) from exc


def check_site(output: Path, files: dict[str, str | bytes]) -> None:
    """A built site is inert, clean, and shows every title as it was typed."""
    import feedparser
    from bs4 import BeautifulSoup

    titles = expected_titles(files)
    for path in sorted(output.rglob("*")):
        rel = str(path.relative_to(output))
        if path.suffix not in (".html", ".xml", ".json") or rel.startswith("pagefind/"):
            continue
        text = path.read_text(encoding="utf-8")
        bad = INVISIBLE.search(text)
        assert bad is None, (rel, repr(bad.group()) if bad else None)
        assert_nothing_pasted(text, rel)
        if path.suffix == ".xml":
            ET.fromstring(text.encode("utf-8"))
            if rel.endswith(("atom.xml", "rss.xml")):
                parsed = feedparser.parse(text.encode("utf-8"))
                assert not parsed.bozo, (rel, parsed.bozo_exception)
        elif path.suffix == ".html":
            soup = BeautifulSoup(text, "html.parser")
            heading = soup.select_one("h1.post__title")
            if heading is not None:
                assert loose(heading.get_text()) in titles, (rel, heading.get_text(), titles)
            assert_phone_links(soup, rel)
            assert_links_open(soup, rel)
            assert_inert(soup, rel)


def check_failure(result: subprocess.CompletedProcess, output: Path) -> None:
    """A failed build: status 1, one-line errors, no traceback, no output written."""
    log = log_of(result)
    assert result.returncode == 1, (result.returncode, log[-3000:])
    assert "Traceback" not in log and "CRITICAL" not in log, log[-5000:]
    errors = [line.split("ERROR", 1)[1].strip() for line in log.splitlines() if " ERROR " in line]
    assert errors, log[-3000:]
    for line in errors:
        assert ERROR_LINE.match(line), (line, log[-3000:])
    assert not output.exists(), "a failed first build left an output folder"
    assert not [p for p in output.parent.iterdir() if p.name.startswith(".output.")], "leftovers"


def check_build(files: dict[str, str | bytes]) -> str:
    """Build ``files`` and check the outcome; returns "built" or "refused"."""
    with tempfile.TemporaryDirectory(prefix="fuzz-", ignore_cleanup_errors=True) as tmp:
        base = Path(tmp)
        write_files(base / "content", files)
        result = run_build(base)
        if result.returncode == 0:
            check_site(base / "output", files)
            return "built"
        check_failure(result, base / "output")
        check_found_it(base / "content", result)
        return "refused"


def check_found_it(content: Path, refused: subprocess.CompletedProcess) -> None:
    """``invoke check`` finds what stops the build: a folder it passes builds (it may be
    stricter: it also reads drafts and scheduled posts, which the build leaves out)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from staff.check import check
    from staff.project import read_settings

    report = check(content, read_settings(content=content))
    errors = [line.split("ERROR", 1)[1].strip() for line in log_of(refused).splitlines() if " ERROR " in line]
    assert report.status, ("invoke check found no error in a folder the build refused", errors[:5])


def project_code(project: Path) -> str:
    """One hash of the project's code the builds run: its settings and other Python
    files at the top, the plugins and the theme (``sitemodel.fingerprint.tree_hash``)."""
    h = hashlib.blake2b(tree_hash([str(project / "plugins"), str(project / "theme")]).encode(), digest_size=20)
    for path in sorted(project.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def check_incremental(states: list[tuple[str, dict[str, str | bytes]]]) -> str:
    """Each version of a site built in turn in one folder, every cache kept, gives what a
    clean build of it gives, byte for byte (or both refuse it): no cache may keep
    anything an edit changed. Returns "same".

    The two builds compared must run the same code: when the project's code
    (``project_code``) is edited while the test runs, that is what is said, not the
    difference the edit made between them."""
    from bench.measure import compare_trees  # the bench's byte-for-byte comparison
    code = project_code(ROOT)
    with tempfile.TemporaryDirectory(prefix="fuzz-", ignore_cleanup_errors=True) as tmp:
        kept = Path(tmp) / "kept"
        for number, (done, files) in enumerate(states):
            shutil.rmtree(kept / "content", ignore_errors=True)
            write_files(kept / "content", files)
            again = run_build(kept)
            clean = Path(tmp) / f"clean-{number}"
            write_files(clean / "content", files)
            fresh = run_build(clean)
            where = f"build {number + 1} of {len(states)}, after: {done}"
            assert project_code(ROOT) == code, (
                f"the project's code changed during the test ({where}): its plugins, theme or "
                "settings were edited while it built, so its builds cannot be compared; run it again")
            assert (again.returncode == 0) == (fresh.returncode == 0), (
                where, log_of(again)[-2000:], log_of(fresh)[-2000:])
            if fresh.returncode == 0:
                compared = compare_trees(kept / "output", clean / "output")
                assert compared.identical, (where, compared.first_difference)
            shutil.rmtree(clean, ignore_errors=True)
    return "same"


# --- parts, in this process ------------------------------------------------------------
def check_clean_text(text: str) -> None:
    cleaned = clean_text(text)
    assert INVISIBLE.search(cleaned) is None
    assert clean_text(cleaned) == cleaned
    assert cleaned == "".join(c for c in text if not INVISIBLE.match(c))


def check_plain_summary(text: str) -> None:
    """A summary's HTML holds no element and shows the text without its tags, cleaned: a
    tag is one of HTML's elements (or a comment); any other "<" is text ("<Họ và tên>",
    ``sitemodel.text.NOT_A_TAG``); a ">" in a tag's quoted value ends no tag
    (``sitemodel.text.quoted_angles``)."""
    from markupsafe import Markup

    summary = plain_summary(text)
    assert "<" not in summary and ">" not in summary
    shown = html.unescape(summary)
    assert INVISIBLE.search(shown) is None
    assert shown == clean_text(Markup(clean_text(NOT_A_TAG.sub("&lt;", quoted_angles(text)))).striptags())
    if NOT_A_TAG.search(text) is None and ANGLE_IN_QUOTES.search(text) is None:
        # (every "<" starts a tag, no ">" is quoted: what Markup.striptags alone shows)
        assert shown == clean_text(Markup(clean_text(text)).striptags())


def check_header_text(text: str) -> None:
    """The metadata checks read any file without raising; each error is one line."""
    from sitemodel.build import read_index_file
    from sitemodel.checks import check_header

    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        path = os.path.join(tmp, "index.vi.md")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        for error in check_header(path, "tin-tuc/bai/index.vi.md") + read_index_file(path)[1]:
            assert "\n" not in str(error) and INVISIBLE.search(str(error)) is None, str(error)


def reader_options():
    """The project reader's conversion options, from pelicanconf.py."""
    sys.path.insert(0, str(ROOT))
    import pelicanconf
    from reader.convert import Options

    return Options(markdown=pelicanconf.MARKDOWN, formatted_fields=tuple(pelicanconf.FORMATTED_FIELDS),
                   typogrify=bool(pelicanconf.TYPOGRIFY),
                   typogrify_ignore_tags=tuple(pelicanconf.TYPOGRIFY_IGNORE_TAGS),
                   typogrify_omit=tuple(pelicanconf.TYPOGRIFY_OMIT_FILTERS),
                   typogrify_dashes="default")


def check_reader(data: bytes) -> None:
    """The reader turns any bytes into HTML and metadata, or a one-line error."""
    from reader.convert import convert

    result = convert(data, reader_options())
    if result.error:
        assert "\n" not in result.error
    else:
        from bs4 import BeautifulSoup

        assert isinstance(result.content, str)
        assert_nothing_pasted(result.content, "text")
        for values in result.meta.values():
            assert all(isinstance(v, str) for v in values)
            for value in values:
                assert_nothing_pasted(value, "metadata")
        soup = BeautifulSoup(f'<div class="post__body">{result.content}</div>', "html.parser")
        assert_phone_links(soup, "text")


def check_captions(text: str) -> None:
    """captions.<lang>.txt of any content is read without raising."""
    from photos.captions import read_captions

    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        Path(tmp, "anh.jpg").write_bytes(b"")
        with open(os.path.join(tmp, "captions.vi.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        captions, errors = read_captions(tmp, "vi", "tin-tuc/bai")
        assert all(isinstance(c, str) for c in captions.values())
        for error in errors:
            assert "\n" not in str(error), str(error)
    check_caption_text(captions.values())


def check_caption_text(written) -> None:
    """A caption read as inline Markdown (``photos.caption_text``), with the text's
    typography, is one line of words whose links a browser opens, and its plain text is
    its words, without tags."""
    from bs4 import BeautifulSoup
    from photos.caption_text import caption

    options = reader_options()
    for value in written:
        shown = caption(value, options.markdown, options)
        soup = BeautifulSoup(f"<figcaption>{shown.html}</figcaption>", "html.parser")
        assert not soup.find(["p", "div", "li", "h1", "h2", "script", "img"]), (value, str(shown.html))
        assert_links_open(soup, value)
        assert_nothing_pasted(shown.text, value)

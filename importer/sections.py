"""The table from old CMS section names to section folders (``importer/sections.toml``)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from .errors import SectionTableError, bilingual

DEFAULT_TABLE = Path(__file__).with_name("sections.toml")
TRAIL_SEPARATOR = " › "
_FOLDER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*")


def name_key(name: str) -> str:
    """How names are compared: NFC, case-folded, spaces collapsed, "›"/">" alike."""
    name = unicodedata.normalize("NFC", name).replace(">", "›").replace("»", "›")
    parts = (" ".join(part.split()) for part in name.split("›"))
    return TRAIL_SEPARATOR.join(parts).casefold()


class SectionTable:
    """Old section name (or full trail) -> section folder."""

    def __init__(self, entries: dict[str, str], source: Path):
        self.source = source
        self._entries = {name_key(name): folder for name, folder in entries.items()}
        self._names = dict(entries)

    def folder_for(self, trail: list[str]) -> str | None:
        """The folder for a breadcrumb trail (sections only, no Home, no title):
        the whole trail first, then its last name."""
        if not trail:
            return None
        for key in (TRAIL_SEPARATOR.join(trail), trail[-1]):
            folder = self._entries.get(name_key(key))
            if folder is not None:
                return folder
        return None

    def folder_for_address(self, url: str | None) -> tuple[str, str] | None:
        """For a page without a breadcrumb: the section whose name, as a slug, is a
        category of the page's old address (``/index.php/tin-tuc/thong-bao/420-bai`` ->
        "Thông báo"), the longest run of them first; (section name, folder), or None."""
        from urllib.parse import unquote, urlsplit

        from .text import ascii_slug

        try:
            path = urlsplit(url or "").path
        except ValueError:
            return None
        segments = [unquote(s) for s in path.split("/") if s and not s.endswith((".php", ".html", ".htm"))]
        categories = segments[:-1] if segments and not path.endswith("/") else segments
        by_slug = {}
        for key, folder in self._names.items():
            names = [" ".join(n.split()) for n in re.split("[›>»]", key)]
            by_slug.setdefault("/".join(ascii_slug(n) for n in names), (names[-1], folder))
        for start in range(len(categories)):
            found = by_slug.get("/".join(categories[start:]))
            if found is not None:
                return found
        return None


def load_table(path: Path | None = None) -> SectionTable:
    """Read and check the table; every bad line is reported at once."""
    path = Path(path) if path is not None else DEFAULT_TABLE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SectionTableError([bilingual(f"{path}: không đọc được bảng mục ({exc.strerror})",
                                           f"{path}: cannot read the section table")]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SectionTableError([bilingual(
            f"{path}: bảng mục viết sai ({exc})",
            f"{path}: the section table is not valid TOML")]) from None
    errors = []
    for name, folder in data.items():
        if not isinstance(folder, str) or not _FOLDER.fullmatch(folder) or \
                folder.split("/")[0] == "pages":
            errors.append(bilingual(
                f"{path}: '{name}' = {folder!r}: thư mục mục tin phải là chữ thường không dấu, "
                "nối bằng '-', các cấp cách nhau bằng '/', ví dụ \"tin-tuc/thong-bao\"",
                f"'{name}': expected a section folder like \"tin-tuc/thong-bao\", "
                f"received {folder!r}"))
    if errors:
        raise SectionTableError(errors)
    return SectionTable(data, path)

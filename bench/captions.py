"""What reading captions costs: ``python -m bench.captions --before REV``.

``photos.caption_text.caption()`` over 2,000 captions of each kind below, with the site's
``MARKDOWN`` and typography (pelicanconf.py), in one process: this tree's
``caption_text.py`` and the one of the commit ``REV`` (``git show``), alternated, each
kind ``--rounds`` times; the best CPU time (``time.process_time``) of each is printed, in
ms. CPU and not wall time: the machine may be shared.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNT = 2000

#: Captions by kind, as staff write them; ``{n}`` is the caption's number.
KINDS = {
    'quotes, "--" or "..." in 3 of 4': ['Lớp "Quản trị HTX" khoá {n}', "Hội nghị -- ngày {n}",
                                        "Học viên thảo luận... ({n})", "Toàn cảnh lớp học ({n})"],
    'one "." or "-" only': ["TS. Lê Văn A phát biểu ({n})", "Đoàn công tác Hà Nội - Huế ({n})"],
    "bench corpus": ["Học viên thảo luận nhóm ({n})", "Toàn cảnh lớp học tại Quảng Ninh ({n})",
                     "Group discussion ({n})", "The class in Quang Ninh ({n})"],
    "a character reference": ["Tom &amp; Jerry &ndash; {n}"],
    "a picture, words alone": ["![Lớp học {n}](lop.jpg) tại Hà Nội"],
    "a picture, words in Markdown": ["![Lớp học *đẹp* {n}](lop.jpg) tại Hà Nội"],
}


def module_at(rev: str, folder: Path):
    """``photos.caption_text`` as it was at the commit ``rev``."""
    source = subprocess.run(["git", "show", f"{rev}:plugins/photos/caption_text.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    path = folder / "caption_text_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("caption_text_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclass looks itself up there)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT / "plugins")]
    from pelican.settings import read_settings
    from photos import caption_text as after
    from reader.convert import Options

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    markdown = settings["MARKDOWN"]
    typography = Options(markdown=markdown, formatted_fields=(), typogrify=bool(settings["TYPOGRIFY"]),
                         typogrify_ignore_tags=tuple(settings["TYPOGRIFY_IGNORE_TAGS"]),
                         typogrify_omit=tuple(settings["TYPOGRIFY_OMIT_FILTERS"]),
                         typogrify_dashes=settings.get("TYPOGRIFY_DASHES", "default"))
    with tempfile.TemporaryDirectory() as folder:
        before = module_at(args.before, Path(folder))
    for kind, forms in KINDS.items():
        captions = [forms[n % len(forms)].format(n=n) for n in range(COUNT)]
        best = {"before": float("inf"), "after": float("inf")}
        for module in (before, after):  # (its Markdown made, typogrify imported)
            for written in captions[:50]:
                module.caption(written, markdown, typography)
        for _ in range(args.rounds):
            for label, module in (("before", before), ("after", after)):
                start = time.process_time()
                for written in captions:
                    module.caption(written, markdown, typography)
                best[label] = min(best[label], time.process_time() - start)
        print(f"{kind}: {best['before'] * 1000:.1f} ms at {args.before}, {best['after'] * 1000:.1f} ms now")


if __name__ == "__main__":
    main()

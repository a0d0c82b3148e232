"""On nginx with deploy/nginx-compression.conf, every text file of a built site reaches
the reader compressed: pages, styles, scripts, feeds, the sitemap, the search's files.

Files that are compressed already (photos, Pagefind's index) are left as they are. A real
nginx (Debian package) serves the site; without it this test is skipped, except in CI.
"""

from __future__ import annotations

import gzip
import urllib.request

from conftest import ROOT, nginx_serving, require_nginx

require_nginx()

#: Already compressed: photos, Pagefind's index and WebAssembly (gzip inside).
COMPRESSED = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".pf_fragment", ".pf_index", ".pf_meta",
              ".pagefind", ".ico")  # (the theme's favicon.ico holds PNG pictures)
#: Only Netlify and Cloudflare Pages read it; on nginx it is a file no page links.
NOT_SERVED = {"_headers"}
#: ``gzip_min_length``: smaller files gain nothing from compression.
MIN_LENGTH = 256
SERVER = f"\n        include {ROOT / 'deploy' / 'nginx-compression.conf'};\n"


def get(url: str) -> tuple[dict, bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with opener.open(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_every_text_file_is_served_compressed(small, tmp_path):
    files = [p for p in sorted(small.output.rglob("*")) if p.is_file()
             and p.name not in NOT_SERVED and not p.name.endswith(COMPRESSED)
             and p.stat().st_size >= MIN_LENGTH]
    kinds = {p.suffix for p in files}
    assert {".html", ".css", ".js", ".xml", ".svg"} <= kinds
    plain = compressed = 0
    with nginx_serving(small.output, tmp_path / "nginx", SERVER) as base:
        for path in files:
            rel = path.relative_to(small.output).as_posix()
            headers, body = get(f"{base}/{rel}")
            assert headers.get("content-encoding") == "gzip", (rel, headers.get("content-type"))
            assert "accept-encoding" in headers.get("vary", "").lower(), rel
            assert gzip.decompress(body) == path.read_bytes(), rel
            plain += path.stat().st_size
            compressed += len(body)
    assert compressed < plain / 2

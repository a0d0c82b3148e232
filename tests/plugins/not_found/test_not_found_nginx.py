"""The missing-address pages on nginx with deploy/README.md's server block: a missing
address under /en/ gets the English page, any other the root's, both with status 404.
nginx (Debian package) serves the site; without it this test is skipped, except in CI."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

from bs4 import BeautifulSoup
from conftest import documented_nginx_server, nginx_serving, require_nginx

require_nginx()


def fetch(url: str) -> tuple[int, BeautifulSoup]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, BeautifulSoup(response.read(), "html.parser")
    except urllib.error.HTTPError as error:
        return error.code, BeautifulSoup(error.read(), "html.parser")


def test_nginx_answers_each_language_with_its_own_page(small, tmp_path):
    with nginx_serving(small.output, tmp_path / "nginx", documented_nginx_server()) as base:
        status, soup = fetch(base + "/en/news/old/gone/")
        assert status == 404 and soup.html["lang"] == "en"
        assert soup.h1.get_text(strip=True) == "Page not found"
        status, soup = fetch(base + "/tin-tuc/cu/bai-da-xoa/")
        assert status == 404 and soup.html["lang"] == "vi"
        assert soup.h1.get_text(strip=True) == "Không tìm thấy trang"
        # The English page's own files are still served as they are.
        status, soup = fetch(base + "/en/")
        assert status == 200 and re.search("Cooperative", soup.title.get_text())

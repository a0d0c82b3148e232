"""Production settings: everything in pelicanconf.py, plus the public address.

    pelican content -s publishconf.py -o output      (or: invoke publish)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# The address readers use; feeds, share links and social tags are absolute under it.
SITEURL = "https://daotao.lienminhhtx.example.vn"
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False

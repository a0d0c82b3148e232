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
# Minified HTML, CSS and JS (plugins/minify), after the search index is built.
MINIFY = True
SAFE_OUTPUT_REMOVE_OLD = "now"  # the replaced site deleted before the build ends

# --- Publishing (invoke publish / invoke gh-pages; README "Publishing") ---------------------
# Where `invoke publish` copies the site with rsync, after a build that passed: a folder
# on this machine ("/srv/www/site/") or a server over ssh ("user@host:/var/www/site/").
# Files the new site no longer has are deleted there. Empty: `invoke publish` says so.
PUBLISH_TARGET = ""
# `invoke gh-pages`: the git repository (URL or path) and branch the site is pushed to;
# an empty PUBLISH_GH_PAGES_REMOTE means the project's own "origin".
PUBLISH_GH_PAGES_REMOTE = ""
PUBLISH_GH_PAGES_BRANCH = "gh-pages"
# The site's own domain for GitHub Pages (a CNAME file), or "".
PUBLISH_GH_PAGES_CNAME = ""

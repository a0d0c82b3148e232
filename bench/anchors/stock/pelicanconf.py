"""Stock Pelican 4.12 with community plugins: the anchor the project is measured against.

The same site as the project's on the same posts, the way a Pelican user would make it:
the built-in "simple" theme with an article template adding breadcrumbs, newer/older
links within the category (pelican-neighbors), the gallery (pelican-photos) and the
language links; English as an i18n_subsites subsite under /en/; Atom and RSS feeds of
the whole site and of every category, full text; the same Markdown extensions and
typogrify filters as the project. Pages the project does not make (tags, authors,
archives) are switched off, so both make the same kinds of pages.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

SITENAME = "Trường Bồi dưỡng cán bộ hợp tác xã"
AUTHOR = "Phòng Đào tạo, bồi dưỡng"
SITEURL = ""
FEED_DOMAIN = "http://localhost:8000"
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = "simple"
THEME_TEMPLATES_OVERRIDES = [os.path.join(HERE, "templates")]
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = ["pages"]
READERS = {"rst": None, "html": None, "htm": None}

PLUGINS = ["pelican.plugins.neighbors", "pelican.plugins.i18n_subsites"]
I18N_SUBSITES = {"en": {"SITENAME": "Cooperative Managers Training School",
                        "AUTHOR": "Training Department"}}
# A post without an English text has no English page (as in the project).
I18N_UNTRANSLATED_ARTICLES = "remove"

# pelican-photos only when the corpus has photos: the anchor renditions, gallery
# 1200 x 900 and thumbnail 300 x 200, JPEG quality 85, made on every core.
PHOTO_LIBRARY = os.path.join(HERE, "photos")
if os.path.isdir(PHOTO_LIBRARY):
    PLUGINS.insert(0, "pelican.plugins.photos")
PHOTO_GALLERY = (1200, 900, 85)
PHOTO_THUMB = (300, 200, 85)
PHOTO_ARTICLE = (760, 506, 85)
PHOTO_RESIZE_JOBS = 0

# Warm rebuilds reuse parsed posts, as Pelican's own cache allows.
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

DEFAULT_PAGINATION = 10
DIRECT_TEMPLATES = ["index"]
TAG_SAVE_AS = TAGS_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = False

MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.sane_lists": {}},
    "output_format": "html5",
}
TYPOGRIFY = True
TYPOGRIFY_OMIT_FILTERS = ["amp", "caps", "initial_quotes", "widont"]
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "script", "style", "title"]
SUMMARY_MAX_LENGTH = 40

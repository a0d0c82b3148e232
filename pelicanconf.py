"""Site settings for preview builds. ``publishconf.py`` adds what production needs.

Build any content folder in the project's format with:
    pelican CONTENT -s pelicanconf.py -o OUTPUT [-e CACHE_PATH='"DIR"']
"""

import logging
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The project's plugins import the site model (plugins/sitemodel) by name.
sys.path.insert(0, os.path.join(HERE, "plugins"))

# --- The school -------------------------------------------------------------------------
SITENAME = "Trường Bồi dưỡng cán bộ hợp tác xã"
SITESUBTITLE = "Tin tức, thông báo và lịch khai giảng các lớp bồi dưỡng cán bộ hợp tác xã"
AUTHOR = "Phòng Đào tạo, bồi dưỡng"
CONTACT_PHONE = "0203 3 123 456"
CONTACT_EMAIL = "daotao@truongboiduong-htx.example.vn"
SITE_LANGUAGES = {
    "vi": {
        "label": "Tiếng Việt",
        "locale": "vi",
        "SITE_ORGANIZATION": "Liên minh Hợp tác xã tỉnh",
        "CONTACT_ADDRESS": "Số 12 đường Trần Hưng Đạo, phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh",
    },
    "en": {
        "label": "English",
        "locale": "en_GB",
        "SITENAME": "Cooperative Managers Training School",
        "SITESUBTITLE": "News, announcements and course openings for cooperative managers",
        "AUTHOR": "Training Department",
        # Dialled from abroad too (0203… reaches the school from a Vietnamese phone only).
        "CONTACT_PHONE": "+84 203 3 123 456",
        "SITE_ORGANIZATION": "Provincial Cooperative Alliance",
        "CONTACT_ADDRESS": "12 Tran Hung Dao Street, Hong Gai Ward, Ha Long City, Quang Ninh Province, Vietnam",
    },
}

# --- Where things are -------------------------------------------------------------------
PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# safe_output first: it points the build at a fresh folder before any other plugin
# starts, and puts it in place after all of them finished (plugins/safe_output/).
# skip_unchanged: a build with nothing changed since the last good one is skipped
# (plugins/skip_unchanged/; SKIP_UNCHANGED = False always builds).
PLUGINS = ["safe_output", "reader", "parallel_render", "sitemodel", "bilingual", "sections", "tags", "neighbors", "photos",
           "theme_assets", "seo", "search", "not_found", "aliases", "minify", "security_headers", "skip_unchanged"]
TIMEZONE = "Asia/Ho_Chi_Minh"
# Dates are written by Babel in each language (plugins/bilingual), not by the machine's
# locale. A fixed locale keeps the build independent of the shell it runs in: a LANG or
# LC_CTYPE naming a locale the machine lacks (LC_CTYPE=UTF-8, sent by a Mac over ssh)
# made Pelican warn "Locale could not be set", and --fatal warnings stopped the build.
LOCALE = ("C.UTF-8", "C.utf8", "C")
DEFAULT_LANG = "vi"
SITEURL = ""
# Feeds need absolute URLs even in a preview (``invoke serve`` listens here).
FEED_DOMAIN = "http://localhost:8000"

# --- The content format: section folders, one folder per post ----------------------------
# content/<section>/.../<slug>/index.<lang>.md gives the section, slug and language.
PATH_METADATA = r"(?:(?P<section_path>.+)/)?(?P<slug>[^/]+)/index\.(?P<lang>[^./]+)\.md"
# A file outside that layout still gets a URL, so that the site model can report it
# with its path instead of Pelican failing on the missing value.
DEFAULT_METADATA = {"section_path": "_"}
# Markdown only: no reStructuredText or HTML readers picking up stray files.
READERS = {"rst": None, "html": None, "htm": None}
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages"]
# "~$*": the lock file Word or Excel keeps beside a file while it is open there
# (~$dex.vi.md): not a post, and gone when the program closes.
IGNORE_FILES = [".*", "~$*", "_index.*.md", "captions.*.txt"]
# Translations are grouped by folder in the site model, not by Pelican's slug matching.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "tin"
# Photos are published only as renditions made by the photos plugin, never as originals.
STATIC_PATHS = []

# --- URLs: Vietnamese at the root, English under /en/, pretty URLs -------------------------
ARTICLE_URL = "{section_path}/{slug}/"
ARTICLE_SAVE_AS = "{section_path}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{section_path}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{section_path}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# Drafts are never published.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""

# Pelican's own listings and feeds are replaced by the sections plugin (per language).
DIRECT_TEMPLATES = []
INDEX_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# --- Text ----------------------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        # An address or email typed as text (https://…, www.…, ten@truong.vn) is a link, as
        # in Facebook, Zalo or WordPress; a file with none is converted without it (faster).
        "pymdownx.magiclink": {},
        # Markdown as staff type it (plugins/reader/as_typed.py): an indented paragraph
        # is text, not a box of code; a line of #hashtags no heading; "(*)" and
        # "<Họ và tên>" text; a list may follow its lead-in line.
        "reader.as_typed": {},
        # A line ended with Enter ends there, as in Word, Zalo, Facebook or WordPress (an
        # address, a phone number and an email on lines of their own); a blank line
        # still starts a new paragraph. Markdown alone runs such lines into one.
        "markdown.extensions.nl2br": {},
    },
    "output_format": "html5",
}
# Smart quotes and dashes only: "caps", "amp", "widont" and "initial_quotes" wrap text in
# <span>s or add &nbsp;, which would leak into <title>, feeds and meta tags.
TYPOGRIFY = True
TYPOGRIFY_OMIT_FILTERS = ["amp", "caps", "initial_quotes", "widont"]
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "script", "style", "title"]
SUMMARY_MAX_LENGTH = 40
# "Summary:" is plain text: no Markdown, HTML tags dropped (their text kept), never run.
# See README, "Reliability".
FORMATTED_FIELDS = []
# "auto_reload": a build loads each template once (its Jinja environment is made afresh
# for every build, the live preview's too), so Jinja need not look at the template's file
# again every time a page includes it: 22,900 file checks fewer for 3,600 pages.
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}
# An image without alt text gets its caption or a generated description from the
# photos plugin, so Pelican's own warning about it is noise here.
LOG_FILTER = [(logging.WARNING, "Empty alt attribute for image %s in %s")]

# --- Search, sitemap, sharing, minifying (plugins/search, seo, minify; see README) --------
# "search" writes /tim-kiem/ and /en/search/ and runs Pagefind once the site is written;
# "minify" comes after it in PLUGINS, so Pagefind indexes the pages as written.
# "not_found" writes 404.html, the page hosts show for a missing address; "aliases" a
# page at each old address a post lists (Aliases:) that leads on to it.
SEARCH_PAGE_PATHS = {"vi": "tim-kiem/", "en": "search/"}
SEO_OG_LOCALES = {"vi": "vi_VN", "en": "en_GB"}
MINIFY = False  # on in publishconf.py
# The site a build replaces is emptied by a detached process that keeps its folders for
# the next build to start in (plugins/safe_output/spare.py): a rebuild after one edit
# then makes and deletes no folders (about 1 s of 9 at 2,000 posts). "now" in
# publishconf.py: a production build ends with nothing left running.
SAFE_OUTPUT_REMOVE_OLD = "background"

# --- Output --------------------------------------------------------------------------------
# Posts per listing page: SECTIONS_PER_PAGE (plugins/sections) and TAGS_PER_PAGE
# (plugins/tags), 10 each; Pelican's DEFAULT_PAGINATION is not read (no page of Pelican's
# own templates is written).
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False

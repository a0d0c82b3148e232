"""The site model: the ground floor every feature plugin reads (see model.py)."""

from .errors import BuildFailed, ContentError, LogCounter
from .files import link_new, link_or_copy, tree_entries
from .model import Post, Section, SiteModel
from .schedule import site_today
from .sitemodel import build_skipped, get_model, language_link, model_ready, page_lang, register, site_setting

__all__ = ["BuildFailed", "ContentError", "LogCounter", "Post", "Section", "SiteModel", "build_skipped", "get_model", "language_link",
           "link_new", "link_or_copy", "model_ready", "page_lang", "register", "site_setting", "site_today",
           "tree_entries"]

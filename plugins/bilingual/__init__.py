"""Two languages from one Pelican run: language switcher, hreflang, gettext, dates.

(Each language's addresses, ``/en/…``, are the site model's ``prefix``, ``sitemodel/model.py``,
and the ``*_LANG_URL`` settings in ``pelicanconf.py``.)"""

from .bilingual import register

__all__ = ["register"]

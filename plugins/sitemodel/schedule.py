"""The build's "today", and posts dated after it.

One setting decides which day it is for the whole build: ``SITE_TODAY`` ("YYYY-MM-DD";
None means the day of the build in ``TIMEZONE``). The sections plugin compares
``Expires:`` with it; here, posts dated after it are left out until their day comes
(unless ``SITE_PUBLISH_FUTURE``). Days are compared, not hours: a post dated today at
17:00 is published by a build at 08:00.

A post left out is reported at INFO (``pelican -v`` lists them) and counted in one line
printed with Pelican's own summary: a warning would stop every ``--fatal warnings``
build, and a scheduled post is not a mistake.
"""

from __future__ import annotations

import datetime
import logging
import os
import zoneinfo
from typing import Any, Iterable

from pelican.log import console

logger = logging.getLogger(__name__)

DEFAULTS: dict = {
    # The day the build runs as, "YYYY-MM-DD"; None: today in TIMEZONE. Set it to
    # rebuild the site as it was (or will be) on a given day.
    "SITE_TODAY": None,
    # True: posts dated after SITE_TODAY are published at once, not on their day.
    "SITE_PUBLISH_FUTURE": False,
}

#: The earlier name of SITE_TODAY (sections plugin), still read when SITE_TODAY is unset.
OLD_TODAY = "SECTIONS_TODAY"


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def check(settings: dict) -> list[str]:
    """One message per bad setting, with the value received (MkDocs style)."""
    problems = []
    for key in ("SITE_TODAY", OLD_TODAY):
        value = settings.get(key)
        if value not in (None, "") and _day(value) is None:
            problems.append(f"Setting '{key}': expected a day as \"YYYY-MM-DD\" or None, "
                            f"but received: {value!r}")
    future = settings.get("SITE_PUBLISH_FUTURE", DEFAULTS["SITE_PUBLISH_FUTURE"])
    if not isinstance(future, bool):
        problems.append(f"Setting 'SITE_PUBLISH_FUTURE': expected True or False, but "
                        f"received: {future!r}")
    return problems


def site_today(settings: dict) -> datetime.date:
    """``SITE_TODAY`` (or the older ``SECTIONS_TODAY``), else today in ``TIMEZONE``."""
    for key in ("SITE_TODAY", OLD_TODAY):
        day = _day(settings.get(key)) if settings.get(key) not in (None, "") else None
        if day is not None:
            return day
    return datetime.datetime.now(zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()


def is_future(article: Any, day: datetime.date) -> bool:
    return article.date.date() > day


def hold_back_future(articles_gen: Any, settings: dict) -> list[Any]:
    """Take posts dated after today out of what Pelican writes and lists; return them.

    The lists are changed in place, as Pelican's context holds the same list objects.
    """
    if settings.get("SITE_PUBLISH_FUTURE", DEFAULTS["SITE_PUBLISH_FUTURE"]):
        return []
    day = site_today(settings)
    held: list[Any] = []
    for name in ("articles", "translations", "dates"):
        items = getattr(articles_gen, name, None)
        if not items:
            continue
        kept = [a for a in items if not is_future(a, day)]
        if name != "dates":
            held.extend(a for a in items if is_future(a, day))
        items[:] = kept
    held.sort(key=lambda a: (a.date, a.source_path))
    return held


def report_held(held: Iterable[Any], settings: dict, content_path: str) -> None:
    """On the console with Pelican's summary: how many posts are held back and which, each
    with its date, so staff see a date typed wrong (``2027-03-12`` for 2026-12-03) and
    know the post appears only when the site is published again on or after its date (a
    static site changes when it is built); an INFO line each for ``pelican -v`` too."""
    held = list(held)
    if not held:
        return
    day = site_today(settings)
    for article in held:
        logger.info("sitemodel: not published before its date %s: %s",
                    article.date.date().isoformat(),
                    os.path.relpath(article.source_path, content_path))
    shown = held[:HELD_SHOWN]
    lines = [f"  {a.date.date().isoformat()}  {os.path.relpath(a.source_path, content_path)}" for a in shown]
    if len(held) > len(shown):
        more = len(held) - len(shown)
        lines.append(f"  … và {more} bài nữa / and {more} more (pelican -v)")
    console.print(f"Hẹn đăng: {len(held)} bài ghi ngày sau hôm nay ({day.isoformat()}) chưa được "
                  "đăng; mỗi bài lên trang khi trang được đăng lại từ ngày của nó / "
                  f"Scheduled: {len(held)} post(s) dated after today ({day.isoformat()}) not "
                  "published yet; each appears when the site is published again on or after "
                  "its date:\n" + "\n".join(lines),
                  soft_wrap=True, markup=False, highlight=False)


#: The held-back posts named on the console (the rest counted).
HELD_SHOWN = 10

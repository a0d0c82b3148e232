"""Frames embedded in a post (README "What the site does", the staff guide's "Video").

Staff paste the code YouTube's "Share → Embed" gives (an ``<iframe>``). A YouTube
player is several hundred kilobytes of script from YouTube, fetched by every reader whose
screen comes near it, watching or not; on a phone on a slow connection that is most of
the page's weight. So a frame of one YouTube video becomes its picture (YouTube's own
thumbnail, a few tens of kilobytes) with a play mark, linked to the video on YouTube:
the theme's script (``theme/static/js/site.js``) puts the player in its place, playing,
when the reader taps it; without the script the link opens YouTube (its app on a phone).
This is the "facade" Lighthouse recommends for third-party embeds. Feeds get the same
picture and link, which feed readers show (many drop frames), and a post with no photo
of its own is shared (Facebook, Zalo) with its first video's picture (``video_picture``,
read by ``plugins/seo``) rather than the site's.

Any other frame (a playlist, a video elsewhere) stays a frame and loads only when
the reader scrolls near it (``loading="lazy"``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode

#: An embedded frame without a ``loading`` of its own.
FRAME = re.compile(r"<iframe\b(?![^>]*\sloading\s*=)", re.I)

#: A whole frame element (YouTube's code has nothing between its tags).
WHOLE_FRAME = re.compile(r"<iframe\b[^>]*>\s*</iframe\s*>", re.I)

#: The address of one YouTube video's player; ``videoseries`` is a playlist's.
YOUTUBE_PLAYER = re.compile(
    r"(?:https?:)?//(?:www\.)?(youtube(?:-nocookie)?\.com)/embed/(?!videoseries\b)([\w-]+)/?(?:\?([^#]*))?(?:#.*)?",
    re.I)

#: The play mark drawn over the picture (no text: the picture's alt is the link's name).
PLAY_MARK = ('<svg class="video__play" viewBox="0 0 68 48" width="68" height="48" aria-hidden="true" '
             'focusable="false"><rect width="68" height="48" rx="12" fill="#cc0000"/>'
             '<path d="M27 14v20l18-10z" fill="#fff"/></svg>')


class _Attributes(HTMLParser):
    """The attributes of the first start tag fed, with character references read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.found:
            self.found = {name: value or "" for name, value in attrs}


def attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.found


def youtube_picture(frame: str) -> str:
    """``frame`` (a whole ``<iframe>`` element) as the linked picture of its YouTube
    video, or unchanged when it frames anything else."""
    attrs = attributes(frame)
    player = YOUTUBE_PLAYER.fullmatch(attrs.get("src", "").strip())
    if not player:
        return frame
    host, video, query = player[1].lower(), player[2], player[3] or ""
    params = [(k, v) for k, v in parse_qsl(query) if k != "autoplay"]
    start = next((v for k, v in params if k == "start" and v.isdigit()), "")
    watch = f"https://www.youtube.com/watch?v={video}" + (f"&t={start}s" if start else "")
    embed = f"https://www.{host}/embed/{video}" + ("?" + urlencode(params) if params else "")
    name = " ".join(attrs.get("title", "").split()) or "YouTube"
    a = html.escape
    return (f'<a class="video" href="{a(watch)}" data-embed="{a(embed)}" data-pagefind-ignore>'
            f'<img src="https://i.ytimg.com/vi/{video}/hqdefault.jpg" alt="{a(name)}" width="480" '
            f'height="360" loading="lazy" decoding="async">{PLAY_MARK}</a>')


def embedded_frames(content: str) -> str:
    """A post's HTML with each YouTube video's frame as its picture, and every other
    frame loading when the reader comes near it (browsers start a few screens ahead)."""
    return FRAME.sub('<iframe loading="lazy"', WHOLE_FRAME.sub(lambda m: youtube_picture(m[0]), content))


@dataclass(frozen=True)
class VideoPicture:
    """A YouTube video's picture, as a photo rendition is described to the seo plugin."""

    url: str
    width: int = 480
    height: int = 360


#: The picture of a video as ``youtube_picture`` writes it.
VIDEO_PICTURE = re.compile(r'<a class="video" [^>]*><img src="(https://i\.ytimg\.com/vi/[\w-]+/hqdefault\.jpg)"')


def video_picture(content: str) -> VideoPicture | None:
    """The picture of the first YouTube video in a post's HTML, if it has one."""
    found = VIDEO_PICTURE.search(content or "")
    return VideoPicture(found[1]) if found else None

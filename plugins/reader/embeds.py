"""Frames embedded in a post (README "The content format", "Videos"; the staff guide's "Video").

Staff paste the code YouTube's "Share → Embed" gives (an ``<iframe>``), or just the
video's address (``https://youtu.be/…``, a watch page's) alone in its paragraph, as
WordPress lets them. A YouTube
player is several hundred kilobytes of script from YouTube, fetched by every reader whose
screen comes near it, watching or not; on a phone on a slow connection that is most of
the page's weight. So a frame of one YouTube video becomes its picture (YouTube's own
thumbnail, a few tens of kilobytes) with a play mark, linked to the video on YouTube:
the theme's script (``theme/static/js/site.js``) puts the player in its place, playing,
when the reader taps it; without the script the link opens YouTube (its app on a phone).
This is the "facade" Lighthouse recommends for third-party embeds. Feeds get the same
picture and link, which feed readers show (many drop frames), and a post with no photo
of its own is shared (Facebook, Zalo) with its first video's picture rather than the
site's (``video_picture_of``, read by ``seo.structured``; ``sections.feeds`` starts a
summary-only entry of such a post with it).

Any other frame (a playlist, a video elsewhere, a map) stays a frame and loads only
when the reader scrolls near it (``loading="lazy"``). Its ``style`` (Google Maps' "Embed
a map" code gives ``style="border:0;"``), which the site's Content-Security-Policy would
refuse, is left out with every other (``convert.without_styles``); site.css gives frames
no border.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

#: An embedded frame without a ``loading`` of its own.
FRAME = re.compile(r"<iframe\b(?![^>]*\sloading\s*=)", re.I)

#: A whole frame element (YouTube's code has nothing between its tags).
WHOLE_FRAME = re.compile(r"<iframe\b[^>]*>\s*</iframe\s*>", re.I)

#: The address of one YouTube video's player; ``videoseries`` is a playlist's.
YOUTUBE_PLAYER = re.compile(
    r"(?:https?:)?//(?:www\.)?(youtube(?:-nocookie)?\.com)/embed/(?!videoseries\b)([\w-]+)/?(?:\?([^#]*))?(?:#.*)?",
    re.I | re.A)

#: The picture's text for a video with no title: one for both languages ("video" is a
#: Vietnamese word too; "Video YouTube" was Vietnamese word order on English pages).
UNNAMED = "Video (YouTube)"
#: The title YouTube's "Embed" code gives every video: no name (a screen reader read
#: "YouTube video player" for each video of a page).
DEFAULT_TITLES = {"youtube video player"}

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


#: How a video's picture begins (``picture``).
VIDEO_IMG = '<img src="https://i.ytimg.com/vi/'


def picture(video: str, embed: str, start: str, name: str) -> str:
    """The linked picture of YouTube video ``video`` whose player is at ``embed``."""
    watch = f"https://www.youtube.com/watch?v={video}" + (f"&t={start}s" if start else "")
    a = html.escape
    return (f'<a class="video" href="{a(watch)}" data-embed="{a(embed)}" data-pagefind-ignore>'
            f'<img src="https://i.ytimg.com/vi/{video}/hqdefault.jpg" alt="{a(name)}" width="480" '
            f'height="360" loading="lazy" decoding="async">{PLAY_MARK}</a>')


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
    embed = f"https://www.{host}/embed/{video}" + ("?" + urlencode(params) if params else "")
    title = " ".join(attrs.get("title", "").split())
    return picture(video, embed, start, UNNAMED if title.casefold() in DEFAULT_TITLES else title or UNNAMED)


#: A paragraph that is nothing but one address (as text, or linked to itself).
LONE_LINK = re.compile(r'<p>\s*(?:<a href="([^"<>]+)">([^<]*)</a>|(https?://[^\s<>]+))\s*</p>')
#: How YouTube's share link, a watch page's address and the app's links write a video.
YOUTUBE_HOSTS = ("youtube.com", "www.youtube.com", "m.youtube.com")
VIDEO_ID = re.compile(r"[\w-]{6,20}", re.A)
#: A start time as YouTube's links write it: 90, 90s, 1m30s, 1h2m3s.
START = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", re.A)


def seconds(value: str) -> str:
    found = START.fullmatch(value or "")
    if not found or not any(found.groups()):
        return ""
    h, m, s = (int(part or 0) for part in found.groups())
    total = h * 3600 + m * 60 + s
    return str(total) if total else ""


def youtube_video(address: str) -> tuple[str, str] | None:
    """The video and start (seconds, or "") of a link to one YouTube video, else None."""
    try:
        url = urlsplit(html.unescape(address).strip())
    except ValueError:  # https://[x: not an address at all
        return None
    host, query = (url.hostname or "").lower(), dict(parse_qsl(url.query))
    if url.scheme not in ("http", "https"):
        return None
    if host == "youtu.be":
        video = url.path.strip("/")
    elif host in YOUTUBE_HOSTS and url.path == "/watch":
        video = query.get("v", "")
    elif host in YOUTUBE_HOSTS and url.path.startswith(("/shorts/", "/live/", "/embed/")):
        video = url.path.split("/")[2]
    else:
        return None
    if not VIDEO_ID.fullmatch(video) or video == "videoseries":
        return None
    return video, seconds(query.get("t") or query.get("start") or "")


def link_picture(match: re.Match) -> str:
    """A paragraph holding only a YouTube video's address as the video's picture (as
    WordPress embeds such a link); any other lone link is left as it is."""
    href, text, bare = match.groups()
    if href is not None and html.unescape(text).strip() != html.unescape(href).strip():
        return match[0]  # a link with words of its own: staff meant a link
    found = youtube_video(href if href is not None else bare)
    if not found:
        return match[0]
    video, start = found
    embed = f"https://www.youtube-nocookie.com/embed/{video}" + (f"?start={start}" if start else "")
    return picture(video, embed, start, UNNAMED)


def embedded_frames(content: str) -> str:
    """A post's HTML with each YouTube video's frame, and each paragraph that is only a
    YouTube video's address, as the video's picture; every other frame loads when the
    reader comes near it (browsers start a few screens ahead)."""
    content = LONE_LINK.sub(link_picture, content)
    content = FRAME.sub('<iframe loading="lazy"', WHOLE_FRAME.sub(lambda m: youtube_picture(m[0]), content))
    # A video's picture before any other picture is on the reader's first screen (under
    # the title, on a phone): loaded at once, as the photos plugin loads a first photo.
    first = content.find("<img ")
    if first >= 0 and content.startswith(VIDEO_IMG, first):
        end = content.index(">", first)
        content = content[:first] + content[first:end].replace(' loading="lazy"', "", 1) + content[end:]
    return content


@dataclass(frozen=True)
class VideoPicture:
    """A YouTube video's picture, described as a photo rendition is (``url``, ``width``,
    ``height``), for the share card (``plugins/seo``) and summary-only feeds."""

    url: str
    width: int = 480
    height: int = 360
    alt: str = UNNAMED  # the video's title (the picture's alt)


#: The picture of a video as ``youtube_picture`` writes it.
VIDEO_PICTURE = re.compile(r'<a class="video" [^>]*><img src="(https://i\.ytimg\.com/vi/[\w-]+/hqdefault\.jpg)"'
                           r' alt="([^"]*)"', re.A)


def video_picture(content: str) -> VideoPicture | None:
    """The picture of the first YouTube video in a post's HTML, if it has one."""
    found = VIDEO_PICTURE.search(content or "")
    return VideoPicture(found[1], alt=html.unescape(found[2]) or UNNAMED) if found else None


def video_picture_of(item) -> VideoPicture | None:
    """The picture of the first YouTube video of a post or page (its converted text)."""
    return video_picture(getattr(item, "_content", None) or "")

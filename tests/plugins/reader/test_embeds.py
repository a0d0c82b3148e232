"""Frames staff paste into a post (``plugins/reader/embeds.py``): a YouTube video is its
picture linked to YouTube until a reader taps it; other frames load lazily.
(What a reader's browser does with them: ``tests/theme/test_theme_browser.py``.)"""

from __future__ import annotations

from conftest import build_site, post_files, section_files

from reader.embeds import embedded_frames

NEWS = section_files("tin-tuc", "Tin tức", "News")

#: The code YouTube's "Share → Embed" gives, as staff paste it into a post.
YOUTUBE_EMBED = ('<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123?si=Xy-9_z&amp;start=75" '
                 'title="Lễ khai giảng &amp; bế giảng" frameborder="0" allow="accelerometer; autoplay; '
                 'clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" '
                 'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>')
PLAYLIST = ('<iframe width="560" height="315" src="https://www.youtube.com/embed/videoseries?list=PL0abc" '
            'title="Danh sách video"></iframe>')


def test_a_youtube_frame_becomes_the_videos_picture_linked_to_youtube(tmp_path):
    body = f"Xem lại buổi lễ:\n\n{YOUTUBE_EMBED}\n\nDanh sách:\n\n{PLAYLIST}\n"
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/video", {
        "Title": "Video lễ khai giảng", "Date": "2024-03-02", "body": body}))
    text = site.html("tin-tuc/video/").select_one(".post__body")
    video = text.select_one("a.video")
    assert video["href"] == "https://www.youtube.com/watch?v=abc123&t=75s"
    # The player the theme's script puts in its place: the same video, with its start.
    assert video["data-embed"] == "https://www.youtube.com/embed/abc123?si=Xy-9_z&start=75"
    assert video.has_attr("data-pagefind-ignore")  # a picture, no words to search
    picture = video.img
    assert picture["src"] == "https://i.ytimg.com/vi/abc123/hqdefault.jpg"
    # The post's first picture: on a phone's first screen, so not left to load last.
    assert picture["alt"] == "Lễ khai giảng & bế giảng" and "loading" not in picture.attrs
    assert video.svg["aria-hidden"] == "true"
    # Only the playlist (no one video, no one picture) is still a frame, loading lazily.
    frames = text.find_all("iframe")
    assert [f["src"] for f in frames] == ["https://www.youtube.com/embed/videoseries?list=PL0abc"]
    assert frames[0]["loading"] == "lazy"
    # The feed shows the same picture and link: many feed readers drop frames.
    entry = site.feed("atom.xml").entries[0]
    assert "i.ytimg.com/vi/abc123/hqdefault.jpg" in entry.content[0].value
    assert "https://www.youtube.com/watch?v=abc123&amp;t=75s" in entry.content[0].value


def test_a_video_below_another_picture_loads_when_the_reader_comes_near():
    from bs4 import BeautifulSoup

    html = embedded_frames('<p><img src="anh.jpg" alt="Ảnh"></p>\n<p>https://youtu.be/abc123</p>\n'
                           '<p>https://youtu.be/def456</p>')
    assert [img.get("loading") for img in BeautifulSoup(html, "html.parser").select("a.video img")] == ["lazy", "lazy"]
    html = embedded_frames('<p>https://youtu.be/abc123</p>\n<p>https://youtu.be/def456</p>')
    assert [img.get("loading") for img in BeautifulSoup(html, "html.parser").select("a.video img")] == [None, "lazy"]


def test_which_frames_become_pictures():
    def picture(src: str, title: str = "") -> tuple[str, str] | None:
        from bs4 import BeautifulSoup

        html = embedded_frames(f'<p>a</p><iframe src="{src}" title="{title}"></iframe>')
        link = BeautifulSoup(html, "html.parser").select_one("a.video")
        return (link["href"], link["data-embed"], link.img["alt"]) if link else None

    assert picture("https://www.youtube-nocookie.com/embed/Ab_c-1?autoplay=1&rel=0") == (
        "https://www.youtube.com/watch?v=Ab_c-1", "https://www.youtube-nocookie.com/embed/Ab_c-1?rel=0", "Video (YouTube)")
    assert picture("//youtube.com/embed/xyz/", "  Hội   thảo ") == (
        "https://www.youtube.com/watch?v=xyz", "https://www.youtube.com/embed/xyz", "Hội thảo")
    # The title YouTube's embed code gives every video names none ("YouTube video player"
    # for each video of a page, read aloud).
    assert picture("https://www.youtube.com/embed/xyz", "YouTube video player")[2] == "Video (YouTube)"
    assert picture("https://www.youtube.com/embed/videoseries?list=PL1") is None
    assert picture("https://www.google.com/maps/embed?pb=1") is None
    assert picture("https://evil.example/?https://www.youtube.com/embed/x") is None
    # A frame with something written between its tags, or never closed, is left as it is
    # (the reader refuses the one never closed).
    assert embedded_frames('<iframe src="https://www.youtube.com/embed/x">x</iframe>') == (
        '<iframe loading="lazy" src="https://www.youtube.com/embed/x">x</iframe>')
    assert embedded_frames('<IFRAME LOADING="eager" src="m"></IFRAME>') == '<IFRAME LOADING="eager" src="m"></IFRAME>'


def test_a_post_whose_only_picture_is_a_video_is_shared_with_the_videos_picture(tmp_path):
    """Shared on Facebook or Zalo, it showed the site's card, not the video's picture."""
    import json

    from conftest import small_site

    site = build_site(tmp_path, small_site() | post_files("tin-tuc/video", {
        "Title": "Video lễ khai giảng", "Date": "2024-03-02", "body": f"Xem video:\n\n{YOUTUBE_EMBED}\n"}))
    page = site.html("tin-tuc/video/")
    meta = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert meta["og:image"] == "https://i.ytimg.com/vi/abc123/hqdefault.jpg"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("480", "360")
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    article = next(item for item in graph if item["@type"] == "NewsArticle")
    assert article["image"][0]["url"] == "https://i.ytimg.com/vi/abc123/hqdefault.jpg"
    # A post without a video (or with photos of its own) is shared as before.
    other = site.html("tin-tuc/tin-hoat-dong/tham-quan-mo-hinh/")
    assert "share.jpg" in other.find("meta", property="og:image")["content"]


def test_a_youtube_address_alone_in_its_paragraph_is_the_videos_picture(tmp_path):
    """Staff paste the video's address, as WordPress and Facebook let them, more often
    than the embed code."""
    body = ("Xem lại buổi lễ:\n\nhttps://youtu.be/abc123?si=Xy9&t=1m15s\n\n"
            "<https://www.youtube.com/watch?v=def456&list=PL1>\n\n"
            "Hoặc [xem trên YouTube](https://youtu.be/ghi789), hay https://youtu.be/jkl012 trong câu.\n\n"
            "https://www.youtube.com/watch?v=x\n\nhttps://vimeo.com/123456\n")
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/video", {
        "Title": "Video", "Date": "2024-03-02", "body": body}))
    text = site.html("tin-tuc/video/").select_one(".post__body")
    videos = [(a["href"], a["data-embed"], a.img["alt"]) for a in text.select("a.video")]
    assert videos == [
        ("https://www.youtube.com/watch?v=abc123&t=75s", "https://www.youtube-nocookie.com/embed/abc123?start=75",
         "Video (YouTube)"),
        ("https://www.youtube.com/watch?v=def456", "https://www.youtube-nocookie.com/embed/def456", "Video (YouTube)")]
    # A link with words of its own, an address inside a sentence, and what is not one
    # YouTube video stay as they were written.
    assert text.find("a", string="xem trên YouTube")["href"] == "https://youtu.be/ghi789"
    assert "https://youtu.be/jkl012 trong câu" in text.get_text()
    assert "https://www.youtube.com/watch?v=x" in text.get_text() and "https://vimeo.com/123456" in text.get_text()


def test_only_a_plain_video_id_makes_a_picture():
    """A video's id and start go into addresses: ASCII letters, digits, - and _ only."""
    for src in ("https://www.youtube.com/embed/đào-tạo-1", "https://www.youtube.com/embed/abc\u0663\u0664"):
        assert "a class" not in embedded_frames(f'<iframe src="{src}"></iframe>')
    for address in ("https://youtu.be/đào-tạo-1", 'https://youtu.be/abc123"onclick=x'):
        assert embedded_frames(f"<p>{address}</p>") == f"<p>{address}</p>"
    shown = embedded_frames("<p>https://youtu.be/abc123?t=\u0663</p>")  # a digit, but not 0-9
    assert 'data-embed="https://www.youtube-nocookie.com/embed/abc123"' in shown


def test_a_summary_only_feed_shows_the_videos_picture_of_a_post_without_photos(tmp_path):
    """Summary-only entries start with the post's picture (a feed reader's list shows it);
    a post whose only picture is a video had none."""
    site = build_site(tmp_path, NEWS | post_files("tin-tuc/video", {
        "Title": "Video", "Date": "2024-03-02", "Summary": "Lễ khai giảng.", "body": f"{YOUTUBE_EMBED}\n"}),
        SECTIONS_FEED_FULL_CONTENT=False)
    from bs4 import BeautifulSoup

    summary = BeautifulSoup(site.feed("atom.xml").entries[0].summary, "html.parser")
    first = summary.find(True)
    assert first.name == "p" and first.img["src"] == "https://i.ytimg.com/vi/abc123/hqdefault.jpg"
    assert (first.img["width"], first.img["height"]) == ("480", "360")
    assert summary.get_text() == "Lễ khai giảng."

"""The staff guide (docs/huong-dan-bien-tap.md) quotes the build's and check's messages
as staff will see them: the quotes are the messages' own words."""

from __future__ import annotations

from conftest import ROOT

from sections.sections import expiry_message
from sitemodel.checks import POST_KEYS, unknown_key_message

GUIDE = (ROOT / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")


def quoted(start: str) -> str:
    """The message of the guide's example line starting with ``start``, up to the "..."
    that stands for the rest ("; ..." or " / ...")."""
    line = next(line for line in GUIDE.splitlines() if line.startswith(start))
    return line[len(start):].removesuffix(" ...").rstrip(" ;/")


def test_the_guides_example_messages_are_the_messages():
    # (the guide said "viết YYYY-MM-DD" long after the message said "năm-tháng-ngày: 2026-12-31")
    assert expiry_message("cuối năm").startswith(
        quoted("tin-tuc/tin-hoat-dong/khai-giang/index.vi.md:5: "))
    assert unknown_key_message("Sumary", "summary", POST_KEYS).startswith(
        quoted("tin-tuc/tin-hoat-dong/hoi-thao/index.vi.md:3: "))


def test_the_guide_names_every_picture_the_build_refuses():
    """The guide told staff to save a BMP or TIFF again as .jpg; an AVIF, a JPEG XL or
    a camera's DNG was refused by the build too, and not found in the guide."""
    from photos.sources import UNUSABLE_PICTURES

    item = next(item for item in GUIDE.split("\n- ") if "lưu lại thành `.jpg`" in item)
    said = " ".join(item.split())
    for extension, kind in UNUSABLE_PICTURES.items():
        assert kind in said and f"`{extension}`" in said, (extension, said)

"""PHOTOS_* settings: defaults, and one message per bad key naming the value received."""

import pytest

from photos import settings


def make_settings(**overrides) -> dict:
    return {**overrides}


def validate(given: dict) -> dict:
    """``settings.check``'s merged settings; its messages, joined, as a ValueError."""
    merged, problems = settings.check(given)
    if problems:
        raise ValueError("; ".join(problems))
    return merged


def test_defaults_are_valid_and_documented_values():
    merged = validate(make_settings())
    assert merged["PHOTOS_THUMB_SIZE"] == (400, 300)
    assert merged["PHOTOS_WIDTHS"] == (480, 960, 1200, 1600)
    assert merged["PHOTOS_SIZES"].endswith("calc(100vw - 2rem)")
    assert merged["PHOTOS_SHARE_WIDTH"] == 1200
    assert merged["PHOTOS_JPEG_QUALITY"] == 82
    assert merged["PHOTOS_WEBP_QUALITY"] == 75
    assert merged["PHOTOS_MAX_PIXELS"] == 80_000_000
    assert merged["PHOTOS_WEBP"] is True
    assert set(merged) == set(settings.DEFAULTS)


def test_thumb_size_from_the_command_line_becomes_a_tuple():
    # -e PHOTOS_THUMB_SIZE='[300, 300]' arrives as a JSON list
    assert validate(make_settings(PHOTOS_THUMB_SIZE=[300, 300]))["PHOTOS_THUMB_SIZE"] == (300, 300)


@pytest.mark.parametrize("key, value", [
    ("PHOTOS_THUMB_SIZE", (400,)),
    ("PHOTOS_THUMB_SIZE", "400x300"),
    ("PHOTOS_THUMB_SIZE", (0, 300)),
    ("PHOTOS_WIDTHS", 960),
    ("PHOTOS_WIDTHS", ()),
    ("PHOTOS_WIDTHS", (480, 0)),
    ("PHOTOS_WIDTHS", (960, 960)),
    ("PHOTOS_SIZES", ""),
    ("PHOTOS_SHARE_WIDTH", "1200"),
    ("PHOTOS_JPEG_QUALITY", 100),
    ("PHOTOS_WEBP_QUALITY", 0),
    ("PHOTOS_WEBP_QUALITY", 101),
    ("PHOTOS_JPEG_QUALITY", True),
    ("PHOTOS_MAX_PIXELS", -1),
    ("PHOTOS_WORKERS", -2),
    ("PHOTOS_WEBP", "no"),
    ("PHOTOS_WEBP", 0),
    ("PHOTOS_CACHE_PRUNE_DAYS", "never"),
    ("PHOTOS_ALT_TEXT", {"vi": "{tieu_de}"}),
    ("PHOTOS_ALT_TEXT", "{title}"),
    ("PHOTOS_THUMB_2X", 40),
    ("PHOTOS_THUMB_2X", {"jpeg": 40}),
    ("PHOTOS_THUMB_2X", {"jpeg": 96, "webp": 40}),
    ("PHOTOS_THUMB_2X", {"jpeg": 40, "webp": 0}),
    ("PHOTOS_THUMB_2X", {"jpeg": 40, "webp": 40, "png": 9}),
    ("PHOTOS_GALLERY_SIZES", ""),
])
def test_a_bad_value_is_reported_with_its_key_and_value(key, value):
    with pytest.raises(ValueError) as error:
        validate(make_settings(**{key: value}))
    assert f"Setting '{key}'" in str(error.value)
    assert f"received: {value!r}" in str(error.value)


def test_every_bad_key_is_reported_at_once():
    with pytest.raises(ValueError) as error:
        validate(make_settings(PHOTOS_WIDTHS=0, PHOTOS_JPEG_QUALITY=0))
    assert "PHOTOS_WIDTHS" in str(error.value) and "PHOTOS_JPEG_QUALITY" in str(error.value)


def test_widths_from_the_command_line_become_a_sorted_tuple():
    # -e PHOTOS_WIDTHS='[1200, 600]' arrives as a JSON list
    assert validate(make_settings(PHOTOS_WIDTHS=[1200, 600]))["PHOTOS_WIDTHS"] == (600, 1200)


@pytest.mark.parametrize("key", ["PHOTOS_MEDIUM_WIDTH", "PHOTOS_LARGE_WIDTH"])
def test_retired_settings_say_what_replaced_them(key):
    with pytest.raises(ValueError) as error:
        validate(make_settings(**{key: 960}))
    assert str(error.value) == (f"Setting '{key}': no longer used, set PHOTOS_WIDTHS instead, "
                                "but received: 960")


def test_prune_can_be_turned_off():
    assert validate(make_settings(PHOTOS_CACHE_PRUNE_DAYS=None))["PHOTOS_CACHE_PRUNE_DAYS"] is None


def test_2x_thumbnails_have_lower_qualities_and_can_be_turned_off():
    merged = validate(make_settings())
    assert merged["PHOTOS_THUMB_2X"] == {"jpeg": 40, "webp": 40}
    assert merged["PHOTOS_GALLERY_SIZES"].endswith("calc(50vw - 1.25rem)")
    # -e PHOTOS_THUMB_2X=null on the command line
    assert validate(make_settings(PHOTOS_THUMB_2X=None))["PHOTOS_THUMB_2X"] is None

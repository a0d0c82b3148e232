"""PHOTOS_* settings: defaults, and one message per bad key naming the value received."""

import pytest

from photos import settings


def make_settings(**overrides) -> dict:
    return {**overrides}


def test_defaults_are_valid_and_documented_values():
    merged = settings.validate(make_settings())
    assert merged["PHOTOS_THUMB_SIZE"] == (400, 300)
    assert merged["PHOTOS_MEDIUM_WIDTH"] == 960
    assert merged["PHOTOS_LARGE_WIDTH"] == 1600
    assert merged["PHOTOS_JPEG_QUALITY"] == 82
    assert merged["PHOTOS_MAX_PIXELS"] == 80_000_000
    assert set(merged) == set(settings.DEFAULTS)


def test_thumb_size_from_the_command_line_becomes_a_tuple():
    # -e PHOTOS_THUMB_SIZE='[300, 300]' arrives as a JSON list
    assert settings.validate(make_settings(PHOTOS_THUMB_SIZE=[300, 300]))["PHOTOS_THUMB_SIZE"] == (300, 300)


@pytest.mark.parametrize("key, value", [
    ("PHOTOS_THUMB_SIZE", (400,)),
    ("PHOTOS_THUMB_SIZE", "400x300"),
    ("PHOTOS_THUMB_SIZE", (0, 300)),
    ("PHOTOS_MEDIUM_WIDTH", "960"),
    ("PHOTOS_LARGE_WIDTH", 0),
    ("PHOTOS_JPEG_QUALITY", 100),
    ("PHOTOS_JPEG_QUALITY", True),
    ("PHOTOS_MAX_PIXELS", -1),
    ("PHOTOS_WORKERS", -2),
    ("PHOTOS_CACHE_PRUNE_DAYS", "never"),
    ("PHOTOS_ALT_TEXT", {"vi": "{tieu_de}"}),
    ("PHOTOS_ALT_TEXT", "{title}"),
])
def test_a_bad_value_is_reported_with_its_key_and_value(key, value):
    with pytest.raises(ValueError) as error:
        settings.validate(make_settings(**{key: value}))
    assert f"Setting '{key}'" in str(error.value)
    assert f"received: {value!r}" in str(error.value)


def test_every_bad_key_is_reported_at_once():
    with pytest.raises(ValueError) as error:
        settings.validate(make_settings(PHOTOS_MEDIUM_WIDTH=0, PHOTOS_JPEG_QUALITY=0))
    assert "PHOTOS_MEDIUM_WIDTH" in str(error.value) and "PHOTOS_JPEG_QUALITY" in str(error.value)


def test_medium_wider_than_large_is_refused():
    with pytest.raises(ValueError, match="PHOTOS_MEDIUM_WIDTH.*PHOTOS_LARGE_WIDTH"):
        settings.validate(make_settings(PHOTOS_MEDIUM_WIDTH=2000, PHOTOS_LARGE_WIDTH=1600))


def test_prune_can_be_turned_off():
    assert settings.validate(make_settings(PHOTOS_CACHE_PRUNE_DAYS=None))["PHOTOS_CACHE_PRUNE_DAYS"] is None

"""Renditions with Pillow: sizes, names, upright pixels, no metadata, formats, the cache."""

import io
import os

import photo_samples as samples
import pytest
from PIL import Image

from photos import encoding, renditions, sources
from photos.cache import Cache
from photos.renditions import Rendition, Spec, thumb_spec, width_spec


def source_of(tmp_path, name: str, data: bytes) -> sources.Source:
    path = tmp_path / name
    path.write_bytes(data)
    return sources.inspect(str(path), name, 80_000_000)


def render(source: sources.Source, spec: Spec) -> Image.Image:
    with open(source.path, "rb") as f:
        data = f.read()
    (image,) = renditions.render_all(data, source.orientation, [spec])
    return Image.open(io.BytesIO(renditions.encode(image, spec)))


def is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 180 and g < 80 and b < 80


# --- sizes and names -------------------------------------------------------------------

def test_width_renditions_keep_proportions_and_never_upscale():
    assert width_spec(2000, 1500, 960, False, 82) == Spec("width", 960, 720, "JPEG", 82)
    assert width_spec(800, 600, 960, False, 82) == Spec("width", 800, 600, "JPEG", 82)
    assert width_spec(1200, 1600, 1600, True, 82) == Spec("width", 1200, 1600, "PNG", 0)


def test_thumbnails_fill_the_box_or_the_largest_box_of_its_shape_a_small_photo_holds():
    big = thumb_spec(2000, 1500, (400, 300), False, 82)
    assert (big.kind, big.width, big.height) == ("thumb", 400, 300)
    small = thumb_spec(200, 600, (400, 300), False, 82)
    assert (small.width, small.height) == (200, 150)


def test_file_names_keep_the_photo_name_and_say_what_they_are():
    spec = width_spec(2000, 1500, 960, False, 82)
    assert spec.file_name("anh-01") == "anh-01-960w.jpg"
    assert thumb_spec(2000, 1500, (400, 300), False, 82).file_name("anh-01") == "anh-01-thumb.jpg"
    assert width_spec(800, 600, 1600, True, 82).file_name("logo") == "logo-800w.png"


def test_urls_are_site_relative_and_quoted():
    spec = width_spec(2000, 1500, 960, False, 82)
    rendition = Rendition.make("tin-tuc/bai", "ảnh 1", spec, "0" * 64)
    assert rendition.url == "tin-tuc/bai/%E1%BA%A3nh%201-960w.jpg"
    assert rendition.path == "tin-tuc/bai/ảnh 1-960w.jpg"


def test_cache_key_changes_with_photo_parameters_and_pipeline(monkeypatch):
    spec = width_spec(2000, 1500, 960, False, 82)
    key = spec.key("a" * 64)
    assert spec.key("b" * 64) != key
    assert width_spec(2000, 1500, 960, False, 90).key("a" * 64) != key
    assert width_spec(2000, 1500, 800, False, 82).key("a" * 64) != key
    monkeypatch.setattr(renditions, "PIPELINE_VERSION", renditions.PIPELINE_VERSION + 1)
    assert spec.key("a" * 64) != key


# --- pixels and files ------------------------------------------------------------------

def test_sideways_phone_photo_comes_out_upright_without_metadata(tmp_path):
    source = source_of(tmp_path, "phone.jpg", samples.sideways_jpeg((2000, 1500)))
    assert (source.width, source.height, source.orientation) == (2000, 1500, 6)
    for spec in (width_spec(2000, 1500, 960, False, 82), thumb_spec(2000, 1500, (400, 300), False, 82)):
        image = render(source, spec)
        assert image.size == (spec.width, spec.height)
        assert is_red(image.getpixel((3, 3))), "the red block must be at the top left"
        assert not is_red(image.getpixel((image.width - 3, image.height - 3)))
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
        assert image.format == "JPEG" and image.info.get("progressive")


def test_png_with_alpha_stays_png_with_its_transparency(tmp_path):
    source = source_of(tmp_path, "logo.png", samples.png((800, 600), alpha=True))
    assert source.alpha
    image = render(source, width_spec(800, 600, 400, True, 82))
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.getpixel((10, 10))[3] == 255 and image.getpixel((390, 10))[3] == 0


def test_png_without_alpha_becomes_jpeg(tmp_path):
    source = source_of(tmp_path, "chart.png", samples.png((800, 600), alpha=False))
    assert not source.alpha
    assert render(source, width_spec(800, 600, 400, False, 82)).format == "JPEG"


@pytest.mark.parametrize("mode", ["CMYK", "P", "L", "LA", "I;16"])
def test_other_colour_modes_are_converted(tmp_path, mode):
    image = samples.picture((300, 200), mode if mode != "I;16" else "L")
    if mode == "I;16":
        image = image.convert("I").point(lambda v: v * 256).convert("I;16")
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    source = source_of(tmp_path, f"x.{fmt.lower()}", samples.encoded(image, fmt))
    spec = width_spec(300, 200, 150, source.alpha, 82)
    out = render(source, spec)
    assert out.size == (150, 100)
    assert out.mode in ("RGB", "L", "RGBA")
    if mode in ("CMYK", "P"):
        assert is_red(out.convert("RGB").getpixel((2, 2)))
    if mode == "I;16":
        assert out.getpixel((2, 2)) > 20  # scaled to 8 bits, not clipped to white or black


def test_webp_and_grey_jpeg_are_read(tmp_path):
    source = source_of(tmp_path, "a.webp", samples.encoded(samples.picture((400, 300)), "WEBP"))
    assert render(source, width_spec(400, 300, 200, source.alpha, 82)).format == "JPEG"


def test_encoding_is_deterministic(tmp_path):
    source = source_of(tmp_path, "a.jpg", samples.jpeg((1200, 900)))
    spec = width_spec(1200, 900, 640, False, 82)
    data = open(source.path, "rb").read()
    first = renditions.encode(renditions.render_all(data, 1, [spec])[0], spec)
    second = renditions.encode(renditions.render_all(data, 1, [spec])[0], spec)
    assert first == second


def test_reduced_decoding_gives_the_exact_size(tmp_path):
    # 4000 wide to a 400 thumbnail lets the JPEG decoder scale by 1/8 first.
    source = source_of(tmp_path, "big.jpg", samples.jpeg((4000, 3000), quality=60))
    for spec in (thumb_spec(4000, 3000, (400, 300), False, 82), width_spec(4000, 3000, 960, False, 82)):
        image = render(source, spec)
        assert image.size == (spec.width, spec.height)
        assert is_red(image.getpixel((3, 3)))


# --- photos that cannot be used --------------------------------------------------------

@pytest.mark.parametrize("data, words", [
    (b"", "0 bytes"),
    (samples.NOT_AN_IMAGE, "not a readable JPEG, PNG or WebP"),
    (samples.encoded(samples.picture((50, 50)), "GIF"), "not a readable JPEG, PNG or WebP"),
])
def test_unreadable_files_are_refused_when_inspected(tmp_path, data, words):
    path = tmp_path / "bad.jpg"
    path.write_bytes(data)
    with pytest.raises(sources.PhotoError, match=words):
        sources.inspect(str(path), "bad.jpg", 80_000_000)


def test_too_many_pixels_are_refused_before_decoding(tmp_path):
    path = tmp_path / "huge.jpg"
    path.write_bytes(samples.jpeg((1000, 1000)))
    with pytest.raises(sources.PhotoError, match="1000×1000.*PHOTOS_MAX_PIXELS"):
        sources.inspect(str(path), "huge.jpg", 999_999)


def test_a_truncated_photo_fails_when_encoded(tmp_path):
    cache = Cache(str(tmp_path / "cache"))
    source = source_of(tmp_path, "cut.jpg", samples.truncated_jpeg())
    spec = width_spec(source.width, source.height, 400, False, 82)
    rendition = Rendition.make("p", "cut", spec, source.sha256)
    outcome = encoding.make([(source, rendition)], cache, workers=1)
    assert "truncated" in outcome.errors[source.path]
    assert outcome.encoded == 0


# --- the cache -------------------------------------------------------------------------

def wanted_for(tmp_path, count: int) -> list:
    wanted = []
    for number in range(count):
        source = source_of(tmp_path, f"a{number}.jpg", samples.jpeg((640 + number * 16, 480)))
        for spec in (thumb_spec(source.width, source.height, (200, 150), False, 82),
                     width_spec(source.width, source.height, 320, False, 82)):
            wanted.append((source, Rendition.make("p", f"a{number}", spec, source.sha256)))
    return wanted


def test_second_make_reads_everything_from_the_cache(tmp_path):
    cache = Cache(str(tmp_path / "cache"))
    wanted = wanted_for(tmp_path, 2)
    first = encoding.make(wanted, cache, workers=1)
    assert (first.encoded, first.cached) == (4, 0)
    second = encoding.make(wanted, cache, workers=1)
    assert (second.encoded, second.cached) == (0, 4)


def test_pool_and_single_process_give_the_same_bytes(tmp_path):
    wanted = wanted_for(tmp_path, encoding.POOL_MIN_JOBS)
    pooled, single = Cache(str(tmp_path / "c1")), Cache(str(tmp_path / "c2"))
    assert encoding.make(wanted, pooled, workers=2).encoded == len(wanted)
    assert encoding.make(wanted, single, workers=1).encoded == len(wanted)
    for _, rendition in wanted:
        ext = rendition.spec.ext
        with open(pooled.path(rendition.key, ext), "rb") as a, open(single.path(rendition.key, ext), "rb") as b:
            assert a.read() == b.read()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "no-record", "bad-record"])
def test_a_damaged_cache_entry_is_a_miss(tmp_path, damage):
    cache = Cache(str(tmp_path / "cache"))
    wanted = wanted_for(tmp_path, 1)[:1]
    encoding.make(wanted, cache, workers=1)
    rendition = wanted[0][1]
    entry = cache.path(rendition.key, rendition.spec.ext)
    record = entry.rsplit(".", 1)[0] + ".json"
    good = open(entry, "rb").read()
    if damage == "truncate":
        open(entry, "wb").write(good[:100])
    elif damage == "garbage":
        open(entry, "wb").write(b"x" * len(good))
    elif damage == "no-record":
        os.remove(record)
    else:
        open(record, "w").write("{not json")
    again = encoding.make(wanted, cache, workers=1)
    assert (again.encoded, again.cached) == (1, 0)
    assert open(entry, "rb").read() == good


def test_prune_removes_only_unused_old_entries(tmp_path):
    cache = Cache(str(tmp_path / "cache"))
    wanted = wanted_for(tmp_path, 2)
    encoding.make(wanted, cache, workers=1)
    keep = {r.key for _, r in wanted[:2]}
    assert cache.prune(keep, max_age_days=30) == 0  # unused, but recent
    assert cache.prune(keep, max_age_days=0) == 2
    for _, rendition in wanted:
        assert os.path.exists(cache.path(rendition.key, "jpg")) == (rendition.key in keep)


def test_photo_hashes_are_remembered_until_the_file_changes(tmp_path):
    path = tmp_path / "anh.jpg"
    path.write_bytes(samples.jpeg((64, 48)))
    memo = sources.HashMemo(str(tmp_path / "cache" / "sources.json"))
    first = sources.inspect(str(path), "anh.jpg", 80_000_000, memo)
    memo.save()
    again = sources.HashMemo(str(tmp_path / "cache" / "sources.json"))
    assert again.get(str(path), os.stat(path)) == first.sha256
    assert sources.inspect(str(path), "anh.jpg", 80_000_000, again) == first
    path.write_bytes(samples.jpeg((64, 48), quality=50))
    assert again.get(str(path), os.stat(path)) is None
    assert sources.inspect(str(path), "anh.jpg", 80_000_000, again).sha256 != first.sha256


def test_an_icc_profile_is_used_for_colours_and_not_kept(tmp_path):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = samples.encoded(samples.picture((400, 300)), "JPEG", quality=90, icc_profile=srgb)
    source = source_of(tmp_path, "icc.jpg", data)
    image = render(source, width_spec(400, 300, 200, False, 82))
    assert "icc_profile" not in image.info
    assert is_red(image.getpixel((2, 2)))
    cmyk = samples.encoded(samples.picture((400, 300)).convert("CMYK"), "JPEG", quality=90)
    out = render(source_of(tmp_path, "cmyk.jpg", cmyk), width_spec(400, 300, 200, False, 82))
    assert out.mode == "RGB" and is_red(out.getpixel((2, 2)))

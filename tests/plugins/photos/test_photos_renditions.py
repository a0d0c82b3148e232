"""Renditions with Pillow: sizes, names, upright pixels, no metadata, formats, the cache."""

import hashlib
import io
import json
import math
import os
from types import SimpleNamespace

import photo_samples as samples
import numpy
import pytest
import simplejpeg
from PIL import ExifTags, Image, ImageChops, ImageStat

from photos import encoding, placement, renditions, sources
from photos.cache import Cache
from photos.photos import choose_renditions
from photos.renditions import Rendition, Spec, thumb2x_spec, thumb_spec, width_spec, widths_for


def source_of(tmp_path, name: str, data: bytes) -> sources.Source:
    path = tmp_path / name
    path.write_bytes(data)
    return sources.inspect(str(path), name, 80_000_000)


def encoded_rendition(source: sources.Source, spec: Spec) -> bytes:
    with open(source.path, "rb") as f:
        data = f.read()
    (image,) = renditions.render_all(data, source.orientation, [spec], source.alpha)
    return renditions.encode(image, spec)


def render(source: sources.Source, spec: Spec) -> Image.Image:
    return Image.open(io.BytesIO(encoded_rendition(source, spec)))


def is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 180 and g < 80 and b < 80


# --- sizes and names -------------------------------------------------------------------

def test_width_renditions_keep_proportions_and_never_upscale():
    assert width_spec(2000, 1500, 960, False, 82) == Spec("width", 960, 720, "JPEG", 82)
    assert width_spec(800, 600, 960, False, 82) == Spec("width", 800, 600, "JPEG", 82)
    assert width_spec(1200, 1600, 1600, True, 82) == Spec("width", 1200, 1600, "PNG", 0)


def test_widths_never_upscale_and_never_repeat():
    assert widths_for(2000, (480, 960, 1600)) == [480, 960, 1600]
    assert widths_for(700, (480, 960, 1600)) == [480, 700]
    assert widths_for(960, (480, 960, 1600)) == [480, 960]
    assert widths_for(300, (480, 960, 1600)) == [300]


def test_webp_renditions_have_their_own_format_quality_and_name():
    webp = width_spec(2000, 1500, 960, False, 75, "WEBP")
    assert webp == Spec("width", 960, 720, "WEBP", 75)
    assert webp.file_name("anh-01") == "anh-01-960w.webp"
    assert thumb_spec(2000, 1500, (400, 300), True, 75, "WEBP").file_name("logo") == "logo-thumb.webp"
    # the share image of a photo with transparency is still JPEG
    assert width_spec(800, 600, 1200, True, 82, "JPEG") == Spec("width", 800, 600, "JPEG", 82)


def test_thumbnails_fill_the_box_or_the_largest_box_of_its_shape_a_small_photo_holds():
    big = thumb_spec(2000, 1500, (400, 300), False, 82)
    assert (big.kind, big.width, big.height) == ("thumb", 400, 300)
    small = thumb_spec(200, 600, (400, 300), False, 82)
    assert (small.width, small.height) == (200, 150)


def test_a_2x_thumbnail_is_twice_the_box_and_made_only_from_a_photo_that_holds_it():
    spec = thumb2x_spec(4032, 3024, (400, 300), False, 40, "WEBP")
    assert (spec.kind, spec.width, spec.height, spec.format, spec.quality) == ("thumb2x", 800, 600, "WEBP", 40)
    assert spec.file_name("anh-01") == "anh-01-thumb-2x.webp"
    assert thumb2x_spec(3024, 4032, (400, 300), False, 40).file_name("anh-01") == "anh-01-thumb-2x.jpg"
    assert thumb2x_spec(800, 600, (400, 300), True, 40).format == "PNG"
    # a photo smaller than twice the box: none (a slightly larger picture at a lower
    # quality would look worse on a dense screen than the thumbnail itself)
    assert thumb2x_spec(799, 600, (400, 300), False, 40) is None
    assert thumb2x_spec(1600, 599, (400, 300), False, 40) is None
    # its own cache entries: neither the thumbnail's nor another quality's
    thumb = thumb_spec(4032, 3024, (800, 600), False, 40, "WEBP")
    assert (thumb.width, thumb.height) == (spec.width, spec.height) and thumb.key("a" * 64) != spec.key("a" * 64)
    assert spec.key("a" * 64) != thumb2x_spec(4032, 3024, (400, 300), False, 41, "WEBP").key("a" * 64)


def test_a_2x_thumbnail_is_the_thumbnails_picture_at_twice_the_size(tmp_path):
    source = source_of(tmp_path, "anh.jpg", samples.sideways_jpeg((2000, 1500)))
    spec = thumb2x_spec(source.width, source.height, (400, 300), False, 40)
    big = render(source, spec)
    small = render(source, thumb_spec(source.width, source.height, (400, 300), False, 82))
    assert big.size == (800, 600) and big.format == "JPEG"
    assert is_red(big.getpixel((40, 40))) and is_red(small.getpixel((20, 20)))  # upright, same crop
    difference = ImageChops.difference(big.resize((400, 300), Image.Resampling.LANCZOS), small.convert("RGB"))
    assert max(ImageStat.Stat(difference).mean) < 6
    assert not big.getexif() and "icc_profile" not in big.info


def test_file_names_keep_the_photo_name_and_say_what_they_are():
    spec = width_spec(2000, 1500, 960, False, 82)
    assert spec.file_name("anh-01") == "anh-01-960w.jpg"
    assert thumb_spec(2000, 1500, (400, 300), False, 82).file_name("anh-01") == "anh-01-thumb.jpg"
    assert width_spec(800, 600, 1600, True, 82).file_name("logo") == "logo-800w.png"


def test_urls_are_site_relative_and_quoted():
    spec = width_spec(2000, 1500, 960, False, 82)
    rendition = Rendition.make("tin-tuc/bai", "ảnh 1", spec, "0" * 64)
    # ... with the rendition's version: a photo replaced under the same name gets new
    # addresses, so browsers that kept the old picture fetch the new one.
    assert rendition.url == f"tin-tuc/bai/%E1%BA%A3nh%201-960w.jpg?v={rendition.key[:10]}"
    assert rendition.path == "tin-tuc/bai/ảnh 1-960w.jpg"
    replaced = Rendition.make("tin-tuc/bai", "ảnh 1", spec, "1" * 64)
    assert replaced.path == rendition.path and replaced.url != rendition.url


def test_cache_key_changes_with_photo_parameters_and_pipeline(monkeypatch):
    spec = width_spec(2000, 1500, 960, False, 82)
    key = spec.key("a" * 64)
    assert spec.key("b" * 64) != key
    assert width_spec(2000, 1500, 960, False, 90).key("a" * 64) != key
    assert width_spec(2000, 1500, 800, False, 82).key("a" * 64) != key
    monkeypatch.setattr(renditions, "PIPELINE_VERSION", renditions.PIPELINE_VERSION + 1)
    assert spec.key("a" * 64) != key


def test_cache_keys_stay_those_of_earlier_versions():
    """The key is the SHA-256 of the JSON list of the parameters: a cache made by an
    earlier version of the plugin is still found (the same pipeline version)."""
    assert renditions.PIPELINE_VERSION == 6  # (bumping it remakes every rendition anyway)
    specs = [(width_spec(2000, 1500, 960, False, 82), "a" * 64),
             (thumb_spec(2000, 1500, (300, 200), True, 80, "WEBP", base=480), "b" * 64)]
    for spec, sha in specs:
        params = [6, sha, spec.kind, spec.width, spec.height, spec.format, spec.quality, spec.base]
        assert spec.key(sha) == hashlib.sha256(json.dumps(params).encode()).hexdigest()
    assert [spec.key(sha) for spec, sha in specs] == [
        "c3e37e703baed9de24a8a36d3bb7e192df584a61555a236afb9adc5cf48f2361",
        "2a68226fb241d9df8f75347ef068726fa72aabf837afb569d3e789e8f5c50491"]


def test_webp_quality_changes_only_webp_keys():
    jpeg = width_spec(2000, 1500, 960, False, 82)
    assert width_spec(2000, 1500, 960, False, 60, "WEBP").key("a" * 64) != \
        width_spec(2000, 1500, 960, False, 75, "WEBP").key("a" * 64)
    assert jpeg.key("a" * 64) == width_spec(2000, 1500, 960, False, 82).key("a" * 64)


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
        assert image.format == "JPEG" and not image.info.get("progressive")


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
    (samples.NOT_AN_IMAGE, "not a readable JPEG, PNG, WebP, GIF or HEIC"),
    (samples.encoded(samples.picture((50, 50)), "BMP"), "not a readable JPEG, PNG, WebP, GIF or HEIC"),
    (samples.encoded(samples.picture((50, 50)), "TIFF"), "not a readable JPEG, PNG, WebP, GIF or HEIC"),
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


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path):
    # 30000×30000 would take 2.7 GB to decode: refused with its size, above any limit of
    # Pillow's own, without decoding a pixel.
    path = tmp_path / "bom.png"
    path.write_bytes(samples.bomb_png(30000, 30000))
    with pytest.raises(sources.PhotoError) as error:
        sources.inspect(str(path), "bom.png", 80_000_000)
    assert error.value.en == ("is too large (30000×30000): at most 80 megapixels (PHOTOS_MAX_PIXELS); "
                              "make it smaller")
    assert error.value.vi == "quá lớn (30000×30000), tối đa 80 triệu điểm ảnh; hãy thu nhỏ ảnh"


@pytest.mark.parametrize("name", ["cut.jpg", "cut.jfif", "cut.jpe"])
def test_check_finds_a_photo_cut_short_as_the_build_does(tmp_path, name):
    """invoke check passed a cut-short .jfif (Windows' name for a JPEG saved from Chrome
    or Zalo) that the build then refused."""
    path = tmp_path / name
    path.write_bytes(samples.truncated_jpeg())
    with pytest.raises(sources.PhotoError) as error:
        sources.check_file(str(path), 80_000_000)
    assert error.value.en == "is damaged or truncated; copy the photo again"
    whole = tmp_path / ("whole" + path.suffix)
    whole.write_bytes(samples.jpeg((640, 480)))
    sources.check_file(str(whole), 80_000_000)


def test_a_truncated_photo_fails_when_encoded(tmp_path):
    cache = Cache(str(tmp_path / "cache"))
    source = source_of(tmp_path, "cut.jpg", samples.truncated_jpeg())
    spec = width_spec(source.width, source.height, 400, False, 82)
    rendition = Rendition.make("p", "cut", spec, source.sha256)
    outcome = encoding.make([(source, rendition)], cache, workers=1)
    vi, en = outcome.errors[source.path]
    assert vi == "bị hỏng hoặc bị cắt cụt, hãy chép lại ảnh"
    assert en.startswith("is damaged or truncated; copy the photo again (")
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


def test_photo_hashes_are_remembered_until_the_file_changes(tmp_path, monkeypatch):
    path = tmp_path / "anh.jpg"
    path.write_bytes(samples.jpeg((64, 48)))
    memo = sources.HashMemo(str(tmp_path / "cache" / "sources.json"))
    first = sources.inspect(str(path), "anh.jpg", 80_000_000, memo)
    memo.save()
    again = sources.HashMemo(str(tmp_path / "cache" / "sources.json"))
    assert again.get(str(path), os.stat(path)) == first.sha256
    assert sources.inspect(str(path), "anh.jpg", 80_000_000, again) == first
    # the header is remembered too: an unchanged photo is not even opened
    assert again.header(str(path), os.stat(path)) == (64, 48, 1, False)
    monkeypatch.setattr(sources, "open_image", lambda file: pytest.fail(f"opened {file}"))
    assert sources.inspect(str(path), "anh.jpg", 80_000_000, again) == first
    # the pixel limit still applies to a remembered photo
    with pytest.raises(sources.PhotoError):
        sources.inspect(str(path), "anh.jpg", 1000, again)
    monkeypatch.undo()
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


def test_prune_unused_keeps_exactly_what_the_last_build_used(tmp_path):
    cache = Cache(str(tmp_path / "cache"))
    wanted = wanted_for(tmp_path, 2)
    encoding.make(wanted, cache, workers=1)
    assert cache.prune_unused() == 4  # no record of a last build: nothing is known in use
    encoding.make(wanted, cache, workers=1)
    cache.record_used({r.key for _, r in wanted[:1]})
    assert cache.last_used() == {wanted[0][1].key}
    assert cache.prune_unused() == 3
    left = sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file())
    key = wanted[0][1].key
    assert left == sorted([f"{key}.jpg", f"{key}.json", "last-build.json"])


# --- orientation -------------------------------------------------------------------------

@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright_and_whole(tmp_path, orientation):
    source = source_of(tmp_path, f"o{orientation}.jpg", samples.oriented_jpeg(orientation, (96, 64)))
    assert (source.width, source.height) == (96, 64)
    for spec in (width_spec(96, 64, 48, False, 90), width_spec(96, 64, 96, False, 90, "WEBP"),
                 thumb_spec(96, 64, (96, 64), False, 90)):
        data = encoded_rendition(source, spec)
        image = Image.open(io.BytesIO(data))
        assert image.size == (spec.width, spec.height)
        colours = samples.corner_colours(image, inset=1)
        for corner, colour in samples.CORNERS.items():
            assert samples.close_to(colours[corner], colour), (orientation, spec.format, corner, colours)
        assert ExifTags.Base.Orientation not in image.getexif()
        assert b"Exif" not in data


def test_a_jpeg_is_decoded_at_the_smallest_eighth_that_holds_the_rendition():
    def plan(data: bytes, width: int, orientation: int = 1) -> tuple[str, int]:
        with Image.open(io.BytesIO(data)) as image:
            upright = image.size[::-1] if orientation in (5, 6, 7, 8) else image.size
            spec = width_spec(*upright, width, False, 82)
            return renditions.decode_plan(image, renditions.needed_size(image, orientation, spec))

    data = samples.jpeg((4000, 3000), quality=60)
    assert plan(data, 1600) == ("scaled", 4)  # 2000 x 1500
    assert plan(data, 1200) == ("scaled", 4)  # 3/8 would do; 4/8 is shared with 1600
    assert plan(data, 960) == ("scaled", 2)  # 1000 x 750
    assert plan(data, 480) == ("scaled", 2)
    assert plan(data, 2100) == ("scaled", 6)  # 3000 x 2250
    assert plan(data, 3100) == ("scaled", 8)
    assert plan(data, 1600, orientation=6) == ("scaled", 6)  # upright 3000 wide: 1600 is 0.53 of it
    cmyk = samples.encoded(samples.picture((4000, 3000)).convert("CMYK"), "JPEG", quality=60)
    assert plan(cmyk, 1600) == ("draft", 2)  # Pillow: 1/2, 1/4 or 1/8 only
    assert plan(cmyk, 480) == ("draft", 8)
    assert plan(cmyk, 2100) == ("draft", 1)
    assert plan(samples.png((400, 300), alpha=False), 200) == ("full", 1)


def detailed(size: tuple[int, int]) -> Image.Image:
    """A picture with fine detail everywhere (noise), where two ways of resizing differ."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    return Image.blend(samples.picture(size), noise, 0.35)


def detailed_jpeg(size: tuple[int, int], mode: str = "RGB", quality: int = 85) -> bytes:
    return samples.encoded(detailed(size).convert(mode), "JPEG", quality=quality)


def psnr(image: Image.Image, reference: Image.Image) -> float:
    """How close ``image`` is to ``reference``, in dB (higher is closer)."""
    squares = ImageStat.Stat(ImageChops.difference(image, reference).point(lambda v: v * v)).mean
    return 10 * math.log10(255 ** 2 / max(sum(squares) / len(squares), 1e-9))


def like_a_photograph(size: tuple[int, int]) -> Image.Image:
    """Random detail with the spectrum of photographs (amplitude falling as 1/f)."""
    width, height = size
    rng = numpy.random.default_rng(7)
    f = numpy.hypot(*numpy.meshgrid(numpy.fft.fftfreq(width), numpy.fft.fftfreq(height)))
    f[0, 0] = 1
    channels = []
    for _ in range(3):
        noise = numpy.real(numpy.fft.ifft2((rng.normal(size=f.shape) + 1j * rng.normal(size=f.shape)) / f))
        channels.append(numpy.clip((noise - noise.mean()) / noise.std() * 50 + 128, 0, 255))
    return Image.fromarray(numpy.stack(channels, -1).astype(numpy.uint8))


def test_a_scaled_decoding_is_the_rendition_and_as_good_as_a_resize(tmp_path):
    picture = like_a_photograph((1600, 1200))
    data = samples.encoded(picture, "JPEG", quality=85)  # 4:2:0, as phones write
    (image,) = renditions.render_all(data, 1, [width_spec(1600, 1200, 1200, False, 85)])
    # libjpeg-turbo decodes it at 3/4: already 1200 x 900, nothing is resized afterwards
    assert image.tobytes() == simplejpeg.decode_jpeg(data, min_width=1200, min_height=900).tobytes()
    # about as close to the picture itself reduced as a Lanczos reduction of the JPEG is
    truth = picture.resize((1200, 900), Image.Resampling.LANCZOS)
    resized = Image.open(io.BytesIO(data)).resize((1200, 900), Image.Resampling.LANCZOS)
    assert psnr(image, truth) > psnr(resized, truth) - 1.0, (psnr(image, truth), psnr(resized, truth))


def test_each_rendition_is_made_the_same_alone_or_with_the_others(tmp_path):
    """A build that remakes one missing rendition makes the bytes a clean build made: no
    rendition is made from another, and how the photo is decoded depends on the
    rendition alone, not on the largest one made with it."""
    photos = {"anh.jpg": detailed_jpeg((2000, 1500)),
              "cmyk.jpg": detailed_jpeg((2000, 1500), "CMYK"),
              "anh.png": samples.png((2000, 1500))}
    for name, data in photos.items():
        source = source_of(tmp_path, name, data)
        w, h = source.width, source.height
        specs = [spec for fmt in (None, "WEBP") for spec in (
            *(width_spec(w, h, target, source.alpha, 82, fmt) for target in (480, 960, 1600)),
            thumb_spec(w, h, (400, 300), source.alpha, 82, fmt),
            thumb_spec(w, h, (300, 200), source.alpha, 82, fmt, base=1600))]
        together = renditions.render_all(data, source.orientation, specs, source.alpha)
        for spec, image in zip(specs, together):
            (alone,) = renditions.render_all(data, source.orientation, [spec], source.alpha)
            assert alone.tobytes() == image.tobytes(), (name, spec)


def test_a_thumbnail_shares_the_decoding_of_its_base_figure_width(tmp_path, monkeypatch):
    data = detailed_jpeg((1600, 1200))
    figure = width_spec(1600, 1200, 1200, False, 85)
    own, shared = thumb_spec(1600, 1200, (300, 200), False, 85), thumb_spec(1600, 1200, (300, 200), False, 85,
                                                                           base=1200)
    assert own.key("x") != shared.key("x") and own.file_name("a") == shared.file_name("a")
    decodings = []
    real = renditions.decode_scaled
    monkeypatch.setattr(renditions, "decode_scaled",
                        lambda data, image, m: decodings.append(m) or real(data, image, m))
    renditions.render_all(data, 1, [figure, own])
    assert decodings == [6, 2]  # the thumbnail alone needs only a quarter of the photo
    decodings.clear()
    _, thumb = renditions.render_all(data, 1, [figure, shared])
    assert decodings == [6]
    assert thumb.size == (300, 200)
    # as close to the photo itself as the thumbnail from its own decoding
    truth = renditions.resize(Image.open(io.BytesIO(data)).convert("RGB"), own)
    (alone,) = renditions.render_all(data, 1, [own])
    assert psnr(thumb, truth) > psnr(alone, truth) - 0.5, (psnr(thumb, truth), psnr(alone, truth))


def test_a_gallery_thumbnail_shares_the_decoding_of_the_narrowest_figure_width(tmp_path):
    source = source_of(tmp_path, "anh.jpg", samples.jpeg((1600, 1200)))
    cfg = {"PHOTOS_JPEG_QUALITY": 85, "PHOTOS_WEBP_QUALITY": 75, "PHOTOS_WEBP": True,
           "PHOTOS_WIDTHS": (480, 1200), "PHOTOS_THUMB_SIZE": (300, 200), "PHOTOS_SHARE_WIDTH": 1200,
           "PHOTOS_THUMB_2X": None}
    plan = placement.FolderPlan(folder=SimpleNamespace(url="tin/bai", versions={"vi": None}, listed=True),
                                photos=["anh.jpg"], galleries={"vi": ["anh.jpg"]})
    choose_renditions(plan, {"anh.jpg": source}, cfg)
    published = plan.renditions["anh.jpg"]
    assert [r.width for r in published.sized.fallback] == [480, 1200]
    assert (published.thumb.spec.base, published.thumb_webp.spec.base) == (480, 480)


def test_a_jpeg_libjpeg_turbo_only_warns_about_is_read_by_pillow(tmp_path):
    """Stray bytes between two markers (some cameras and editors write them): Pillow
    reads such a photo, so it is not refused."""
    data = samples.jpeg((800, 600))
    at = data.index(b"\xff\xdb")
    odd = data[:at] + b"\x12\x34\x56" + data[at:]
    with pytest.raises(ValueError):
        simplejpeg.decode_jpeg(odd, strict=True)
    source = source_of(tmp_path, "anh.jpg", odd)
    image = render(source, width_spec(800, 600, 400, False, 90))
    assert image.size == (400, 300)
    assert samples.close_to(image.getpixel((10, 10)), samples.RED)


# --- formats -------------------------------------------------------------------------------

def corners_kept(image: Image.Image, tolerance: int = 40) -> bool:
    colours = samples.corner_colours(image, inset=2)
    return all(samples.close_to(colours[c], v, tolerance) for c, v in samples.CORNERS.items())


def cmyk_jpeg() -> bytes:
    return samples.encoded(samples.corners((96, 64)).convert("CMYK"), "JPEG", quality=95)


def palette_png(transparent: bool) -> bytes:
    image = samples.corners((96, 64)).convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    save = {"transparency": image.getpixel((48, 32))} if transparent else {}
    return samples.encoded(image, "PNG", **save)


def grey16_png() -> bytes:
    image = samples.corners((96, 64)).convert("L").convert("I").point(lambda v: v * 257).convert("I;16")
    return samples.encoded(image, "PNG")


def alpha_webp() -> bytes:
    image = samples.corners((96, 64)).convert("RGBA")
    image.putpixel((48, 32), (0, 0, 0, 0))
    return samples.encoded(image, "WEBP", lossless=True)


FORMATS = {
    # name: (file bytes, has transparency, checks the corner colours)
    "baseline.jpg": (lambda: samples.encoded(samples.corners((96, 64)), "JPEG", quality=95), False, True),
    "progressive.jpg": (lambda: samples.encoded(samples.corners((96, 64)), "JPEG", quality=95,
                                                progressive=True), False, True),
    "cmyk.jpg": (cmyk_jpeg, False, True),
    "rgb16.png": (samples.png16, False, True),
    "grey16.png": (grey16_png, False, False),
    "palette.png": (lambda: palette_png(False), False, True),
    "palette-transparent.png": (lambda: palette_png(True), True, True),
    "lossy.webp": (lambda: samples.encoded(samples.corners((96, 64)), "WEBP", quality=95), False, True),
    "alpha.webp": (alpha_webp, True, True),
    "animated.gif": (samples.gif, False, True),
    "transparent.gif": (lambda: samples.gif(transparent=True), True, True),
    "phone.heic": (lambda: samples.heic((96, 64)), False, True),
}


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_gives_jpeg_or_png_and_webp_renditions(tmp_path, name):
    make, alpha, colours = FORMATS[name]
    source = source_of(tmp_path, name, make())
    assert (source.width, source.height, source.alpha) == (96, 64, alpha)
    fallback = render(source, width_spec(96, 64, 96, alpha, 90))
    webp = render(source, width_spec(96, 64, 96, alpha, 90, "WEBP"))
    share = render(source, width_spec(96, 64, 1200, alpha, 90, "JPEG"))
    assert (fallback.format, fallback.mode) == (("PNG", "RGBA") if alpha else ("JPEG", "RGB")) or \
        (name == "grey16.png" and fallback.mode == "L")
    assert webp.format == "WEBP" and webp.mode == ("RGBA" if alpha else "RGB")
    assert share.format == "JPEG" and share.size == (96, 64)
    for image in (fallback, webp, share):
        assert image.size == (96, 64)
        if colours:
            assert corners_kept(image), (name, image.format, samples.corner_colours(image))
    if name == "grey16.png":  # scaled to 8 bits, not clipped: corners keep their greys
        grey = samples.corner_colours(fallback)
        assert 60 < grey["top-left"][0] < 120 and 150 < grey["bottom-left"][0] < 210
    if alpha:  # the transparent middle stays transparent, and is white in the JPEG
        assert fallback.getpixel((48, 32))[3] == 0 and webp.getpixel((48, 32))[3] == 0
        assert all(v > 240 for v in share.convert("RGB").getpixel((48, 32)))


def test_a_gif_gives_its_first_frame(tmp_path):
    source = source_of(tmp_path, "a.gif", samples.gif())
    image = render(source, width_spec(96, 64, 96, False, 90))
    assert samples.close_to(image.getpixel((48, 32)), samples.GREY)  # not the black second frame


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_heic_photos_are_upright(tmp_path, orientation):
    source = source_of(tmp_path, "iphone.heic", samples.heic((128, 96), orientation))
    assert (source.width, source.height, source.orientation) == (128, 96, 1)
    assert corners_kept(render(source, width_spec(128, 96, 64, False, 90)))


# --- privacy -------------------------------------------------------------------------------

def test_renditions_carry_no_exif_gps_xmp_iptc_icc_or_comment(tmp_path):
    source = source_of(tmp_path, "phone.jpg", samples.private_jpeg((640, 480)))
    original = open(source.path, "rb").read()
    assert all(marker in original for marker in (b"Exif", b"http://ns.adobe.com/xap", b"Photoshop 3.0",
                                                  b"ICC_PROFILE", b"GPS", b"Nguyen"))
    for spec in (width_spec(640, 480, 320, False, 82), width_spec(640, 480, 640, False, 82),
                 width_spec(640, 480, 320, False, 75, "WEBP"), thumb_spec(640, 480, (400, 300), False, 82),
                 thumb_spec(640, 480, (400, 300), False, 75, "WEBP"), width_spec(640, 480, 320, True, 0, "PNG")):
        data = encoded_rendition(source, spec)
        found = [marker for marker in samples.PRIVATE_MARKERS if marker in data]
        assert found == [], (spec, found)
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "photoshop", "icc_profile", "comment"} & set(image.info)


def test_a_webp_and_its_fallback_are_resized_once(tmp_path, monkeypatch):
    """Both formats of one size share one resize (the slow part after decoding)."""
    source = source_of(tmp_path, "anh.jpg", samples.jpeg((800, 600)))
    specs = [thumb_spec(800, 600, (200, 150), False, 82), thumb_spec(800, 600, (200, 150), False, 75, "WEBP"),
             width_spec(800, 600, 400, False, 82), width_spec(800, 600, 400, False, 75, "WEBP")]
    calls = []
    real = renditions.resize
    monkeypatch.setattr(renditions, "resize", lambda image, spec: calls.append(spec.kind) or real(image, spec))
    with open(source.path, "rb") as f:
        images = renditions.render_all(f.read(), source.orientation, specs, source.alpha)
    assert sorted(calls) == ["thumb", "width"]
    assert [image.size for image in images] == [(200, 150), (200, 150), (400, 300), (400, 300)]

"""Photos for the bench corpus, drawn with Pillow: every one different, all from one seed.

Each photo is a colour gradient with random shapes over a grain layer, saved as a JPEG
the size of a resized phone photo (1600 × 1200, quality 88). No two photos share bytes,
so no builder can skip work by recognising a copy.
"""

from __future__ import annotations

import io
import random
from functools import lru_cache

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 1200


@lru_cache(maxsize=1)
def _layers() -> tuple[Image.Image, Image.Image, Image.Image]:
    """Gradients and grain, made once per process (the grain alone takes a while)."""
    ramp = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    disc = Image.radial_gradient("L").resize((WIDTH, HEIGHT))
    grain = Image.effect_noise((WIDTH, HEIGHT), 48).convert("RGB")
    return ramp, disc, grain


def draw(seed: int) -> bytes:
    """The JPEG bytes of photo ``seed``."""
    rng = random.Random(seed)
    ramp, disc, grain = _layers()
    turned = ramp.transpose(rng.choice([Image.Transpose.FLIP_TOP_BOTTOM,
                                        Image.Transpose.FLIP_LEFT_RIGHT]))
    channels = [ramp, turned, disc]
    rng.shuffle(channels)
    image = Image.merge("RGB", channels)
    pen = ImageDraw.Draw(image)
    for _ in range(24):
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        box = [x, y, x + rng.randint(40, 520), y + rng.randint(40, 420)]
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        (pen.ellipse if rng.random() < 0.4 else pen.rectangle)(box, fill=colour)
    image = Image.blend(image, grain, 0.15 + rng.random() * 0.1)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()

"""The demo explainer's hero: mountains around a city at dusk, drawn with Pillow.

Made by us at load time, so the demo ships no photo of anyone.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 2400, 1350


def _sky(draw: ImageDraw.ImageDraw) -> None:
    top, bottom = (24, 32, 74), (236, 140, 82)
    for y in range(HEIGHT):
        t = y / HEIGHT
        colour = tuple(
            round(a + (b - a) * t**1.6) for a, b in zip(top, bottom, strict=True)
        )
        draw.line([(0, y), (WIDTH, y)], fill=colour)


def _ridge(rng: random.Random, base: int, height: int, roughness: int) -> list:
    points, x = [(0, HEIGHT)], 0
    y = base - rng.randint(0, height)
    while x <= WIDTH:
        points.append((x, y))
        x += rng.randint(40, 120)
        y = min(HEIGHT, max(base - height, y + rng.randint(-roughness, roughness)))
    points += [(WIDTH, y), (WIDTH, HEIGHT)]
    return points


def draw_hero(*, seed: int = 2021) -> bytes:
    """A JPEG of the demo illustration."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    _sky(draw)
    sky_there = image.getpixel((1870, 225))
    draw.ellipse([1780, 180, 1900, 300], fill=(250, 236, 200))
    draw.ellipse([1810, 165, 1930, 285], fill=sky_there)  # leaves a crescent
    for base, height, rough, colour in [
        (820, 380, 90, (74, 62, 96)),
        (960, 300, 70, (52, 44, 72)),
        (1120, 200, 50, (32, 28, 48)),
    ]:
        draw.polygon(_ridge(rng, base, height, rough), fill=colour)
    for _ in range(260):  # the city's lights on the valley floor
        x, y = rng.randint(0, WIDTH), rng.randint(1180, HEIGHT - 20)
        size = rng.randint(2, 5)
        draw.ellipse([x, y, x + size, y + size], fill=(255, 214, 140))
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()

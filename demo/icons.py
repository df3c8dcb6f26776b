"""The site's icons: a white R on the house red, drawn from one list of shapes.

``python -m demo.icons`` writes static/icons/: favicon.svg and the PNGs browsers and
phones ask for (32, 180 for Apple, 192 and 512, and a maskable 512 whose mark keeps
inside the safe circle). The letter is plain geometry, not a font, so every machine
draws the same icon. The files are committed; run this again after changing a shape.
"""

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent / "static" / "icons"
RED, WHITE = "#b3261e", "#ffffff"
GRID = 64  # the shapes' coordinate space
RADIUS = 12  # the favicon's rounded corners

# The R: stem, two bars, the bowl (an arc drawn as a thick line), the leg.
STEM = (17, 14, 26, 50)
BARS = [(17, 14, 34, 22), (17, 32, 34, 40)]
BOWL = {"centre": (34, 27), "radius": 9, "width": 8}  # from the top bar to the bottom
LEG = [(29, 38), (38.5, 38), (48, 50), (38, 50)]

PNGS = {
    "icon-32.png": (32, False),
    "apple-touch-icon.png": (180, False),
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-512.png": (512, True),
}


def svg() -> str:
    """The favicon as SVG, on the same grid as the PNGs."""
    cx, cy = BOWL["centre"]
    r = BOWL["radius"]
    rects = "".join(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}"/>'
        for x0, y0, x1, y1 in [STEM, *BARS]
    )
    leg = " ".join(f"{x},{y}" for x, y in LEG)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{RADIUS}" fill="{RED}"/>'
        f'<g fill="{WHITE}">{rects}<polygon points="{leg}"/></g>'
        f'<path d="M{cx} {cy - r}A{r} {r} 0 0 1 {cx} {cy + r}" fill="none" '
        f'stroke="{WHITE}" stroke-width="{BOWL["width"]}"/></svg>\n'
    )


def png(size: int, *, maskable: bool = False) -> bytes:
    """The icon at ``size`` pixels square: drawn four times larger, then reduced
    (smooth edges). Rounded corners only on the small favicon; the Apple icon and
    the maskable one fill the square, as their platforms round or mask it."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if size <= 32:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), RADIUS * big / GRID, fill=RED)
    else:
        draw.rectangle((0, 0, big, big), fill=RED)
    # The maskable icon's mark keeps within the central circle (80 % across).
    scale = big / GRID * (0.7 if maskable else 1)
    offset = big / 2 - GRID / 2 * scale

    def at(x, y):
        return (offset + x * scale, offset + y * scale)

    for x0, y0, x1, y1 in [STEM, *BARS]:
        draw.rectangle((*at(x0, y0), *at(x1, y1)), fill=WHITE)
    draw.polygon([at(x, y) for x, y in LEG], fill=WHITE)
    cx, cy = BOWL["centre"]
    outer = BOWL["radius"] + BOWL["width"] / 2
    draw.arc(
        (*at(cx - outer, cy - outer), *at(cx + outer, cy + outer)),
        start=-90,
        end=90,
        fill=WHITE,
        width=round(BOWL["width"] * scale),
    )
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    if size > 32:
        image = image.convert("RGB")  # no transparency: platforms fill it black
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    ROOT.mkdir(parents=True, exist_ok=True)
    (ROOT / "favicon.svg").write_text(svg())
    for name, (size, maskable) in PNGS.items():
        (ROOT / name).write_bytes(png(size, maskable=maskable))


if __name__ == "__main__":
    main()

"""Our own small provider glyphs (24x24, currentColor), drawn for Redactie.

Simple shapes that hint at each platform without copying its logo.
"""

__all__ = ["ICONS"]

_SVG = (
    '<svg class="embed-icon" viewBox="0 0 24 24" width="20" height="20" '
    'aria-hidden="true" focusable="false">{}</svg>'
)

ICONS = {
    # Two crossing strokes.
    "x": _SVG.format(
        '<path d="M5 4l14 16M19 4L5 20" stroke="currentColor" stroke-width="2.6" '
        'stroke-linecap="round" fill="none"/>'
    ),
    # Two wings.
    "bluesky": _SVG.format(
        '<path d="M12 11C10 7 6 4 4 5s-1 6 3 7c-3 1-3 4 0 5s4-2 5-6c1 4 2 7 5 6s3-4 '
        '0-5c4-1 5-6 3-7s-6 2-8 6z" fill="currentColor"/>'
    ),
    # A speech bubble.
    "mastodon": _SVG.format(
        '<path d="M4 5a2 2 0 012-2h12a2 2 0 012 2v10a2 2 0 01-2 2H9l-4 4v-4a2 2 0 '
        '01-1-2z" fill="currentColor"/>'
    ),
    # A play button in a rounded frame.
    "youtube": _SVG.format(
        '<rect x="2" y="5" width="20" height="14" rx="4" fill="currentColor"/>'
        '<path d="M10 9l5 3-5 3z" fill="#fff"/>'
    ),
    # A camera: rounded square with a lens.
    "instagram": _SVG.format(
        '<rect x="3" y="3" width="18" height="18" rx="5" stroke="currentColor" '
        'stroke-width="2" fill="none"/><circle cx="12" cy="12" r="4" '
        'stroke="currentColor" stroke-width="2" fill="none"/>'
    ),
    # A musical note.
    "tiktok": _SVG.format(
        '<path d="M14 3v11a3.5 3.5 0 11-3-3.5V8a6.5 6.5 0 106 6.5V8a6 6 0 004 1.5V6a4 '
        '4 0 01-4-3z" fill="currentColor"/>'
    ),
    # A film frame.
    "vimeo": _SVG.format(
        '<rect x="3" y="6" width="14" height="12" rx="2" fill="currentColor"/>'
        '<path d="M17 10l4-2v8l-4-2z" fill="currentColor"/>'
    ),
}

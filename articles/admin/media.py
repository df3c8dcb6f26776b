"""Admin media under the Content-Security-Policy (newsroom/csp.py): an admin whose
form renders inline script (the rich-text editor's import map) hands the request's
nonce to it, so scripts stay strict in the admin too."""

from js_asset.media import Media

__all__ = ["with_nonce"]


def with_nonce(media, request) -> Media:
    """``media`` whose inline script carries the request's CSP nonce, which then also
    goes into the Content-Security-Policy header."""
    return Media.from_media(media, nonce=request.csp_nonce)

"""Admin media under the Content-Security-Policy (newsroom/csp.py): an admin whose
form renders inline script (the rich-text editor's import map) hands the request's
nonce to it, so scripts stay strict in the admin too."""

from js_asset.media import Media

__all__ = ["NonceMediaMixin"]


class NonceMediaMixin:
    """For a ModelAdmin whose form renders inline script (an import map): the
    change form's media carry the request's CSP nonce, which then also goes into
    the Content-Security-Policy header."""

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

"""Content-Security-Policy (django-csp): strict on the public site, where pages carry
no inline script or style. In the admin the one inline script, the rich-text editor's
module import map, carries a per-request nonce (``NonceMediaMixin``), so scripts stay
strict there too; inline styles are allowed in the admin only, because the editor and
the autocomplete widgets set style attributes."""

from csp.constants import NONCE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from js_asset.media import Media

__all__ = ["CSPMiddleware", "NonceMediaMixin"]


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/admin/"):
            parts.update = {
                **(parts.update or {}),
                "style-src": ["'unsafe-inline'"],
                "script-src": [NONCE],
            }
        return parts


class NonceMediaMixin:
    """For a ModelAdmin whose form renders inline script (an import map): the
    change form's media carry the request's CSP nonce, which then also goes into
    the Content-Security-Policy header."""

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

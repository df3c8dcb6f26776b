"""Content-Security-Policy (django-csp): strict on the public site, where pages carry
no inline script or style. In the admin the one inline script, the rich-text
editor's module import map, carries a per-request nonce (``articles.admin.media``),
so scripts stay strict there too; inline styles are allowed in the admin only,
because the editor and the autocomplete widgets set style attributes. Images from
``blob:`` too, in the admin only: the hero widget's preview of a photo not yet
uploaded."""

from csp.constants import NONCE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts

__all__ = ["CSPMiddleware"]


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/admin/"):
            parts.update = {
                **(parts.update or {}),
                "style-src": ["'unsafe-inline'"],
                "script-src": [NONCE],
                # The hero widget previews a photo before it is uploaded, from the
                # file itself (an object URL; articles/admin/editor/hero.py).
                "img-src": ["blob:"],
            }
        return parts

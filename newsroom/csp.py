"""Content-Security-Policy (django-csp): strict on the public site, where pages carry
no inline script or style. The admin also allows inline styles and scripts: its
widgets and the rich-text editor set styles, and the editor's module import map is an
inline script. (Tightening the admin with nonces is hardening work still to do.)"""

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
                "script-src": ["'unsafe-inline'"],
            }
        return parts

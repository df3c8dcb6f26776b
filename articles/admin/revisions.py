"""An article's revisions in the admin: the list, a diff between any two, restore.

``RevisionAdminMixin`` goes first in ArticleAdmin's bases. It adds three URLs under
``<pk>/versies/`` and takes the snapshot again after the form saved the article's
authors, topics and related articles, so each version's revision holds them.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article, Revision
from articles.services.restore import RESTORED_FIELDS, restore_revision
from articles.services.revisions import FieldDiff, create_revision, diff_revisions

__all__ = ["RevisionAdminMixin", "render_diff"]

_TAGS = {"equal": "{}", "insert": "<ins>{}</ins>", "delete": "<del>{}</del>"}


def render_diff(diff: FieldDiff):
    """The chunks of ``diff`` as safe HTML: every text escaped, changes in <ins> and
    <del>. List entries go one per line; words are joined by spaces."""
    return format_html_join(
        "\n" if diff.is_list else " ",
        "{}",
        ((format_html(_TAGS[op], text),) for op, text in diff.chunks),
    )


class RevisionAdminMixin:
    """Revisions of an article: list, compare, restore (for ArticleAdmin)."""

    revisions_template = "admin/articles/revisions.html"
    revision_diff_template = "admin/articles/revision_diff.html"

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/versies/",
                wrap(self.revisions_view),
                name=f"{name}_revisions",
            ),
            path(
                "<path:object_id>/versies/<int:old>/<int:new>/",
                wrap(self.revision_diff_view),
                name=f"{name}_revision_diff",
            ),
            path(
                "<path:object_id>/versies/<int:version>/herstellen/",
                wrap(require_POST(self.revision_restore_view)),
                name=f"{name}_revision_restore",
            ),
            *super().get_urls(),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # save_model recorded the revision before the form set the relations.
        create_revision(form.instance, user=request.user)

    def _url(self, action: str, *args) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{action}",
            args=args,
        )

    def _article(self, request, object_id: str, *, change: bool = False) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("Dit artikel bestaat niet."))
        allowed = (
            self.has_change_permission(request, article)
            if change
            else self.has_view_or_change_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        return article

    def _context(self, request, article: Article, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "title": title,
            "can_restore": self.has_change_permission(request, article),
        }

    def revisions_view(self, request, object_id):
        """The article's versions, newest first, each with who, when and comment.

        Template ``admin/articles/revisions.html``; context ``article``,
        ``rows`` (revision, diff URL against the one before, restore URL) and
        ``versions``. ``?van=A&naar=B`` redirects to the diff of those two.
        """
        article = self._article(request, object_id)
        old, new = request.GET.get("van", ""), request.GET.get("naar", "")
        if old.isdigit() and new.isdigit():
            return HttpResponseRedirect(
                self._url("revision_diff", article.pk, int(old), int(new))
            )
        revisions = list(article.revisions.select_related("created_by"))
        rows = [
            {
                "revision": revision,
                "diff_url": (
                    self._url(
                        "revision_diff",
                        article.pk,
                        revisions[i + 1].version,
                        revision.version,
                    )
                    if i + 1 < len(revisions)
                    else ""
                ),
                "restore_url": (
                    self._url("revision_restore", article.pk, revision.version)
                    if revision.version != article.version
                    else ""
                ),
            }
            for i, revision in enumerate(revisions)
        ]
        context = {
            **self._context(
                request, article, _("Versies van “%(article)s”") % {"article": article}
            ),
            "rows": rows,
            "versions": [revision.version for revision in revisions],
        }
        return TemplateResponse(request, self.revisions_template, context)

    def revision_diff_view(self, request, object_id, old, new):
        """What changed from version ``old`` to version ``new`` (the lower one is
        always taken as the older).

        Template ``admin/articles/revision_diff.html``; context ``article``,
        ``old``, ``new``, ``diffs`` (label and rendered HTML per changed field) and
        restore URLs for both versions unless one is the current version.
        """
        article = self._article(request, object_id)
        old, new = sorted([old, new])
        old_revision = get_object_or_404(Revision, article=article, version=old)
        new_revision = get_object_or_404(Revision, article=article, version=new)
        diffs = [
            {"label": diff.label, "html": render_diff(diff), "is_list": diff.is_list}
            for diff in diff_revisions(old_revision, new_revision)
        ]
        restore = [
            (revision, self._url("revision_restore", article.pk, revision.version))
            for revision in (old_revision, new_revision)
            if revision.version != article.version
        ]
        context = {
            **self._context(
                request,
                article,
                _("Versie %(old)s en %(new)s van “%(article)s”")
                % {"old": old, "new": new, "article": article},
            ),
            "old": old_revision,
            "new": new_revision,
            "diffs": diffs,
            "restore": restore,
            "restore_help": _(
                "Herstellen bewaart de inhoud van een versie als nieuwe versie; er "
                "gaat geen versie verloren. Terug komen: %(fields)s, sectie, auteurs, "
                "onderwerpen en gerelateerde artikelen. Status, publicatietijd en "
                "webadres blijven zoals ze nu zijn."
            )
            % {
                "fields": ", ".join(
                    str(Article._meta.get_field(name).verbose_name)
                    for name in RESTORED_FIELDS
                )
            },
            "revisions_url": self._url("revisions", article.pk),
        }
        return TemplateResponse(request, self.revision_diff_template, context)

    def revision_restore_view(self, request, object_id, version):
        """POST: save version ``version``'s content as a new version, then back to
        the change form with a message (and a warning per skipped relation)."""
        article = self._article(request, object_id, change=True)
        revision = get_object_or_404(Revision, article=article, version=version)
        notices: list[str] = []
        article = restore_revision(revision, user=request.user, notices=notices)
        message = _("Versie %(old)s is hersteld als versie %(new)s.") % {
            "old": version,
            "new": article.version,
        }
        self.log_change(request, article, message)
        messages.success(request, message)
        for notice in notices:
            messages.warning(request, notice)
        return HttpResponseRedirect(self._url("change", article.pk))

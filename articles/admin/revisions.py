"""An article's revisions in the admin: the list, a diff between any two, restore.

``ArticleAdmin`` lists the three views under ``<pk>/versies/`` in its ``get_urls``
(views take the model admin as first argument), and takes the snapshot again after
the form saved the article's authors, topics and related articles, so each
version's revision holds them.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from articles.models import Article, Revision
from articles.policy import require
from articles.services.restore import RESTORED_FIELDS, restore_revision
from articles.services.revisions import FieldDiff, diff_revisions, snapshot

__all__ = [
    "diff_view",
    "render_diff",
    "restore_changes",
    "restore_view",
    "revisions_view",
]

REVISIONS_TEMPLATE = "admin/articles/revisions.html"
DIFF_TEMPLATE = "admin/articles/revision_diff.html"
RESTORE_TEMPLATE = "admin/articles/revision_restore.html"
# What a restore brings back besides RESTORED_FIELDS (status, times, slug stay).
RESTORED_RELATIONS = ("section", "hero", "authors", "topics", "related")

_TAGS = {"equal": "{}", "insert": "<ins>{}</ins>", "delete": "<del>{}</del>"}


def render_diff(diff: FieldDiff):
    """The chunks of ``diff`` as safe HTML: every text escaped, changes in <ins> and
    <del>. List entries go one per line; words are joined by spaces."""
    return format_html_join(
        "\n" if diff.is_list else " ",
        "{}",
        ((format_html(_TAGS[op], text),) for op, text in diff.chunks),
    )


def _url(model_admin, action: str, *args) -> str:
    opts = model_admin.model._meta
    return reverse(
        f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{action}",
        args=args,
    )


def _article(model_admin, request, object_id: str, *, change: bool = False) -> Article:
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(_("Dit artikel bestaat niet."))
    if change:
        require(request.user, "articles.change_article", article)
    elif not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article


def _context(model_admin, request, article: Article, title: str) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "article": article,
        "title": title,
        "can_restore": model_admin.has_change_permission(request, article),
    }


def revisions_view(model_admin, request, object_id):
    """The article's versions, newest first, each with who, when and comment.

    Template ``admin/articles/revisions.html``; context ``article``,
    ``rows`` (revision, diff URL against the one before, restore URL) and
    ``versions``. ``?van=A&naar=B`` redirects to the diff of those two.
    """
    article = _article(model_admin, request, object_id)
    old, new = request.GET.get("van", ""), request.GET.get("naar", "")
    if old.isdigit() and new.isdigit():
        return HttpResponseRedirect(
            _url(model_admin, "revision_diff", article.pk, int(old), int(new))
        )
    revisions = list(article.revisions.select_related("created_by"))
    rows = [
        {
            "revision": revision,
            "diff_url": (
                _url(
                    model_admin,
                    "revision_diff",
                    article.pk,
                    revisions[i + 1].version,
                    revision.version,
                )
                if i + 1 < len(revisions)
                else ""
            ),
            "restore_url": (
                _url(model_admin, "revision_restore", article.pk, revision.version)
                if revision.version != article.version
                else ""
            ),
        }
        for i, revision in enumerate(revisions)
    ]
    context = {
        **_context(
            model_admin,
            request,
            article,
            _("Versies van “%(article)s”") % {"article": article},
        ),
        "rows": rows,
        "versions": [revision.version for revision in revisions],
    }
    return TemplateResponse(request, REVISIONS_TEMPLATE, context)


def diff_view(model_admin, request, object_id, old, new):
    """What changed from version ``old`` to version ``new`` (the lower one is
    always taken as the older).

    Template ``admin/articles/revision_diff.html``; context ``article``,
    ``old``, ``new``, ``diffs`` (label and rendered HTML per changed field) and
    restore URLs for both versions unless one is the current version.
    """
    article = _article(model_admin, request, object_id)
    old, new = sorted([old, new])
    old_revision = get_object_or_404(Revision, article=article, version=old)
    new_revision = get_object_or_404(Revision, article=article, version=new)
    diffs = [
        {"label": diff.label, "html": render_diff(diff), "is_list": diff.is_list}
        for diff in diff_revisions(old_revision, new_revision)
    ]
    restore = [
        (revision, _url(model_admin, "revision_restore", article.pk, revision.version))
        for revision in (old_revision, new_revision)
        if revision.version != article.version
    ]
    context = {
        **_context(
            model_admin,
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
        "revisions_url": _url(model_admin, "revisions", article.pk),
    }
    return TemplateResponse(request, DIFF_TEMPLATE, context)


def restore_changes(article: Article, revision: Revision) -> list[FieldDiff]:
    """What restoring ``revision`` would change on ``article`` as it is now: the
    fields a restore writes, from the current state to the revision's."""
    restored = set(RESTORED_FIELDS) | set(RESTORED_RELATIONS)
    now = Revision(article=article, version=article.version, snapshot=snapshot(article))
    return [diff for diff in diff_revisions(now, revision) if diff.name in restored]


def _words(diff: FieldDiff, op: str) -> int:
    return sum(len(text.split()) for kind, text in diff.chunks if kind == op)


def confirm_restore(model_admin, request, article: Article, revision: Revision):
    """GET: what restoring would change on the live page, and the button that does it.

    Template ``admin/articles/revision_restore.html``; context ``article``,
    ``revision``, ``live`` (readers see the article now), ``diffs`` (label, HTML,
    and for the body the words added and removed) and ``restore_url``.
    """
    diffs = [
        {
            "label": diff.label,
            "html": render_diff(diff),
            "is_list": diff.is_list,
            "is_body": diff.name == "body",
            "added": _words(diff, "insert"),
            "removed": _words(diff, "delete"),
        }
        for diff in restore_changes(article, revision)
    ]
    context = {
        **_context(
            model_admin,
            request,
            article,
            _("Versie %(version)s van “%(article)s” herstellen?")
            % {"version": revision.version, "article": article},
        ),
        "revision": revision,
        "live": article.is_visible(),
        "diffs": diffs,
        "restore_url": _url(
            model_admin, "revision_restore", article.pk, revision.version
        ),
        "revisions_url": _url(model_admin, "revisions", article.pk),
        "change_url": _url(model_admin, "change", article.pk),
    }
    return TemplateResponse(request, RESTORE_TEMPLATE, context)


def restore_view(model_admin, request, object_id, version):
    """GET: the confirmation (``confirm_restore``). POST (its button): save version
    ``version``'s content as a new version, then back to the change form with a
    message (and a warning per skipped relation)."""
    article = _article(model_admin, request, object_id, change=True)
    revision = get_object_or_404(Revision, article=article, version=version)
    if request.method != "POST":
        return confirm_restore(model_admin, request, article, revision)
    notices: list[str] = []
    article = restore_revision(revision, user=request.user, notices=notices)
    message = _("Versie %(old)s is hersteld als versie %(new)s.") % {
        "old": version,
        "new": article.version,
    }
    model_admin.log_change(request, article, message)
    messages.success(request, message)
    for notice in notices:
        messages.warning(request, notice)
    return HttpResponseRedirect(_url(model_admin, "change", article.pk))

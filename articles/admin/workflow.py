"""The workflow in the article admin: roles enforced on the server, status changes
recorded, internal notes, autosave recovery and a light "also open by" notice.

Functions that ``ArticleAdmin`` calls from its own hooks and lists in its
``get_urls`` and ``actions``; views take the model admin as first argument."""

import json
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleComment, AutosaveCopy, EditingPresence
from articles.services.workflow import PUBLIC_STATES, can_publish, transition

__all__ = [
    "ArticleCommentInline",
    "autosave_notice",
    "autosave_view",
    "presence_view",
    "publish_now",
    "recovered_copy",
    "refuse_forged_publication",
    "save_comments",
    "status_choices",
    "status_history",
    "withdraw",
]

PRESENCE_WINDOW = timedelta(seconds=90)
# Fields an autosave may hold; files and the CSRF token never.
AUTOSAVE_LIMIT = 500_000


class ArticleCommentInline(admin.StackedInline):
    model = ArticleComment
    extra = 1
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    verbose_name = _("interne notitie")
    verbose_name_plural = _("interne notities (alleen voor de redactie)")

    def has_change_permission(self, request, obj=None):
        return False  # notes are added, never rewritten

    def has_delete_permission(self, request, obj=None):
        return False


def _bulk(request, queryset, status, done):
    moved, refused = 0, []
    for article in queryset:
        try:
            transition(article, status, user=request.user)
            moved += 1
        except (PermissionDenied, ValidationError) as error:
            message = getattr(error, "messages", None) or [str(error)]
            refused.append(f"{article}: {' '.join(message)}")
    if moved:
        messages.success(request, done % {"count": moved})
    for line in refused:
        messages.warning(request, line)


@admin.action(description=_("Nu publiceren"), permissions=["publish"])
def publish_now(model_admin, request, queryset):
    _bulk(request, queryset, Article.Status.PUBLISHED,
          gettext("%(count)d artikel(en) gepubliceerd."))  # fmt: skip


@admin.action(description=_("Terugtrekken"), permissions=["publish"])
def withdraw(model_admin, request, queryset):
    _bulk(request, queryset, Article.Status.UNPUBLISHED,
          gettext("%(count)d artikel(en) teruggetrokken."))  # fmt: skip


def refuse_forged_publication(request) -> None:
    """A request to publish, schedule or withdraw from someone who may not: refused
    outright, whatever the form showed them."""
    if (
        request.method == "POST"
        and not can_publish(request.user)
        and request.POST.get("status") in PUBLIC_STATES
    ):
        raise PermissionDenied


def status_choices(user) -> list | None:
    """The states ``user`` may choose in the form; None for all of them."""
    if can_publish(user):
        return None
    return [
        (value, label)
        for value, label in Article.Status.choices
        if value not in PUBLIC_STATES
    ]


def recovered_copy(request, article) -> dict | None:
    """What this person autosaved of ``article``, when they asked for it back."""
    if request.method != "GET" or not request.GET.get("herstel"):
        return None
    copy = AutosaveCopy.objects.filter(user=request.user, article=article).first()
    return copy.data if copy else None


def autosave_notice(request, object_id) -> str:
    """ "You have unsaved work from …", with the link that puts it back."""
    try:  # an id from the URL: anything may be typed there
        article_id = Article._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        return ""  # no such article: the admin itself says so
    copy = AutosaveCopy.objects.filter(user=request.user, article_id=article_id).first()
    if copy is None or request.GET.get("herstel"):
        return ""
    return format_html(
        '{} <a href="?herstel=1">{}</a>',
        gettext("Je hebt niet-opgeslagen werk van %(when)s.")
        % {"when": date_format(localtime(copy.saved_at), "j F Y, H:i")},
        gettext("Terugzetten in het formulier"),
    )


@admin.display(description=_("geschiedenis"))
def status_history(model_admin, article):
    transitions = article.transitions.select_related("actor")[:20] if article.pk else []
    if not transitions:
        return gettext("Nog geen statuswijzigingen.")
    return format_html_join(
        "",
        "<div>{}: {} → {} ({}){}</div>",
        (
            (
                date_format(localtime(t.at), "j F Y, H:i"),
                t.get_from_status_display(),
                t.get_to_status_display(),
                (t.actor.get_full_name() or t.actor.get_username()) if t.actor else "?",
                format_html(" — {}", t.reason) if t.reason else "",
            )
            for t in transitions
        ),
    )


def save_comments(request, formset) -> None:
    """Internal notes are signed by whoever saves them."""
    for comment in formset.save(commit=False):
        comment.author = request.user
        comment.save()


def autosave_view(model_admin, request):
    """POST the edit form's fields: stored as this person's recovery copy."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if int(request.META.get("CONTENT_LENGTH") or 0) > AUTOSAVE_LIMIT:
        return JsonResponse({"ok": False, "error": gettext("Te groot")}, status=413)
    article = None
    if request.POST.get("article"):
        try:
            article_id = Article._meta.pk.to_python(request.POST["article"])
        except ValidationError:
            raise Http404 from None
        article = get_object_or_404(Article, pk=article_id)
        if not model_admin.has_change_permission(request, article):
            raise PermissionDenied
    elif not model_admin.has_add_permission(request):
        raise PermissionDenied
    data = {
        key: values if len(values) > 1 or key in {"authors", "topics", "related"}
        else values[0]
        for key, values in request.POST.lists()
        if key not in {"csrfmiddlewaretoken", "article"} and not key.startswith("_")
    }  # fmt: skip
    AutosaveCopy.objects.update_or_create(
        user=request.user,
        article=article,
        defaults={
            "data": json.loads(json.dumps(data)),
            "base_version": article.version if article else None,
            "saved_at": timezone.now(),
        },
    )
    return JsonResponse({"ok": True, "saved_at": timezone.now().isoformat()})


def presence_view(model_admin, request, pk):
    """POST: I have this article open. Answer: who else has, lately."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = get_object_or_404(Article, pk=pk)
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    now = timezone.now()
    EditingPresence.objects.update_or_create(
        article=article, user=request.user, defaults={"seen_at": now}
    )
    others = (
        EditingPresence.objects.filter(
            article=article, seen_at__gte=now - PRESENCE_WINDOW
        )
        .exclude(user=request.user)
        .select_related("user")
    )
    return JsonResponse(
        {
            "others": [p.user.get_full_name() or p.user.get_username() for p in others],
            "version": article.version,
        }
    )

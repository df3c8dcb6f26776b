"""The live desk in the admin: a live article's entries as readers see them, with a
composer on top, and per entry its edit, note and delete pages.

``ArticleAdmin.get_urls`` lists these views under ``<pk>/live/`` (each takes the
model admin first). Adding an entry is one form: type or paste, tick the flags,
press "Plaatsen"; the page comes back with the entry on it. Refusals are the
admin's Dutch 403; a form that does not validate comes back with what was typed.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from js_asset.media import Media

from articles.live.forms import EntryForm, NoteForm
from articles.live.pages import prepared
from articles.live.services import (
    add_entry_note,
    close_coverage,
    delete_entry,
    reopen_coverage,
    save_entry,
    set_oldest_first,
)
from articles.models import Article, LiveEntry
from articles.policy import can_post_live, may, require

__all__ = ["close_view", "delete_view", "desk_view", "entry_view", "note_view"]

S = LiveEntry.Status


def desk_url(article: Article, entry: LiveEntry | None = None) -> str:
    url = reverse("admin:articles_article_live", args=[article.pk])
    return f"{url}#{entry.anchor}" if entry else url


def _live_article(model_admin, request, object_id: str) -> Article:
    article = model_admin.get_object(request, unquote(object_id))
    if article is None or article.kind != Article.Kind.LIVE:
        raise Http404(_("Dit artikel bestaat niet of is geen live-verslag."))
    require(request.user, "articles.view_liveentry")
    return article


def _entry(article: Article, entry_pk: int) -> LiveEntry:
    return get_object_or_404(
        LiveEntry.objects.select_related("article"), pk=entry_pk, article=article
    )


def desk_entries(article: Article) -> list[LiveEntry]:
    """Every entry of ``article`` in reader order (unplaced ones, without a time,
    on top), prepared as the readers' page prepares its own (``entry.rendered``:
    the body with its cards). A fixed number of queries."""
    entries = list(
        LiveEntry.objects.filter(article=article)
        .select_related("image")
        .order_by("-pinned", F("published_at").desc(nulls_first=True), "-pk")
    )
    for entry in entries:
        entry.article = article  # the anchor URL of each, without a query each
    return prepared(entries)


def _save(request, form: EntryForm, entry: LiveEntry):
    """Save what ``form`` holds through the service; None and the form's errors
    when it is refused (nothing is written, the typed text stays)."""
    status = form.status_for(request.POST.get("actie"))
    given, stored = form.cleaned_data["published_at"], entry.published_at
    # The form shows minutes: the same minute sent back keeps the stored seconds,
    # so an edit does not move the entry in the stream.
    if given and stored and given == stored.replace(second=0, microsecond=0):
        given = stored
    entry.status = status
    entry.published_at = (given or stored) if status == S.PUBLISHED else None
    try:
        notices = save_entry(
            entry,
            user=request.user,
            authors=form.cleaned_data["authors"],
            base_version=form.cleaned_data.get("base_version"),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
    for notice in notices:
        messages.warning(request, notice)
    return entry


def _placed_message(entry: LiveEntry) -> str:
    if entry.status == S.PUBLISHED:
        return (
            _("Bericht ingepland.") if entry.is_scheduled else _("Bericht geplaatst.")
        )
    if entry.status == S.REVIEW:
        return _("Bericht ter beoordeling gestuurd.")
    return _("Bericht als concept bewaard.")


def _context(model_admin, request, article: Article, form: EntryForm, **more) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "article": article,
        "form": form,
        # The editor's import map is inline script: it carries the CSP nonce.
        "media": Media.from_media(
            model_admin.media + form.media, nonce=request.csp_nonce
        ),
        "may_place": can_post_live(request.user),
        **more,
    }


def desk_view(model_admin, request, object_id: str):
    """``admin/articles/live/desk.html``: the composer, then every entry."""
    article = _live_article(model_admin, request, object_id)
    form = EntryForm(prefix="nieuw")
    if request.method == "POST":
        require(request.user, "articles.add_liveentry", article)
        form = EntryForm(
            request.POST, instance=LiveEntry(article=article), prefix="nieuw"
        )
        if form.is_valid() and _save(request, form, form.instance):
            messages.success(request, _placed_message(form.instance))
            return HttpResponseRedirect(desk_url(article, form.instance))
    user = request.user
    entries = [
        (entry, may(user, "articles.change_liveentry", entry))
        for entry in desk_entries(article)
    ]
    return TemplateResponse(
        request,
        "admin/articles/live/desk.html",
        _context(
            model_admin, request, article, form,
            entries=entries,
            title=_("Live-desk: %(headline)s") % {"headline": article.headline},
            may_delete=may(user, "articles.delete_liveentry"),
        ),
    )  # fmt: skip


def entry_view(model_admin, request, object_id: str, entry_pk: int):
    """``admin/articles/live/entry.html``: one entry's edit form, its notes and
    revisions."""
    article = _live_article(model_admin, request, object_id)
    entry = _entry(article, entry_pk)
    require(request.user, "articles.change_liveentry", entry)
    if request.method == "POST":
        form = EntryForm(request.POST, instance=entry)
        if form.is_valid() and _save(request, form, form.instance):
            messages.success(request, _placed_message(entry))
            return HttpResponseRedirect(desk_url(article, entry))
    else:
        form = EntryForm(instance=entry)
    return _entry_page(model_admin, request, article, entry, form, NoteForm())


def _entry_page(model_admin, request, article, entry, form, note_form):
    return TemplateResponse(
        request,
        "admin/articles/live/entry.html",
        _context(
            model_admin, request, article, form,
            entry=entry,
            note_form=note_form,
            may_note=may(request.user, "articles.add_liveentrynote"),
            revisions=entry.revisions.select_related("created_by"),
            title=_("Live-bericht bewerken"),
        ),
    )  # fmt: skip


def note_view(model_admin, request, object_id: str, entry_pk: int):
    """POST only: an update or correction on one entry."""
    article = _live_article(model_admin, request, object_id)
    entry = _entry(article, entry_pk)
    require(request.user, "articles.add_liveentrynote", entry)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            add_entry_note(entry, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:  # the page again, with what was typed
        entry_form = EntryForm(instance=entry)
        return _entry_page(model_admin, request, article, entry, entry_form, form)
    messages.success(request, _("Update of correctie toegevoegd."))
    return HttpResponseRedirect(desk_url(article, entry))


def delete_view(model_admin, request, object_id: str, entry_pk: int):
    """``admin/articles/live/delete.html`` asks; the POST deletes."""
    article = _live_article(model_admin, request, object_id)
    entry = _entry(article, entry_pk)
    require(request.user, "articles.delete_liveentry", entry)
    if request.method == "POST":
        delete_entry(entry, user=request.user)
        messages.success(request, _("Bericht verwijderd."))
        return HttpResponseRedirect(desk_url(article))
    return TemplateResponse(
        request,
        "admin/articles/live/delete.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "article": article,
            "entry": entry,
            "title": _("Live-bericht verwijderen"),
        },
    )


def close_view(model_admin, request, object_id: str):
    """POST only: end the coverage ("afsluiten"), reopen it ("heropenen"), or set
    the order readers get ended coverage in ("oudste-eerst", "nieuwste-eerst")."""
    article = _live_article(model_admin, request, object_id)
    if not can_post_live(request.user):
        raise PermissionDenied(
            _("Alleen een redacteur sluit een live-verslag af of heropent het.")
        )
    action = request.POST.get("actie")
    if action == "heropenen":
        reopen_coverage(article, user=request.user)
        messages.success(request, _("Het live-verslag loopt weer."))
    elif action in ("oudste-eerst", "nieuwste-eerst"):
        oldest = action == "oudste-eerst"
        set_oldest_first(article, oldest_first=oldest, user=request.user)
        messages.success(
            request,
            _("Lezers zien nu het oudste bericht eerst.")
            if oldest
            else _("Lezers zien nu het nieuwste bericht eerst."),
        )
    else:
        close_coverage(article, user=request.user)
        messages.success(request, _("Het live-verslag is afgesloten."))
    return HttpResponseRedirect(desk_url(article))

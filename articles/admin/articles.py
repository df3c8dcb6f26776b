"""The article admin: the edit form, the list, and (in ``get_urls``) every extra view
an article has. Declarative; writes go through services."""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles import fields
from articles.admin import notes, previews, revisions, workflow
from articles.admin.editor import hero, pasting, writing
from articles.admin.media import with_nonce
from articles.admin.notes import ArticleNoteInline
from articles.admin.workflow import ArticleCommentInline
from articles.conflicts import merged_notice
from articles.dates import precise_label
from articles.forms import ArticleAdminForm, topic_choice_field
from articles.live import desk
from articles.models import Article, ArticleComment, ArticleNote, AutosaveCopy, Topic
from articles.policy import can_edit, can_publish, read_only_reason, require
from articles.sanitize import sanitize_body
from articles.services.articles import save_article
from articles.services.revisions import create_revision
from articles.services.topics import approve_topics_of
from articles.services.workflow import record_transition
from embeds.body import reference_urls
from embeds.models import Embed
from embeds.rendering import render_card


def _lock(object_id: str) -> dict | None:
    """Lock the article's row for the rest of the transaction and read what a save
    compares with (``Article.stored``), in one query. None for no such article."""
    try:
        pk = Article._meta.pk.to_python(unquote(object_id))
    except ValidationError:
        return None
    return (
        Article.objects.select_for_update()
        .filter(pk=pk)
        .order_by()
        .values(*Article.STORED)
        .first()
    )


class MissingEmbedsFilter(admin.SimpleListFilter):
    title = _("ingesloten berichten")
    parameter_name = "berichten"

    def lookups(self, request, model_admin):
        return [("verdwenen", _("met verwijderde of onbereikbare berichten"))]

    def queryset(self, request, queryset):
        if self.value() == "verdwenen":
            return queryset.filter(embeds__in=Embed.objects.missing()).distinct()
        return queryset


_SECTIONS = fields.FORM_SECTIONS


# Every extra view of an article, before the admin's own: (route, view, POST only,
# URL name after "articles_article_"). Each view takes the ArticleAdmin first.
_OBJECT, _ENTRY = "<path:object_id>/", "<path:object_id>/live/<int:entry_pk>/"
EXTRA_VIEWS = [
    ("autosave/", workflow.autosave_view, False, "autosave"),
    # The hero widget's upload and chosen image (articles/admin/editor/hero.py).
    ("hoofdafbeelding/", hero.upload_view, True, "hero_upload"),
    ("hoofdafbeelding/<int:pk>/", hero.image_view, False, "hero_image"),
    ("plakken/", pasting.paste_view, True, "paste"),
    ("<int:pk>/aanwezig/", workflow.presence_view, False, "presence"),
    (f"{_OBJECT}voorbeeldlink/", previews.create_view, True, "preview_create"),
    (
        f"{_OBJECT}voorbeeldlink/<int:link_pk>/intrekken/",
        previews.revoke_view,
        True,
        "preview_revoke",
    ),
    (f"{_OBJECT}versies/", revisions.revisions_view, False, "revisions"),
    (
        f"{_OBJECT}versies/<int:old>/<int:new>/",
        revisions.diff_view,
        False,
        "revision_diff",
    ),
    (
        f"{_OBJECT}versies/<int:version>/herstellen/",
        revisions.restore_view,
        False,
        "revision_restore",
    ),
    # The live desk (articles/live/desk.py); entries by their own pk.
    (f"{_OBJECT}live/", desk.desk_view, False, "live"),
    (f"{_OBJECT}live/afsluiten/", desk.close_view, True, "live_close"),
    (_ENTRY, desk.entry_view, False, "live_entry"),
    (f"{_ENTRY}noot/", desk.note_view, True, "live_note"),
    (f"{_ENTRY}verwijderen/", desk.delete_view, False, "live_delete"),
]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    actions = [workflow.publish_now, workflow.withdraw]
    list_display = [
        "headline",
        "status_label",
        "section",
        "byline",
        "publication",
        "embed_warning",
    ]
    list_filter = [
        writing.StatusFilter,
        MissingEmbedsFilter,
        "section",
        "kind",
        "topics",
        "authors",
    ]
    list_select_related = ["section"]
    search_fields = ["headline", "lede", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ["section", "authors", "related"]
    inlines = [ArticleCommentInline, ArticleNoteInline]
    readonly_fields = [
        "publish_checks",
        "body_length",
        "share_preview",
        "embed_cards",
        "status_history",
        "preview_links",
        "first_publication",
        "body_as_read",
        "version",
        "created_at",
        "modified_at",
    ]
    # The edit form's sections (articles.fields), with what the admin adds to each:
    # the writing column, then the side panel ("writing-side"; right on a wide
    # screen, below the text on a narrow one). change_form.html places them.
    fieldsets = [
        (None, {"fields": [*_SECTIONS["content"], "body_length", "add_post",
                           "embed_cards"]}),
        (_("Klaar om te publiceren?"), {"fields": ["publish_checks"],
                                        "classes": ["writing-side"]}),
        (
            _("Publicatie"),
            {
                "fields": [
                    _SECTIONS["publication"][0],  # the status, then why it changed
                    "transition_reason",
                    # The time and, on the same line, how precisely it is known.
                    tuple(_SECTIONS["publication"][1:3]),
                    *_SECTIONS["publication"][3:],
                    "no_alert",  # the alert switch (ArticleAdminForm)
                    "first_publication",
                    "version",
                    "base_version",
                    "status_history",
                    "preview_links",
                ],
                "classes": ["writing-side"],
            },
        ),
        (_("Rubricering"), {"fields": list(_SECTIONS["classification"]),
                            "classes": ["writing-side"]}),
        (_("Hoofdafbeelding"), {"fields": list(_SECTIONS["image"]),
                                "classes": ["writing-side"]}),
        (_("Zoekmachines en delen"), {"fields": [*_SECTIONS["search_engines"],
                                                 "share_preview"],
                                      "classes": ["writing-side"]}),
    ]  # fmt: skip

    class Media:
        css = {"all": ["css/embeds.css", "css/admin-article.css"]}
        js = [
            "js/admin-paste.js",
            "js/admin-article.js",
            "js/admin-keep-work.js",
            "js/admin-writing.js",
        ]

    # Shown in the change form; each module says what it shows.
    status_history = workflow.status_history
    preview_links = previews.preview_links
    publish_checks = writing.publish_checks
    body_length = writing.body_length
    share_preview = writing.share_preview
    status_label = writing.status_label
    first_publication = writing.first_publication

    def get_urls(self):
        """Every extra view an article has, in one place, before the admin's own.
        Each view takes this admin first; POST-only ones refuse anything else."""

        def view(function, *, post_only=False):
            bound = partial(function, self)
            return self.admin_site.admin_view(
                require_POST(bound) if post_only else bound
            )

        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(route, view(function, post_only=post_only), name=f"{name}_{suffix}")
            for route, function, post_only, suffix in EXTRA_VIEWS
        ] + super().get_urls()

    # -- who may do what (articles.services.workflow decides) -------------------

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return can_edit(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        """A read-only article shows its body as text to read, not as HTML source;
        the alert switch is for those who may publish."""
        fieldsets = super().get_fieldsets(request, obj)
        if not can_publish(request.user):
            fieldsets = [
                (name, {**options, "fields": [
                    f for f in options["fields"] if f != "no_alert"
                ]})
                for name, options in fieldsets
            ]  # fmt: skip
        if obj is None or can_edit(request.user, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [
                "body_as_read" if f == "body" else f
                for f in options["fields"] if f != "add_post"
            ]})
            for name, options in fieldsets
        ]  # fmt: skip

    @admin.display(description=_("tekst"))
    def body_as_read(self, article):
        # Stored sanitized; sanitized again here so nothing else can ever pass.
        return format_html('<div class="body-as-read">{}</div>',
                           mark_safe(sanitize_body(article.body)))  # noqa: S308  # fmt: skip

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only form has no slug input to fill from the headline.
        if obj is not None and not can_edit(request.user, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            choices = workflow.status_choices(request.user)
            if choices is not None:
                kwargs["choices"] = choices
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    # -- the change form -----------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        form.recovered = workflow.recovered_copy(request, obj)
        if "body" in form.base_fields:
            form.base_fields["body"].help_text = pasting.BODY_HELP
        if not can_publish(request.user):  # the alert switch is the Redacteur's
            form.base_fields.pop("no_alert", None)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        workflow.refuse_forged_publication(request)
        # One transaction for the whole save, holding the article's row from here:
        # a save that started meanwhile finishes first, and this one then sees its
        # version and merges with it (articles/conflicts.py); none is lost.
        with transaction.atomic():
            return self._changeform(request, object_id, form_url, extra_context)

    def _changeform(self, request, object_id, form_url, extra_context):
        extra_context = dict(extra_context or {})
        if object_id and request.method == "POST":
            request.locked_row = _lock(object_id)
        article = self.get_object(request, object_id) if object_id else None
        if article is not None and not can_edit(request.user, article):
            if request.method == "POST":
                require(request.user, "articles.change_article", article)
            extra_context["read_only_notice"] = read_only_reason(request.user, article)
        elif object_id and request.method == "GET":
            extra_context["autosave_notice"] = workflow.autosave_notice(
                request, object_id
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        locked = getattr(request, "locked_row", None)
        if article is not None and locked is not None:
            article._stored_row = locked  # read under the lock: no second read
        return article

    def response_post_save_change(self, request, obj):
        """Someone who may no longer change the article they just saved (a reporter
        who sent it for review) lands on it, read-only, with the notice saying what
        happens next; everyone else on the list."""
        if not can_edit(request.user, obj):
            return redirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_post_save_change(request, obj)

    response_post_save_add = response_post_save_change

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = with_nonce(context["media"], request)
        context["scheduled_for"] = writing.show_scheduled(
            context["adminform"].form, kwargs.get("obj")
        )
        return super().render_change_form(request, context, *args, **kwargs)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "authors",
                Prefetch("embeds", Embed.objects.missing(), to_attr="missing_embeds"),
            )
        )

    @admin.display(description=_("ingesloten berichten"))
    def embed_warning(self, article):
        missing = len(article.missing_embeds)
        if not missing:
            return ""
        return format_html(
            '<span class="embed-warning" title="{}">⚠ {}</span>',
            ", ".join(str(embed) for embed in article.missing_embeds),
            ngettext(
                "%(count)d bericht verdwenen",
                "%(count)d berichten verdwenen",
                missing,
            )
            % {"count": missing},
        )

    @admin.display(description=_("voorbeeld van ingesloten berichten"))
    def embed_cards(self, article):
        embeds = list(article.embeds.prefetch_related("media")) if article.pk else []
        order = {url: index for index, url in enumerate(reference_urls(article.body))}
        embeds.sort(key=lambda embed: order.get(embed.url, len(order)))
        if not embeds:
            return _(
                "Nog geen. Zet de link van een bericht op een eigen regel in de tekst, "
                "plak de insluitcode, of gebruik het veld hierboven."
            )
        return format_html_join("", "{}", ((render_card(e),) for e in embeds))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "hero":  # chosen or uploaded in place (editor/hero.py)
            return hero.hero_field(db_field, self.admin_site)
        if db_field.name == "topics":
            topic_admin = self.admin_site._registry[Topic]
            return topic_choice_field(
                db_field,
                self.admin_site,
                can_add=topic_admin.has_add_permission(request),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        old_status = (
            form.initial.get("status", Article.Status.DRAFT)
            if change
            else (Article.Status.DRAFT)
        )
        if not change:
            obj.created_by = request.user
        merged = form.merged if change else None
        form.apply_alert_switch(obj)
        notices = save_article(
            obj,
            extra_posts=form.cleaned_data.get("add_post", ()),
            new_version=change,
            user=request.user,
            comment=merged.comment() if merged else "",
        )
        if merged:
            messages.info(request, merged_notice(merged))
        record_transition(
            obj,
            old_status,
            user=request.user,
            reason=form.cleaned_data.get("transition_reason", ""),
            rescheduled="publish_at" in form.changed_data,
        )
        AutosaveCopy.objects.filter(
            user=request.user, article=obj if change else None
        ).delete()
        for notice in notices:
            messages.warning(request, notice)

    def save_formset(self, request, form, formset, change):
        if formset.model is ArticleComment:
            workflow.save_comments(request, formset)
        elif formset.model is ArticleNote:
            notes.save_notes(request, form, formset)
        else:
            super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        approve_topics_of(form.instance)  # publishing makes its topics public
        # save_model recorded the revision before the form set the relations.
        create_revision(form.instance, user=request.user)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_visible() else None

    @admin.display(description=_("publicatietijd"), ordering="publish_at")
    def publication(self, article):
        """As precise as it is known: "augustus 2021", not "1 augustus 2021 00:00"."""
        return precise_label(article.publish_at, article.publish_precision) or "-"

    @admin.display(description=_("auteurs"))
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

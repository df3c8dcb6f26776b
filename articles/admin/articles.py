"""The article admin: the edit form, the list, and (in ``get_urls``) every extra view
an article has. Declarative; writes go through services."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import fields
from articles.admin.media import NonceMediaMixin
from articles.admin.notes import ArticleNoteInline, NotesAdminMixin
from articles.admin.previews import PreviewAdminMixin
from articles.admin.revisions import RevisionAdminMixin
from articles.admin.workflow import ArticleCommentInline, WorkflowAdminMixin
from articles.forms import ArticleAdminForm, topic_choice_field
from articles.models import Article, AutosaveCopy, Topic
from articles.services.articles import save_article
from articles.services.workflow import record_transition
from embeds.body import reference_urls
from embeds.models import Embed
from embeds.rendering import render_card


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


@admin.register(Article)
class ArticleAdmin(
    NonceMediaMixin,
    RevisionAdminMixin,
    NotesAdminMixin,
    WorkflowAdminMixin,
    PreviewAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "status_label",
        "section",
        "byline",
        "publish_at",
        "embed_warning",
    ]
    list_filter = [
        "status",
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
    autocomplete_fields = ["hero", "section", "authors", "related"]
    inlines = [ArticleCommentInline, ArticleNoteInline]
    readonly_fields = [
        "embed_cards",
        "status_history",
        "first_published_at",
        "version",
        "created_at",
        "modified_at",
    ]
    # The edit form's sections (articles.fields), with what the admin adds to each.
    fieldsets = [
        (None, {"fields": [*_SECTIONS["content"], "add_post", "embed_cards"]}),
        (_("Rubricering"), {"fields": list(_SECTIONS["classification"])}),
        (
            _("Publicatie"),
            {
                "fields": [
                    _SECTIONS["publication"][0],  # the status, then why it changed
                    "transition_reason",
                    *_SECTIONS["publication"][1:],
                    "first_published_at",
                    "version",
                    "base_version",
                    "status_history",
                    "preview_links",
                ]
            },
        ),
        (
            _("Zoekmachines"),
            {"fields": list(_SECTIONS["search_engines"]), "classes": ["collapse"]},
        ),
    ]

    class Media:
        css = {"all": ["css/embeds.css"]}
        js = ["js/admin-paste.js", "js/admin-article.js"]

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
        notices = save_article(
            obj,
            extra_posts=form.cleaned_data.get("add_post", ()),
            new_version=change,
            user=request.user,
        )
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

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_visible() else None

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return format_html(
                '<span title="{}">{}</span>',
                date_format(localtime(article.publish_at), "DATETIME_FORMAT"),
                _("ingepland"),
            )
        return article.get_status_display()

    @admin.display(description=_("auteurs"))
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

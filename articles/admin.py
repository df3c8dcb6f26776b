"""The editors' admin, in Dutch. Declarative; writes go through services."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from taggit import models as taggit_models

from articles.forms import ArticleAdminForm, TopicAliasForm, topic_choice_field
from articles.models import Article, Author, Section, Topic, TopicAlias
from articles.services import prepare_for_save

admin.site.site_header = _("Redactie")
admin.site.site_title = _("Redactie")
admin.site.index_title = _("Beheer van de nieuwssite")


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug", "bio"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["user"]


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    form = TopicAliasForm
    extra = 1


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "alias_list"]
    search_fields = ["name", "slug", "aliases__name", "aliases__slug"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "description"]
    inlines = [TopicAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description=_("aliassen"))
    def alias_list(self, topic):
        return ", ".join(alias.name for alias in topic.aliases.all())


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "status_label", "section", "byline", "publish_at"]
    list_filter = ["status", "section", "kind", "topics", "authors"]
    list_select_related = ["section"]
    search_fields = ["headline", "lede", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ["section", "authors", "related"]
    readonly_fields = ["first_published_at", "version", "created_at", "modified_at"]
    fieldsets = [
        (None, {"fields": ["kicker", "headline", "slug", "kind", "lede", "body"]}),
        (_("Rubricering"), {"fields": ["section", "authors", "topics", "related"]}),
        (
            _("Publicatie"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "updated_at",
                    "language",
                    "first_published_at",
                    "version",
                ]
            },
        ),
        (
            _("Zoekmachines"),
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

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
        prepare_for_save(obj)
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

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


# Topics replace taggit's generic tags; its own admin would only confuse editors.
admin.site.unregister(taggit_models.Tag)

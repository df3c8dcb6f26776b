"""Topics in the admin, with their aliases (ISKP = ISK = IS-K). Topics replace
taggit's generic tags, whose own admin would only confuse editors."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from taggit import models as taggit_models

from articles.forms import TopicAliasForm
from articles.models import Topic, TopicAlias


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

    def get_search_results(self, request, queryset, search_term):
        """Also the topic the term names exactly (``Topic.objects.resolve``): "is k"
        finds ISKP through its alias IS-K, as its page and feeds do."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        named = queryset.resolve(search_term).topic if search_term else None
        if named is not None:
            results = results | queryset.filter(pk=named.pk)
        return results, duplicates

    @admin.display(description=_("aliassen"))
    def alias_list(self, topic):
        return ", ".join(alias.name for alias in topic.aliases.all())


admin.site.unregister(taggit_models.Tag)

"""Topics in the admin, with their aliases (ISKP = ISK = IS-K). Topics replace
taggit's generic tags, whose own admin would only confuse editors.

A Verslaggever proposes topics here (also through the "+" next to an article's
topics); a Redacteur approves them ("Goedkeuren", the filter "voorgesteld").
``articles/policy.py`` decides who may change what; writes go through
``articles/services/topics.py``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from taggit import models as taggit_models

from articles.forms import TopicAliasForm
from articles.models import Topic, TopicAlias
from articles.policy import REASONS, can_approve_topics, may
from articles.services.topics import (
    approve_topics,
    delete_alias,
    save_alias,
    save_topic,
)


class TopicAliasFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Two aliases of one form never share an address, nor take the topic's
        own: each alias needs an address of its own."""
        super().clean()
        seen = {(self.instance.slug or "").lower(): self.instance.name}
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            slug = (form.instance.slug or "").lower()
            name = form.cleaned_data.get("name")
            if not slug or not name:
                continue
            if slug in seen:
                form.add_error(
                    "name",
                    _(
                        "“%(name)s” krijgt hetzelfde webadres (“%(slug)s”) als "
                        "“%(other)s” in dit formulier. Laat er één weg."
                    )
                    % {"name": name, "slug": slug, "other": seen[slug]},
                )
            seen[slug] = name


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    form = TopicAliasForm
    formset = TopicAliasFormSet
    extra = 1
    readonly_fields = ["approval"]

    @admin.display(description=_("status"))
    def approval(self, alias):
        if alias is None or not alias.pk:
            return "–"  # decided when saved: approved for editors, a proposal else
        return gettext("goedgekeurd") if alias.approved else gettext("voorstel")

    # On the topic's page: who may change the topic may add and change its aliases
    # (the service asks the policy again for each alias).
    def _topic_allows(self, request, obj) -> bool:
        return obj is None or may(request.user, "articles.change_topic", obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._topic_allows(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._topic_allows(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._topic_allows(
            request, obj
        )


class ProposalFilter(admin.SimpleListFilter):
    """For editors: what waits for approval (a topic, or an alias of one)."""

    title = _("goedkeuring")
    parameter_name = "goedkeuring"

    def lookups(self, request, model_admin):
        return [("voorgesteld", _("voorgesteld")), ("goedgekeurd", _("goedgekeurd"))]

    def queryset(self, request, queryset):
        waiting = Q(approved=False) | Exists(
            TopicAlias.objects.filter(topic=OuterRef("pk"), approved=False)
        )
        if self.value() == "voorgesteld":
            return queryset.filter(waiting)
        if self.value() == "goedgekeurd":
            return queryset.exclude(waiting)
        return queryset


@admin.action(description=_("Goedkeuren"), permissions=["approve"])
def approve(model_admin, request, queryset):
    """Approve the selected topics and their aliases."""
    count = approve_topics(queryset, user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d onderwerp goedgekeurd, met zijn aliassen.",
            "%(count)d onderwerpen goedgekeurd, met hun aliassen.",
            count,
        )
        % {"count": count},
    )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "alias_list", "approved", "proposed_by"]
    search_fields = ["name", "slug", "aliases__name", "aliases__slug"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "description"]
    inlines = [TopicAliasInline]
    actions = [approve]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("proposed_by")
            .prefetch_related("aliases")
        )

    def get_search_results(self, request, queryset, search_term):
        """Also the topic the term names exactly (``Topic.objects.resolve``): "is k"
        finds ISKP through its alias IS-K, as its page and feeds do."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        named = queryset.resolve(search_term).topic if search_term else None
        if named is not None:
            results = results | queryset.filter(pk=named.pk)
        return results, duplicates

    def get_list_filter(self, request):
        return [ProposalFilter] if can_approve_topics(request.user) else []

    @admin.display(description=_("aliassen"))
    def alias_list(self, topic):
        return ", ".join(alias.name for alias in topic.aliases.all())

    # -- who may do what (articles.policy decides) ---------------------------------

    def has_approve_permission(self, request):
        return can_approve_topics(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (
            obj is None or may(request.user, "articles.change_topic", obj)
        )

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (
            obj is None or may(request.user, "articles.delete_topic", obj)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A topic this person may not change opens read-only, saying why; a change
        posted anyway is refused with that reason."""
        extra_context = dict(extra_context or {})
        topic = self.get_object(request, object_id) if object_id else None
        if topic is not None and not may(request.user, "articles.change_topic", topic):
            if request.method == "POST":
                raise PermissionDenied(REASONS["articles.change_topic"])
            extra_context["readonly_notice"] = REASONS["articles.change_topic"]
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        topic = self.get_object(request, object_id)
        if topic is not None and not self.has_delete_permission(request, topic):
            raise PermissionDenied(
                _(
                    "Je kunt dit onderwerp niet verwijderen: dat doet de "
                    "hoofdredactie. Een voorstel dat niet nodig is, blijft privé "
                    "zolang niemand het goedkeurt."
                )
            )
        return super().delete_view(request, object_id, extra_context)

    # -- writes (articles.services.topics) ------------------------------------------

    def save_model(self, request, obj, form, change):
        save_topic(obj, user=request.user)
        if not obj.approved:
            messages.info(
                request,
                gettext(
                    "“%(name)s” is een voorstel: lezers zien het pas wanneer een "
                    "redacteur het goedkeurt of een artikel ermee publiceert."
                )
                % {"name": obj.name},
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not TopicAlias:
            return super().save_formset(request, form, formset, change)
        aliases = formset.save(commit=False)
        for alias in formset.deleted_objects:
            delete_alias(alias, user=request.user)
        for alias in aliases:
            save_alias(alias, user=request.user)


admin.site.unregister(taggit_models.Tag)

"""Authors in the admin: the byline, its page's slug and the account behind it."""

from django.contrib import admin

from articles.models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug", "bio"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["user"]

"""Authors in the admin: the byline, its page's slug and the account behind it."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin.storing import StoreFailuresInForm
from articles.images.fields import SafeImageField
from articles.models import Author


class AuthorAdminForm(forms.ModelForm):
    # The photo is shown to readers: the safe-image pipeline, like every upload.
    photo = SafeImageField(label=_("Foto"), required=False)

    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo", "user"]


@admin.register(Author)
class AuthorAdmin(StoreFailuresInForm, admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "slug", "bio"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["user"]

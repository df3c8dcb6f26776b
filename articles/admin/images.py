"""The image library in the admin: safe uploads, thumbnails, a clickable focal point.

Who may change or delete an image is the policy's (``articles.policy``): an image a
person may not change opens read-only with a notice saying why, and a POST to it is
refused before the form reads anything. A change to an image readers have seen is
recorded (``articles.images.changes``).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.files.storage import default_storage
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin.storing import StoreFailuresInForm
from articles.images.fields import CleanUpload, SafeImageField
from articles.images.renditions import best
from articles.images.services import save_image
from articles.models import Image
from articles.policy import image_refusal, image_users, may, require


class ImageAdminForm(forms.ModelForm):
    file = SafeImageField(label=_("Bestand"))

    class Meta:
        model = Image
        fields = ["file", "alt", "caption", "credit", "focal_x", "focal_y"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, CleanUpload):
            self.instance.original_bytes = upload.image.original_bytes
        return upload


@admin.register(Image)
class ImageAdmin(StoreFailuresInForm, admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["thumbnail", "alt", "credit", "dimensions", "used_in", "created_at"]
    list_display_links = ["thumbnail", "alt"]
    search_fields = ["alt", "caption", "credit"]
    readonly_fields = ["focal_picker", "dimensions", "used_by", "uploaded_by"]
    fields = [
        "file", "focal_picker", "focal_x", "focal_y", "alt", "caption", "credit",
        "dimensions", "used_by", "uploaded_by",
    ]  # fmt: skip

    class Media:
        js = ["js/admin-focal.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("hero_of"))

    def has_change_permission(self, request, obj=None):
        return may(request.user, "articles.change_image", obj)

    def has_delete_permission(self, request, obj=None):
        return may(request.user, "articles.delete_image", obj)

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, unquote(object_id))
        if image is not None:  # refused with the reason (Django's own has none)
            require(request.user, "articles.delete_image", image)
        return super().delete_view(request, object_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        image = self.get_object(request, unquote(object_id))
        refusal = image_refusal(request.user, image) if image else None
        if refusal and request.method == "POST":
            # Before the form reads the POST: nothing is cleaned, stored or saved.
            require(request.user, "articles.change_image", image, reason=refusal)
        if refusal and self.has_view_permission(request, image):
            extra_context = {**(extra_context or {}), "read_only_notice": refusal}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        save_image(obj, form.changed_data, user=request.user)

    @admin.display(description=_("afbeelding"))
    def thumbnail(self, image):
        small = best(image, kind="w", min_width=160)
        if not small:
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy" '
            'style="max-width:120px;height:auto">',
            default_storage.url(small["name"]), small["width"], small["height"],
        )  # fmt: skip

    @admin.display(description=_("afmetingen"))
    def dimensions(self, image):
        if not image.width:
            return "—"
        size = f"{image.width} × {image.height} px"
        if image.original_bytes:
            size += f", upload {image.original_bytes / 1024:.0f} KB"
        return size

    @admin.display(description=_("gebruikt in"), ordering="article_count")
    def used_in(self, image):
        return gettext("%(count)d artikel(en)") % {"count": image.article_count}

    @admin.display(description=_("artikelen"))
    def used_by(self, image):
        articles = image_users(image)  # as hero or in a live entry
        if not articles:
            return gettext("Nog in geen enkel artikel.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((a.headline,) for a in articles)),
        )

    @admin.display(description=_("focuspunt kiezen"))
    def focal_picker(self, image):
        preview = best(image, kind="w", min_width=640) if image.pk else None
        if not preview:
            return gettext(
                "Sla de afbeelding eerst op; daarna kies je hier het focuspunt."
            )
        return format_html(
            '<div class="focal-picker" style="position:relative;display:inline-block;'
            'cursor:crosshair;max-width:640px"><img src="{}" width="{}" height="{}" '
            'alt="" style="display:block;max-width:100%;height:auto">'
            '<span class="focal-marker" style="position:absolute;left:{}%;top:{}%;'
            "width:18px;height:18px;margin:-9px 0 0 -9px;border:3px solid #fff;"
            'border-radius:50%;box-shadow:0 0 0 2px #000"></span></div>'
            '<p class="help">{}</p>',
            default_storage.url(preview["name"]), preview["width"], preview["height"],
            round(image.focal_x * 100, 2), round(image.focal_y * 100, 2),
            gettext("Klik op het belangrijkste deel van de foto; uitsneden (16:9, 4:3, "
                    "1:1, deelplaatje) houden dat punt in beeld."),
        )  # fmt: skip

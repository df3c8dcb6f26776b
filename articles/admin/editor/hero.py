"""The article's hero image in one step: choose or upload it inside the article form.

``HeroImageWidget`` is the ``hero`` field's widget. Without JavaScript it is a plain
choice among the latest images (and the chosen one); with it, the admin's
autocomplete searches every image by alt text, caption and credit, and a panel
uploads a new one (file, alt text, caption, credit, a focal point set by clicking the
photo) with a live preview of the 16:9, 4:3 and 1:1 crops, drawn in the browser from
the file itself (static/js/admin-hero.js), not from renditions.

The two JSON views behind it are the article admin's (``ArticleAdmin.get_urls``):
``upload_view`` stores a new image through the image admin's own form and service
(``ImageAdminForm``, ``save_image``: the safe-upload gate, the preview, the
renditions task, a failing store's Dutch message) and ``image_view`` tells the
widget about a chosen image or moves its focal point (``set_focal_point``). Every
refusal is a Dutch message in JSON; nothing is half-written.
"""

import logging

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin.images import ImageAdminForm
from articles.images.renditions import best
from articles.images.services import save_image, set_focal_point
from articles.images.storing import store_failure
from articles.models import Image
from articles.policy import image_refusal, may

__all__ = ["HeroImageWidget", "hero_field", "image_view", "upload_view"]

logger = logging.getLogger(__name__)

# How many of the latest images the plain (no-JavaScript) choice offers.
LATEST = 50
PREVIEW_MIN_WIDTH = 640


def describe(image: Image) -> dict:
    """What the widget shows of ``image``: its label, a preview and the focal point.
    No query: the renditions are on the row."""
    preview = best(image, kind="w", min_width=PREVIEW_MIN_WIDTH)
    return {
        "id": image.pk,
        "label": str(image),
        "alt": image.alt,
        "caption": image.caption,
        "credit": image.credit,
        "preview": preview["url"] if preview else "",
        "width": image.width,
        "height": image.height,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
    }


class HeroImageWidget(AutocompleteSelect):
    """The admin's autocomplete for the hero, with the upload and crop panel."""

    # Around the select (rendered by the form renderer, as Django's own) this
    # template, from the project's templates (the form renderer does not see them).
    panel_template = "admin/articles/widgets/hero.html"

    class Media:
        css = {"all": ["css/admin-hero.css"]}
        js = ["js/admin-hero.js"]

    @property
    def media(self):
        return super().media + forms.Media(self.Media)

    def optgroups(self, name, value, attr=None):
        """The chosen image first, then the latest ones, in one query: a choice
        that works as it is when the autocomplete's script never runs."""
        chosen = next((str(v) for v in value if v not in ("", None)), "")
        images = Image.objects.order_by("-created_at")
        if chosen.isdigit():
            images = images.annotate(
                first=Case(
                    When(pk=int(chosen), then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("first", "-created_at")
        self.images = list(images[: LATEST + 1])
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "---------", not chosen, 0))
        for image in self.images:
            selected = str(image.pk) == chosen
            options.append(
                self.create_option(name, image.pk, str(image), selected, len(options))
            )
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # runs optgroups
        chosen = next((i for i in self.images if str(i.pk) == str(value or "")), None)
        context["hero"] = {
            "chosen": describe(chosen) if chosen else None,
            "upload_url": reverse("admin:articles_article_hero_upload"),
            # The widget puts the image's key in place of the 0.
            "image_url": reverse("admin:articles_article_hero_image", args=[0]),
            # As text: the template would write 0,5 in Dutch.
            "focal": (
                f"{chosen.focal_x:.4f}" if chosen else "0.5",
                f"{chosen.focal_y:.4f}" if chosen else "0.5",
            ),
            "crops": [("16:9", "16 / 9"), ("4:3", "4 / 3"), ("1:1", "1 / 1")],
        }
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        select = self._render(self.template_name, context, renderer)
        return loader.render_to_string(
            self.panel_template, {**context, "select": select}
        )


def hero_field(db_field, admin_site, **kwargs) -> forms.ModelChoiceField:
    """The ``hero`` form field: any image, chosen or uploaded in the widget, without
    the popup links of the admin's other relation fields."""
    return forms.ModelChoiceField(
        label=db_field.verbose_name.capitalize(),
        queryset=Image.objects.all(),
        required=not db_field.blank,
        widget=HeroImageWidget(db_field, admin_site),
        help_text=_(
            "Zoek op alt-tekst, bijschrift of fotograaf, of upload een nieuwe foto."
        ),
        **kwargs,
    )


# -- the widget's JSON views (listed in ArticleAdmin.get_urls) -----------------------


class HeroUploadForm(ImageAdminForm):
    """The image admin's form, with messages written for the widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = gettext(
            "Kies eerst een foto om te uploaden."
        )
        self.fields["alt"].error_messages["required"] = gettext(
            "Vul de alt-tekst in: beschrijf in een zin wat er op de foto te zien is, "
            "voor wie hem niet ziet. Zonder alt-tekst bewaren we de foto niet."
        )


def _refused(message: str, status: int, errors: dict | None = None) -> JsonResponse:
    response = JsonResponse(
        {"ok": False, "message": message, "errors": errors or {}}, status=status
    )
    response["Cache-Control"] = "no-store"
    return response


def _answer(image: Image) -> JsonResponse:
    response = JsonResponse({"ok": True, "image": describe(image)})
    response["Cache-Control"] = "no-store"
    return response


def upload_view(model_admin, request):
    """POST (multipart) file, alt, caption, credit, focal_x, focal_y: the new image
    as JSON, to become the hero. 403 for whoever may not add images; 400 with a
    Dutch message per field for bad input; 503 when the media store fails."""
    if not may(request.user, "articles.add_image"):
        return _refused(
            gettext(
                "Je rol staat niet toe dat je afbeeldingen uploadt. Kies een "
                "bestaande afbeelding, of vraag een redacteur om deze toe te voegen."
            ),
            403,
        )
    form = HeroUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = {field: list(messages) for field, messages in form.errors.items()}
        return _refused(
            gettext("De foto is niet bewaard; verbeter wat hieronder staat."),
            400,
            errors,
        )
    image = form.save(commit=False)
    try:
        with transaction.atomic():
            save_image(image, form.changed_data, user=request.user)
    except OSError as error:
        logger.warning("The media store failed during a hero upload", exc_info=True)
        return _refused(store_failure(error), 503)
    return _answer(image)


def image_view(model_admin, request, pk: int):
    """GET: what the widget shows of image ``pk``. POST focal_x, focal_y: move its
    focal point (saved on the image; its renditions are remade in the background)."""
    image = get_object_or_404(Image, pk=pk)
    if not may(request.user, "articles.view_image"):
        return _refused(gettext("Je rol staat niet toe dat je afbeeldingen ziet."), 403)
    if request.method != "POST":
        return _answer(image)
    try:
        with transaction.atomic():
            set_focal_point(
                image,
                request.POST.get("focal_x"),
                request.POST.get("focal_y"),
                user=request.user,
            )
    except PermissionDenied as refusal:
        reason = image_refusal(request.user, image) or str(refusal)
        return _refused(reason, 403)
    except ValidationError as error:
        return _refused(" ".join(error.messages), 400)
    return _answer(image)

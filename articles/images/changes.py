"""What a change to an image readers have seen leaves behind.

An image an article shows (published, withdrawn, or published once before) changes
only through a Redacteur or above (``articles.policy``). Such a change is a new
version of every article that uses the image, whose revision says what changed
("Afbeelding gewijzigd: alt-tekst, bestand"), and one entry in the Logboek. The pages
that show the image are invalidated by the caching signals (an Image or Article
saved moves the content version on).
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import AuditEvent
from articles.models import Article, Image, Revision
from articles.policy import ever_public
from articles.services.revisions import create_revision

__all__ = ["describe", "record_image_change"]

# The fields a person changes, in the order of the form; the focal point is one.
FIELDS = ("file", "alt", "caption", "credit", "focal_x", "focal_y")


def describe(changed: Iterable[str]) -> str:
    """``changed`` (field names) as the Dutch sentence a revision carries, e.g.
    "Afbeelding gewijzigd: alt-tekst, bestand"."""
    changed = set(changed)
    labels = []
    for name in FIELDS:
        if name not in changed:
            continue
        if name.startswith("focal_"):
            label = _("focuspunt")
        else:
            label = str(Image._meta.get_field(name).verbose_name)
        if label not in labels:
            labels.append(label)
    return _("Afbeelding gewijzigd: %(fields)s") % {"fields": ", ".join(labels)}


@transaction.atomic
def record_image_change(image: Image, changed: Iterable[str], *, user=None):
    """After ``image`` was saved with ``changed`` fields: if an article readers have
    seen uses it, a new version and revision of every article using it and one
    Logboek entry. Returns the revisions made (none when no such article uses it)."""
    changed = [name for name in changed if name in FIELDS]
    # Locked: a save of the article at the same moment waits, and no version is
    # taken twice.
    articles = list(Article.objects.select_for_update().filter(hero=image))
    if not changed or not any(ever_public(article) for article in articles):
        return []
    summary = describe(changed)
    revisions: list[Revision] = []
    for article in articles:
        article.version += 1
        article.save(update_fields=["version", "modified_at"])
        revisions.append(create_revision(article, user=user, comment=summary))
    used_in = "; ".join(
        f"{article.headline} ({article.get_status_display()})" for article in articles
    )
    record(
        AuditEvent.Kind.IMAGE_CHANGED,
        subject=str(image) or f"#{image.pk}",
        detail=_("%(summary)s. Gebruikt in: %(articles)s")
        % {"summary": summary, "articles": used_in},
        actor=user if user is not None and user.is_authenticated else None,
    )
    return revisions

"""What a live entry's revision holds: everything an editor can change on it."""

from articles.models import Author, LiveEntry, LiveEntryRevision
from embeds.models import Embed

__all__ = ["record_revision", "snapshot"]

TEXT = ("title", "body", "status", "pinned", "key_moment")


def snapshot(entry: LiveEntry) -> dict:
    """``entry`` as JSON-serialisable data; authors as ids with names (a diff still
    reads after a rename), posts by URL. Relations are asked of the database, never
    of a prefetch cache that predates the save."""
    data = {name: getattr(entry, name) for name in TEXT}
    data["published_at"] = (
        entry.published_at.isoformat() if entry.published_at else None
    )
    data["version"] = entry.version
    data["image"] = entry.image_id
    data["authors"] = [
        {"id": pk, "name": name}
        for pk, name in Author.objects.filter(live_entries=entry)
        .order_by("name", "pk")
        .values_list("pk", "name")
    ]
    data["embeds"] = list(
        Embed.objects.filter(live_entries=entry)
        .order_by("url")
        .values_list("url", flat=True)
    )
    return data


def record_revision(entry: LiveEntry, *, user=None) -> LiveEntryRevision:
    """Store ``entry`` as the revision of its current version (again, if the same
    version is saved twice)."""
    if user is not None and not user.is_authenticated:
        user = None
    revision, _created = LiveEntryRevision.objects.update_or_create(
        entry=entry,
        number=entry.version,
        defaults={"snapshot": snapshot(entry), "created_by": user},
    )
    return revision

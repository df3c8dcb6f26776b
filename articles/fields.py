"""An article's fields, declared once.

Everything that copies, compares or edits an article takes its field names from
here: revisions (snapshot, diff, restore), the archive (export, import, validation),
the admin's edit form and its fieldsets, the save service, and the load-test
generator. ``tests/articles/test_fields.py`` walks ``Article._meta``: a field added to
the model and not placed here fails it, so it cannot be forgotten by any of them.
"""

__all__ = [
    "ALERTS",
    "BOOKKEEPING",
    "BOOKKEEPING_TIMES",
    "DERIVED",
    "EDITABLE",
    "FORM",
    "FORM_SECTIONS",
    "KEPT_ON_RESTORE",
    "LISTS",
    "LIVE",
    "NOT_COPIED",
    "ONE_OF",
    "PLAIN_TEXT",
    "TEXT",
    "TIMES",
]

# The edit form, section by section, in its order: the writing column, then the side
# panel (articles/admin/articles.py). Diffs list changes in this order.
FORM_SECTIONS = {
    "content": ("kicker", "headline", "lede", "body"),
    "publication": (
        "status",
        "publish_at",
        "publish_precision",
        "updated_at",
        "language",
    ),
    "classification": ("kind", "section", "authors", "topics", "related"),
    "image": ("hero",),
    "search_engines": ("slug", "seo_title", "seo_description"),
}
FORM = tuple(name for names in FORM_SECTIONS.values() for name in names)
# Edited through another field: the posts a body embeds are found in the body.
DERIVED = ("embeds",)
# What an editor decides, directly or through the body; the posts listed with the
# other relations.
EDITABLE = (
    *FORM_SECTIONS["content"],
    *FORM_SECTIONS["image"],
    *FORM_SECTIONS["classification"],
    *DERIVED,
    *FORM_SECTIONS["publication"],
    *FORM_SECTIONS["search_engines"],
)

# The kinds of editable field, as copies store them.
TIMES = ("publish_at", "updated_at")  # ISO 8601 text in snapshots
ONE_OF = ("section", "hero")  # a reference to one record
LISTS = ("authors", "topics", "related", "embeds")  # references to many
TEXT = tuple(name for name in EDITABLE if name not in (*TIMES, *ONE_OF, *LISTS))
# Plain text an editor types, composed (NFC) before saving.
PLAIN_TEXT = ("headline", "lede", "kicker", "seo_title", "seo_description")

# Written by the system, never by an editor; the archive keeps them too.
BOOKKEEPING_TIMES = ("first_published_at", "created_at", "modified_at")
BOOKKEEPING = ("version", *BOOKKEEPING_TIMES, "created_by")
# A live article's coverage: set at the live desk (articles/live/services.py), not in
# the edit form, revisions or (yet) the archive.
LIVE = ("live_closed_at", "live_oldest_first")
# An article's alert (articles/alerts): the switch, a checkbox of its own in the
# form's publication fields ("Geen alert versturen"), and the once-only claim. They
# decide a single moment, not the article: no revision, diff, restore or archive
# copies them (an imported article's claim is set by the import).
ALERTS = ("send_alert", "alerted_at")
# Not copied anywhere: the row's own key and the search index built from the text.
NOT_COPIED = ("id", "search_vector")

# What restoring an old revision leaves as it is now: putting the status or the
# publication times back would publish or withdraw without the publish permission
# and the workflow's audit trail; the slug stays so a published URL keeps working.
KEPT_ON_RESTORE = ("slug", "status", "publish_at", "publish_precision", "updated_at")

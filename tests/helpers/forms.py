"""What the admin's article form sends, for tests that post it without a browser."""

from django.utils import timezone

__all__ = ["ARTICLE_INLINES", "article_form"]

# The article form's inline formsets (internal notes, updates and corrections): an
# admin POST must carry their management forms, as the browser's form does.
ARTICLE_INLINES = {
    f"{prefix}-{name}": value
    for prefix in ("comments", "notes")
    for name, value in (
        ("TOTAL_FORMS", "0"),
        ("INITIAL_FORMS", "0"),
        ("MIN_NUM_FORMS", "0"),
        ("MAX_NUM_FORMS", "1000"),
    )
}


def article_form(filing, **overrides) -> dict:
    """A new article, published now, in ``filing``'s section by its author (the
    ``filing`` fixture)."""
    section, author = filing
    now = timezone.localtime()
    data = {
        "headline": "Wat we weten",
        "kind": "explainer",
        "lede": "Intro.",
        "body": "<p>Tekst.</p>",
        "add_post": "",
        "section": section.pk,
        "authors": [author.pk],
        "status": "published",
        "publish_at_0": now.strftime("%d-%m-%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "language": "nl",
    }
    return data | ARTICLE_INLINES | overrides

"""What the admin's article form sends, for tests that post it without a browser."""

from django.utils import timezone

from articles import fields

__all__ = ["ARTICLE_INLINES", "article_form", "change_form"]

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
        "publish_precision": "minute",
        "language": "nl",
    }
    return data | ARTICLE_INLINES | overrides


def change_form(article, **changes) -> dict:
    """The change form as the browser sends it for a saved ``article`` (every field
    of ``articles.fields.FORM`` as it is now, and the version it was opened at),
    with ``changes``."""
    data = {"base_version": article.version}
    for name in fields.FORM:
        value = getattr(article, name)
        if name in fields.LISTS:
            data[name] = [item.pk for item in value.all()]
        elif name in fields.ONE_OF:
            data[name] = value.pk if value else ""
        elif name in fields.TIMES:
            moment = timezone.localtime(value) if value else None
            data[f"{name}_0"] = moment.strftime("%d-%m-%Y") if moment else ""
            data[f"{name}_1"] = moment.strftime("%H:%M:%S") if moment else ""
        else:
            data[name] = value
    return data | ARTICLE_INLINES | changes

"""Someone saved the article after the editor opened it: merge what does not
overlap (``articles/merging.py``), and tell the editor what was merged in from whom,
or where both changed the same thing.

The edit form calls :func:`merge_into` with its cleaned data; the values come back
merged, in the form's own types, so the save that follows stores the merge.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import fields
from articles.merging import Overlap, merge
from articles.models import Article, Author, Image, Revision, Section, Topic
from articles.services.revisions import diff_revisions, html_text, snapshot

__all__ = [
    "Merged",
    "conflict_message",
    "merge_into",
    "merged_notice",
    "overlap_message",
    "saved_by",
]

# What merges: the form's fields that a snapshot holds, but the time of the last
# update (the form keeps the later one itself) and the posts (found in the body).
MERGED = tuple(
    name for name in fields.EDITABLE if name not in (*fields.DERIVED, "updated_at")
)
MODELS = {"section": Section, "hero": Image, "authors": Author, "topics": Topic,
          "related": Article}  # fmt: skip
CHOICE = "samenvoegen_"  # the form's radio buttons: samenvoegen_<overlap key>


@dataclass
class Merged:
    """The outcome for the form: from which version, whose saves, which fields came
    from them, and the overlaps still to choose."""

    base: int
    current: int
    who: list[str]
    theirs: list[str] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)

    def choices(self) -> list[dict]:
        """The overlaps as the form shows them: a label, both texts (the body's
        as readable text) and the radio buttons' name."""
        return [
            {
                "name": CHOICE + overlap.key,
                "label": fields_label(overlap.name),
                "mine": _readable(overlap.name, overlap.mine),
                "theirs": _readable(overlap.name, overlap.theirs),
            }
            for overlap in self.overlaps
        ]

    def comment(self) -> str:
        return _("Samengevoegd met versie %(version)s van %(who)s") % {
            "version": self.current,
            "who": ", ".join(self.who) or _("iemand anders"),
        }


def _readable(name: str, value: str) -> str:
    return html_text(value).strip() if name == "body" else value


def saved_by(article: Article, base: int, current: int) -> list[str]:
    """Who saved ``article`` after version ``base``, up to ``current``."""
    names = []
    for revision in Revision.objects.filter(
        article=article, version__gt=base, version__lte=current
    ).select_related("created_by"):
        user = revision.created_by
        name = (user.get_full_name() or user.get_username()) if user else ""
        if name and name not in names:
            names.append(name)
    return names


def _as_snapshot(name: str, value):
    """A form value in the form snapshots keep it."""
    if name in fields.TIMES:
        return value.isoformat() if value else None
    if name in fields.ONE_OF:
        return {"id": value.pk, "name": str(value)} if value else None
    if name in fields.LISTS:
        return [{"id": item.pk, "name": str(item)} for item in value or []]
    return value


def _as_form(name: str, value):
    """A merged snapshot value back in the form's own type."""
    if name in fields.TIMES:
        return datetime.fromisoformat(value) if value else None
    if name in fields.ONE_OF:
        return MODELS[name].objects.filter(pk=value["id"]).first() if value else None
    if name in fields.LISTS:
        return list(MODELS[name].objects.filter(pk__in=[v["id"] for v in value]))
    return value


def merge_into(article: Article, cleaned: dict, base: int, current: int, data):
    """Merge ``cleaned`` (opened at version ``base``) with version ``current`` as
    stored; update ``cleaned`` in place. None when the base version is not on
    record (then the form refuses as before). ``data`` holds the editor's choices
    for overlaps, valid only against the same ``current``."""
    opened = Revision.objects.filter(article=article, version=base).first()
    if opened is None:
        return None
    names = [name for name in MERGED if name in cleaned]
    mine = {name: _as_snapshot(name, cleaned[name]) for name in names}
    choices = {}
    if data.get("samenvoegen_tegen") == str(current):
        choices = {
            key.removeprefix(CHOICE): value
            for key, value in data.items()
            if key.startswith(CHOICE)
        }
    result = merge(
        opened.snapshot,
        mine,
        snapshot(Article.objects.get(pk=article.pk)),
        times=fields.TIMES,
        refs=fields.ONE_OF,
        lists=fields.LISTS,
        choices=choices,
    )
    for name in result.theirs:
        cleaned[name] = _as_form(name, result.values[name])
    return Merged(
        base=base,
        current=current,
        who=saved_by(article, base, current),
        theirs=result.theirs,
        overlaps=result.overlaps,
    )


def conflict_message(article: Article, base: int, current: int):
    """A Dutch explanation (safe HTML) of who saved in between, when, and what they
    changed, with a link to the full comparison."""
    revisions = {
        r.version: r
        for r in Revision.objects.filter(
            article=article, version__in=[base, current]
        ).select_related("created_by")
    }
    latest = revisions.get(current)
    who = _("iemand anders")
    when = ""
    if latest is not None:
        if latest.created_by is not None:
            who = latest.created_by.get_full_name() or latest.created_by.get_username()
        when = date_format(localtime(latest.created_at), "j F Y, H:i")
    changes = []
    if base in revisions and latest is not None:
        changes = [change.label for change in diff_revisions(revisions[base], latest)]
    compare = reverse(
        "admin:articles_article_revision_diff", args=[article.pk, base, current]
    )
    return format_html(
        "{} {}{}",
        _(
            "Niet opgeslagen: %(who)s heeft dit artikel opgeslagen (%(when)s) nadat "
            "jij het opende. Er is niets overschreven; jouw tekst staat hieronder nog."
        )
        % {"who": who, "when": when or _("onbekend tijdstip")},
        format_html(
            _("Zij wijzigden: {}."),
            format_html_join(", ", "{}", ((name,) for name in changes))
            or _("onbekend"),
        ),
        format_html(
            ' <a href="{}" target="_blank">{}</a> {}',
            compare,
            _("Bekijk hun wijzigingen"),
            _(
                "Neem over wat je wilt houden en sla daarna opnieuw op: dan wordt jouw "
                "versie de nieuwe."
            ),
        ),
    )


def overlap_message(merged: Merged) -> str:
    """Why the save waits: who saved in between, and how many places overlap."""
    return ngettext(
        "Nog niet opgeslagen: %(who)s sloeg dit artikel op nadat jij het opende. "
        "Wat niet botst, wordt samengevoegd, maar op %(count)d plaats veranderden "
        "jullie hetzelfde. Kies hieronder welke tekst blijft en sla opnieuw op; er "
        "is niets overschreven.",
        "Nog niet opgeslagen: %(who)s sloeg dit artikel op nadat jij het opende. "
        "Wat niet botst, wordt samengevoegd, maar op %(count)d plaatsen veranderden "
        "jullie hetzelfde. Kies hieronder per plaats welke tekst blijft en sla "
        "opnieuw op; er is niets overschreven.",
        len(merged.overlaps),
    ) % {
        "who": ", ".join(merged.who) or _("iemand anders"),
        "count": len(merged.overlaps),
    }


def merged_notice(merged: Merged) -> str:
    """What the editor sees after a save that took in someone else's changes."""
    who = ", ".join(merged.who) or _("iemand anders")
    if not merged.theirs:
        return _(
            "Opgeslagen met jouw keuzes over de versie van %(who)s (versie "
            "%(version)s) heen; die versie staat in de geschiedenis."
        ) % {"who": who, "version": merged.current}
    return _(
        "Samengevoegd met de versie van %(who)s (versie %(version)s): hun wijzigingen "
        "in %(fields)s staan er nu ook in. Beide versies staan in de geschiedenis."
    ) % {
        "who": who,
        "version": merged.current,
        "fields": ", ".join(str(fields_label(name)) for name in merged.theirs),
    }


def fields_label(name: str) -> str:
    return Article._meta.get_field(name).verbose_name

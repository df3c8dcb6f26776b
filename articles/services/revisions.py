"""Revisions: a full snapshot of an article at every save, word-level diffs between
two of them, and restoring one as a new version.

``snapshot`` and ``diff_revisions`` only read; ``create_revision`` and
``restore_revision`` write and are called from ``articles.services.articles`` and
the admin.
"""

import difflib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from articles.models import Article, Author, Revision, Section, Topic
from embeds.models import Embed

__all__ = [
    "FieldDiff",
    "RESTORED_FIELDS",
    "create_revision",
    "diff_revisions",
    "restore_revision",
    "snapshot",
]

TEXT_FIELDS = (
    "kicker", "headline", "slug", "kind", "lede", "body", "language", "status",
    "seo_title", "seo_description",
)  # fmt: skip
TIME_FIELDS = ("publish_at", "updated_at")
# What a restore writes back. Status and publication times stay as they are: putting
# them back would publish or withdraw without the publish permission and the
# workflow's audit trail. The slug stays too, so a published URL keeps working.
RESTORED_FIELDS = (
    "kicker", "headline", "kind", "lede", "body", "language", "seo_title",
    "seo_description",
)  # fmt: skip
# The order in which a diff lists changed fields: the order of the edit form.
DIFF_ORDER = (
    "kicker", "headline", "slug", "kind", "lede", "body", "section", "authors",
    "topics", "related", "embeds", "status", "publish_at", "updated_at", "language",
    "seo_title", "seo_description",
)  # fmt: skip
LIST_FIELDS = {"authors", "topics", "related", "embeds"}
PARAGRAPH = "\n"


def snapshot(article: Article) -> dict:
    """Everything an editor can change on ``article``, as JSON-serialisable data.

    Relations are stored as ids with names, so a diff still reads well after a
    topic or author was renamed or deleted.
    """
    data = {name: getattr(article, name) for name in TEXT_FIELDS}
    for name in TIME_FIELDS:
        value = getattr(article, name)
        data[name] = value.isoformat() if value else None
    data["version"] = article.version
    data["section"] = {"id": article.section_id, "name": article.section.name}
    # Asked of the database, never of a prefetch cache: the admin loads the article
    # with its authors before the form sets new ones.
    data["authors"] = [
        {"id": pk, "name": name}
        for pk, name in Author.objects.filter(articles=article).values_list(
            "pk", "name"
        )
    ]
    data["topics"] = [
        {"id": pk, "name": name}
        for pk, name in Topic.objects.filter(
            tagged_articles__content_object=article
        ).values_list("pk", "name")
    ]
    data["related"] = [
        {"id": pk, "name": headline}
        for pk, headline in Article.objects.filter(related_from=article)
        .order_by("headline", "pk")
        .values_list("pk", "headline")
    ]
    data["embeds"] = list(
        Embed.objects.filter(articles=article)
        .order_by("url")
        .values_list("url", flat=True)
    )
    return data


def create_revision(article: Article, *, user=None, comment: str = "") -> Revision:
    """Store the snapshot of ``article`` as the revision of its current version.

    Saving the same version again (the admin saves the article, then its
    relations) updates that revision; ``user`` and ``comment`` replace the stored
    ones only when given.
    """
    if user is not None and not user.is_authenticated:
        user = None
    comment = comment[:300]
    revision, created = Revision.objects.get_or_create(
        article=article,
        version=article.version,
        defaults={
            "snapshot": snapshot(article),
            "created_by": user,
            "comment": comment,
        },
    )
    if not created:
        revision.snapshot = snapshot(article)
        revision.created_by = user or revision.created_by
        revision.comment = comment or revision.comment
        revision.save(update_fields=["snapshot", "created_by", "comment"])
    return revision


@dataclass(frozen=True)
class FieldDiff:
    """One changed field: its Dutch label and ``(op, text)`` chunks, op being
    "equal", "insert" or "delete". For lists, each chunk is one name."""

    name: str
    label: str
    chunks: list[tuple[str, str]] = field(default_factory=list)
    is_list: bool = False


class _TextOfHtml(HTMLParser):
    """The text of body HTML, with a line break wherever a block starts or ends."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "ul", "ol", "blockquote", "br", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html: str) -> str:
    """The text of ``html``: tags dropped, entities decoded, blocks on own lines."""
    parser = _TextOfHtml()
    parser.feed(html or "")
    parser.close()
    return "".join(parser.parts)


def _tokens(text: str) -> list[str]:
    """Words of ``text``, with ``PARAGRAPH`` between its non-empty lines."""
    tokens: list[str] = []
    for line in (text or "").split("\n"):
        words = line.split()
        if words:
            if tokens:
                tokens.append(PARAGRAPH)
            tokens.extend(words)
    return tokens


def _join(tokens: list[str]) -> str:
    text = ""
    for token in tokens:
        if token == PARAGRAPH or text.endswith(PARAGRAPH) or not text:
            text += token
        else:
            text += " " + token
    return text


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(op, text)`` chunks turning ``old`` into ``new``, word by word."""
    a, b = _tokens(old), _tokens(new)
    chunks = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            chunks.append(("equal", _join(a[i1:i2])))
            continue
        if i2 > i1:
            chunks.append(("delete", _join(a[i1:i2])))
        if j2 > j1:
            chunks.append(("insert", _join(b[j1:j2])))
    return chunks


def _list_diff(old: list, new: list) -> list[tuple[str, str]]:
    """Removed and added names; a list that only changed order, old against new."""

    def key(item):
        return item.get("id") if isinstance(item, dict) else item

    def name(item):
        return item.get("name", "") if isinstance(item, dict) else str(item)

    old_keys, new_keys = [key(i) for i in old], [key(i) for i in new]
    removed = [("delete", name(i)) for i in old if key(i) not in new_keys]
    added = [("insert", name(i)) for i in new if key(i) not in old_keys]
    if not removed and not added and old_keys != new_keys:
        return [
            ("delete", ", ".join(name(i) for i in old)),
            ("insert", ", ".join(name(i) for i in new)),
        ]
    return removed + added


def _display(name: str, value) -> str:
    """The text a diff compares for a single-valued field."""
    if value in (None, ""):
        return ""
    if name == "body":
        return html_text(value)
    if name == "section":
        return value.get("name", "")
    if name in TIME_FIELDS:
        moment = parse_datetime(value)
        return date_format(localtime(moment), "DATETIME_FORMAT") if moment else value
    choices = {
        "kind": dict(Article.Kind.choices),
        "status": dict(Article.Status.choices),
        "language": dict(settings.LANGUAGES),
    }
    if name in choices:
        return str(choices[name].get(value, value))
    return str(value)


def _label(name: str) -> str:
    return str(capfirst(Article._meta.get_field(name).verbose_name))


def diff_revisions(old: Revision, new: Revision) -> list[FieldDiff]:
    """The fields that differ between two revisions, in the order of the edit form."""
    diffs = []
    for name in DIFF_ORDER:
        before, after = old.snapshot.get(name), new.snapshot.get(name)
        if name in LIST_FIELDS:
            chunks = _list_diff(before or [], after or [])
            if chunks:
                diffs.append(FieldDiff(name, _label(name), chunks, is_list=True))
            continue
        before, after = _display(name, before), _display(name, after)
        if _tokens(before) != _tokens(after):
            diffs.append(FieldDiff(name, _label(name), word_diff(before, after)))
    return diffs


def _existing(model, items: list[dict], what: str, notices: list[str]) -> list:
    """The records of ``items`` that still exist; a notice for each that does not."""
    found = model.objects.in_bulk([item["id"] for item in items])
    for item in items:
        if item["id"] not in found:
            notices.append(
                _("%(what)s “%(name)s” bestaat niet meer en is overgeslagen.")
                % {"what": what, "name": item.get("name", item["id"])}
            )
    return [found[item["id"]] for item in items if item["id"] in found]


@transaction.atomic
def restore_revision(
    revision: Revision, *, user, notices: list[str] | None = None
) -> Article:
    """Put ``revision``'s content back on its article, saved as a new version with
    a new revision. Status, publication times and slug are kept (``RESTORED_FIELDS``
    says what comes back). Sections, authors, topics and related articles that no
    longer exist are skipped; a notice for each is appended to ``notices``.
    """
    # services imports this module to record revisions; import it when needed.
    from articles.services.articles import save_article

    notices = [] if notices is None else notices
    data = revision.snapshot
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    for name in RESTORED_FIELDS:
        if name in data:
            setattr(article, name, data[name])
    if data.get("section"):
        sections = _existing(Section, [data["section"]], _("Sectie"), notices)
        if sections:
            article.section = sections[0]
    if "authors" in data:
        authors = _existing(Author, data["authors"], _("Auteur"), notices)
        # An article always has a byline: with none of the old authors left, the
        # current ones stay.
        if authors:
            article.authors.set(authors)
    if "topics" in data:
        article.topics.set(_existing(Topic, data["topics"], _("Onderwerp"), notices))
    if "related" in data:
        related = _existing(Article, data["related"], _("Artikel"), notices)
        article.related.set([other for other in related if other.pk != article.pk])
    notices += save_article(
        article,
        new_version=True,
        user=user,
        comment=_("Hersteld van versie %(version)s") % {"version": revision.version},
    )
    return article

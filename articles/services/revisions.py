"""Revisions: a full snapshot of an article at every save and word-level diffs
between two of them (``restore.py`` puts one back as a new version).

``snapshot`` and ``diff_revisions`` only read; ``create_revision`` writes and is
called by ``articles.services.articles`` at every save.
"""

import difflib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime

from articles import fields
from articles.models import Article, Author, Revision, Topic
from embeds.models import Embed

__all__ = [
    "FieldDiff",
    "create_revision",
    "diff_revisions",
    "snapshot_of",
    "snapshot",
]

PARAGRAPH = "\n"


def snapshot(article: Article) -> dict:
    """Everything an editor can change on ``article`` (``articles.fields.EDITABLE``),
    as JSON-serialisable data.

    Relations are stored as ids with names, so a diff still reads well after a
    topic or author was renamed or deleted.
    """
    # Asked of the database, never of a prefetch cache: the admin loads the article
    # with its authors before the form sets new ones.
    return snapshot_of(
        article,
        authors=Author.objects.filter(articles=article).values_list("pk", "name"),
        topics=Topic.objects.filter(
            tagged_articles__content_object=article
        ).values_list("pk", "name"),
        related=Article.objects.filter(related_from=article)
        .order_by("headline", "pk")
        .values_list("pk", "headline"),
        embeds=Embed.objects.filter(articles=article)
        .order_by("url")
        .values_list("url", flat=True),
    )


def snapshot_of(article: Article, *, authors, topics, related, embeds) -> dict:
    """The snapshot of ``article`` with its lists given as ``(pk, name)`` pairs
    (``embeds``: URLs), for callers that know them already (the generator)."""
    data = {name: getattr(article, name) for name in fields.TEXT}
    for name in fields.TIMES:
        value = getattr(article, name)
        data[name] = value.isoformat() if value else None
    data["version"] = article.version
    data["section"] = {"id": article.section_id, "name": article.section.name}
    data["hero"] = (
        {"id": article.hero_id, "name": str(article.hero)} if article.hero_id else None
    )
    for name, pairs in (("authors", authors), ("topics", topics), ("related", related)):
        data[name] = [{"id": pk, "name": label} for pk, label in pairs]
    data["embeds"] = list(embeds)
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
    if name == "publish_precision" and not value:
        value = Article.Precision.MINUTE  # a snapshot from before precisions
    if value in (None, ""):
        return ""
    if name == "body":
        return html_text(value)
    if name in fields.ONE_OF:
        return value.get("name", "")
    if name in fields.TIMES:
        moment = parse_datetime(value)
        return date_format(localtime(moment), "DATETIME_FORMAT") if moment else value
    choices = {
        "kind": dict(Article.Kind.choices),
        "status": dict(Article.Status.choices),
        "language": dict(settings.LANGUAGES),
        "publish_precision": dict(Article.Precision.choices),
    }
    if name in choices:
        return str(choices[name].get(value, value))
    return str(value)


def _label(name: str) -> str:
    return str(capfirst(Article._meta.get_field(name).verbose_name))


def diff_revisions(old: Revision, new: Revision) -> list[FieldDiff]:
    """The fields that differ between two revisions, in the order of the edit form."""
    diffs = []
    for name in fields.EDITABLE:
        before, after = old.snapshot.get(name), new.snapshot.get(name)
        if name in fields.LISTS:
            chunks = _list_diff(before or [], after or [])
            if chunks:
                diffs.append(FieldDiff(name, _label(name), chunks, is_list=True))
            continue
        before, after = _display(name, before), _display(name, after)
        if _tokens(before) != _tokens(after):
            diffs.append(FieldDiff(name, _label(name), word_diff(before, after)))
    return diffs

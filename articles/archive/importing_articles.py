"""Articles from the archive: their rows and links, and their history merged.

An article's fields and links are replaced by the archive's. Its history is merged,
never thinned: notes, internal comments, revisions, status changes and old slugs
missing here are added, those only here are kept. A revision is matched by article
and version and must have the archive's time; an archive older than the article
here is refused (``check_history``), so no newer work is overwritten.

A new article's links and history are collected and written in bulk, a chunk of
articles at a time. The second pass reads the stored history of an article again
rather than keep it from the first, so memory holds one chunk.
"""

from django.db import DatabaseError
from django.utils import timezone

from articles import fields
from articles.archive.keys import ArchiveError, snapshot_in, time_in
from articles.archive.records import (
    ARTICLE_TEXT,
    ARTICLE_TIMES,
    BATCH,
    article_records,
    batches,
)
from articles.archive.storing import check, merge, save, set_links
from articles.models import (
    Article,
    ArticleComment,
    ArticleNote,
    Revision,
    SlugRedirect,
    TaggedArticle,
    Transition,
)

__all__ = ["check_history", "import_articles"]

SCALARS = (*ARTICLE_TEXT, *ARTICLE_TIMES, "section", "hero", "created_by")
# (archive field, through model, its column for the article, for the other side)
LINKS = (
    ("authors", Article.authors.through, "article_id", "author_id"),
    ("topics", TaggedArticle, "content_object_id", "tag_id"),
    ("embeds", Article.embeds.through, "article_id", "embed_id"),
)
RELATED = (Article.related.through, "from_article_id", "to_article_id")


def import_articles(importer) -> None:
    """Every article of ``importer.source``, in two passes a chunk at a time: first
    the rows (so that each has an id) with their authors, topics and posts, then
    what refers to other articles (related articles, the revisions' snapshots)
    and the rest of the history. Between the passes only each written article's
    id and what happened to it are kept. Counts go to the importer's summary."""
    tally = importer.summary.tallies["articles"]
    written = importer.written
    for chunk in importer.chunks("articles"):
        stored = _stored([record["slug"] for record in chunk], importer.keys)
        for record in chunk:
            pk, old = stored.get(record["slug"], (None, None))
            if old == record:
                tally.unchanged += 1
                continue
            where = f"artikel “{record['slug']}”"
            if old is not None:
                check_history(record, old, where)
            pk, changed = write_article(importer, record, pk, old, where)
            importer.remember("articles", record["slug"], pk)
            written[record["slug"]] = (pk, old is None, changed)
        # As save_article has it: a slug in use again is no longer an old address.
        slugs = [record["slug"] for record in chunk if record["slug"] in written]
        SlugRedirect.objects.filter(old_slug__in=slugs).delete()
        _write_pending(importer)
    for chunk in importer.chunks("articles"):
        chunk = [record for record in chunk if record["slug"] in written]
        again = [r["slug"] for r in chunk if not written[r["slug"]][1]]
        stored = _stored(again, importer.keys)
        for record in chunk:
            pk, new, changed = written[record["slug"]]
            old = None if new else stored[record["slug"]][1]
            where = f"artikel “{record['slug']}”"
            changed = write_history(importer, pk, record, old, where) or changed
            if new:
                tally.new += 1
            elif changed:
                tally.updated += 1
            else:  # only history here that the archive lacks: kept, nothing written
                tally.unchanged += 1
            written[record["slug"]] = (pk, new, changed)
        _write_pending(importer)


def _write_pending(importer) -> None:
    """The new articles' links and history collected for this chunk, in bulk."""
    for model, rows in importer.pending.items():
        try:
            model.objects.bulk_create(rows, batch_size=BATCH)
        except DatabaseError as error:
            raise ArchiveError(
                f"{model._meta.verbose_name_plural}: kunnen niet worden opgeslagen "
                f"({error})."
            ) from None
    importer.pending.clear()


def _stored(slugs: list[str], keys) -> dict:
    """``{slug: (pk, record)}`` of the articles here with these slugs."""
    stored = {}
    for batch in batches(slugs):
        ids = Article.objects.filter(slug__in=batch).values_list("pk", flat=True)
        stored.update(article_records(list(ids), keys))
    return stored


def write_article(importer, record, pk, old, where) -> tuple[int, bool]:
    """The article's row and its authors, topics and posts; (id, anything written)."""
    changed = old is None or any(old[name] != record[name] for name in SCALARS)
    if changed:
        article = Article(
            pk=pk,
            **{name: record[name] for name in ARTICLE_TEXT},
            **{name: time_in(record[name]) for name in ARTICLE_TIMES},
            section_id=importer.ref("sections", record["section"], where),
            hero_id=importer.ref("images", record["hero"], where),
            created_by_id=importer.user(record["created_by"]),
        )
        _keep_alert(article, pk)
        pk = save(article, where, exclude=["section", "hero", "created_by"])
    for kind, through, owner, target in LINKS:
        if old is None or old[kind] != record[kind]:
            targets = [importer.ref(kind, key, where) for key in record[kind]]
            _link(importer, old, (through, owner, target), pk, targets)
            changed = True
    return pk, changed


def _keep_alert(article: Article, pk: int | None) -> None:
    """The alert is no part of the archive (``articles.fields.ALERTS``): an article
    here keeps its switch and claim; a new one that readers saw before (visible, or
    visible once) counts as alerted, so an import sends no alert for the past. A
    scheduled one is alerted when its time comes."""
    if pk is not None:
        stored = Article.objects.filter(pk=pk).values(*fields.ALERTS).first()
        if stored is not None:
            for name, value in stored.items():
                setattr(article, name, value)
            return
    now = timezone.now().replace(microsecond=0)
    first = article.first_published_at
    if article.is_visible(at=now) or (first is not None and first <= now):
        article.alerted_at = now


def write_history(importer, pk, record, old, where) -> bool:
    """Related articles, notes, comments, revisions, status changes and old slugs;
    whether anything was written."""
    changed = False
    if old is None or old["related"] != record["related"]:
        targets = [importer.ref("articles", slug, where) for slug in record["related"]]
        _link(importer, old, RELATED, pk, targets)
        changed = True
    for kind, (model, key, rest, build) in HISTORY.items():
        if old is not None and old[kind] == record[kind]:
            continue
        rows = []
        for number, item in enumerate(record[kind], 1):
            row = build(importer, pk, item)
            # Only what needs no query: the database holds the unique constraints.
            where_row = f"{where}, {_name(kind, item, number)}"
            check(row, where_row, exclude=FOREIGN, unique=False)
            rows.append(row)
        if old is None and model is not SlugRedirect:
            importer.pending[model] += rows
            changed = changed or bool(rows)
        else:
            changed = merge(model, pk, rows, key, rest) or changed
    return changed


def _link(importer, old, through_columns, pk, targets) -> None:
    through, owner, target = through_columns
    if old is None:  # nothing stored to compare with: written in bulk at the end
        importer.pending[through] += [
            through(**{owner: pk, target: t}) for t in targets
        ]
    else:
        set_links(through, owner, target, pk, targets)


def check_history(record: dict, old: dict, where: str) -> None:
    """Refuse an archive whose history of this article is not this one's past."""
    here = {revision["version"]: revision for revision in old["revisions"]}
    newest = max([old["version"], *here])
    if newest > record["version"]:
        raise ArchiveError(
            f"{where}: hier staat al versie {newest}, in het archief versie "
            f"{record['version']}. Het archief is ouder dan dit artikel; importeren "
            "zou nieuwer werk overschrijven. Wil je de versie uit het archief, zet "
            "die dan terug via Versies in het beheer, of verwijder het artikel hier "
            "eerst."
        )
    for revision in record["revisions"]:
        stored = here.get(revision["version"])
        if stored and stored["created_at"] != revision["created_at"]:
            raise ArchiveError(
                f"{where}: versie {revision['version']} is hier opgeslagen op "
                f"{_local(stored['created_at'])} en in het archief op "
                f"{_local(revision['created_at'])}: de geschiedenis hier en in het "
                "archief loopt uiteen. Verwijder het artikel hier eerst als de "
                "versie uit het archief moet gelden."
            )


def _local(moment: str) -> str:
    return timezone.localtime(time_in(moment)).strftime("%d-%m-%Y %H:%M:%S")


def _name(kind: str, item: dict, number: int) -> str:
    if kind == "revisions":
        return f"revisie {item['version']}"
    if kind == "slug_redirects":
        return f"oud webadres “{item['old_slug']}”"
    return f"{LABELS[kind]} {number}"


def _note(importer, pk: int, item: dict) -> ArticleNote:
    return ArticleNote(
        article_id=pk,
        kind=item["kind"],
        text=item["text"],
        at=time_in(item["at"]),
        author_id=importer.user(item["author"]),
    )


def _comment(importer, pk: int, item: dict) -> ArticleComment:
    return ArticleComment(
        article_id=pk,
        text=item["text"],
        created_at=time_in(item["created_at"]),
        author_id=importer.user(item["author"]),
    )


def _revision(importer, pk: int, item: dict) -> Revision:
    def resolve(kind: str, slug: str) -> int | None:
        return importer.pks[kind].get(slug)

    return Revision(
        article_id=pk,
        version=item["version"],
        snapshot=snapshot_in(item["snapshot"], resolve),
        created_at=time_in(item["created_at"]),
        created_by_id=importer.user(item["created_by"]),
        comment=item["comment"],
    )


def _transition(importer, pk: int, item: dict) -> Transition:
    return Transition(
        article_id=pk,
        from_status=item["from_status"],
        to_status=item["to_status"],
        publish_at=time_in(item["publish_at"]),
        actor_id=importer.user(item["actor"]),
        reason=item["reason"],
        at=time_in(item["at"]),
    )


def _redirect(importer, pk: int, item: dict) -> SlugRedirect:
    return SlugRedirect(
        article_id=pk, old_slug=item["old_slug"], created_at=time_in(item["created_at"])
    )


# kind: (model, fields that find the stored row, fields the archive then sets, build)
HISTORY = {
    "notes": (ArticleNote, ("kind", "at", "text"), ("author_id",), _note),
    "comments": (ArticleComment, ("created_at", "text"), ("author_id",), _comment),
    "revisions": (
        Revision, ("version",), ("snapshot", "created_by_id", "comment"), _revision,
    ),
    "transitions": (
        Transition, ("at", "from_status", "to_status"),
        ("publish_at", "actor_id", "reason"), _transition,
    ),
    "slug_redirects": (
        SlugRedirect, ("old_slug",), ("article_id", "created_at"), _redirect,
    ),
}  # fmt: skip
LABELS = {"notes": "update of correctie", "comments": "interne notitie",
          "transitions": "statuswijziging"}  # fmt: skip
# Resolved by the importer (a user is created if need be); never looked up again.
FOREIGN = ["article", "author", "created_by", "actor"]

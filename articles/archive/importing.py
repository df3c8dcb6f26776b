"""The import: an archive into this database, all of it or nothing (one transaction).

Records are matched by natural key (slug, URL, storage path, username). One stored
exactly as the archive has it is not written again, so importing the same archive
twice changes nothing the second time. Otherwise the archive's fields replace the
stored ones ("bijgewerkt"); for articles see ``importing_articles``. Nothing is
fetched from the network: posts come from the archive. Rows are stored as they are
(``storing``) and the caches hear of it once, at the end.

Users are matched by username. One that does not exist here is created inactive and
without a password, so every "door ..." survives; an administrator activates those
who should log in again.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from articles.archive.importing_articles import import_articles
from articles.archive.keys import ArchiveError, Keys, time_in
from articles.archive.records import (
    BATCH,
    EMBED_FIELDS,
    EMBED_TIMES,
    IMAGE_FIELDS,
    author_records,
    embed_records,
    image_records,
    records_by_key,
    section_records,
    topic_records,
)
from articles.archive.sources import as_source
from articles.archive.storing import build, check, save
from articles.archive.validating import LISTS, checked_records, validate
from articles.caching.targets import list_urls, sitemap_urls
from articles.caching.version import content_changed
from articles.models import Author, Image, Section, Topic, TopicAlias
from embeds.models import Embed, EmbedMedia

__all__ = ["ImportSummary", "Tally", "import_archive"]

LABELS = {
    "articles": "artikelen",
    "sections": "secties",
    "authors": "auteurs",
    "topics": "onderwerpen",
    "images": "afbeeldingen",
    "embeds": "ingesloten berichten",
    "users": "gebruikers",
}
# kind: (model, natural key, Dutch name of one record); key and name as validated.
KINDS = {
    kind: (model, LISTS[kind][2], LISTS[kind][1])
    for kind, model in (
        ("sections", Section),
        ("authors", Author),
        ("topics", Topic),
        ("images", Image),
        ("embeds", Embed),
        ("articles", None),
    )
}


@dataclass
class Tally:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return (
            f"{self.new} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd"
        )


@dataclass
class ImportSummary:
    tallies: dict[str, Tally] = field(
        default_factory=lambda: {kind: Tally() for kind in LABELS}
    )
    new_users: list[str] = field(default_factory=list)
    # Files the archive names that storage lacks: MEDIA_ROOT is restored apart.
    missing_files: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(tally.new or tally.updated for tally in self.tallies.values())

    def lines(self) -> list[str]:
        """``"artikelen: 0 nieuw, 0 bijgewerkt, 12 ongewijzigd"``, one per kind."""
        return [f"{LABELS[kind]}: {tally}" for kind, tally in self.tallies.items()]


def import_archive(data, *, dry_run: bool = False) -> ImportSummary:
    """Import ``data`` (an ``ArchiveFile`` scanned by ``sources.scan``, or a parsed
    archive), or nothing: ArchiveError names the first bad record. ``dry_run``:
    count what would change, then roll back.

    The archive is read in passes, a chunk of records at a time: every record
    checked first (``validate``), then written, articles in two passes (rows, then
    what refers to other articles), then the files it names looked for. Memory
    holds a chunk and the natural keys, never every record."""
    source = as_source(data)
    version, users = validate(source)
    with transaction.atomic():
        summary = _Import(source, version, users).run()
        if dry_run:
            transaction.set_rollback(True)
    summary.missing_files = _missing_files(source)
    return summary


class _Import:
    """One import's state: ids by natural key, as they are and as they become."""

    def __init__(self, source, version: int, users: dict[str, dict]):
        self.source = source
        self.version = version
        self.summary = ImportSummary()
        self.keys = Keys.load()
        self.pks = {
            kind: {key: pk for pk, key in getattr(self.keys, kind).items()}
            for kind in ("users", *KINDS)
        }
        self.user_names = users
        self.pending = defaultdict(list)  # new rows, written in bulk
        # Articles written, by slug: (id, new, anything written). An index of the
        # size of the archive's keys, between the passes and for the caches.
        self.written: dict[str, tuple[int, bool, bool]] = {}

    def chunks(self, kind: str) -> Iterator[list[dict]]:
        """The checked records of ``kind``, ``BATCH`` at a time."""
        chunk = []
        for record in checked_records(self.source, kind, self.version):
            chunk.append(record)
            if len(chunk) == BATCH:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def remember(self, kind: str, key: str, pk: int) -> None:
        """``key`` is now stored as ``pk``: for references, and for reading the
        stored records of what refers to it."""
        self.pks[kind][key] = pk
        getattr(self.keys, kind)[pk] = key

    def run(self) -> ImportSummary:
        for username in self.user_names:
            if username in self.pks["users"]:
                self.summary.tallies["users"].unchanged += 1
            else:
                self.user(username)
        self.records("sections", section_records, self.write_section)
        self.records("authors", author_records, self.write_author)
        self.records("topics", topic_records, self.write_topic)
        self.records("images", image_records, self.write_image)
        self.records("embeds", embed_records, self.write_embed)
        import_articles(self)
        if self.summary.changed:
            changed = [(pk, slug) for slug, (pk, _, c) in self.written.items() if c]
            paths = [f"/artikel/{slug}/" for _pk, slug in changed]
            keys = [f"article-{pk}" for pk, _slug in changed]
            content_changed(
                [*paths, *list_urls(), *sitemap_urls()], ["lists", *keys], shared=True
            )
        return self.summary

    def user(self, username: str | None) -> int | None:
        """The id of the user named ``username``, created inactive and without a
        password if there is none: the archive's "door ..." is kept."""
        if username is None:
            return None
        if username in self.pks["users"]:
            return self.pks["users"][username]
        model = get_user_model()
        names = self.user_names.get(username, {})
        account = model(
            **{model.USERNAME_FIELD: username},
            first_name=names.get("first_name", ""),
            last_name=names.get("last_name", ""),
            is_active=False,
        )
        account.set_unusable_password()
        check(account, f"gebruiker “{username}”", exclude=["password"])
        account.save()
        self.remember("users", username, account.pk)
        self.summary.tallies["users"].new += 1
        self.summary.new_users.append(username)
        return account.pk

    def ref(self, kind: str, key: str | None, where: str) -> int | None:
        """The id of the record of ``kind`` with natural key ``key``."""
        if key is None:
            return None
        try:
            return self.pks[kind][key]
        except KeyError:
            raise ArchiveError(
                f"{where}: {KINDS[kind][2]} “{key}” staat niet in het archief en "
                "bestaat hier ook niet."
            ) from None

    def records(self, kind: str, stored_records, write) -> None:
        """Each record of ``kind``: compared with what is stored, written if new or
        different."""
        model, key, name = KINDS[kind]
        tally = self.summary.tallies[kind]
        for chunk in self.chunks(kind):
            wanted = [record[key] for record in chunk]
            stored = records_by_key(
                stored_records, model.objects, key, wanted, self.keys
            )
            for record in chunk:
                pk, old = stored.get(record[key], (None, None))
                if old == record:
                    tally.unchanged += 1
                    continue
                where = f"{name} “{record[key]}”"
                self.remember(kind, record[key], write(record, pk, old, where))
                if pk is None:
                    tally.new += 1
                else:
                    tally.updated += 1

    def write_section(self, record, pk, old, where) -> int:
        return save(Section(pk=pk, **record), where)

    def write_author(self, record, pk, old, where) -> int:
        author = Author(
            pk=pk,
            **{name: record[name] for name in ("slug", "name", "bio", "photo")},
            user_id=self.user(record["user"]),
        )
        return save(author, where, exclude=["user"])

    def write_topic(self, record, pk, old, where) -> int:
        """The topic and exactly the archive's aliases."""
        fields = {name: record[name] for name in ("slug", "name", "description")}
        pk = save(Topic(pk=pk, **fields), where)
        wanted = {alias["slug"]: alias for alias in record["aliases"]}
        TopicAlias.objects.filter(topic_id=pk).exclude(slug__in=wanted).delete()
        stored = {a.slug: a for a in TopicAlias.objects.filter(slug__in=wanted)}
        for slug, alias in wanted.items():
            row = stored.get(slug)
            if row is None or (row.topic_id, row.name) != (pk, alias["name"]):
                alias_pk = row.pk if row else None
                alias_row = TopicAlias(pk=alias_pk, topic_id=pk, **alias)
                save(alias_row, f"{where}, alias “{slug}”", exclude=["topic"])
        return pk

    def write_image(self, record, pk, old, where) -> int:
        image = build(
            Image,
            where,
            {"file": record["file"]},
            pk=pk,
            **{name: record[name] for name in IMAGE_FIELDS},
            uploaded_by_id=self.user(record["uploaded_by"]),
            created_at=time_in(record["created_at"]),
        )
        return save(image, where, exclude=["file", "uploaded_by"])

    def write_embed(self, record, pk, old, where) -> int:
        """The post and exactly the archive's media (the files are not touched)."""
        fields = {name: record[name] for name in EMBED_FIELDS}
        times = {name: time_in(record[name]) for name in EMBED_TIMES}
        pk = save(Embed(pk=pk, **fields, **times), where)
        if old is None or old["media"] != record["media"]:
            EmbedMedia.objects.filter(embed_id=pk).delete()
            media = []
            for item in record["media"]:
                named = f"{where}, media {item['position']}"
                fields = {
                    name: value for name, value in item.items() if name != "image"
                }
                row = build(
                    EmbedMedia, named, {"image": item["image"]}, embed_id=pk, **fields
                )
                check(row, named, exclude=["embed", "image"])
                media.append(row)
            EmbedMedia.objects.bulk_create(media)
        return pk


def _missing_files(source) -> list[str]:
    """The originals, author photos and post images the archive names that are not
    in storage (asked through each field's storage: a bucket as well as a disk).
    Renditions are not looked for: one original missing says enough."""
    wanted = (
        *((Image, "file", image["file"]) for image in source.records("images")),
        *(
            (Author, "photo", author["photo"])
            for author in source.records("authors")
            if author["photo"]
        ),
        *(
            (EmbedMedia, "image", item["image"])
            for embed in source.records("embeds")
            for item in embed["media"]
            if item["image"]
        ),
    )
    return [
        name
        for model, field_name, name in wanted
        if not model._meta.get_field(field_name).storage.exists(name)
    ]

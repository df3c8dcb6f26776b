"""export_archive and import_archive: a lossless, idempotent, all-or-nothing round trip."""

import json
from datetime import UTC, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils import timezone

from articles.archive import (
    ArchiveError,
    dumps,
    export_archive,
    import_archive,
    importing_articles,
)
from articles.caching.version import current as current_version
from articles.fields import ALERTS
from articles.images.services import store_upload
from articles.management.commands.export_archive import parse_since
from articles.models import (
    Article,
    ArticleComment,
    ArticleNote,
    Author,
    Image,
    Revision,
    Section,
    SlugRedirect,
    Topic,
    TopicAlias,
    Transition,
)
from articles.services.articles import save_article
from articles.services.notes import add_note
from articles.services.restore import restore_revision
from articles.services.workflow import transition
from embeds.body import reference_paragraph
from embeds.models import Embed, EmbedMedia
from embeds.parsing import parse_embed_code
from embeds.post import Media, Post
from embeds.services import archive_post
from tests.helpers.samples.embeds import X_URL, YOUTUBE_CODE
from tests.helpers.samples.images import encode, scene

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MODELS = (
    Article, ArticleComment, ArticleNote, Author, Embed, EmbedMedia, Image, Revision,
    Section, SlugRedirect, Topic, TopicAlias, Transition, User,
)  # fmt: skip


@pytest.fixture
def newsroom(make_article, make_user):
    """Sections, authors with accounts, topics with aliases, a hero image, an archived
    post with a copied image, and articles with every kind of history."""
    eva = make_user(
        "eva", "editor", first_name="Eva", last_name="Mulder", password=None
    )
    jan = make_user(
        "jan", "editor", first_name="Jan", last_name="de Vries", password=None
    )
    buitenland = Section.objects.create(name="Buitenland", slug="buitenland")
    binnenland = Section.objects.create(
        name="Binnenland", slug="binnenland", description="Uit Nederland.", position=2
    )
    author_eva = Author.objects.create(
        name="Eva Mulder", slug="eva-mulder", bio="Correspondent in Kabul.",
        user=eva, photo="authors/eva.jpg",
    )  # fmt: skip
    author_jan = Author.objects.create(name="Jan de Vries", slug="jan-de-vries")
    iskp = Topic.objects.create(name="ISKP", slug="iskp", description="IS Khorasan.")
    TopicAlias.objects.create(topic=iskp, name="ISK", slug="isk")
    TopicAlias.objects.create(topic=iskp, name="IS-K", slug="is-k")
    taliban = Topic.objects.create(name="Taliban", slug="taliban")
    passing = Topic.objects.create(name="Tijdelijk", slug="tijdelijk")
    hero = store_upload(
        encode(scene((400, 300)), "JPEG"), filename="poort.jpg",
        alt="Wachtenden bij de poort", caption="Kabul, 26 augustus.",
        credit="ANP / Jan Jansen", focal=(0.3, 0.7), user=eva,
    )  # fmt: skip
    post = Post(
        provider="x", url=X_URL, post_id="1430000000000000001",
        author_name="Jane Reporter", author_handle="@janereporter",
        author_url="https://x.com/janereporter",
        text_html="<p>Long queues at the airport.</p>",
        text="Long queues at the airport.", language="en",
        published_at=datetime(2021, 8, 26, 7, 15, tzinfo=UTC), source="code",
        media=(Media(kind="image", url="https://pbs.twimg.com/media/a.jpg",
                     alt="Queue at the gate"),),
    )  # fmt: skip
    embed = archive_post(post, fetch=False)
    embed.media.get().image.save(
        "x-copy.png", ContentFile(encode(scene((40, 30)), "PNG"))
    )
    Embed.objects.filter(pk=embed.pk).update(
        state=Embed.State.DELETED,
        last_checked_at=timezone.now(),
        check_error="Niet gevonden (404)",
    )

    explainer = make_article(
        headline="Wat we weten over ISKP", kicker="Afghanistan", kind="explainer",
        lede="De aanslag bij het vliegveld.", section=buitenland,
        body="<p>Eerste alinea met <strong>nadruk</strong>.</p><h2>Wie</h2>"
        + reference_paragraph(X_URL),
        hero=hero, authors=[author_eva, author_jan], topics=[iskp, taliban, passing],
        seo_title="ISKP uitgelegd", created_by=eva,
    )  # fmt: skip
    explainer.headline = "Wat we weten over ISKP, de IS-tak in Afghanistan"
    explainer.slug = "wat-we-weten-over-iskp-de-is-tak"
    save_article(explainer, new_version=True, user=jan, comment="Kop aangescherpt")
    add_note(explainer, kind="update", text="Dodental bijgewerkt.", user=eva)
    add_note(explainer, kind="correction", text="De aanslag was op 26 augustus.",
             user=jan, at=timezone.now() + timedelta(seconds=5))  # fmt: skip
    ArticleComment.objects.create(article=explainer, author=jan, text="Bron checken.")
    draft = make_article(
        headline="Concept: evacuatie", status="draft", section=binnenland,
        authors=[author_jan], created_by=jan,
        extra_posts=[parse_embed_code(YOUTUBE_CODE)],
    )  # fmt: skip
    assert draft.embeds.get().last_checked_at is None  # never checked: kept empty
    transition(draft, "review", user=eva)
    scheduled = make_article(
        headline="Ingepland stuk", publish_at=timezone.now() + timedelta(days=2)
    )
    withdrawn = make_article(headline="Teruggetrokken stuk", topics=[taliban])
    transition(withdrawn, "unpublished", user=eva, reason="Bron bleek onbetrouwbaar.")
    unicode = make_article(headline="Çok güzel: نشر في كابول", language="en")
    explainer.related.set([scheduled, unicode])
    scheduled.related.set([explainer])
    save_article(explainer, new_version=True, user=eva)  # a snapshot with related
    # A topic deleted after a revision named it: the snapshot keeps only its name.
    explainer.topics.remove(passing)
    passing.delete()
    save_article(explainer, new_version=True, user=eva, comment="Onderwerp weg")
    return {
        "explainer": Article.objects.get(pk=explainer.pk),
        "draft": draft,
        "scheduled": scheduled,
        "withdrawn": withdrawn,
        "unicode": unicode,
        "eva": eva,
    }


def empty_database():
    """Everything the archive covers, deleted: as good as another database."""
    Article.objects.all().delete()
    for model in (Image, Embed, Topic, Author, Section, User):
        model.objects.all().delete()


NATURAL = {User: "username", Section: "slug", Author: "slug", Topic: "slug",
           Image: "file", Article: "slug", Embed: "url"}  # fmt: skip


def rows(model, key) -> dict:
    """The rows of ``model`` as the database holds them (not as Django fills them in
    when it loads one), by ``key(row)``; relations by natural key, ids left out."""
    names = {m: dict(m.objects.values_list("pk", f)) for m, f in NATURAL.items()}
    found = {}
    for stored in model.objects.values():
        row = {}
        for field in model._meta.concrete_fields:
            # The alert's switch and claim are not archived (articles.fields.ALERTS):
            # an import marks what readers saw as alerted at the time of the import.
            if field.primary_key or field.name in ALERTS:
                continue
            value = stored[field.attname]
            if field.is_relation and value is not None:
                value = names[field.related_model][value]
            row[field.name] = value
        found[key(row)] = row
    return found


def natural_snapshot(snapshot: dict) -> dict:
    """A revision snapshot with its ids looked up: the records they must point at."""
    models = {
        "section": Section,
        "hero": Image,
        "authors": Author,
        "topics": Topic,
        "related": Article,
    }
    result = dict(snapshot)
    for name, model in models.items():
        key = "file" if model is Image else "slug"
        slugs = dict(model.objects.values_list("pk", key))

        def named(item, slugs=slugs):
            return {"name": item["name"], "slug": slugs.get(item["id"])}

        value = snapshot[name]
        if value is None or isinstance(value, dict):
            result[name] = named(value) if value else None
        else:
            result[name] = [named(i) for i in value]
    return result


def links(relation: str) -> list[tuple]:
    """An article's many-to-many links, as (article slug, target's natural key)."""
    target = {"authors": "slug", "topics": "slug", "related": "slug", "embeds": "url"}
    pairs = Article.objects.filter(**{f"{relation}__isnull": False}).values_list(
        "slug", f"{relation}__{target[relation]}"
    )
    return sorted(pairs)


def stored_state() -> dict:
    """Every row the archive covers, keyed by natural key, compared field by field."""
    revisions = rows(Revision, lambda row: (row["article"], row["version"]))
    for revision in revisions.values():
        revision["snapshot"] = natural_snapshot(revision["snapshot"])
    state = {
        "articles": rows(Article, lambda row: row["slug"]),
        "revisions": revisions,
        "embeds": rows(Embed, lambda row: row["url"]),
        "media": rows(EmbedMedia, lambda row: (row["embed"], row["position"])),
        "images": rows(Image, lambda row: row["file"]),
        "sections": rows(Section, lambda row: row["slug"]),
        "authors": rows(Author, lambda row: row["slug"]),
        "topics": rows(Topic, lambda row: row["slug"]),
        "aliases": rows(TopicAlias, lambda row: row["slug"]),
        "users": sorted(
            User.objects.values_list("username", "first_name", "last_name")
        ),
    }
    for relation in ("authors", "topics", "related", "embeds"):
        state[f"article {relation}"] = links(relation)
    for model in (ArticleNote, ArticleComment, Transition, SlugRedirect):
        state[model.__name__] = rows(model, repr)
    return state


def differences(before, after, path="") -> list[str]:
    """Where two nested values differ, as paths: one line per field."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after), key=repr):
            if key not in after or key not in before:
                found.append(
                    f"{path}/{key}: only {'before' if key in before else 'after'}"
                )
            else:
                found += differences(before[key], after[key], f"{path}/{key}")
        return found
    if (
        isinstance(before, list)
        and isinstance(after, list)
        and len(before) == len(after)
    ):
        return [
            line
            for number, (old, new) in enumerate(zip(before, after, strict=True))
            for line in differences(old, new, f"{path}[{number}]")
        ]
    return [] if before == after else [f"{path}: {before!r} != {after!r}"]


def without_time(archive: dict) -> dict:
    return {key: value for key, value in archive.items() if key != "exported_at"}


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def run(command: str, *args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def round_trip(archive: dict) -> dict:
    """The archive as the file holds it: dumped and parsed again."""
    return json.loads(dumps(archive))


# -- the round trip ------------------------------------------------------------------


def test_round_trip_into_an_empty_database_is_lossless(newsroom):
    """Export, empty the database, import: every field of every row comes back, and
    a second export equals the first, field by field."""
    before = stored_state()
    first = export_archive()
    assert len(first["articles"]) == 5
    empty_database()
    assert not Article.objects.exists()

    summary = import_archive(round_trip(first))

    assert str(summary.tallies["articles"]) == "5 nieuw, 0 bijgewerkt, 0 ongewijzigd"
    assert sorted(summary.new_users) == ["eva", "jan"]
    assert differences(before, stored_state()) == []
    second = export_archive()
    assert differences(without_time(first), without_time(second)) == []
    assert without_time(first) == without_time(second)


def test_round_trip_keeps_what_readers_and_editors_rely_on(newsroom):
    """Spot checks on the restored data: history, old URLs, the post's archived copy,
    the hero's renditions, the workflow's audit trail."""
    explainer = newsroom["explainer"]
    hero = explainer.hero
    archive = round_trip(export_archive())
    empty_database()
    import_archive(archive)

    restored = Article.objects.get(slug=explainer.slug)
    assert restored.version == 4
    assert [r.comment for r in restored.revisions.order_by("version")] == [
        "", "Kop aangescherpt", "", "Onderwerp weg",
    ]  # fmt: skip
    assert SlugRedirect.objects.get().article == restored
    assert [n.kind for n in restored.notes.order_by("at")] == ["update", "correction"]
    assert restored.notes.get(kind="correction").author.username == "jan"
    assert restored.hero.renditions == hero.renditions and len(hero.renditions) > 5
    assert restored.hero.file.name == hero.file.name
    assert restored.embeds.get().state == Embed.State.DELETED
    assert restored.embeds.get().media.get().image.name.endswith(".png")
    withdrawn = Article.objects.get(slug=newsroom["withdrawn"].slug)
    assert withdrawn.transitions.get().reason == "Bron bleek onbetrouwbaar."
    eva = User.objects.get(username="eva")
    assert not eva.is_active and not eva.has_usable_password()
    assert eva.author.slug == "eva-mulder"


def test_restoring_an_imported_revision_finds_the_right_records(newsroom):
    """Snapshot ids are translated: an old revision restores sections, authors,
    topics and related articles of this database, not whatever has the old id."""
    archive = round_trip(export_archive())
    empty_database()
    Section.objects.create(name="Opvulling", slug="opvulling")  # shift the ids
    Topic.objects.create(name="Opvulling", slug="opvulling")
    import_archive(archive)
    explainer = Article.objects.get(slug=newsroom["explainer"].slug)
    notices = []
    restore_revision(explainer.revisions.get(version=3), user=None, notices=notices)
    explainer.refresh_from_db()
    assert explainer.section.slug == "buitenland"
    assert sorted(explainer.topics.values_list("slug", flat=True)) == [
        "iskp", "taliban",
    ]  # fmt: skip
    assert sorted(explainer.related.values_list("slug", flat=True)) == sorted(
        [newsroom["scheduled"].slug, newsroom["unicode"].slug]
    )
    assert notices == ["Onderwerp “Tijdelijk” bestaat niet meer en is overgeslagen."]


# Fields an archive record leaves out on purpose: ids, the row it belongs to (it is
# nested inside that row's record) and what the database derives itself. A topic's
# or alias's approval stays behind too: imported ones are approved (the import is
# the system's), and a proposal has no public page unless a published article uses
# it, which publishing approves anyway.
# A live article's coverage state (closed, readers' order) is not archived yet, nor
# are its entries (articles.fields.LIVE).
# Nor is the alert (articles.fields.ALERTS).
LEFT_OUT = {"id", "article", "embed", "topic", "search_vector", "approved",
            "proposed_by", "live_closed_at", "live_oldest_first",
            *ALERTS}  # fmt: skip


def test_every_field_is_in_the_archive(newsroom):
    """A field added to a model must be added to the archive (or to LEFT_OUT)."""
    archive = export_archive()
    article = next(a for a in archive["articles"] if a["notes"] and a["revisions"])
    withdrawn = next(a for a in archive["articles"] if a["transitions"])
    records = {
        Article: article, ArticleNote: article["notes"][0],
        ArticleComment: article["comments"][0], Revision: article["revisions"][0],
        SlugRedirect: article["slug_redirects"][0],
        Transition: withdrawn["transitions"][0], Section: archive["sections"][0],
        Author: archive["authors"][0], Topic: archive["topics"][0],
        TopicAlias: archive["topics"][0]["aliases"][0], Image: archive["images"][0],
        Embed: archive["embeds"][0], EmbedMedia: archive["embeds"][0]["media"][0],
    }  # fmt: skip
    for model, record in records.items():
        names = {field.name for field in model._meta.concrete_fields} - LEFT_OUT
        assert names <= set(record), (model.__name__, names - set(record))


def test_two_exports_of_the_same_data_are_byte_identical(newsroom, time_machine):
    """Sorted keys and lists: the same data gives the same bytes."""
    time_machine.move_to(timezone.now(), tick=False)
    first, _ = run("export_archive")
    second, _ = run("export_archive")
    assert first == second
    assert json.loads(first)["format"] == "redactie-archive"


def test_export_writes_utf8_to_a_file(newsroom, tmp_path):
    """--output writes the same archive as stdout, as UTF-8, not escaped."""
    (tmp_path / "uit").mkdir()
    path = tmp_path / "uit" / "archief.json"
    out, err = run("export_archive", output=str(path))
    assert out == ""
    assert f"Archief geschreven naar {path}: 5 artikelen" in err
    text = path.read_bytes().decode("utf-8")
    assert "نشر" in text and "\\u" not in text
    assert without_time(json.loads(text)) == without_time(export_archive())
    assert [p.name for p in path.parent.iterdir()] == ["archief.json"]  # no leftovers


# -- importing again -----------------------------------------------------------------


def test_second_import_changes_nothing(newsroom, tmp_path):
    """Importing the same archive twice: the second run writes nothing."""
    path = tmp_path / "archief.json"
    run("export_archive", output=str(path))
    empty_database()
    run("import_archive", str(path))
    state, version = stored_state(), current_version().number

    out, _ = run("import_archive", str(path))

    assert "artikelen: 0 nieuw, 0 bijgewerkt, 5 ongewijzigd" in out
    assert "ingesloten berichten: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in out
    assert "gebruikers: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in out
    assert stored_state() == state
    assert current_version().number == version  # no cache was emptied


def test_import_over_the_same_database_changes_nothing(newsroom):
    """An archive imported where it came from finds everything in place."""
    before = stored_state()
    summary = import_archive(round_trip(export_archive()))
    assert not summary.changed
    assert str(summary.tallies["articles"]) == "0 nieuw, 0 bijgewerkt, 5 ongewijzigd"
    assert stored_state() == before


def test_the_order_inside_the_file_does_not_matter(newsroom):
    """Lists reordered by hand (or by another tool) are the same archive."""
    archive = round_trip(export_archive())
    for name in ("articles", "topics", "embeds", "users"):
        archive[name].reverse()
    for article in archive["articles"]:
        for name in ("authors", "topics", "notes", "revisions"):
            article[name].reverse()
    for topic in archive["topics"]:
        topic["aliases"].reverse()
    summary = import_archive(archive)
    assert not summary.changed
    assert without_time(export_archive()) == without_time(round_trip(export_archive()))


def test_an_article_changed_here_gets_the_archive_fields_back(newsroom):
    """An article with the archive's slug takes the archive's fields: bijgewerkt.
    History only here (a later note) is kept."""
    explainer = newsroom["explainer"]
    archive = round_trip(export_archive())
    Article.objects.filter(pk=explainer.pk).update(headline="Verminkt", status="draft")
    explainer.topics.clear()
    later = add_note(explainer, kind="update", text="Later toegevoegd.", user=None)
    version = current_version().number

    summary = import_archive(archive)

    assert str(summary.tallies["articles"]) == "0 nieuw, 1 bijgewerkt, 4 ongewijzigd"
    explainer.refresh_from_db()
    assert explainer.headline.startswith("Wat we weten over ISKP")
    assert explainer.status == "published"
    assert sorted(explainer.topics.values_list("slug", flat=True)) == [
        "iskp",
        "taliban",
    ]
    assert ArticleNote.objects.filter(pk=later.pk).exists()
    assert explainer.revisions.count() == 4  # no revision doubled
    assert current_version().number > version  # caches learn of it


def test_an_archive_older_than_the_article_is_refused(newsroom, tmp_path):
    """Newer work here is never overwritten by an older archive; nothing changes."""
    path = tmp_path / "archief.json"
    run("export_archive", output=str(path))
    explainer = newsroom["explainer"]
    explainer.headline = "Nieuwer dan het archief"
    save_article(explainer, new_version=True)
    Section.objects.filter(slug="binnenland").update(name="Hernoemd")
    before = counts()

    with pytest.raises(CommandError) as refused:
        run("import_archive", str(path))

    message = str(refused.value)
    assert f"artikel “{explainer.slug}”: hier staat al versie 5" in message
    assert (
        "in het archief versie 4" in message and "Er is niets geïmporteerd." in message
    )
    assert Section.objects.get(slug="binnenland").name == "Hernoemd"  # not restored
    assert Article.objects.get(pk=explainer.pk).headline == "Nieuwer dan het archief"
    assert counts() == before


def test_a_revision_with_another_history_is_refused(newsroom):
    """Same version, another time: the histories diverged; nothing is imported."""
    explainer = newsroom["explainer"]
    archive = round_trip(export_archive())
    Revision.objects.filter(article=explainer, version=2).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    with pytest.raises(
        ArchiveError, match="versie 2 is hier opgeslagen op .* en in het archief op"
    ):
        import_archive(archive)


# -- --since ------------------------------------------------------------------------


def test_since_exports_what_changed_and_what_it_uses(make_article):
    """Articles saved, noted or revised since the date, with their section, authors,
    topics and posts; older articles and unused records stay out."""
    old = make_article(headline="Oud stuk")
    untouched = make_article(
        headline="Ook oud", section=Section.objects.create(name="Sport", slug="sport")
    )
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    for article in (old, untouched):
        Article.objects.filter(pk=article.pk).update(modified_at=long_ago)
        article.revisions.update(created_at=long_ago)
    new = make_article(headline="Nieuw stuk")
    since = parse_since("2024-01-01")

    archive = export_archive(since=since)

    assert [a["slug"] for a in archive["articles"]] == [new.slug]
    assert [s["slug"] for s in archive["sections"]] == ["buitenland"]
    assert archive["since"] == "2023-12-31T23:00:00+00:00"
    add_note(old, kind="correction", text="Later gecorrigeerd.", user=None)
    assert [a["slug"] for a in export_archive(since=since)["articles"]] == sorted(
        [new.slug, old.slug]
    )


def test_since_on_the_command_line(newsroom):
    """--since takes an ISO date; nothing changed since then: an empty archive."""
    out, err = run("export_archive", since="2999-01-01")
    archive = json.loads(out)
    assert archive["articles"] == [] and archive["sections"] == []
    assert archive["since"] == "2998-12-31T23:00:00+00:00"
    assert "0 artikelen" in err
    with pytest.raises(CommandError, match="geen geldige datum of tijd"):
        run("export_archive", since="31-12-2024")


def test_since_takes_dates_and_times_in_amsterdam():
    """A date is midnight in Amsterdam; a time without zone is Amsterdam time."""
    assert parse_since("2024-07-01") == datetime(2024, 7, 1, tzinfo=AMSTERDAM)
    assert parse_since("2024-07-01T09:30") == datetime(
        2024, 7, 1, 9, 30, tzinfo=AMSTERDAM
    )
    assert parse_since("2024-07-01T09:30Z") == datetime(2024, 7, 1, 9, 30, tzinfo=UTC)
    with pytest.raises(CommandError, match="--since 'gisteren' is geen geldige datum"):
        parse_since("gisteren")


def test_since_archive_applies_on_top_of_an_older_restore(newsroom, time_machine):
    """A full archive, then one --since it: together they restore the later state."""
    full = round_trip(export_archive())
    time_machine.move_to(timezone.now() + timedelta(hours=1), tick=False)
    explainer = newsroom["explainer"]
    explainer.lede = "Een nieuwe intro."
    save_article(explainer, new_version=True)
    later = round_trip(export_archive(since=timezone.now() - timedelta(minutes=1)))
    assert [a["slug"] for a in later["articles"]] == [explainer.slug]
    expected = stored_state()
    empty_database()

    import_archive(full)
    summary = import_archive(later)

    assert str(summary.tallies["articles"]) == "0 nieuw, 1 bijgewerkt, 0 ongewijzigd"
    assert differences(expected, stored_state()) == []


# -- all or nothing -----------------------------------------------------------------


def test_a_bad_later_record_leaves_nothing(newsroom):
    """The last article fails Django's checks after the others were written: the
    whole import is rolled back, users included."""
    archive = round_trip(export_archive())
    archive["articles"][-1]["headline"] = "x" * 201
    last = archive["articles"][-1]["slug"]
    empty_database()
    with pytest.raises(ArchiveError) as refused:
        import_archive(archive)
    assert str(refused.value).startswith(f"artikel “{last}”: kop: ")
    assert "200" in str(refused.value)
    assert all(number == 0 for number in counts().values())


def test_a_failure_halfway_through_the_history_leaves_nothing(newsroom, monkeypatch):
    """A database error on a later article's history: nothing of the import stays."""
    archive = round_trip(export_archive())
    empty_database()
    real = importing_articles.write_history
    calls = {"n": 0}

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise DatabaseError("schijf vol")
        return real(*args)

    monkeypatch.setattr(importing_articles, "write_history", failing)
    with pytest.raises(DatabaseError):
        import_archive(archive)
    assert all(number == 0 for number in counts().values())


def test_dry_run_reports_and_writes_nothing(newsroom, tmp_path):
    """--dry-run shows what would change and leaves the database as it was."""
    path = tmp_path / "archief.json"
    run("export_archive", output=str(path))
    empty_database()
    out, _ = run("import_archive", str(path), dry_run=True)
    assert "Proefimport, niets opgeslagen" in out
    assert "artikelen: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd" in out
    assert all(number == 0 for number in counts().values())


# -- what the import refuses -----------------------------------------------------------


def _article(archive):
    return archive["articles"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a.update(format="iets-anders"), "Dit is geen Redactie-archief"),
        (lambda a: a.update(version=3), "Archiefversie 3 kan hier niet worden ingelezen; deze versie van Redactie leest versie 1 en 2. Werk Redactie bij"),
        (lambda a: a.pop("embeds"), "Het archief mist de lijst “embeds”"),
        (lambda a: _article(a).update(section="nergens"), "artikel “testartikel-1”: sectie “nergens” staat niet in het archief en bestaat hier ook niet."),
        (lambda a: _article(a).update(authors=["niemand"]), "artikel “testartikel-1”: auteur “niemand” staat niet in het archief"),
        (lambda a: _article(a).pop("lede"), "artikel “testartikel-1”: het veld “lede” ontbreekt."),
        (lambda a: _article(a).update(extra=1), "artikel “testartikel-1”: onbekend veld “extra”."),
        (lambda a: _article(a).update(publish_at="gisteren"), "artikel “testartikel-1”: “publish_at” is geen geldige tijd (“gisteren”); gebruik ISO 8601"),
        (lambda a: _article(a).update(version="2"), "artikel “testartikel-1”: “version” moet een geheel getal zijn, niet tekst."),
        (lambda a: _article(a).update(status="weg"), "artikel “testartikel-1”: status: Waarde 'weg' is geen geldige keuze."),
        (lambda a: _article(a).update(hero="../../etc/passwd"), "artikel “testartikel-1”: “hero” is geen geldig pad in de mediamap"),
        (lambda a: _article(a)["revisions"][0].update(version=None), "artikel “testartikel-1”, revisie 1: “version” moet een geheel getal zijn, niet null."),
        (lambda a: a["articles"].append(dict(_article(a))), "artikel “testartikel-1”: staat meer dan eens in het archief."),
        (lambda a: a["sections"][0].update(position=-1), "sectie “buitenland”: volgorde: "),
    ],
    ids=[
        "format", "version", "missing-list", "unknown-section", "unknown-author",
        "missing-field", "unknown-field", "bad-time", "bad-type", "bad-choice",
        "unsafe-path", "bad-revision", "duplicate", "bad-section",
    ],
)  # fmt: skip
def test_bad_archives_are_refused_with_a_clear_message(
    make_article, tmp_path, change, message
):
    """Each problem is named with its record and field; nothing is written."""
    make_article()
    archive = round_trip(export_archive())
    empty_database()
    change(archive)
    path = tmp_path / "archief.json"
    path.write_text(json.dumps(archive), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run("import_archive", str(path))
    assert message in str(refused.value)
    assert str(refused.value).endswith("Er is niets geïmporteerd.")
    assert all(number == 0 for number in counts().values())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'{"format": "redactie-archive", "vers',
            "geen geldige JSON (regel 1, kolom 32",
        ),
        (b"\xff\xfe{}", "geen UTF-8-tekst"),
        (b"[]", "Dit is geen Redactie-archief"),
    ],
    ids=["truncated", "not-utf8", "not-an-object"],
)
def test_unreadable_files_are_refused(db, tmp_path, content, message):
    """A cut-off, mis-encoded or foreign file: a clear message, nothing written."""
    path = tmp_path / "archief.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        run("import_archive", str(path))


def test_missing_file_is_named(db):
    """A path that does not exist is named as such."""
    with pytest.raises(CommandError, match="bestaat-niet.json: bestand niet gevonden"):
        run("import_archive", "bestaat-niet.json")


# -- what the import does not do ---------------------------------------------------------


def test_import_asks_no_provider_anything(newsroom, settings, monkeypatch):
    """Posts come from the archive: no oEmbed request, no media fetch."""
    archive = round_trip(export_archive())
    empty_database()
    settings.EMBEDS_FETCH = True

    def no_network(*args, **kwargs):
        raise AssertionError("the import went to the network")

    monkeypatch.setattr("embeds.fetching.fetch", no_network)
    monkeypatch.setattr("embeds.oembed.fetch_oembed", no_network)
    import_archive(archive)
    assert Embed.objects.get(url=X_URL).text == "Long queues at the airport."


def test_import_names_media_files_missing_from_storage(newsroom, tmp_path):
    """Files are restored with MEDIA_ROOT, not from the archive: missing ones are
    named (the author's photo here was never uploaded)."""
    path = tmp_path / "archief.json"
    run("export_archive", output=str(path))
    empty_database()
    out, err = run("import_archive", str(path))
    assert "let op: 1 bestand(en) uit het archief ontbreken in de media-opslag, " in err
    assert "bijvoorbeeld authors/eva.jpg" in err
    assert "Nieuwe gebruikers, inactief en zonder wachtwoord: eva, jan." in out

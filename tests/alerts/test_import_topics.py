"""import_article --topic: wire copy arrives tagged (a topic's name, slug or alias,
as the admin finds them); an unknown name writes nothing."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Topic, TopicAlias

pytestmark = pytest.mark.django_db

TEXT = "date 2024-03-22 Aanslag bij Kabul\n\nDe intro.\n"


@pytest.fixture
def topics(filing):
    iskp = Topic.objects.create(name="ISKP", slug="iskp")
    TopicAlias.objects.create(topic=iskp, name="IS-K", slug="is-k")
    taliban = Topic.objects.create(name="Taliban", slug="taliban")
    return iskp, taliban


@pytest.fixture
def wire(tmp_path):
    path = tmp_path / "draad.txt"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "given", [["--topic", "ISKP"], ["--topic", "iskp"], ["--topic", "is-k"],
              ["--topic", "IS-K", "--topic", "iskp"]],
)  # fmt: skip
def test_a_name_slug_or_alias_tags_the_article_once(wire, topics, given):
    call_command("import_article", wire, "--publish", *given)
    assert list(Article.objects.get().topics.values_list("slug", flat=True)) == ["iskp"]


def test_several_topics_after_one_option(wire, topics):
    call_command("import_article", wire, "--topic", "Taliban", "IS-K")
    slugs = set(Article.objects.get().topics.values_list("slug", flat=True))
    assert slugs == {"iskp", "taliban"}


def test_an_unknown_topic_is_refused_with_what_is_close_and_nothing_written(
    wire, topics
):
    with pytest.raises(CommandError) as refused:
        call_command("import_article", wire, "--publish", "--topic", "ISKP",
                     "--topic", "Talibaan")  # fmt: skip
    assert "Onbekend onderwerp: 'Talibaan'" in str(refused.value)
    assert "Bedoel je: Taliban?" in str(refused.value)
    assert not Article.objects.exists()

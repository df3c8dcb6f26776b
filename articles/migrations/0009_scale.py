"""Public lists and search at 100 000 articles.

Partial indexes in the lists' order (visible articles only) for home, feeds,
sitemaps and a section's list, replacing ``article_public``; one on the update time
for the sitemap index; a topic's articles from the index alone. A stored
``search_vector``: on PostgreSQL a trigger fills it from headline, lede and body
(so bulk_create and update() are covered too), existing rows are filled here, and a
GIN index finds the matches. The trigger, the backfill and the GIN index are
PostgreSQL's alone: on SQLite the column stays empty and search uses its fallback.
"""

import django.contrib.postgres.search
from django.db import migrations, models

# The weighting of articles/search.py: headline A, lede B, body C, Dutch stemming.
# PostgreSQL's parser skips HTML tags, so the body is indexed as stored.
VECTOR = " || ".join(
    f"setweight(to_tsvector('dutch', coalesce({{row}}{column}, '')), '{weight}')"
    for column, weight in (("headline", "A"), ("lede", "B"), ("body", "C"))
)
FORWARD = [
    f"""
    CREATE FUNCTION articles_article_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := {VECTOR.format(row="NEW.")};
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF headline, lede, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    f"UPDATE articles_article SET search_vector = {VECTOR.format(row='')}",  # noqa: S608 (constants only)
    "CREATE INDEX article_search ON articles_article USING gin (search_vector)",
    # Topic and author pages join through these tables; with a frequency for each
    # of up to 1000 topics or authors the planner tells a rare one from a common
    # one, and reads a rare topic's few rows instead of walking all articles.
    "ALTER TABLE articles_taggedarticle ALTER COLUMN tag_id SET STATISTICS 1000",
    "ALTER TABLE articles_article_authors ALTER COLUMN author_id SET STATISTICS 1000",
    "ANALYZE articles_article, articles_taggedarticle, articles_article_authors",
]
BACKWARD = [
    "ALTER TABLE articles_taggedarticle ALTER COLUMN tag_id SET STATISTICS -1",
    "ALTER TABLE articles_article_authors ALTER COLUMN author_id SET STATISTICS -1",
    "DROP INDEX IF EXISTS article_search",
    "DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_vector()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_content_version"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_public",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-publish_at", "-id"],
                name="article_published",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["section", "-publish_at", "-id"],
                name="article_section_published",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-updated_at"],
                name="article_updated",
            ),
        ),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(fields=["tag", "content_object"], name="topic_articles"),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="zoekindex"
            ),
        ),
        migrations.RunPython(
            _on_postgresql(FORWARD), _on_postgresql(BACKWARD), elidable=False
        ),
    ]

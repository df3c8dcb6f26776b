"""python manage.py load_demo: the demo newsroom, creating only what is missing.

Running it again changes nothing; an article an editor has changed is left alone.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from articles.images.services import store_upload
from articles.live.services import add_entry_note, close_coverage, post_entry
from articles.models import (
    Article,
    Author,
    FrontPageSlot,
    Section,
    Topic,
    TopicAlias,
)
from articles.services.articles import create_article
from articles.services.frontpage import current_front_page, save_front_page
from articles.text_import import parse_entry_text
from demo import content as demo
from demo import live
from demo.hero import draw_hero
from embeds.models import Embed
from embeds.parsing import parse_embed_code
from embeds.services import archive_post


class Command(BaseCommand):
    help = "Laad de demo-inhoud (secties, auteurs, onderwerpen, artikelen)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = []
        for data in demo.SECTIONS:
            _, new = Section.objects.get_or_create(
                slug=data["slug"],
                defaults={k: v for k, v in data.items() if k != "slug"},
            )
            created += [f"sectie {data['slug']}"] if new else []
        for data in demo.AUTHORS:
            _, new = Author.objects.get_or_create(
                slug=data["slug"], defaults={"name": data["name"], "bio": data["bio"]}
            )
            created += [f"auteur {data['slug']}"] if new else []
        for data in demo.TOPICS:
            topic, new = Topic.objects.get_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "description": data["description"]},
            )
            created += [f"onderwerp {data['slug']}"] if new else []
            for alias in data["aliases"]:
                TopicAlias.objects.get_or_create(
                    slug=slugify(alias, allow_unicode=True),
                    defaults={"topic": topic, "name": alias},
                )
        for data in demo.EMBED_CODES:
            post = parse_embed_code(data["code"])
            if not Embed.objects.filter(url=post.url).exists():
                # From the code alone: the demo never asks a provider for more.
                embed = archive_post(post, fetch=False)
                Embed.objects.filter(pk=embed.pk).update(
                    state=data["state"],
                    last_seen_at=parse_datetime(data.get("last_seen", ""))
                    or embed.last_seen_at,
                )
                created.append(f"bericht {post.url}")
        for data in demo.ARTICLES:
            if Article.objects.filter(slug=data["slug"]).exists():
                continue
            self._create(data)
            created.append(f"artikel {data['slug']}")
        for data in demo.ARTICLES:
            if data.get("related"):
                article = Article.objects.get(slug=data["slug"])
                if not article.related.exists():
                    article.related.set(
                        Article.objects.filter(slug__in=data["related"])
                    )
        if not Article.objects.filter(slug=live.LIVE_SLUG).exists():
            self._live_blog()
            created.append(f"liveblog {live.LIVE_SLUG}")
        if not FrontPageSlot.objects.exists():
            # The editors' top stories, so the home page shows its second tier.
            picks = Article.objects.in_bulk(demo.TOP_STORIES, field_name="slug")
            save_front_page(
                current_front_page(),
                user=None,
                slots=[picks[slug] for slug in demo.TOP_STORIES if slug in picks],
            )
            created.append("topverhalen")
        if created:
            self.stdout.write(f"Demo-inhoud aangemaakt: {len(created)} onderdelen.")
        else:
            self.stdout.write("Demo-inhoud was al compleet; niets veranderd.")

    def _create(self, data):
        publish_at = (
            parse_datetime(data["publish_at"]) if "publish_at" in data else None
        )
        extra = {}
        if data.get("seo_description"):
            extra["seo_description"] = data["seo_description"]
        if data.get("updated_at"):
            extra["updated_at"] = parse_datetime(data["updated_at"])
        if data.get("hero"):
            extra["hero"] = store_upload(
                draw_hero(), filename="kabul-schemering.jpg", **data["hero"]
            )
        return create_article(
            headline=data["headline"],
            slug=data["slug"],
            kicker=data.get("kicker", ""),
            kind=data["kind"],
            lede=data["lede"],
            body=data["body"],
            section=Section.objects.get(slug=data["section"]),
            authors=list(Author.objects.filter(slug__in=data["authors"])),
            topics=list(Topic.objects.filter(slug__in=data["topics"])),
            status=data.get("status", Article.Status.PUBLISHED),
            publish_at=publish_at,
            **extra,
        )

    def _live_blog(self):
        """The attack day's live blog: entries by ``live_entry``'s text rules (posts
        pasted as text or URL become archived posts, never fetched), notes, closed
        at the end of the day."""
        article = self._create(live.LIVE_ARTICLE)
        for data in live.LIVE_ENTRIES:
            parsed = parse_entry_text(data["text"])
            urls = {id(p): archive_post(p, fetch=False).url for p in parsed.posts}
            entry = post_entry(
                article,
                user=None,
                body=parsed.body_html(lambda post, urls=urls: urls[id(post)]),
                title=data.get("title", ""),
                pinned=data.get("pinned", False),
                key_moment=data.get("key", False),
                authors=list(Author.objects.filter(slug__in=data.get("authors", []))),
                published_at=parse_datetime(data["at"]),
            )
            for note in data.get("notes", []):
                add_entry_note(entry, kind=note["kind"], text=note["text"],
                               user=None, at=parse_datetime(note["at"]))  # fmt: skip
        close_coverage(
            article, user=None, at=parse_datetime(live.LIVE_ARTICLE["closed_at"])
        )

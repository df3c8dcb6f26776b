"""Topics and aliases under the policy: who proposes, who approves, and publishing.

A Verslaggever's new topic, and an alias they add to it, is a proposal: private
(no page, feed, sitemap entry or redirect) until a Redacteur approves it, or
publishes an article that uses it. An editor's topics and aliases are approved from
the start. The admin and commands call these; ``articles/policy.py`` decides.
"""

from collections.abc import Iterable

from django.db import transaction

from articles.models import Article, Topic, TopicAlias
from articles.policy import can_approve_topics, require

__all__ = [
    "approve_topics",
    "approve_topics_of",
    "delete_alias",
    "save_alias",
    "save_topic",
]


def _stored(model, obj):
    """The row as the database holds it (the policy decides on that, not on what
    the form just put into ``obj``); None for a new one."""
    return model.objects.filter(pk=obj.pk).first() if obj.pk else None


@transaction.atomic
def save_topic(topic: Topic, *, user) -> Topic:
    """Validate and save ``topic``: new from a reporter, a proposal by them; new
    from an editor (or the system), approved. A change needs the policy's consent
    on the stored topic."""
    stored = _stored(Topic, topic)
    if stored is None:
        require(user, "articles.add_topic")
        topic.approved = can_approve_topics(user)
        topic.proposed_by = user
    else:
        require(user, "articles.change_topic", stored)
        topic.approved, topic.proposed_by_id = stored.approved, stored.proposed_by_id
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def save_alias(alias: TopicAlias, *, user) -> TopicAlias:
    """Validate and save ``alias`` (its slug must not be any topic's or other
    alias's); a reporter's alias is a proposal, as their topic is."""
    stored = _stored(TopicAlias, alias)
    if stored is None:
        require(user, "articles.add_topicalias", alias)
        alias.approved = can_approve_topics(user)
        alias.proposed_by = user
    else:
        require(user, "articles.change_topicalias", stored)
        alias.approved, alias.proposed_by_id = stored.approved, stored.proposed_by_id
    alias.full_clean()
    alias.save()
    return alias


@transaction.atomic
def delete_alias(alias: TopicAlias, *, user) -> None:
    stored = _stored(TopicAlias, alias)
    if stored is not None:
        require(user, "articles.delete_topicalias", stored)
        stored.delete()


@transaction.atomic
def approve_topics(topics: Iterable[Topic], *, user) -> int:
    """Approve ``topics`` and all their aliases (the admin's "Goedkeuren"): from
    now on public wherever a published article uses them. Returns how many topics
    were waiting."""
    topics = list(topics)
    for topic in topics:
        require(user, "articles.approve_topic", topic)
    return _approve(topics)


def approve_topics_of(article: Article) -> int:
    """Publishing approves: the topics of ``article`` and their aliases, when it is
    published (or scheduled). Called wherever an article is published or a
    published one gets its topics (the workflow, the admin form, creating, restoring
    a version); whoever may publish may approve. Two queries when nothing waits."""
    if article.pk is None or article.status != Article.Status.PUBLISHED:
        return 0
    return _approve(list(Topic.objects.filter(tagged_articles__content_object=article)))


def _approve(topics: list[Topic]) -> int:
    """Approve the waiting ones among ``topics`` and their aliases, one save each so
    that the content version moves and their pages are purged (caching signals)."""
    waiting = [topic for topic in topics if not topic.approved]
    for topic in waiting:
        topic.approved = True
        topic.save(update_fields=["approved"])
    aliases = TopicAlias.objects.filter(topic__in=topics, approved=False)
    for alias in aliases:
        alias.approved = True
        alias.save(update_fields=["approved"])
    return len(waiting)

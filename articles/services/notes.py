"""Updates and corrections: the writes behind the notes readers see on an article.

A note is a substantive change: the article's "laatst bijgewerkt" time moves forward
to the note's time. Nothing else changes; a published article stays published.
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.caching.targets import article_urls
from articles.caching.version import content_changed
from articles.models import Article, ArticleNote
from articles.policy import require

__all__ = ["add_note", "mark_substantive_change"]


@transaction.atomic
def add_note(
    article: Article,
    *,
    kind: str,
    text: str,
    user: AbstractBaseUser | None,
    at: datetime | None = None,
) -> ArticleNote:
    """Add an update or correction to ``article`` and mark it as updated.

    ``text`` is plain text (line breaks kept, escaped on output). ``at`` (default
    now) is kept to the second, as the admin's form and HTML's ``datetime`` have it.
    Raises ``ValidationError`` for an unknown kind or an empty text; then nothing is
    saved.
    """
    require(user, "articles.add_articlenote", article)
    note = ArticleNote(
        article=article,
        kind=kind,
        text=text.replace("\r\n", "\n").strip(),
        at=(at or timezone.now()).replace(microsecond=0),
        author=user,
    )
    note.full_clean()
    note.save()
    mark_substantive_change(article, at=note.at)
    return note


def mark_substantive_change(article: Article, *, at: datetime) -> bool:
    """Move ``article.updated_at`` forward to ``at``; never back, nothing else.

    One conditional UPDATE, so two editors adding notes at once keep the later time,
    and the version, status and modification time are left alone. Returns whether
    the time moved.
    """
    moved = (
        Article.objects.filter(pk=article.pk)
        .filter(Q(updated_at__isnull=True) | Q(updated_at__lt=at))
        .update(updated_at=at)
    )
    if moved:
        article.updated_at = at
        content_changed(*article_urls(article))
    return bool(moved)

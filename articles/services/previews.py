"""Shareable previews: signed, expiring, revocable links to an article's current text.

A link's row holds a random token; its URL carries that token signed with
``django.core.signing`` (salted), so a tampered URL is refused before any database
lookup. The row decides the rest: unknown, revoked or expired links are refused too.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, PreviewLink
from articles.policy import require

__all__ = [
    "DEFAULT_HOURS",
    "PreviewRefused",
    "create_preview_link",
    "preview_url",
    "resolve_preview",
    "revoke_preview_link",
]

DEFAULT_HOURS = 48
SALT = "articles.services.previews"


class PreviewRefused(Exception):
    """A preview link that shows nothing; ``reason`` says why.

    GONE (the article was withdrawn or deleted) is the 410 page, PUBLISHED a redirect
    to ``url``, the public page; the others are the 403 page.
    """

    INVALID = "invalid"  # the signature does not match: mistyped or tampered
    # Signed by us, but no such link: links are deleted only with their article.
    GONE = "gone"
    PUBLISHED = "published"  # readers see it now: the link leads to the public page
    REVOKED = "revoked"
    EXPIRED = "expired"

    def __init__(self, reason: str, *, url: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.url = url


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def create_preview_link(
    article: Article, *, user, hours: int = DEFAULT_HOURS
) -> PreviewLink:
    """A new link to ``article``, valid for ``hours`` from now, made by ``user``
    (who must be allowed to change the article)."""
    require(user, "articles.change_article", article)
    now = timezone.now()
    return PreviewLink.objects.create(
        article=article,
        token=secrets.token_urlsafe(32),
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )


def preview_url(link: PreviewLink) -> str:
    """The link's path, ``/voorbeeld/<signed token>/``; prefix ``SITE_URL`` to share.

    Always the Dutch site's path, whatever language the caller has active.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(
            "articles:preview", kwargs={"signed": _signer().sign(link.token)}
        )


def resolve_preview(signed: str) -> PreviewLink:
    """The valid link (with its article and section loaded) that ``signed`` names.

    Raises ``PreviewRefused`` for a bad signature (without touching the database);
    then, whatever the link's own state, when the article's public life has ended
    (withdrawn, or deleted with its links: GONE) or begun (visible: PUBLISHED);
    then for a revoked link or an expired one. A preview never shows what readers
    may no longer see, nor stands in for the public page.
    """
    try:
        token = _signer().unsign(signed)
    except signing.BadSignature:
        raise PreviewRefused(PreviewRefused.INVALID) from None
    link = (
        PreviewLink.objects.select_related("article__section", "article__hero")
        .filter(token=token)
        .first()
    )
    if link is None or link.article.status == Article.Status.UNPUBLISHED:
        raise PreviewRefused(PreviewRefused.GONE)
    if link.article.is_visible():
        raise PreviewRefused(
            PreviewRefused.PUBLISHED, url=link.article.get_absolute_url()
        )
    if link.revoked_at is not None:
        raise PreviewRefused(PreviewRefused.REVOKED)
    if not link.is_valid(at=timezone.now()):
        raise PreviewRefused(PreviewRefused.EXPIRED)
    return link


def revoke_preview_link(link: PreviewLink, *, user) -> PreviewLink:
    """Stop ``link`` from working at once. Revoking twice keeps the first time.

    ``user`` is who revoked it; the row has no field for that, so the admin records
    it in its own history (LogEntry).
    """
    require(user, "articles.change_article", link.article)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link

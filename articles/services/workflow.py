"""The editorial workflow: who may do what to an article, and status changes.

Checked on the server for every path (admin form, actions, forged requests, commands):
hiding a button is never the protection.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Transition
from articles.policy import can_edit, can_publish
from articles.services.articles import save_article
from articles.services.topics import approve_topics_of

__all__ = [
    "ALLOWED_TRANSITIONS",
    "can_edit",
    "can_publish",
    "check_transition",
    "missing_for_publication",
    "publication_checks",
    "record_transition",
    "transition",
]

S = Article.Status
# (from, to): which permission it needs. "change": whoever may edit the article.
ALLOWED_TRANSITIONS = {
    (S.DRAFT, S.REVIEW): "change",
    (S.REVIEW, S.DRAFT): "publish",  # sent back to the author, with a reason
    (S.DRAFT, S.PUBLISHED): "publish",
    (S.REVIEW, S.PUBLISHED): "publish",
    (S.PUBLISHED, S.UNPUBLISHED): "publish",
    (S.UNPUBLISHED, S.DRAFT): "publish",
    (S.UNPUBLISHED, S.PUBLISHED): "publish",
}
PUBLIC_STATES = {S.PUBLISHED, S.UNPUBLISHED}


def publication_checks(
    article: Article, *, authors=None
) -> list[tuple[str, str, bool]]:
    """What publishing needs, each as (key, Dutch name, present): the one list the
    form's refusal and the edit form's panel both show. ``authors`` as chosen in a
    form; read from the article otherwise."""
    if authors is None:
        authors = list(article.authors.all()) if article.pk else []
    hero_alt = not article.hero_id or bool((article.hero.alt or "").strip())
    return [
        ("headline", _("kop"), bool((article.headline or "").strip())),
        ("lede", _("intro"), bool((article.lede or "").strip())),
        ("section", _("sectie"), bool(article.section_id)),
        ("hero_alt", _("alt-tekst van de hoofdafbeelding"), hero_alt),
        ("authors", _("auteur"), bool(authors)),
    ]


def missing_for_publication(article: Article, *, authors=None) -> list[str]:
    """The Dutch names of what an article needs before it can be published."""
    checks = publication_checks(article, authors=authors)
    return [name for _key, name, present in checks if not present]


def check_transition(user, article: Article, old: str, new: str, *, reason: str = ""):
    """Raise PermissionDenied or ValidationError when ``user`` may not move
    ``article`` from ``old`` to ``new``; a reschedule or no change passes."""
    if old == new:
        if new in PUBLIC_STATES and not can_publish(user):
            raise PermissionDenied(
                _("Alleen redacteuren wijzigen gepubliceerde artikelen.")
            )
        return
    needed = ALLOWED_TRANSITIONS.get((old, new))
    if needed is None:
        raise ValidationError(
            _("Van “%(old)s” naar “%(new)s” kan niet rechtstreeks.")
            % {"old": S(old).label, "new": S(new).label}
        )
    if needed == "publish" and not can_publish(user):
        raise PermissionDenied(_("Alleen redacteuren mogen dit doen."))
    if needed == "change" and not can_edit(user, article):
        raise PermissionDenied(_("Je mag dit artikel niet bewerken."))
    if (old, new) == (S.REVIEW, S.DRAFT) and not reason.strip():
        raise ValidationError(
            _(
                "Schrijf bij het terugsturen waarom, zodat de auteur weet wat er "
                "moet gebeuren."
            )
        )


def record_transition(
    article: Article, old: str, *, user, reason: str = "", rescheduled: bool = False
) -> None:
    """Write the audit record of a status change (or a new publish time) just saved."""
    if old != article.status or (article.status == S.PUBLISHED and rescheduled):
        Transition.objects.create(
            article=article,
            from_status=old,
            to_status=article.status,
            publish_at=article.publish_at,
            actor=user,
            reason=reason,
        )


@transaction.atomic
def transition(article: Article, new: str, *, user, reason: str = "", publish_at=None):
    """Move ``article`` to status ``new`` (a service for actions and commands)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    old = article.status
    check_transition(user, article, old, new, reason=reason)
    if new == S.PUBLISHED:
        missing = missing_for_publication(article)
        if missing:
            raise ValidationError(
                _("Publiceren kan nog niet; dit ontbreekt: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
    article.status = new
    rescheduled = new == S.PUBLISHED and (publish_at or article.publish_at is None)
    if rescheduled:
        article.publish_at = publish_at or timezone.now()
    save_article(article, new_version=True)
    approve_topics_of(article)  # publishing makes its topics public
    record_transition(article, old, user=user, reason=reason, rescheduled=rescheduled)
    return article

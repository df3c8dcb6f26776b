"""Who may do what, decided on the thing itself: the one policy of the newsroom.

Two layers, both here or one import away:
- **the role** (``articles/roles.py``): which permissions a group holds at all, e.g. a
  Verslaggever holds ``articles.change_image``;
- **the object and its state** (``RULES`` below): a rule narrows a permission for one
  object, e.g. a Verslaggever changes only images of their own drafts, never one a
  published article shows.

Every admin page, action, view, service and command asks :func:`may` (a yes or no)
or :func:`require` (raises ``PermissionDenied`` with a Dutch reason, which the admin
shows as its 403 page). ``user=None`` is the system itself: management commands and
tasks, run by whoever has the server, may everything. docs/workflow.md ("Roles") is
this module in words; tests/articles/test_permission_matrix.py holds both to it.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Image, LiveEntry, Topic, TopicAlias

__all__ = [
    "REASONS",
    "RULES",
    "can_approve_topics",
    "can_edit",
    "can_post_live",
    "can_publish",
    "ever_public",
    "image_refusal",
    "image_users",
    "is_own",
    "may",
    "read_only_reason",
    "require",
    "rule",
]

S = Article.Status

# permission name -> narrowing rule(user, obj) -> bool; called only for a user who
# holds the permission through their role, and only when there is an object.
RULES: dict[str, Callable] = {}
# permission name -> the Dutch sentence a refusal shows (a default otherwise).
REASONS: dict[str, str] = {}


def rule(*permissions: str, reason: str | None = None):
    """Register the decorated function as the rule narrowing ``permissions``."""

    def register(function):
        for permission in permissions:
            RULES[permission] = function
            if reason is not None:
                REASONS[permission] = reason
        return function

    return register


def may(user, permission: str, obj=None) -> bool:
    """Whether ``user`` may use ``permission`` ("app.codename"), on ``obj`` when
    given. None as ``user`` is the system (commands, tasks)."""
    if user is None:
        return True
    if not (user.is_active and user.has_perm(permission)):
        return False
    narrow = RULES.get(permission)
    return narrow is None or obj is None or bool(narrow(user, obj))


def require(user, permission: str, obj=None, *, reason: str | None = None) -> None:
    """Raise ``PermissionDenied`` with a Dutch reason unless :func:`may` allows."""
    if not may(user, permission, obj):
        # The rule's reason when the role has the permission and the object said no.
        narrowed = user.is_active and user.has_perm(permission)
        raise PermissionDenied(
            reason
            or (REASONS.get(permission) if narrowed else None)
            or _("Je rol staat deze handeling niet toe.")
        )


# -- articles ----------------------------------------------------------------------


def can_publish(user) -> bool:
    """Publish, schedule, withdraw, send back: Redacteur and above."""
    return may(user, "articles.publish_article")


def is_own(user, article: Article) -> bool:
    """Started by ``user`` (their account made it) or carrying their byline."""
    if user is None:
        return False
    if article.created_by_id == user.pk:
        return True
    return bool(article.pk) and article.authors.filter(user=user).exists()


@rule(
    "articles.change_article",
    reason=_(
        "Je kunt dit artikel alleen lezen: een verslaggever bewerkt alleen eigen "
        "concepten. Een redacteur kan het wijzigen."
    ),
)
def _change_article(user, article) -> bool:
    """Editors edit any article; reporters only their own drafts."""
    return user.has_perm("articles.edit_any_article") or (
        article.status == S.DRAFT and is_own(user, article)
    )


def can_edit(user, article: Article | None) -> bool:
    """May ``user`` change ``article`` (or articles at all, for None)."""
    return may(user, "articles.change_article", article)


def read_only_reason(user, article: Article) -> str:
    """Why ``user`` may read ``article`` but not change it, and what happens next:
    the notice above a read-only article form."""
    if not is_own(user, article):
        return _(
            "Dit is het artikel van een collega: je kunt het lezen, maar niet "
            "wijzigen. Wil je iets veranderd zien, zet het dan in een interne notitie "
            "bij je eigen stuk of vraag het een redacteur."
        )
    if article.status == S.REVIEW:
        return _(
            "Je artikel ligt ter beoordeling bij de redactie. Je kunt het lezen, "
            "maar niet meer wijzigen. Een redacteur publiceert het, of stuurt het met "
            "een toelichting naar je terug; dan kun je weer verder schrijven."
        )
    return _(
        "Dit artikel is (of was) voor lezers zichtbaar. Wijzigingen, updates en "
        "correcties lopen via een redacteur; je kunt het hier lezen."
    )


# -- live coverage -----------------------------------------------------------------
# Anyone in the newsroom writes entries for a live article (a breaking story is
# everyone's); a Verslaggever's stay drafts or go for review and remain theirs to
# change until placed; a Redacteur places, schedules, changes and deletes any.


def can_post_live(user) -> bool:
    """Place, schedule, change anyone's and delete entries; close the coverage."""
    return may(user, "articles.publish_liveentry")


@rule(
    "articles.add_liveentry",
    reason=_("Berichten horen bij een live-artikel; dit artikel is van een andere "
             "soort. Zet de soort op Live als het een live-verslag is."),
)  # fmt: skip
def _add_entry(user, article: Article) -> bool:
    return article.kind == Article.Kind.LIVE


@rule(
    "articles.change_liveentry",
    reason=_("Je kunt dit bericht alleen lezen: een verslaggever wijzigt alleen eigen "
             "berichten die nog niet geplaatst zijn. Een redacteur kan het wijzigen."),
)  # fmt: skip
def _change_entry(user, entry: LiveEntry) -> bool:
    """Editors change any entry; reporters their own until it is placed."""
    return user.has_perm("articles.publish_liveentry") or (
        entry.created_by_id == user.pk and entry.status != LiveEntry.Status.PUBLISHED
    )


# -- images ------------------------------------------------------------------------


def ever_public(article: Article) -> bool:
    """Readers have seen ``article``: published or withdrawn now, or once before."""
    return article.status in (S.PUBLISHED, S.UNPUBLISHED) or bool(
        article.first_published_at
    )


def image_users(image: Image) -> list[Article]:
    """The articles that show ``image``: as their hero, or in one of their live
    entries (the body cannot hold images; ``articles.sanitize`` allows no ``img``).
    One query."""
    if not image.pk:
        return []
    return list(
        Article.objects.filter(Q(hero=image) | Q(live_entries__image=image)).distinct()
    )


def image_refusal(user, image: Image) -> str | None:
    """Why ``user`` may not change ``image``, in Dutch; None when they may."""
    if may(user, "articles.change_image", image):
        return None
    if not may(user, "articles.change_image"):
        return _("Je rol staat niet toe dat je afbeeldingen wijzigt.")
    if any(ever_public(article) for article in image_users(image)):
        return _(
            "Deze afbeelding staat in een gepubliceerd artikel; alleen een redacteur "
            "kan haar wijzigen."
        )
    if image.uploaded_by_id != user.pk:
        return _(
            "Deze afbeelding is door een collega geüpload; alleen een redacteur kan "
            "haar wijzigen."
        )
    return _(
        "Deze afbeelding staat in het artikel van een collega of in een artikel dat "
        "ter beoordeling ligt; alleen een redacteur kan haar wijzigen."
    )


@rule(
    "articles.change_image",
    reason=_(
        "Deze afbeelding staat in een gepubliceerd artikel of in het artikel van "
        "een collega; alleen een redacteur kan haar wijzigen."
    ),
)
def _change_image(user, image: Image) -> bool:
    """Editors change any image; a reporter one they uploaded that only their own
    drafts use, never-published ones (an image readers have seen is the
    Redacteur's)."""
    if user.has_perm("articles.edit_any_article"):
        return True
    if image.uploaded_by_id != user.pk:
        return False
    return all(
        article.status == S.DRAFT and not ever_public(article) and is_own(user, article)
        for article in image_users(image)
    )


@rule(
    "articles.delete_image",
    reason=_(
        "Deze afbeelding staat nog in een artikel. Kies daar eerst een andere "
        "hoofdafbeelding; daarna kan deze weg."
    ),
)
def _delete_image(user, image: Image) -> bool:
    """Only an image no article uses (the role gives deleting to the Hoofdredactie);
    taking a hero away is a change to the article, made in the article."""
    return not image_users(image)


# -- topics and aliases ------------------------------------------------------------
# A Verslaggever attaches any topic and may propose new ones (and aliases for them);
# a proposal is private until a Redacteur approves it or publishes an article that
# uses it (articles/services/topics.py). What is approved is the editors' to change.


def can_approve_topics(user) -> bool:
    """Approve proposals ("Goedkeuren"), change and delete any topic: Redacteur
    and above."""
    return may(user, "articles.approve_topic")


def _own_proposal(user, topic: Topic) -> bool:
    return not topic.approved and topic.proposed_by_id == user.pk


@rule(
    "articles.change_topic",
    "articles.delete_topic",
    reason=_(
        "Je kunt dit onderwerp alleen lezen: het is goedgekeurd of door een collega "
        "voorgesteld. Een redacteur kan het wijzigen."
    ),
)
def _change_topic(user, topic: Topic) -> bool:
    """Editors change any topic; a reporter only their own proposal, until it is
    approved (its name may be public from then on)."""
    return user.has_perm("articles.approve_topic") or _own_proposal(user, topic)


@rule(
    "articles.add_topicalias",
    "articles.change_topicalias",
    "articles.delete_topicalias",
    reason=_(
        "Je kunt deze alias niet wijzigen: hij of zijn onderwerp is goedgekeurd, of "
        "door een collega voorgesteld. Een redacteur kan dat wel."
    ),
)
def _change_alias(user, alias: TopicAlias) -> bool:
    """Editors change any alias; a reporter only an alias not yet approved, of a
    topic that is their own proposal."""
    if user.has_perm("articles.approve_topic"):
        return True
    return not (alias.pk and alias.approved) and _own_proposal(user, alias.topic)

"""Accounts: the audit events no other record keeps, the newsroom's security policy,
and failed logins as the Hoofdredactie sees them (django-axes' counters).

The tables keep the names they were created under in the articles app (migration
accounts 0001 took the models over without touching the database)."""

from axes.models import AccessAttempt
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AuditEvent", "FailedLogin", "SecurityPolicy"]


class AuditEvent(models.Model):
    """Something done to an account, a role or the log's own sources.

    Logins, publications and notes have their own records (django-axes' logs,
    ``Transition``, ``ArticleNote``); the Logboek reads those. This keeps the rest,
    and never changes afterwards. ``actor_name`` keeps who did it when the account
    is gone.
    """

    class Kind(models.TextChoices):
        ROLE_ADDED = "role_added", _("rol toegekend")
        ROLE_REMOVED = "role_removed", _("rol ingetrokken")
        ACCOUNT = "account", _("account gewijzigd")
        ROLE_PERMISSIONS = "role_permissions", _("rechten van een rol gewijzigd")
        UNLOCKED = "unlocked", _("ontgrendeld")
        TWO_FACTOR_ON = "two_factor_on", _("tweestapsverificatie aangezet")
        TWO_FACTOR_OFF = "two_factor_off", _("tweestapsverificatie uitgezet")
        POLICY = "policy", _("beveiligingsbeleid gewijzigd")
        NOTE_DELETED = "note_deleted", _("update of correctie verwijderd")
        ARTICLE_DELETED = "article_deleted", _("artikel verwijderd")
        IMAGE_CHANGED = "image_changed", _("afbeelding gewijzigd")

    at = models.DateTimeField(_("tijd"), default=timezone.now, db_index=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    actor_name = models.CharField(_("door (naam)"), max_length=150, blank=True)
    subject = models.CharField(
        _("betreft"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: het account “piet” of het adres 192.0.2.1."),
    )
    detail = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        db_table = "articles_auditevent"  # made when this lived in articles
        default_permissions = ["view"]  # written by the code, never by a person
        verbose_name = _("logboek")
        verbose_name_plural = _("logboek")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"


class SecurityPolicy(models.Model):
    """The newsroom's account rules, one row (``load()``), set by the Hoofdredactie."""

    two_factor_required = models.BooleanField(
        _("tweestapsverificatie verplicht"),
        default=False,
        help_text=_(
            "Iedereen met toegang tot het beheer vult bij het inloggen ook een code "
            "uit een app in (bijvoorbeeld Google Authenticator, Microsoft "
            "Authenticator of FreeOTP). Wie nog geen app heeft gekoppeld, doet dat "
            "direct na het inloggen en kan tot dan niets anders."
        ),
    )

    class Meta:
        db_table = "articles_securitypolicy"  # made when this lived in articles
        default_permissions = ["view", "change"]
        verbose_name = _("beveiliging")
        verbose_name_plural = _("beveiliging")

    def __str__(self):
        return str(_("Beveiliging"))

    @classmethod
    def load(cls) -> "SecurityPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy

    @classmethod
    def two_factor_is_required(cls) -> bool:
        return cls.objects.filter(pk=1, two_factor_required=True).exists()


class FailedLogin(AccessAttempt):
    """django-axes' failure counter for one username, address and browser."""

    class Meta:
        proxy = True
        default_permissions = ["view"]
        permissions = [
            ("unlock_failedlogin", _("Kan accounts en adressen ontgrendelen"))
        ]
        ordering = ["-attempt_time"]
        verbose_name = _("mislukte inlogpoging")
        verbose_name_plural = _("mislukte inlogpogingen")

    def __str__(self):
        return f"{self.username} ({self.ip_address})"

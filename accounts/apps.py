from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts en beveiliging")

    def ready(self):
        from accounts import audit, lockout

        audit.connect_signals()
        lockout.connect_signals()

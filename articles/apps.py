from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Artikelen")

    def ready(self):
        from articles import caching
        from articles.accounts import audit, lockout

        caching.connect_signals()
        audit.connect_signals()
        lockout.connect_signals()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Artikelen")

    def ready(self):
        from articles import audit
        from articles.caching import breaker, signals

        signals.connect_signals()
        breaker.connect()
        audit.connect()

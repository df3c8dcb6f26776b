from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("Volgen per e-mail")

    def ready(self):
        from articles.signals import article_became_visible, key_moment_became_visible
        from subscriptions import receivers

        article_became_visible.connect(
            receivers.alert_article, dispatch_uid="subscriptions-article"
        )
        key_moment_became_visible.connect(
            receivers.alert_key_moment, dispatch_uid="subscriptions-key-moment"
        )

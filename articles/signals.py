# ruff: noqa: E501
"""What the articles app tells others about its content (the subscriptions app
listens). The sending side lives with publishing; receivers connect in their app's
``ready()``."""

from django.dispatch import Signal

__all__ = ["article_became_visible", "key_moment_became_visible"]

article_became_visible = (
    Signal()
)  # sent once per article, on commit, when it first becomes visible to readers
# (published now, or a scheduled one when its time passes); kwargs: article
# Not sent when article.send_alert is False, or when it is withdrawn before.
key_moment_became_visible = Signal()  # sent once per live entry flagged key moment when it first becomes visible; kwargs: entry

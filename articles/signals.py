"""What the articles app tells the apps above it (``subscriptions`` connects to
these; articles never imports it).

Both are sent by ``articles/alerts/claims.py`` after the transaction that claimed
the article or entry commits, and at most once per claim (docs/workflow.md,
"Alerts").
"""

from django.dispatch import Signal

__all__ = ["article_became_visible", "key_moment_became_visible"]

# Sent once per article, on commit, when it first becomes visible to readers
# (published now, or a scheduled one when its time passes); kwargs: article, again,
# note. Not sent when article.send_alert is False, or when it is withdrawn before.
# ``again`` is True only when an editor asks for the alert once more ("Stuur
# opnieuw een alert" on an update or correction); ``note`` is then that update or
# correction (an ArticleNote, or None when asked without one), None otherwise.
article_became_visible = Signal()
# Sent once per live entry flagged key moment when it first becomes visible (or, when
# flagged later, when it is flagged); kwargs: entry.
key_moment_became_visible = Signal()

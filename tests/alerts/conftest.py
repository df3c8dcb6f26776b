"""Alerts: a receiver that records what the articles app signalled, and a live
article to post key moments in."""

import pytest

from articles.signals import article_became_visible, key_moment_became_visible


@pytest.fixture
def sent():
    """What was signalled, in order: ("article", pk, again) and ("entry", pk)."""
    log = []

    def on_article(sender, article, again=False, **kwargs):
        log.append(("article", article.pk, again))

    def on_entry(sender, entry, **kwargs):
        log.append(("entry", entry.pk))

    article_became_visible.connect(on_article)
    key_moment_became_visible.connect(on_entry)
    yield log
    article_became_visible.disconnect(on_article)
    key_moment_became_visible.disconnect(on_entry)


@pytest.fixture
def live_article(make_article):
    from articles.models import Article

    return make_article(headline="Aanslag bij Kabul: live", kind=Article.Kind.LIVE)

"""Live coverage: a live article and entries in it, made through the services."""

import pytest


@pytest.fixture
def live_article(make_article):
    """A published live article (an hour old), by Eva Mulder."""
    from articles.models import Article

    return make_article(headline="Aanslag bij Kabul: live", kind=Article.Kind.LIVE)


@pytest.fixture
def make_entry(live_article):
    """``make_entry(**fields)``: an entry in ``live_article``, placed now by the
    system unless ``status``/``user`` say otherwise."""
    from articles.live.services import post_entry

    def make(**fields):
        fields.setdefault("body", "<p>Een bericht.</p>")
        fields.setdefault("user", None)
        return post_entry(fields.pop("article", live_article), **fields)

    return make

"""PAGE_CACHE_PURGE names its hook by dotted path; the names from before the hooks
moved into articles.caching (newsroom.purge.*) keep working."""

import logging

import pytest

from articles.caching.purge import LEGACY_HOOKS, purge


@pytest.mark.parametrize(
    "name", ["articles.caching.purge.http_purge", "newsroom.purge.http_purge"]
)
def test_both_names_of_http_purge_reach_the_cdn(settings, httpserver, name):
    settings.PAGE_CACHE_PURGE = name
    settings.PAGE_CACHE_PURGE_URL = httpserver.url_for("/")
    httpserver.expect_request("/artikel/een/", method="PURGE").respond_with_data("ok")
    httpserver.expect_request("/", method="PURGE").respond_with_data("ok")
    purge(["/artikel/een/"], ["article-1"])
    seen = [(request.method, request.path) for request, _ in httpserver.log]
    assert seen == [("PURGE", "/artikel/een/"), ("PURGE", "/")]
    assert httpserver.log[1][0].headers["Surrogate-Key"] == "article-1"


@pytest.mark.parametrize(
    "name", ["articles.caching.purge.nothing", "newsroom.purge.nothing"]
)
def test_both_names_of_nothing_purge_nothing_without_complaint(settings, caplog, name):
    settings.PAGE_CACHE_PURGE = name
    with caplog.at_level(logging.WARNING):
        purge(["/"], ["lists"])
    assert caplog.records == []


def test_every_old_name_points_at_a_hook_that_exists():
    from django.utils.module_loading import import_string

    for old, new in LEGACY_HOOKS.items():
        assert old.startswith("newsroom.purge.")
        assert callable(import_string(new))

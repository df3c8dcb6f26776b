"""The follow form has no CSRF token (it sits on cached public pages): its POST is
judged by what the browser says about where it came from."""

import pytest

from subscriptions.models import Subscriber
from tests.subscriptions.conftest import post_form

pytestmark = pytest.mark.django_db

DATA = {"email": "c@voorbeeld.nl", "kind": "daily", "target": ""}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "https://kwaadaardig.test"},
        {"HTTP_ORIGIN": "http://testserver.kwaadaardig.test"},
    ],
)
def test_a_post_another_site_made_is_refused(client, smtp, headers):
    response = post_form(client, "/volgen/", DATA, **headers)
    assert response.status_code == 403
    page = response.content.decode()
    assert "niet van onze site" in page
    assert "<h1>Geen toegang</h1>" in page and 'lang="nl"' in page  # the site's page
    assert not Subscriber.objects.exists() and not smtp.messages


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "null"},  # a privacy setting hides it
        {},  # an old browser sends neither
    ],
)
def test_a_post_from_our_own_page_passes(client, smtp, headers):
    assert post_form(client, "/volgen/", DATA, **headers).status_code == 302
    assert len(smtp.to("c@voorbeeld.nl")) == 1


def test_the_form_needs_no_csrf_cookie(smtp):
    """A reader on a cached page has no CSRF cookie; the post still works."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = post_form(client, "/volgen/", DATA, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert "csrftoken" not in response.cookies

"""Our own error pages: each status in both languages, in the product's words, with no stack,
no setting's name and no Sie-form (German editor's list, #1–#4)."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from outsourcing import errors

SIE_FORM = (" Sie ", "Ihr ", "Ihnen", "Wollen Sie")
DEVELOPER_WORDS = ("DEBUG", "Traceback", "CSRF", "settings.py", "Forbidden", "Not Found")


@pytest.fixture
def production(settings):
    # Django shows its technical pages with DEBUG on; founders see ours with it off.
    settings.DEBUG = False


def german(client):
    client.cookies["django_language"] = "de"
    return {"HTTP_ACCEPT_LANGUAGE": "de"}


def assert_friendly(response, status, *words):
    assert response.status_code == status
    text = response.content.decode()
    for word in words:
        assert word in text
    for word in SIE_FORM + DEVELOPER_WORDS:
        assert word not in text, word


def test_a_wrong_address_gets_our_404_in_english(client, production):
    response = client.get("/no-such-page/")
    assert_friendly(response, 404, "This page doesn&#x27;t exist (any more)", 'lang="en"')


def test_a_wrong_address_gets_our_404_in_german(client, production):
    response = client.get("/no-such-page/", **german(client))
    assert_friendly(response, 404, "Diese Seite gibt es nicht (mehr)", 'lang="de"')


def test_a_broken_handover_link_tells_the_delegate_what_to_do(client, production):
    response = client.get("/instructions/handover/xyz/", **german(client))
    assert_friendly(response, 404, "Prüf den Link in deiner E-Mail")


def test_a_lost_csrf_cookie_gets_our_page_not_djangos(production, db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a@example.com"}, **german(client))
    assert_friendly(response, 403, "Das hat nicht geklappt", "Lade die Seite neu")


def test_forbidden_and_bad_request_pages_speak_german(rf_german):
    forbidden = errors.permission_denied(rf_german)
    assert_friendly(forbidden, 403, "Dafür hast du keinen Zugang")
    bad = errors.bad_request(rf_german)
    assert_friendly(bad, 400, "Diese Anfrage konnte nicht verarbeitet werden")


def test_the_500_page_says_it_was_not_the_founder(rf_german):
    response = errors.server_error(rf_german)
    assert_friendly(response, 500, "Bei uns ist etwas schiefgelaufen", "nicht an dir")


def test_the_500_page_renders_even_when_the_layout_cannot(rf_german, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database is gone")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.server_error(rf_german)
    assert_friendly(response, 500, "Bei uns ist etwas schiefgelaufen")


def test_a_founder_opening_the_admin_is_told_where_they_are(client, alice, production):
    alice.profile.language = "de"
    alice.profile.save()
    client.force_login(alice)
    response = client.get("/admin/", follow=True, **german(client))
    assert_friendly(response, 403, "Arbeitsplatz für Berater", "alice@example.com")


@pytest.fixture
def rf_german(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    translation.activate("de")
    return request

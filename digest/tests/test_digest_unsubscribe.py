"""One-click unsubscribe (RFC 8058): a POST turns the digest off with no login; a GET only asks;
a tampered token changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts.models import Profile
from digest import services as digest


def _url(token: str) -> str:
    return f"{reverse('digest_unsubscribe')}?{urlencode({'token': token})}"


def _enabled(user) -> bool:
    return Profile.objects.get(user=user).digest_enabled


@pytest.fixture
def mail_client():
    """A mail client: no session, and CSRF checks enforced as for any real POST."""
    return Client(enforce_csrf_checks=True)


def test_a_one_click_post_turns_the_digest_off_without_login(mail_client, alice):
    url = _url(digest.unsubscribe_token(founder_id=alice.pk))
    response = mail_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "get the weekly digest any more" in response.content.decode()
    assert not _enabled(alice)
    assert digest.due_founder_ids(now=timezone.now(), force=True) == []


def test_a_get_only_shows_a_confirmation_form(mail_client, alice):
    response = mail_client.get(_url(digest.unsubscribe_token(founder_id=alice.pk)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in page and 'method="post"' in page and "alice@example.com" in page
    assert _enabled(alice)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_changes_nothing(mail_client, alice, charlie, method):
    token = digest.unsubscribe_token(founder_id=alice.pk)
    # Alice's signature on Charlie's id, a broken signature, and no token at all.
    forged = [f"{charlie.pk}:{token.split(':')[1]}", token[:-2] + "xx", ""]
    for bad in forged:
        response = getattr(mail_client, method)(_url(bad))
        assert response.status_code == 400
        assert "not valid" in response.content.decode()
    assert _enabled(alice) and _enabled(charlie)


def test_a_token_only_unsubscribes_its_own_founder(mail_client, alice, charlie):
    mail_client.post(_url(digest.unsubscribe_token(founder_id=charlie.pk)))
    assert (_enabled(alice), _enabled(charlie)) == (True, False)


def test_the_page_links_to_the_settings(client, alice):
    page = client.get(_url(digest.unsubscribe_token(founder_id=alice.pk))).content.decode()
    assert f'href="{reverse("settings")}"' in page


def test_other_methods_are_refused(client, alice):
    response = client.put(_url(digest.unsubscribe_token(founder_id=alice.pk)))
    assert response.status_code == 405
    assert _enabled(alice)


def test_the_page_speaks_the_founders_language_without_a_cookie(mail_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    response = mail_client.get(_url(digest.unsubscribe_token(founder_id=alice.pk)))
    assert "Wochenüberblick abbestellen" in response.content.decode()


# Security issue #19: unsubscribe tokens carry a timestamp and work for a year.


def _one_click(client, token):
    return client.post(
        _url(token), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def test_a_token_older_than_a_year_changes_nothing(mail_client, alice, monkeypatch):
    from django.core.signing import time as signing_time

    real = signing_time.time
    monkeypatch.setattr(signing_time, "time", lambda: real() - 366 * 24 * 3600)
    token = digest.unsubscribe_token(founder_id=alice.pk)
    monkeypatch.setattr(signing_time, "time", real)
    assert _one_click(mail_client, token).status_code == 400
    assert _enabled(alice)


def test_an_untimed_token_works_until_its_cut_off_date(mail_client, alice, monkeypatch):
    from datetime import timedelta

    from django.core import signing
    from django.utils import timezone

    untimed = signing.Signer(salt=digest.UNSUBSCRIBE_SALT).sign(str(alice.pk))
    monkeypatch.setattr(digest, "UNSUBSCRIBE_UNTIMED_UNTIL", timezone.now() - timedelta(seconds=1))
    assert _one_click(mail_client, untimed).status_code == 400
    assert _enabled(alice)
    monkeypatch.setattr(digest, "UNSUBSCRIBE_UNTIMED_UNTIL", timezone.now() + timedelta(days=1))
    assert _one_click(mail_client, untimed).status_code == 200
    assert not _enabled(alice)

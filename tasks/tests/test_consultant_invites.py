"""A consultant invites a founder by email; only an accepted founder is their client."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.test import Client

from accounts.models import User
from consultants import consulting
from consultants.models import ConsultantInvite
from digest.tests.digest_support import LINK


@pytest.fixture
def dan(db):
    """A consultant with no clients yet."""
    user = User.objects.create_user(email="dan@example.com", password="dan-password-1")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Consultants"))
    return user


def _invite_link(smtp_server) -> str:
    (received,) = smtp_server.messages
    text = received["message"].get_body(("plain",)).get_content()
    return next(url for url in LINK.findall(text) if "/invitations/" in url)


def _path(url: str) -> str:
    return url[url.index("/invitations/") :]


def _overview(client) -> str:
    return client.get("/admin/accounts/user/overview/").content.decode()


def test_the_founder_appears_only_after_accepting(
    client, dan, alice, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(dan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/consultants/invite/", {"email": "Alice@Example.com"})
    assert response.status_code == 302
    assert smtp_server.messages[0]["to"] == ["alice@example.com"]
    url = _invite_link(smtp_server)
    client.get(response.headers["Location"])  # shows "Invitation sent to alice@…" once
    assert "alice@example.com" not in _overview(client)
    assert client.get(f"/admin/accounts/user/{alice.pk}/change/").status_code == 302  # not found

    founder = Client()
    founder.force_login(alice)
    page = founder.get(_path(url)).content.decode()
    assert "dan@example.com would like to coach you." in page
    assert founder.post(_path(url), {"accept": "1"}).status_code == 302
    assert list(alice.profile.consultants.all()) == [dan]
    assert "alice@example.com" in _overview(client)
    # Answered: the link no longer works.
    assert founder.get(_path(url)).status_code == 410

    # And the founder can remove the consultant again.
    assert "dan@example.com" in founder.get("/settings/").content.decode()
    founder.post(f"/settings/consultants/{dan.pk}/remove/")
    assert not alice.profile.consultants.exists()
    assert "alice@example.com" not in _overview(client)


def test_declining_leaves_the_consultant_without_the_founder(
    client, dan, alice, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(dan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/consultants/invite/", {"email": "alice@example.com"})
    founder = Client()
    founder.force_login(alice)
    founder.post(_path(_invite_link(smtp_server)), {"decline": "1"})
    assert ConsultantInvite.objects.get().state == "declined"
    assert not alice.profile.consultants.exists()


def test_only_the_invited_address_can_accept(
    client, dan, alice, charlie, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(dan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/consultants/invite/", {"email": "alice@example.com"})
    stranger = Client()
    stranger.force_login(charlie)
    response = stranger.post(_path(_invite_link(smtp_server)), {"accept": "1"})
    assert response.status_code == 400
    assert "This invitation is for alice@example.com" in response.content.decode()
    assert not charlie.profile.consultants.exists() and not alice.profile.consultants.exists()


def test_a_tampered_or_expired_link_does_not_work(alice_client, dan, settings):
    invite = consulting.consultant_invite(consultant=dan, email="alice@example.com")
    signed = signing.dumps(invite.token, salt=consulting.INVITE_SALT)
    assert alice_client.get(f"/invitations/{signed}x/").status_code == 410
    ConsultantInvite.objects.filter(pk=invite.pk).update(
        expires_at=invite.created_at - timedelta(seconds=1)
    )
    assert alice_client.get(f"/invitations/{signed}/").status_code == 410


def test_founders_cannot_invite_and_bad_addresses_are_refused(alice_client, client, dan):
    assert alice_client.get("/consultants/invite/").status_code == 404
    client.force_login(dan)
    response = client.post("/consultants/invite/", {"email": "not an address"})
    assert response.status_code == 400
    assert not ConsultantInvite.objects.exists()

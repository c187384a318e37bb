"""Security issue #19: a consultant's invitation 15 times was 15 mails. Now one open
invitation per (consultant, address), and a limit per consultant and per recipient."""

import pytest
from django.contrib.auth.models import Group

from accounts import ratelimit
from accounts.models import User
from consultants.models import ConsultantInvite


@pytest.fixture
def consultant_client(client, db):
    user = User.objects.create_user(email="erin@example.com", password="erin-password-1")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Consultants"))
    client.force_login(user)
    return client


def _invite(client, capture, email):
    with capture(execute=True):
        return client.post("/consultants/invite/", {"email": email})


def test_fifteen_invitations_to_one_address_send_one(
    consultant_client, smtp_server, django_capture_on_commit_callbacks
):
    pages = [
        _invite(consultant_client, django_capture_on_commit_callbacks, "v@example.com")
        for _ in range(15)
    ]
    assert len(smtp_server.messages) == 1
    assert ConsultantInvite.objects.count() == 1
    assert "You invited this address already" in pages[1].content.decode()


def test_a_second_spelling_is_the_same_address(
    consultant_client, smtp_server, django_capture_on_commit_callbacks
):
    _invite(consultant_client, django_capture_on_commit_callbacks, "v@example.com")
    _invite(consultant_client, django_capture_on_commit_callbacks, "V@EXAMPLE.COM")
    assert len(smtp_server.messages) == 1


def test_invitations_to_many_addresses_stop_at_the_limit(
    consultant_client, smtp_server, django_capture_on_commit_callbacks
):
    for n in range(ratelimit.INVITE.count + 5):
        response = _invite(
            consultant_client, django_capture_on_commit_callbacks, f"founder{n}@example.com"
        )
    assert len(smtp_server.messages) == ratelimit.INVITE.count
    assert "too many invitations today" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["You invited this address already", "too many invitations today"]),
        ("de", ["Du hast diese Adresse schon eingeladen", "heute zu viele Einladungen"]),
    ],
)
def test_the_refusals_in_both_languages(
    consultant_client, smtp_server, django_capture_on_commit_callbacks, language, words
):
    consultant_client.cookies["django_language"] = language
    pages = [
        _invite(consultant_client, django_capture_on_commit_callbacks, "v@example.com")
        for _ in range(ratelimit.MAIL_TO.count + 1)
    ]
    assert words[0] in pages[1].content.decode()
    assert words[1] in pages[-1].content.decode()

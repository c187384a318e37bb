"""Mail only to confirmed addresses; one spelling per address; log-in in any case; password
guessing throttled on the change form too (security issue #8, holes 3 and 6)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import confirmation
from accounts.models import Profile, User
from digest import services as digest_services

SIGNUP = {"password1": "a-long-secret-1", "password2": "a-long-secret-1", "language": "en"}


def signup(client, email="new@example.com", **extra):
    return client.post("/accounts/signup/", {"email": email, **SIGNUP, **extra})


def confirm_link(smtp_server) -> str:
    body = smtp_server.messages[-1]["message"].get_body(("plain",)).get_content()
    url = re.search(r"https?://\S+/accounts/confirm/\S+/", body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def due(email: str) -> list[int]:
    return digest_services.due_founder_ids(now=timezone.now(), force=True, email=email)


def test_signing_up_sends_only_the_confirmation_and_no_digest_until_confirmed(
    client, db, smtp_server
):
    assert signup(client).status_code == 302
    user = User.objects.get(email="new@example.com")
    assert [m["to"] for m in smtp_server.messages] == [["new@example.com"]]
    assert smtp_server.messages[0]["message"]["Subject"] == "Confirm your email address"
    assert due("new@example.com") == []
    client.force_login(user)
    assert "Please confirm your email address" in client.get("/").content.decode()

    link = confirm_link(smtp_server)
    page = client.get(link)  # what a mail scanner does: shows a button, confirms nothing
    assert page.status_code == 200
    assert "new@example.com" in page.content.decode()
    assert Profile.objects.get(user=user).email_confirmed_at is None

    assert client.post(link).status_code == 302
    assert Profile.objects.get(user=user).email_confirmed_at is not None
    assert due("new@example.com") == [user.pk]
    assert "Please confirm your email address" not in client.get("/").content.decode()


def test_the_digest_claim_skips_an_unconfirmed_founder(alice):
    Profile.objects.filter(user=alice).update(email_confirmed_at=None)
    now = timezone.now()
    assert digest_services.digests_claim(founder_ids=[alice.pk], now=now, force=True) == []
    Profile.objects.filter(user=alice).update(email_confirmed_at=now)
    assert len(digest_services.digests_claim(founder_ids=[alice.pk], now=now, force=True)) == 1


def test_an_expired_link_answers_410_and_a_tampered_one_404(client, db, smtp_server, monkeypatch):
    signup(client)
    link = confirm_link(smtp_server)
    assert client.post(link[:-3] + "xx/").status_code == 404
    monkeypatch.setattr(confirmation, "VALID_FOR", timedelta(seconds=-1))
    response = client.post(link)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Profile.objects.get(user__email="new@example.com").email_confirmed_at is None


def test_a_resend_waits_ten_minutes(client, db, smtp_server):
    signup(client)
    client.force_login(User.objects.get(email="new@example.com"))
    client.post("/accounts/confirm/resend/")
    assert len(smtp_server.messages) == 1
    Profile.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=11))
    client.post("/accounts/confirm/resend/")
    assert len(smtp_server.messages) == 2


@pytest.mark.parametrize(
    "email", ["demo@exa\u200bmple.com", "new\u0000@example.com", "a\u202e@x.de"]
)
def test_invisible_and_control_characters_are_refused(client, db, email):
    response = signup(client, email=email)
    assert "invisible or control character" in response.content.decode()
    assert not User.objects.exists()


def test_a_full_width_spelling_is_the_same_address(client, alice):
    signup(client, email="\uff21lice@Example.com")  # Ａlice  # noqa: RUF003 — the look-alike is the point
    assert User.objects.filter(email__icontains="lice@example.com").count() == 1


def test_a_german_founder_reads_the_refusal_in_german(client, db):
    client.cookies["django_language"] = "de"
    response = signup(client, email="demo@exa\u200bmple.com", language="de")
    assert "unsichtbares" in response.content.decode()


def test_log_in_accepts_the_email_in_any_case(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "Alice@Example.COM", "password": "alice-password-1"}
    )
    assert response.status_code == 302


def test_lockout_counts_every_spelling_of_one_address(client, alice):
    for spelling in ("Alice@example.com", "ALICE@example.com", "alice@EXAMPLE.com") * 2:
        client.post("/accounts/login/", {"username": spelling, "password": "guess"})
    response = client.post(
        "/accounts/login/", {"username": "alice@example.com", "password": "alice-password-1"}
    )
    assert response.status_code == 429


def test_the_password_change_form_locks_after_five_wrong_old_passwords(alice_client, alice):
    new = {"new_password1": "another-secret-9", "new_password2": "another-secret-9"}
    for _ in range(5):
        alice_client.post("/accounts/password_change/", {"old_password": "guess", **new})
    response = alice_client.post(
        "/accounts/password_change/", {"old_password": "alice-password-1", **new}
    )
    assert response.status_code == 429
    alice.refresh_from_db()
    assert alice.check_password("alice-password-1")


def test_the_password_change_still_works_with_the_right_old_password(alice_client, alice):
    new = {"new_password1": "another-secret-9", "new_password2": "another-secret-9"}
    response = alice_client.post(
        "/accounts/password_change/", {"old_password": "alice-password-1", **new}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another-secret-9")


def test_seed_demo_founders_count_as_confirmed(db):
    from django.core.management import call_command

    call_command("seed_demo", "--founders", "1", "--tasks", "2")
    assert not Profile.objects.filter(email_confirmed_at__isnull=True).exists()


def test_a_login_with_a_very_long_address_is_a_form_error(client, db):
    # Axes stores the address in 255 characters: PostgreSQL refused a longer one (500).
    response = client.post("/accounts/login/", {"username": "x" * 3000, "password": "guess"})
    assert response.status_code == 200

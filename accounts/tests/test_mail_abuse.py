"""Security issue #19: mail bombing and address squatting through sign-up, password reset
and the confirmation resend. Counted at a real SMTP server on loopback."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import confirmation, ratelimit
from accounts.models import Profile, User
from accounts.services import founder_signup
from privacy.tasks import unconfirmed_remove

PASSWORD = "a-long-secret-1"


def signup(client, email, language="en"):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, "language": language}
    return client.post("/accounts/signup/", data)


def body(received) -> str:
    return received["message"].get_body(("plain",)).get_content()


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def reset_link(received) -> str:
    return re.search(r"https?://\S+/accounts/reset/\S+/", body(received)).group(0)


def set_password(client, link: str, password: str):
    page = client.get(path_of(link), follow=True)  # Django moves the token into the session
    return client.post(
        page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )


# --- mail bombing ----------------------------------------------------------------------------


def test_fifteen_password_resets_send_at_most_the_limit(client, alice, smtp_server):
    answers = {
        client.post("/accounts/password_reset/", {"email": "alice@example.com"}).headers["Location"]
        for _ in range(15)
    }
    assert len(smtp_server.messages) == ratelimit.MAIL_TO.count
    assert answers == {"/accounts/password_reset/done/"}  # the same, sent or not


def test_fifteen_sign_ups_with_plus_addresses_mail_one_inbox_at_most_the_limit(
    client, db, smtp_server
):
    for n in range(15):
        assert signup(client, f"victim+{n}@example.com").headers["Location"] == (
            "/accounts/signup/sent/"
        )
    assert len(smtp_server.messages) == ratelimit.MAIL_TO.count


def test_one_ip_causes_at_most_its_limit_of_mail(client, db, smtp_server):
    for n in range(ratelimit.MAIL_IP.count + 5):
        client.post("/accounts/password_reset/", {"email": f"someone{n}@example.com"})
        signup(client, f"person{n}@example.com")
    # Every request counts against the IP; only sign-ups of new addresses send here.
    assert len(smtp_server.messages) == ratelimit.MAIL_IP.count // 2


@pytest.mark.parametrize(
    ("language", "answer"),
    [("en", "A link is on its way"), ("de", "Ein Link ist unterwegs")],
)
def test_the_confirmation_resend_answers_the_same_and_is_limited(
    client, db, smtp_server, language, answer
):
    mallory = founder_signup(email="new@example.com", password=PASSWORD, language=language)
    client.force_login(mallory)
    answers = set()
    for _ in range(10):
        Profile.objects.update(confirmation_sent_at=None)  # past the ten minutes each time
        page = client.post("/accounts/confirm/resend/", follow=True).content.decode()
        answers.add(answer in page)
    assert answers == {True}
    assert len(smtp_server.messages) == ratelimit.MAIL_TO.count


# --- sign-up tells nobody who has an account ---------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "sent_page"),
    [
        ("en", "Someone tried to sign up with your address", "Check your inbox"),
        ("de", "Jemand wollte sich mit deiner Adresse registrieren", "Schau in dein Postfach"),
    ],
)
def test_sign_up_answers_the_same_and_the_owner_hears_of_the_attempt(
    client, alice, smtp_server, language, subject, sent_page
):
    Profile.objects.filter(user=alice).update(language=language)
    client.cookies["django_language"] = language
    new, registered = (
        signup(client, "new@example.com", language),
        signup(client, "alice@example.com", language),
    )
    assert (new.status_code, new.headers["Location"]) == (
        registered.status_code,
        registered.headers["Location"],
    )
    assert sent_page in client.get(new.headers["Location"]).content.decode()
    attempt = smtp_server.messages[-1]
    assert attempt["to"] == ["alice@example.com"]
    assert attempt["message"]["Subject"] == subject
    assert reset_link(attempt)
    assert User.objects.get(email="alice@example.com").check_password("alice-password-1")


def test_the_attempt_mail_is_limited(client, alice, smtp_server):
    for _ in range(15):
        signup(client, "alice@example.com")
    assert len(smtp_server.messages) == ratelimit.MAIL_TO.count


# --- squatting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        (
            "en",
            "Confirm your address and set your password for Buy back your time",
            "not confirmed yet",
        ),
        (
            "de",
            "Bestätige deine Adresse und setz dein Passwort für „Kauf dir deine Zeit zurück“",
            "noch nicht bestätigt",
        ),
    ],
)
def test_forgot_password_on_an_unconfirmed_address_confirms_and_sets_the_password(
    client, db, smtp_server, language, subject, words
):
    founder_signup(email="victim@example.com", password="mallorys-secret-1")  # the squatter
    client.cookies["django_language"] = language
    client.post("/accounts/password_reset/", {"email": "victim@example.com"})
    (received,) = smtp_server.messages
    # strip(): Python's parser keeps the fold before a long encoded subject as a space.
    assert received["message"]["Subject"].strip() == subject
    assert words in body(received)
    response = set_password(client, reset_link(received), "victims-own-secret-1")
    assert response.headers["Location"] == "/accounts/reset/done/"
    victim = User.objects.get(email="victim@example.com")
    assert victim.profile.email_confirmed_at is not None
    assert victim.check_password("victims-own-secret-1")
    assert not victim.check_password("mallorys-secret-1")


def test_the_owner_signing_up_over_a_squatter_gets_the_address_back(client, db, smtp_server):
    founder_signup(email="victim@example.com", password="mallorys-secret-1")
    signup(client, "victim@example.com")
    (received,) = smtp_server.messages
    assert "not confirmed yet" in body(received)
    set_password(client, reset_link(received), "victims-own-secret-1")
    assert User.objects.get(email="victim@example.com").profile.email_confirmed_at is not None


def test_the_reset_link_is_built_from_site_url_not_the_host_header(
    client, alice, smtp_server, settings
):
    settings.SITE_URL = "https://buyback.example.org"
    client.post("/accounts/password_reset/", {"email": "alice@example.com"}, HTTP_HOST="localhost")
    assert reset_link(smtp_server.messages[0]).startswith("https://buyback.example.org/")


def _age(user, *, days: int) -> None:
    past = timezone.now() - timedelta(days=days)
    User.objects.filter(pk=user.pk).update(date_joined=past)
    Profile.objects.filter(user=user).update(confirmation_sent_at=past)


def test_unconfirmed_accounts_go_when_their_link_expired(db, alice):
    stale = founder_signup(email="stale@example.com", password=PASSWORD)
    fresh = founder_signup(email="fresh@example.com", password=PASSWORD)
    _age(stale, days=confirmation.VALID_FOR.days + 1)
    _age(fresh, days=confirmation.VALID_FOR.days - 1)
    _age(alice, days=400)  # confirmed: stays
    staff = User.objects.create_user(email="staff@example.com", password=PASSWORD, is_staff=True)
    assert unconfirmed_remove() == 1
    assert unconfirmed_remove() == 0  # idempotent
    assert set(User.objects.values_list("email", flat=True)) == {
        alice.email,
        fresh.email,
        staff.email,
    }


def test_a_recent_link_keeps_an_old_unconfirmed_account(db):
    old = founder_signup(email="old@example.com", password=PASSWORD)
    _age(old, days=30)
    Profile.objects.filter(user=old).update(confirmation_sent_at=timezone.now())
    assert unconfirmed_remove() == 0


# --- password guessing from many IPs -----------------------------------------------------------


def _guess(client, n: int, password: str):
    return client.post(
        "/accounts/login/",
        {"username": "Alice@example.com", "password": password},
        REMOTE_ADDR=f"10.0.{n // 250}.{n % 250 + 1}",
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Too many wrong passwords for this address today"), ("de", "Zu viele falsche")],
)
def test_guessing_from_many_ips_locks_the_address_for_the_day(client, alice, language, words):
    client.cookies["django_language"] = language
    for n in range(ratelimit.LOGIN_ADDRESS.count):
        assert _guess(client, n, "guess").status_code == 200  # a new IP each time: axes never locks
    response = _guess(client, 999, password="alice-password-1")
    assert words in response.content.decode()
    assert client.get("/").status_code == 302


def test_a_new_password_through_the_mail_lifts_the_address_lock(client, alice, smtp_server):
    for n in range(ratelimit.LOGIN_ADDRESS.count):
        _guess(client, n, "guess")
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    set_password(client, reset_link(smtp_server.messages[0]), "alices-new-secret-1")
    assert _guess(client, 999, password="alices-new-secret-1").status_code == 302


# --- one address, one account ------------------------------------------------------------------


def test_an_internationalised_domain_and_its_xn_form_are_one_account(client, db, smtp_server):
    signup(client, "zw@exämple.org")
    signup(client, "zw@xn--exmple-cua.org")
    assert list(User.objects.values_list("email", flat=True)) == ["zw@xn--exmple-cua.org"]
    assert [m["to"] for m in smtp_server.messages] == [["zw@xn--exmple-cua.org"]] * 2
    response = client.post("/accounts/login/", {"username": "ZW@EXÄMPLE.ORG", "password": PASSWORD})
    assert response.status_code == 302


def test_the_client_ip_is_what_the_nearest_trusted_proxy_saw(rf, settings):
    from accounts.mailing import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "10.0.0.1"  # no proxy trusted: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the forged 6.6.6.6 is not used

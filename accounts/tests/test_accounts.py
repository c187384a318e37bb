import re

import pytest

from accounts.models import Profile, User
from tasks.tests.factories import make_task


def test_signing_up_creates_a_founder_with_a_profile_who_logs_in_after_confirming(
    client, db, smtp_server
):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "New@Example.com",
            "password1": "a-long-secret-1",
            "password2": "a-long-secret-1",
            "language": "de",
        },
    )
    assert response.headers["Location"] == "/accounts/signup/sent/"
    user = User.objects.get(email="new@example.com")
    assert user.profile.language == "de"
    assert client.get("/").status_code == 302  # not logged in before confirming
    body = smtp_server.messages[0]["message"].get_body(("plain",)).get_content()
    link = re.search(r"/accounts/confirm/\S+/", body).group(0)
    assert client.post(link).headers["Location"] == "/welcome/"  # the browser that signed up
    assert client.get("/welcome/").status_code == 200


def test_signing_up_twice_with_one_email_opens_no_second_account(client, alice):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ALICE@example.com",
            "password1": "x-long-secret-1",
            "password2": "x-long-secret-1",
            "language": "en",
        },
    )
    assert response.headers["Location"] == "/accounts/signup/sent/"
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
    assert User.objects.get(email="alice@example.com").check_password("alice-password-1")


def test_founders_log_in_by_email(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "alice@example.com", "password": "alice-password-1"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_the_founders_language_applies_after_login(client, alice):
    Profile.objects.filter(user=alice).update(language="de")
    client.post(
        "/accounts/login/", {"username": "alice@example.com", "password": "alice-password-1"}
    )
    page = client.get("/").content.decode()
    assert "Dein Outsourcing-Plan" in page
    assert "Zeit-Outsourcing" in page and "Behalten" in page


def test_the_switch_changes_the_language_and_remembers_it(alice_client, alice):
    alice_client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    alice.profile.refresh_from_db()
    assert alice.profile.language == "de"
    assert "Übersicht" in alice_client.get("/").content.decode()


def test_the_switch_works_before_login_and_ignores_foreign_redirects(client, db):
    response = client.post(
        "/i18n/setlang/", {"language": "de", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/"
    assert "Anmelden" in client.get("/accounts/login/").content.decode()


def test_changing_the_capacity_reclassifies_the_tasks(alice_client, alice):
    project = make_task(alice, title="Relaunch", recurring=False, hours_per_week=30)
    assert project.category_id == "keep"
    data = {
        "currency": "EUR",
        "hourly_value": "100",
        "weekly_capacity": "20",
        "monthly_budget": "1000",
        "default_va_rate": "15",
        "default_specialist_rate": "60",
        "time_zone": "Europe/Berlin",
        "language": "en",
        "digest_enabled": "on",
        "digest_weekday": "0",
        "digest_hour": "8",
        "hate_max": "2",
        "skill_gap_max": "2",
        "time_eater_min_hours": "1",
    }
    response = alice_client.post("/settings/", data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.category_id, project.route) == ("time", "project_freelancer")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weekly_capacity", "200"),
        ("hate_max", "6"),
        ("digest_hour", "24"),
        ("time_zone", "Mars/Olympus"),
        ("hourly_value", "-1"),
    ],
)
def test_the_settings_refuse_bad_values(alice_client, alice, field, value):
    response = alice_client.post("/settings/", {field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    alice.profile.refresh_from_db()
    assert alice.profile.weekly_capacity == 40


def test_a_password_reset_mail_reaches_a_real_smtp_server(client, alice, smtp_server):
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["to"] == ["alice@example.com"]
    body = received["message"].get_content()
    link = re.search(r"https?://\S+/accounts/reset/\S+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.context["validlink"]


def test_five_wrong_passwords_lock_the_login_even_with_the_right_one(client, alice):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "alice@example.com", "password": "guess"})
    response = client.post(
        "/accounts/login/", {"username": "alice@example.com", "password": "alice-password-1"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/").status_code == 302


def test_a_lockout_does_not_lock_out_another_founder_on_the_same_network(client, alice, charlie):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "alice@example.com", "password": "guess"})
    response = client.post(
        "/accounts/login/", {"username": "charlie@example.com", "password": "charlie-password-1"}
    )
    assert response.status_code == 302


def test_pages_allow_scripts_only_from_our_own_static_files(alice_client):
    policy = alice_client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]

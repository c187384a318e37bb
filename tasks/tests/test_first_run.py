"""A new founder is asked what their hour is worth; amounts carry their currency."""

from decimal import Decimal

from accounts.models import Profile, User
from tasks.tests.factories import make_delegate

SIGNUP = {
    "email": "new@example.com",
    "password1": "a-long-secret-1",
    "password2": "a-long-secret-1",
    "language": "en",
}


def test_a_new_founder_meets_the_first_run_step_not_a_silent_default(client, db):
    client.post("/accounts/signup/", {**SIGNUP, "time_zone": "Pacific/Auckland"})
    profile = User.objects.get(email="new@example.com").profile
    assert (profile.hourly_value_confirmed, profile.time_zone) == (False, "Pacific/Auckland")
    client.force_login(profile.user)
    page = client.get("/welcome/").content.decode()
    assert "What is your hour worth?" in page and "2,000" in page


def test_an_unknown_browser_zone_keeps_the_default(client, db):
    client.post("/accounts/signup/", {**SIGNUP, "time_zone": "Mars/Olympus"})
    assert User.objects.get(email="new@example.com").profile.time_zone == "Europe/Berlin"


def test_a_yearly_income_gives_the_hourly_value(alice_client, alice):
    response = alice_client.post("/welcome/", {"currency": "CHF", "yearly_income": "76000"})
    assert response.headers["Location"] == "/"
    profile = Profile.objects.get(user=alice)
    assert (profile.hourly_value, profile.currency, profile.hourly_value_confirmed) == (
        Decimal("38.00"),
        "CHF",
        True,
    )


def test_an_hourly_value_typed_in_with_a_german_comma_is_kept(alice_client, alice):
    alice_client.post("/welcome/", {"currency": "EUR", "hourly_value": "120,50"})
    assert Profile.objects.get(user=alice).hourly_value == Decimal("120.50")


def test_neither_value_nor_income_is_refused_in_the_founders_language(alice_client, alice):
    Profile.objects.filter(user=alice).update(language="de")
    response = alice_client.post("/welcome/", {"currency": "EUR"})
    assert response.status_code == 400
    assert "Gib den Wert deiner Stunde oder dein Jahreseinkommen an" in response.content.decode()
    assert not Profile.objects.get(user=alice).hourly_value_confirmed


def test_an_unknown_currency_is_refused(alice_client, alice):
    response = alice_client.post("/welcome/", {"currency": "DEM", "hourly_value": "100"})
    assert response.status_code == 400
    assert Profile.objects.get(user=alice).currency == "EUR"


def test_amounts_carry_the_currency_in_the_readers_language(alice_client, alice):
    make_delegate(alice, name="Pricey agency", kind="specialist", hourly_rate=Decimal("1234.5"))
    assert "€1,234.50" in alice_client.get("/delegates/").content.decode()
    Profile.objects.filter(user=alice).update(language="de", currency="CHF")
    assert "1.234,50\xa0CHF" in alice_client.get("/delegates/").content.decode()


def test_settings_compute_the_hourly_value_from_an_income(alice_client, alice):
    data = {
        "currency": "EUR",
        "hourly_value": "100",
        "yearly_income": "150000",
        "weekly_capacity": "40",
        "monthly_budget": "1000",
        "default_va_rate": "15",
        "default_specialist_rate": "60",
        "time_zone": "Europe/Vienna",
        "language": "en",
        "digest_weekday": "0",
        "digest_hour": "8",
        "hate_max": "2",
        "skill_gap_max": "2",
        "time_eater_min_hours": "1",
    }
    assert alice_client.post("/settings/", data).status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.hourly_value, profile.notify_enabled) == (Decimal("75.00"), False)


def test_the_time_zone_picker_is_grouped_by_region(alice_client):
    page = alice_client.get("/settings/").content.decode()
    assert '<optgroup label="Pacific">' in page and '<optgroup label="Europe">' in page
    assert "data-tz-picker" in page and "js/tz.js" in page

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


# Steps 2 and 3 of the first run: the week and what help costs. A specialist at €60 is above
# the buyback rate of these founders' hours (flagged on the dashboard, not stopped).
WEEK_AND_RATES = {
    "weekly_capacity": "40",
    "monthly_budget": "800",
    "default_va_rate": "9",
    "default_specialist_rate": "60",
}


def test_a_new_founder_meets_the_first_run_step_not_a_silent_default(client, db):
    client.post("/accounts/signup/", {**SIGNUP, "time_zone": "Pacific/Auckland"})
    profile = User.objects.get(email="new@example.com").profile
    assert (profile.hourly_value_confirmed, profile.time_zone) == (False, "Pacific/Auckland")
    client.force_login(profile.user)
    page = client.get("/welcome/").content.decode()
    assert "What is an hour of your time worth?" in page and "2,000" in page
    # Three steps, and no number filled in for the founder.
    assert page.count("<legend") == 3
    for name in ("weekly_capacity", "monthly_budget", "default_va_rate"):
        assert f'name="{name}" value=' not in page


def test_an_unknown_browser_zone_keeps_the_default(client, db):
    client.post("/accounts/signup/", {**SIGNUP, "time_zone": "Mars/Olympus"})
    assert User.objects.get(email="new@example.com").profile.time_zone == "Europe/Berlin"


def test_a_yearly_income_gives_the_hourly_value(alice_client, alice):
    response = alice_client.post(
        "/welcome/", {"currency": "CHF", "yearly_income": "76000"} | WEEK_AND_RATES
    )
    assert response.headers["Location"] == "/"
    profile = Profile.objects.get(user=alice)
    assert (profile.hourly_value, profile.currency, profile.hourly_value_confirmed) == (
        Decimal("38.00"),
        "CHF",
        True,
    )


def test_an_hourly_value_typed_in_with_a_german_comma_is_kept(alice_client, alice):
    alice_client.post("/welcome/", {"currency": "EUR", "hourly_value": "120,50"} | WEEK_AND_RATES)
    assert Profile.objects.get(user=alice).hourly_value == Decimal("120.50")


def test_neither_value_nor_income_is_refused_in_the_founders_language(alice_client, alice):
    Profile.objects.filter(user=alice).update(language="de")
    response = alice_client.post("/welcome/", {"currency": "EUR"} | WEEK_AND_RATES)
    assert response.status_code == 400
    assert "Gib den Wert deiner Stunde oder dein Jahreseinkommen an" in response.content.decode()
    assert not Profile.objects.get(user=alice).hourly_value_confirmed


def test_an_unknown_currency_is_refused(alice_client, alice):
    response = alice_client.post(
        "/welcome/", {"currency": "DEM", "hourly_value": "100"} | WEEK_AND_RATES
    )
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


def test_the_first_run_saves_the_week_the_budget_and_the_rates(alice_client, alice):
    data = {"currency": "EUR", "hourly_value": "80"} | WEEK_AND_RATES | {"weekly_capacity": "32"}
    assert alice_client.post("/welcome/", data).status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.weekly_capacity, profile.monthly_budget) == (Decimal("32"), Decimal("800"))
    assert (profile.default_va_rate, profile.default_specialist_rate) == (Decimal("9"), 60)


def test_a_va_rate_above_the_buyback_rate_is_flagged_before_it_is_saved(alice_client, alice):
    # €45 an hour: the buyback rate is €11.25, so a €15 VA costs more than it buys back.
    data = {"currency": "EUR", "hourly_value": "45"} | WEEK_AND_RATES | {"default_va_rate": "15"}
    response = alice_client.post("/welcome/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "€15.00 an hour is above your buyback rate of €11.25" in page
    assert 'name="va_rate_above_buyback"' in page
    assert not Profile.objects.get(user=alice).hourly_value_confirmed
    # Ticked "I know": saved as given.
    response = alice_client.post("/welcome/", data | {"va_rate_above_buyback": "on"})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).default_va_rate == Decimal("15")


def test_a_specialist_rate_above_the_buyback_rate_is_saved_and_flagged(alice_client, alice):
    # €45 an hour: €60 for a specialist is above the buyback rate of €11.25 (usual for a skill
    # the founder lacks): saved at once, and the dashboard the first run lands on says so.
    data = {"currency": "EUR", "hourly_value": "45"} | WEEK_AND_RATES
    response = alice_client.post("/welcome/", data, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    page = response.content.decode()
    assert "Your default specialist rate (€60.00/h) is above your buyback rate of €11.25/h" in page
    assert Profile.objects.get(user=alice).hourly_value_confirmed


def test_the_rate_warning_in_german(alice_client, alice):
    Profile.objects.filter(user=alice).update(language="de")
    alice_client.cookies["django_language"] = "de"
    data = {"currency": "EUR", "hourly_value": "45"} | WEEK_AND_RATES | {"default_va_rate": "15"}
    page = alice_client.post("/welcome/", data, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "15,00\xa0€" in page and "11,25\xa0€" in page
    assert "Höchstsatz" in page


def test_every_step_is_required(alice_client, alice):
    response = alice_client.post("/welcome/", {"currency": "EUR", "hourly_value": "80"})
    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 4


def test_until_the_first_run_is_done_the_dashboard_says_what_is_missing(alice_client, alice):
    page = alice_client.get("/").content.decode()
    assert "data-first-run-missing" in page and 'href="/welcome/"' in page
    data = {"currency": "EUR", "hourly_value": "80"} | WEEK_AND_RATES
    alice_client.post("/welcome/", data)
    assert "data-first-run-missing" not in alice_client.get("/").content.decode()

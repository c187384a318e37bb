"""Numbers in form boxes as the founder writes them: "1.000,00" and "2,5" for a German
founder, "1,000.00" in English; what they show is what they accept back (editor's list #11)."""

import re
from decimal import Decimal

import pytest

from accounts.forms import plain_decimal


def box(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, name
    return match.group(1)


@pytest.mark.parametrize(
    ("text", "german", "plain"),
    [
        ("1.000,50", True, "1000.50"),
        ("1.000", True, "1000"),
        ("2,5", True, "2.5"),
        ("2.5", True, "2.5"),
        ("1,000.50", False, "1000.50"),
        ("1,000", False, "1000"),
        ("2,5", False, "2.5"),
        ("12.000.000,00", False, "12000000.00"),
        ("1,2.5", True, "1,2.5"),  # no reading: left for the field to refuse
    ],
)
def test_typed_numbers_are_read_as_the_founder_meant(text, german, plain):
    assert plain_decimal(text, german=german) == plain


def test_a_german_founder_sees_german_numbers_in_the_settings(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.monthly_budget = Decimal("1000.00")
    alice.profile.hourly_value = Decimal("100.00")
    alice.profile.weekly_capacity = Decimal("40.0")
    alice.profile.save()
    html = alice_client.get("/settings/").content.decode()
    assert box(html, "monthly_budget") == "1.000,00"
    assert box(html, "hourly_value") == "100,00"
    assert box(html, "weekly_capacity") == "40"


def test_an_english_founder_sees_english_numbers(alice_client, alice):
    alice.profile.monthly_budget = Decimal("1000.00")
    alice.profile.save()
    html = alice_client.get("/settings/").content.decode()
    assert box(html, "monthly_budget") == "1,000.00"


def test_what_the_settings_show_they_accept_back(alice_client, alice):
    """Saving the German page unchanged keeps every figure (no 1.000 → 1)."""
    alice.profile.language = "de"
    alice.profile.monthly_budget = Decimal("1000.00")
    alice.profile.save()
    html = alice_client.get("/settings/").content.decode()
    form = dict(re.findall(r'<input type="text" name="(\w+)" value="([^"]*)"', html))
    assert form["monthly_budget"] == "1.000,00"
    form["monthly_budget"] = "1.250,50"
    posted = {**_settings_post(html), **form}
    response = alice_client.post("/settings/", posted)
    assert response.status_code == 302, response.content.decode()[:2000]
    alice.profile.refresh_from_db()
    assert alice.profile.monthly_budget == Decimal("1250.50")


def _settings_post(html: str) -> dict:
    """Every field of the settings form as the page has it (selects at their chosen option)."""
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', html))
    for name, body in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    for name in re.findall(r'<input type="checkbox" name="(\w+)"[^>]*checked', html):
        fields[name] = "on"
    fields.pop("csrfmiddlewaretoken", None)
    return fields

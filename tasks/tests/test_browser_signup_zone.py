"""At sign-up the browser's own time zone is preselected (static/js/tz.js fills a hidden
field; no inline script), and the first-run step asks for the hourly value."""

from decimal import Decimal

import pytest

from accounts.models import User
from e2e import journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_founder_in_auckland_signs_up_in_their_zone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", timezone_id="Pacific/Auckland"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill("kiwi@example.com")
    page.locator("input[name=password1]").fill("a-long-secret-1")
    page.locator("input[name=password2]").fill("a-long-secret-1")
    page.locator("form:has(input[name=password1]) button[type=submit]").click()
    page.wait_for_url("**/accounts/signup/sent/")
    journey.confirm_from_mail(page, "kiwi@example.com")
    page.locator("input[name=hourly_value]").fill("120,50")
    for name, value in [
        ("weekly_capacity", "40"),
        ("monthly_budget", "800"),
        ("default_va_rate", "15"),
        ("default_specialist_rate", "60"),
    ]:
        page.locator(f"input[name={name}]").fill(value)
    page.locator("form:has(input[name=hourly_value]) button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    context.close()
    profile = User.objects.get(email="kiwi@example.com").profile
    assert (profile.time_zone, profile.hourly_value, profile.hourly_value_confirmed) == (
        "Pacific/Auckland",
        Decimal("120.50"),
        True,
    )

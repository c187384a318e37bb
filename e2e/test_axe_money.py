"""The money pages in the states issue 25 adds (a plan over budget with the saved fit order,
next moves at one price, the DRIP matrix with a founder's rating and a task not placed, a role
ready to give to one delegate with a task waiting for its instruction, the first run with both
rates flagged) are axe-clean in both languages at both widths; screenshots for a reviewer."""

import pytest

from e2e.walk import LANGUAGES, Walk
from sops import services as sops_services
from sops.tests.factories import make_instruction
from tasks.models import Task
from tasks.tests.money_support import money_founder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_money_pages_are_accessible(open_as, live_server, alice, screenshot):
    tasks = money_founder(alice)
    instruction = make_instruction(alice, task=tasks["Data entry"], title="Data entry")
    sops_services.instruction_publish(instruction=instruction, by=alice)
    Task.objects.filter(pk=tasks["Customer emails"].pk).update(money_rating=4)
    Task.objects.filter(pk=tasks["Podcast editing"].pk).update(enjoyment=None)
    walk = Walk(page=open_as(alice), origin=live_server.url)
    page = walk.page
    for language in LANGUAGES:
        page.goto("/")
        walk.switch_language(language)
        for path in ("/", "/plan/drip/", "/plan/roles/", "/plan/roles/virtual_assistant/admin/"):
            walk.check(path, language=language)
            for width in (1366, 375):
                page.set_viewport_size({"width": width, "height": 900})
                screenshot(
                    page, f"money-{path.strip('/').replace('/', '-') or 'home'}-{language}-{width}"
                )
            page.set_viewport_size({"width": 1366, "height": 900})
        # The saved order: the dashboard comes back with "cheapest first" pressed.
        page.goto("/")
        with page.expect_navigation():
            page.locator("[data-fit-order] button[value=cheapest]").click()
        walk.check_here(f"dashboard, cheapest first [{language}]")
        with page.expect_navigation():
            page.locator("[data-fit-order] button[value=net]").click()
        page.goto("/welcome/")
        page.fill("#id_hourly_value", "45")
        page.fill("#id_weekly_capacity", "40")
        page.fill("#id_monthly_budget", "500")
        page.fill("#id_default_va_rate", "15")
        page.fill("#id_default_specialist_rate", "60")
        page.locator("form button[type=submit]").last.click()
        page.locator("#id_va_rate_above_buyback").wait_for()
        walk.check_here(f"first run with the VA rate flagged [{language}]")
    if walk.problems:
        pytest.fail(walk.report(), pytrace=False)

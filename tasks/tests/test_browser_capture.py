"""Quick capture in a real Chromium: five tasks from the dashboard, no page load, no made-up
reasons, no Content-Security-Policy violation, no axe-core violation."""

import pytest
from playwright.sync_api import expect

from tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIVE = [
    ("Bookkeeping", "2", "month"),
    ("Inbox triage", "1", "day"),
    ("Tax return", "8", "year"),
    ("Newsletter", "3", "week"),
    ("Investor update", "4", "quarter"),
]


def _watch_console(page) -> list[str]:
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_five_tasks_from_the_dashboard_without_a_page_load(page, alice, log_in):
    log_in(page, "alice@example.com", "alice-password-1")
    errors = _watch_console(page)
    page.goto("/")
    # A page load would forget this.
    page.evaluate("window.stillTheSamePage = true")
    for title, amount, unit in FIVE:
        page.get_by_label("Task", exact=True).fill(title)
        page.get_by_label("Hours", exact=True).fill(amount)
        page.get_by_label("How often").select_option(unit)
        page.get_by_role("button", name="Add", exact=True).click()
        page.locator("#quick-capture-added > li", has_text=title).wait_for()
        # The fresh form has the focus back, ready for the next task.
        expect(page.locator("#quick-title")).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True
    expect(page.locator("#quick-capture-added > li")).to_have_count(5)
    # Nobody rated anything: no sentence claims a rating, each asks for one.
    added = page.locator("#quick-capture-added").inner_text()
    assert "You rated" not in added
    assert added.count("rate it to sharpen the advice") == 5
    tasks = Task.objects.filter(owner=alice)
    assert tasks.count() == 5
    assert {t.skill for t in tasks} == {None} and {t.enjoyment for t in tasks} == {None}
    expect(page.locator("#quick-capture-added > li", has_text="Tax return")).to_contain_text("0.15")
    assert errors == []


def test_the_rest_is_filled_in_where_the_task_appeared(page, alice, log_in):
    log_in(page, "alice@example.com", "alice-password-1")
    errors = _watch_console(page)
    page.get_by_label("Task", exact=True).fill("Inbox triage")
    page.get_by_label("Hours", exact=True).fill("5")
    page.get_by_role("button", name="Add", exact=True).click()
    item = page.locator("#quick-capture-added > li", has_text="Inbox triage")
    item.get_by_text("Fill in the rest").click()
    item.get_by_label("Area").select_option("admin")
    item.get_by_label("How much do you like doing it?").select_option("1")
    item.get_by_role("button", name="Save").click()
    page.locator("[data-saved]").wait_for()
    item = page.locator("#quick-capture-added > li", has_text="Inbox triage")
    expect(item.locator("[data-category]")).to_have_attribute("data-category", "smart")
    expect(item).to_contain_text("enjoyment 1 ≤ your")
    expect(item).to_contain_text("Skill not rated yet")
    assert errors == []


def test_quick_capture_works_without_javascript(browser, live_server, alice):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("alice@example.com")
    page.get_by_label("Password").fill("alice-password-1")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Task", exact=True).fill("Tax return")
    page.get_by_label("Hours", exact=True).fill("8")
    page.get_by_label("How often").select_option("year")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("Task added: Tax return.").wait_for()
    assert Task.objects.get(owner=alice).time_unit == "year"
    context.close()


def test_the_dashboard_with_quick_capture_has_no_axe_violations(page, alice, log_in):
    from axe_playwright_python.sync_playwright import Axe

    log_in(page, "alice@example.com", "alice-password-1")
    page.get_by_label("Task", exact=True).fill("Inbox triage")
    page.get_by_label("Hours", exact=True).fill("5")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator("#quick-capture-added > li").wait_for()
    page.get_by_text("Fill in the rest").click()
    # The new part of the page; the navigation bar's contrast is not this (see report).
    results = Axe().run(page, context="[data-quick-capture]")
    assert results.violations_count == 0, results.generate_report()

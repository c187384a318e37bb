"""A founder walks the core in a real Chromium: sign up, add tasks, see them classified."""

import pytest
from playwright.sync_api import expect

from e2e import journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_founder_signs_up_adds_a_task_and_sees_it_classified(page):
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill("new.founder@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-secret-1")
    page.get_by_label("Password confirmation").fill("a-long-secret-1")
    page.get_by_role("button", name="Sign up").click()
    # Nothing opens before the address is confirmed: the mailed link logs the founder in.
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    journey.confirm_from_mail(page, "new.founder@example.com")
    # The first-run step: what an hour of the founder's time is worth.
    page.get_by_label("…or what do you earn in a year?").fill("150000")
    page.get_by_label("How many hours a week can you work?").fill("40")
    page.get_by_label("What can you spend on help each month?").fill("800")
    page.get_by_label("What does a virtual assistant cost an hour?").fill("15")
    page.get_by_label("What does a specialist cost an hour").fill("60")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your delegation plan").wait_for()

    page.get_by_role("link", name="Add a task").first.click()
    page.get_by_label("Title").fill("Inbox triage")
    page.get_by_label("Area").select_option("admin")
    page.get_by_label("Hours", exact=True).fill("5")
    page.get_by_label("How often").select_option("week")
    page.get_by_label("How well do you do this yourself?").select_option("4")
    page.get_by_label("How much do you like doing it?").select_option("3")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Inbox triage").wait_for()
    expect(page.locator("[data-category]")).to_have_attribute("data-category", "time")
    expect(page.locator("[data-route]")).to_have_text("Virtual assistant")
    expect(page.get_by_text("recurring, 5 h a week ≥ your")).to_be_visible()


def test_the_task_form_shows_what_is_wrong(page, alice, log_in):
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto("/tasks/new/")
    page.get_by_label("Title").fill("Bookkeeping")
    page.get_by_label("Area").select_option("finance")
    page.get_by_label("Hours", exact=True).fill("200")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("That is more than the 168 hours of a week.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Bookkeeping")


def test_the_language_switch_turns_the_dashboard_german(page, alice, log_in):
    log_in(page, "alice@example.com", "alice-password-1")
    page.get_by_role("button", name="Deutsch").click()
    page.get_by_role("heading", name="Dein Outsourcing-Plan").wait_for()
    expect(page.get_by_role("heading", name="Deine nächsten Schritte")).to_be_visible()
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Your delegation plan").wait_for()

"""The founder's journey in a real Chromium, step by step (e2e/journey.py), each test ending
with a screenshot in test-results/ for a reviewer."""

import re

import pytest
from playwright.sync_api import expect

from e2e import journey
from sops.models import Run
from tasks.tests.factories import make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INBOX = {
    "title": "Inbox triage",
    "area": "admin",
    "hours": "5",
    "recurring": True,
    "skill": 4,
    "enjoyment": 3,
}  # routine → time, virtual assistant
ACCOUNTS = {
    "title": "Annual accounts",
    "area": "finance",
    "hours": "3",
    "recurring": False,
    "skill": 1,
    "enjoyment": 3,
}  # can't do it → skill, specialist
PRODUCT = {
    "title": "Develop the product",
    "area": "product",
    "hours": "10",
    "recurring": False,
    "skill": 5,
    "enjoyment": 5,
    "core": True,
}  # core → keep


def test_a_new_founder_sets_up_adds_tasks_and_sees_them_classified(page, screenshot):
    journey.sign_up(page, "new.founder@example.com", "a-long-secret-1")
    journey.set_profile(page, hourly_value="120", weekly_capacity="30", monthly_budget="800")
    tasks = {journey.add_task(page, **t): t["title"] for t in (INBOX, ACCOUNTS, PRODUCT)}
    seen = {title: journey.classification(page, pk) for pk, title in tasks.items()}
    assert seen == {
        "Inbox triage": ("time", "virtual_assistant"),
        "Annual accounts": ("skill", "specialist"),
        "Develop the product": ("keep", "keep"),
    }
    page.goto("/tasks/")  # the dashboard shows next moves; the list shows every task
    expect(page.locator("[data-task]")).to_have_count(3)
    screenshot(page)


def test_a_founder_overrides_a_category_and_the_computed_one_stays_visible(page, alice, screenshot):
    task = make_task(alice, title="Inbox triage")
    journey.log_in(page, "alice@example.com", "alice-password-1")
    journey.override(page, task.pk, category="smart", reason="I hate it more than I admit.")
    assert journey.classification(page, task.pk)[0] == "smart"
    expect(page.locator("[data-override-trail] li")).to_have_count(1)
    task.refresh_from_db()
    assert (task.category_id, task.override_category_id) == ("time", "smart")
    screenshot(page)


def test_the_founders_whole_journey_from_sign_up_to_the_consultants_overview(
    page, browser, live_server, screenshot
):
    journey.sign_up(page, "journey@example.com", "a-long-secret-1")
    journey.set_profile(page, hourly_value="100", weekly_capacity="20", monthly_budget="600")
    inbox = journey.add_task(page, **INBOX)
    accounts = journey.add_task(page, **ACCOUNTS)
    assert journey.classification(page, inbox) == ("time", "virtual_assistant")
    journey.override(page, accounts, category="smart", reason="It keeps me up at night.")
    assert journey.classification(page, accounts)[0] == "smart"

    journey.add_delegate(page, name="Maria", kind="virtual_assistant", rate="18")
    instruction = journey.instruction_from_template(page, inbox)
    journey.publish(page, instruction)
    journey.delegate(page, inbox, to="Maria")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "delegated")
    url = journey.handover_link(page, instruction, to="Maria")
    screenshot(page, "-1-handover-link")

    # The delegate has no account: a fresh context, as on her own computer.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    maria = context.new_page()
    journey.delegate_records_run(maria, url, who="Maria", minutes=25)
    screenshot(maria, "-2-delegate")
    context.close()
    run = Run.objects.get()
    assert (run.performed_by, run.minutes) == ("Maria", 25)
    assert len(run.checked_steps) == len(run.version.steps) > 0

    page.goto("/")
    expect(page.locator("[data-figure=bought-back]")).to_have_text(re.compile(r"^\s*5"))
    screenshot(page, "-3-dashboard")
    english_heading = page.locator("h1").inner_text()
    journey.switch_language(page, "de")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h1")).not_to_have_text(english_heading)
    screenshot(page, "-4-dashboard-de")
    page.goto("/tasks/")
    expect(page.locator(f"[data-task='{inbox}']")).to_contain_text("Maria")

    from accounts.models import User
    from consultants.tests.admin_cast import make_consultant

    founder = User.objects.get(email="journey@example.com")
    founder.profile.consultants.add(make_consultant("coach@example.com"))
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    coach = context.new_page()
    overview = journey.consultant_overview(coach, "coach@example.com", "coach@example.com-password")
    expect(overview.locator("[data-founder='journey@example.com']")).to_be_visible()
    screenshot(coach)
    context.close()


def test_a_founder_switches_a_task_page_to_german_and_back(page, alice, screenshot):
    task = make_task(alice, title="Inbox triage")
    journey.log_in(page, "alice@example.com", "alice-password-1")
    page.goto(f"/tasks/{task.pk}/")
    english = page.locator("#verdict-heading").inner_text()
    journey.switch_language(page, "de")
    expect(page).to_have_url(re.compile(re.escape(f"/tasks/{task.pk}/") + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h1")).to_have_text("Inbox triage")  # the founder's own words stay
    expect(page.locator("#verdict-heading")).not_to_have_text(english)
    alice.profile.refresh_from_db()
    assert alice.profile.language == "de"
    screenshot(page)


def test_a_consultant_sees_their_founder_and_not_a_stranger_in_the_overview(
    page, alice, bob, charlie, screenshot
):
    from django.contrib.auth.models import Group

    bob.groups.add(Group.objects.get(name="Consultants"))
    overview = journey.consultant_overview(page, "bob@example.com", "bob-password-1")
    expect(overview.locator("[data-founder='alice@example.com']")).to_be_visible()
    expect(overview.locator("[data-founder='charlie@example.com']")).to_have_count(0)
    screenshot(page)

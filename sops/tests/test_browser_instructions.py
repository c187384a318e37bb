"""In a real Chromium: write an instruction for a VA task, publish it, see the task become
ready, delegate it, share the link, and record a run through it in a fresh context."""

import re

import pytest
from playwright.sync_api import expect

from sops.models import Run
from tasks.tests.factories import make_delegate, make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_founder_hands_over_a_va_task_with_its_instruction(
    page, browser, live_server, alice, log_in
):
    task = make_task(alice, title="Inbox triage")
    maria = make_delegate(alice, name="Maria")
    log_in(page, "alice@example.com", "alice-password-1")

    page.goto(f"/tasks/{task.pk}/")
    expect(page.locator("[data-gate=closed]")).to_be_visible()
    page.get_by_role("link", name="Write the work instruction").first.click()
    page.get_by_role("heading", name="Write a work instruction").wait_for()
    page.get_by_label("Why this task matters").fill("Nothing urgent gets lost.")
    page.get_by_label("What to do").first.fill("Open the inbox, **oldest first**")
    page.get_by_role("button", name="Add a step").click()
    page.get_by_label("What to do").nth(1).fill("Answer routine mail")
    page.get_by_role("button", name="Move up").nth(1).click()
    page.get_by_role("button", name="Save the draft").click()

    page.get_by_role("heading", name="Inbox triage").wait_for()
    steps = page.locator("[data-step]")
    expect(steps.nth(0)).to_have_text(re.compile(r"^\s*Answer routine mail"))
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published as version 1.").wait_for()

    page.goto(f"/tasks/{task.pk}/")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "ready")
    page.get_by_label("Who takes it?").select_option(value=str(maria.pk))
    page.get_by_role("button", name="Delegate").click()
    page.get_by_text("Task delegated.").wait_for()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "delegated")

    page.get_by_role("link", name="Inbox triage").first.click()
    page.get_by_label("For whom?").select_option(label="Maria")
    page.get_by_role("button", name="Create a handover link").click()
    url = page.locator("[data-link-url]").first.inner_text()  # the newest

    context = browser.new_context(base_url=live_server.url, locale="en-US")
    delegate_page = context.new_page()
    delegate_page.set_default_timeout(10_000)
    delegate_page.goto(url)
    delegate_page.get_by_role("heading", name="Inbox triage").wait_for()
    delegate_page.get_by_role("button", name="I have read version 1").click()
    delegate_page.get_by_label("Who did it").fill("Maria")
    delegate_page.get_by_label("1. Answer routine mail").check()
    delegate_page.get_by_label("Time taken (minutes)").fill("40")
    delegate_page.get_by_role("button", name="Record the run").click()
    delegate_page.get_by_text("Thank you, the run is recorded.").wait_for()
    context.close()

    assert Run.objects.get().checked_steps == [0]
    page.goto(f"/tasks/{task.pk}/")
    expect(page.locator("[data-progress]").first).to_have_text("1/2 steps")

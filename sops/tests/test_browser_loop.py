"""The loop in a real Chromium: the founder delegates a VA task and sends the link; the
delegate's mailbox (a real SMTP server on loopback) gets it; the delegate opens it in a fresh
browser context, acknowledges the version and records a run; the founder's mailbox gets one
notification. Celery: a real worker on Redis where REDIS_URL is set, eager otherwise."""

import re
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings as django_settings
from django.core import signing
from django.db import connections
from playwright.sync_api import expect

from outsourcing.celery import app
from sops.models import LINK_SALT, HandoverEvent, HandoverLink, Run
from sops.tests.factories import published_va_task
from tasks.tests.factories import make_delegate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _close_connections(**_kwargs):
    connections.close_all()


@pytest.fixture
def celery_worker_or_eager():
    if not django_settings.REDIS_URL:
        yield None  # CELERY_TASK_ALWAYS_EAGER: tasks run in the request's thread
        return
    app.control.purge()
    task_postrun.connect(_close_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        task_postrun.disconnect(_close_connections)


def _wait_for(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _token(url):
    return signing.loads(url.rstrip("/").rsplit("/", 1)[1], salt=LINK_SALT)


def _to(inbox, address):
    return [m for m in inbox.messages if m["to"] == [address]]


def test_delegate_hears_by_email_and_the_founder_hears_back(
    page, browser, live_server, alice, log_in, smtp_server, celery_worker_or_eager, settings
):
    settings.SITE_URL = live_server.url  # the links in emails point at this server
    task, instruction, _version = published_va_task(alice, title="Inbox triage")
    maria = make_delegate(alice, name="Maria", email="maria@example.com")
    log_in(page, "alice@example.com", "alice-password-1")

    page.goto(f"/tasks/{task.pk}/")
    page.get_by_label("Who takes it?").select_option(value=str(maria.pk))
    page.get_by_label("Email the work instruction to the delegate").uncheck()  # sent below
    page.get_by_role("button", name="Delegate").click()
    page.get_by_text("Task delegated.").wait_for()

    page.goto(f"/instructions/{instruction.pk}/")
    page.get_by_label("For whom?").select_option(label="Maria")
    page.get_by_role("button", name="Create a handover link").click()
    shown = page.locator("[data-link-url]").first.inner_text()  # the newest
    page.get_by_role("button", name="Copy the link").first.click()
    page.get_by_text("Copied to the clipboard.").or_(
        page.get_by_text("Copying did not work")
    ).wait_for()
    page.get_by_label("A note for them (optional)").first.fill("Start on Monday, please.")
    page.get_by_role("button", name="Send to maria@example.com").first.click()
    page.get_by_text("Sent to maria@example.com.").wait_for()

    _wait_for(lambda: _to(smtp_server, "maria@example.com"))
    (mail,) = _to(smtp_server, "maria@example.com")
    text = mail["message"].get_body(("plain",)).get_content()
    assert "Start on Monday, please." in text and "Inbox triage" in text
    url = re.search(r"http\S+/instructions/handover/\S+/", text).group(0)
    # The same link as the page shows (each rendering signs it afresh: compare the token).
    assert url.startswith(live_server.url)
    assert _token(url) == _token(shown) == HandoverLink.objects.get(for_delegation=False).token

    context = browser.new_context(locale="en-US")
    delegate_page = context.new_page()
    delegate_page.set_default_timeout(10_000)
    delegate_page.goto(url)
    delegate_page.get_by_role("button", name="I have read version 1").click()
    delegate_page.get_by_label("Who did it").fill("Maria")
    delegate_page.get_by_label("1. Open the inbox").check()
    delegate_page.get_by_label("Time taken (minutes)").fill("40")
    delegate_page.get_by_label("Notes").fill("No access to the shared inbox yet")
    delegate_page.get_by_role("button", name="Record the run").click()
    delegate_page.get_by_text("Thank you, the run is recorded.").wait_for()
    context.close()

    assert Run.objects.get().checked_steps == [0]
    _wait_for(lambda: _to(smtp_server, "alice@example.com"))
    _wait_for(lambda: HandoverEvent.objects.count() == 2)
    time.sleep(1)  # a second notification would have arrived by now
    (notification,) = _to(smtp_server, "alice@example.com")
    assert notification["message"]["Subject"] == "Maria read your work instruction: Inbox triage"
    # The run waits for the founder's hour to pass: at most one email an hour.
    assert HandoverEvent.objects.filter(notified_at=None).get().kind == "run"


URGENT = "A lawyer wrote about the Weber contract, please read today"


def test_the_loop_delegate_and_send_hear_back_urgently_and_answer(
    page, browser, live_server, alice, log_in, smtp_server, celery_worker_or_eager, settings
):
    """Issue 23's loop: delegate and send in one step; the delegate records a run with an
    unchecked step and an urgent note and asks a question; the founder has the urgent email
    within seconds, sees the note first on the dashboard, answers; the delegate reads it."""
    settings.SITE_URL = live_server.url
    settings.HEARD_BACK_AT_ONCE = not django_settings.REDIS_URL  # as the demo sets it
    task, _instruction, _version = published_va_task(alice, title="Inbox triage")
    maria = make_delegate(alice, name="Maria", email="maria@example.com")
    log_in(page, "alice@example.com", "alice-password-1")

    page.goto(f"/tasks/{task.pk}/")
    page.get_by_label("Who takes it?").select_option(value=str(maria.pk))
    expect(page.get_by_label("Email the work instruction to the delegate")).to_be_checked()
    page.get_by_label("A note for them (optional)").fill("Every morning, please.")
    page.get_by_role("button", name="Delegate").click()
    expect(
        page.get_by_text("the work instruction is on its way to maria@example.com")
    ).to_be_visible()

    _wait_for(lambda: _to(smtp_server, "maria@example.com"))
    (mail,) = _to(smtp_server, "maria@example.com")
    text = mail["message"].get_body(("plain",)).get_content()
    url = re.search(r"http\S+/instructions/handover/\S+/", text).group(0)

    context = browser.new_context(locale="en-US")
    delegate_page = context.new_page()
    delegate_page.set_default_timeout(10_000)
    delegate_page.goto(url)
    expect(delegate_page.locator("[data-founder-note]")).to_contain_text("Every morning, please.")
    delegate_page.get_by_role("button", name="I have read version 1").click()
    delegate_page.get_by_label("1. Open the inbox").check()
    delegate_page.get_by_label("Time taken (minutes)").fill("50")
    delegate_page.get_by_label("Notes").fill(URGENT)
    delegate_page.get_by_label("This note is urgent: email it at once").check()
    delegate_page.get_by_role("button", name="Record the run").click()
    expect(delegate_page.get_by_text("Thank you, the run is recorded.")).to_be_visible()
    questions = delegate_page.locator("#questions")
    questions.get_by_label("Your question").fill("Shall I forward the lawyer's mail to you?")
    questions.get_by_role("button", name="Ask").click()
    expect(delegate_page.get_by_text("Your question is on its way")).to_be_visible()

    def urgent_mail():
        return [
            m for m in _to(smtp_server, "alice@example.com") if "Urgent" in m["message"]["Subject"]
        ]

    _wait_for(urgent_mail, seconds=10)
    body = urgent_mail()[0]["message"].get_body(("plain",)).get_content()
    assert URGENT in body and "Not checked:" in body

    page.goto("/")
    first = page.locator("[data-team-news] [data-news]").first
    expect(first).to_contain_text(URGENT)
    expect(first).to_contain_text("Urgent")
    asked = page.locator("[data-team-news] [data-news]", has_text="Shall I forward")
    asked.get_by_text("Answer", exact=True).click()
    asked.get_by_label("Your answer").fill("Yes, forward it now.")
    asked.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Answer saved; Maria sees it on their page.")).to_be_visible()

    delegate_page.reload()
    expect(delegate_page.locator("#questions")).to_contain_text("Yes, forward it now.")
    context.close()

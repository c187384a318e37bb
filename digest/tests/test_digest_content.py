"""What the digest says, read from what a real SMTP server on loopback received."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.urls import resolve

from accounts.models import Profile
from digest.models import WeeklyDigest
from digest.tests.digest_support import (
    MONDAY,
    claim_and_send,
    links,
    parts,
    plan,
    subject,
    unsubscribe_link,
)
from tasks import services
from tasks.models import Task
from tasks.tests.factories import make_delegate, make_task


def _received(smtp_server):
    [received] = smtp_server.messages
    message = received["message"]
    return message, parts(message)


def _alices_week(alice):
    """Five reclaimable tasks of different sizes, one delegated, one kept."""
    tasks = {
        "inbox": make_task(alice, title="Inbox triage", hours_per_week=5),  # time / VA
        "support": make_task(alice, title="Support & R&D replies", hours_per_week=7),
        "logo": make_task(alice, title="Logo", recurring=False, skill=1, hours_per_week=3),
        "books": make_task(alice, title="Bookkeeping", skill=1, hours_per_week=2),
        "travel": make_task(alice, title="Book travel", hours_per_week=1),
        "product": make_task(alice, title="Product", core=True, hours_per_week=10),
        "accounts": make_task(alice, title="Annual accounts", recurring=False, skill=1),
    }
    tax = make_delegate(alice, name="Steuerbüro Weber", kind="specialist", hourly_rate=90)
    services.delegation_start(
        task=tasks["accounts"], delegate=tax, start_date=MONDAY.date() - timedelta(days=20)
    )
    plan(alice)
    return tasks


def test_the_digest_has_text_and_html_parts_with_the_weeks_numbers(alice, smtp_server):
    _alices_week(alice)
    claim_and_send()
    message, body = _received(smtp_server)
    assert message["To"] == "alice@example.com"
    assert subject(message) == "Week 49: 5 h a week bought back, 18 h to reclaim"
    text, html = body["text/plain"], body["text/html"]
    assert "Bought back: 5 h a week" in text
    assert "Still to reclaim: 18 h a week" in text
    assert "- Time outsourcing: 13 h" in text
    assert "- Skill outsourcing: 3 h" in text
    assert "- Smart outsourcing: 2 h" in text  # skill gap on a routine that eats time
    # R&D stays R&D in plain text, and is escaped in HTML.
    assert "Support & R&D replies" in text
    assert "Support &amp; R&amp;D replies" in html
    assert "Bought back: 5 h a week" in html and "<img" not in html
    assert 'style="' in html and "<style" not in html


def test_the_top_three_moves_come_largest_value_first_with_absolute_links(alice, smtp_server):
    tasks = _alices_week(alice)
    claim_and_send()
    _message, body = _received(smtp_server)
    text = body["text/plain"]
    section = text.split("Your next moves")[1].split("Waiting for a work instruction")[0]
    titles = [
        line.split(" — ")[0][3:] for line in section.splitlines() if line[:2] in ("1.", "2.", "3.")
    ]
    assert titles == ["Support & R&D replies", "Inbox triage", "Logo"]
    every_link = list(links(section))
    # The list ends with "and M more", linking to all the moves on the task list.
    task_links = [link for link in every_link if "?" not in link]
    assert [link for link in every_link if "?" in link] == [
        settings.SITE_URL + "/tasks/?status=moves&sort=value"
    ] and "and 2 more: " in section
    expected = [tasks[k].pk for k in ("support", "inbox", "logo")]
    assert all(link.startswith(settings.SITE_URL + "/tasks/") for link in task_links)
    assert [int(resolve(link[len(settings.SITE_URL) :]).kwargs["pk"]) for link in task_links] == (
        expected
    )
    assert "7 h a week, worth €700.00, costs about €105.00 (Virtual assistant)" in section
    assert "recurring, 7 h a week ≥ your" in section


def test_it_lists_va_tasks_waiting_for_a_work_instruction(alice, smtp_server):
    _alices_week(alice)
    claim_and_send()
    text = _received(smtp_server)[1]["text/plain"]
    waiting = text.split("Waiting for a work instruction")[1].split("No run recorded")[0]
    assert "- Inbox triage (5 h)" in waiting and "- Book travel (1 h)" in waiting
    assert "Logo" not in waiting  # a specialist's job, no work instruction gate


def test_it_flags_delegations_with_no_run_for_14_days(alice, smtp_server):
    _alices_week(alice)
    # A specialist's job: no work instruction gate before it is handed off.
    quiet = make_task(alice, title="Podcast editing", hours_per_week=2, recurring=False, skill=1)
    maria = make_delegate(alice, name="Maria", kind="specialist")
    Task.objects.filter(pk=quiet.pk).update(
        status="delegated",
        delegate=maria,
        delegated_on=MONDAY.date() - timedelta(days=60),
        last_run_on=MONDAY.date() - timedelta(days=3),
    )
    claim_and_send()
    text = _received(smtp_server)[1]["text/plain"]
    silent = text.split("No run recorded for 14 days")[1]
    assert "- Annual accounts (Steuerbüro Weber), last run 20 days ago" in silent
    assert "Podcast editing" not in silent


def test_it_shows_the_change_since_last_week_the_capacity_warning_and_the_budget(
    alice, smtp_server
):
    _alices_week(alice)
    WeeklyDigest.objects.create(
        founder=alice,
        iso_year=2026,
        iso_week=48,
        state="sent",
        claimed_at=MONDAY - timedelta(days=7),
        snapshot_at=MONDAY - timedelta(days=7),
        hours_delegated=Decimal("2"),
    )
    Profile.objects.filter(user=alice).update(weekly_capacity=20, monthly_budget=1000)
    claim_and_send()
    text = _received(smtp_server)[1]["text/plain"]
    assert "Bought back: 5 h a week (+3 h since last week)" in text
    assert "You are over capacity: you still do 28 h a week against 20 h." in text
    # 5 h × 90 a week is 1,950 a month.
    assert "(€1,950.00 now + " in text and "Over budget by " in text


def test_a_week_with_nothing_new_still_sends_but_short(alice, smtp_server):
    make_task(alice, title="Inbox triage", hours_per_week=5)
    plan(alice)
    claim_and_send()
    next_monday = MONDAY + timedelta(days=7)
    claim_and_send(now=next_monday)
    first, second = (m["message"] for m in smtp_server.messages)
    assert "nothing new" not in subject(first)
    assert subject(second) == "Week 50: nothing new — still 0 h a week bought back"
    text = parts(second)["text/plain"]
    assert "Nothing new this week." in text and "Your next moves" not in text
    assert unsubscribe_link(second) in text


def test_the_digest_speaks_the_founders_language(alice, smtp_server):
    make_task(alice, title="Inbox triage", hours_per_week=Decimal("41.5"))
    plan(alice, language="de")
    claim_and_send()
    text = _received(smtp_server)[1]["text/plain"]
    assert "Du bist über deiner Kapazität: Du machst noch 41,5 Std. pro Woche" in text
    assert "Outsourcing-Budget" in text


def test_it_carries_one_click_unsubscribe_headers_and_a_settings_link(alice, smtp_server):
    plan(alice)
    claim_and_send()
    message, body = _received(smtp_server)
    url = unsubscribe_link(message)
    assert url.startswith(settings.SITE_URL + "/digest/unsubscribe/?token=")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert settings.SITE_URL + "/settings/" in body["text/plain"]
    assert f'href="{settings.SITE_URL}/settings/"' in body["text/html"]


def test_the_snapshot_is_stored_with_the_ledger_row(alice, smtp_server):
    _alices_week(alice)
    claim_and_send()
    row = WeeklyDigest.objects.get(founder=alice)
    assert (row.hours_delegated, row.reclaimable_hours) == (Decimal("5"), Decimal("18"))
    assert (row.reclaimable_time, row.reclaimable_skill, row.reclaimable_smart) == (
        Decimal("13"),
        Decimal("3"),
        Decimal("2"),
    )
    assert (row.delegation_cost, row.bought_back_value) == (Decimal("450"), Decimal("500"))
    assert (row.hours_kept, row.weekly_capacity) == (Decimal("28"), Decimal("40"))


def test_the_digest_counts_the_weeks_runs_per_delegation(alice, smtp_server):
    from sops import services as sops_services
    from sops.tests.factories import published_va_task

    _task, instruction, version = published_va_task(alice, title="Inbox triage")
    maria = make_delegate(alice, name="Maria")
    link = sops_services.handover_link_create(instruction=instruction, delegate=maria)
    sops_services.handover_acknowledge(link=link, version=version)
    for day, checked in [(23, [0, 1, 2]), (24, [0, 1, 2]), (27, [0]), (20, [0])]:
        run = sops_services.run_record(
            version=version,
            performed_on=MONDAY.date().replace(day=day),
            performed_by="Maria",
            checked_steps=checked,
            minutes=20 if day != 27 else 31,
            notes="Printer empty" if day == 27 else "",
            link=link,
        )
        assert run.pk
    plan(alice)
    claim_and_send()
    _message, body = _received(smtp_server)
    text, html = body["text/plain"], body["text/html"]
    # 24 Nov – 30 Nov: the runs of the 24th and the 27th (23rd and 20th are older).
    assert "Runs this week\n- Inbox triage (Maria): 2 runs, 1 with unchecked steps" in text.replace(
        "\r\n", "\n"
    )
    assert "data-week-runs" in html
    # Measured beside the plan: 20 + 31 minutes logged this week, and the note.
    assert "2 runs, 1 with unchecked steps, 51 minutes logged\n  Their note: Printer empty" in (
        text.replace("\r\n", "\n")
    )
    assert "That is the plan; measured: your team logged 0.85 h in runs this week." in text
    assert "logged 0.85 h" in html


def test_a_silent_delegation_drops_out_of_the_measured_figure(alice, smtp_server):
    from sops import services as sops_services
    from sops.tests.factories import published_va_task

    task, instruction, version = published_va_task(alice, title="Inbox triage")
    maria = make_delegate(alice, name="Maria")
    services.delegation_start(
        task=task, delegate=maria, start_date=MONDAY.date() - timedelta(days=40)
    )
    link = sops_services.handover_link_create(instruction=instruction, delegate=maria)
    sops_services.handover_acknowledge(link=link, version=version)
    sops_services.run_record(
        version=version,
        performed_on=MONDAY.date() - timedelta(days=20),
        performed_by="Maria",
        checked_steps=[0],
        minutes=50,
        link=link,
    )
    plan(alice)
    claim_and_send()
    _message, body = _received(smtp_server)
    text = body["text/plain"]
    assert "That is the plan; no runs were logged this week." in text
    assert "No run recorded for 14 days" in text and "measured:" not in text


def test_the_digest_carries_the_consultants_notes_of_the_week(alice, smtp_server):
    from accounts.models import User
    from tasks.models import TaskNote

    bob = User.objects.create_user(email="bob@example.com", password="bob-password-1")
    task = make_task(alice, title="Inbox triage")
    TaskNote.objects.create(task=task, author=bob, text="Try Maria for this", created_at=MONDAY)
    old = MONDAY - timedelta(days=8)
    TaskNote.objects.create(task=task, author=bob, text="An old thought", created_at=old)
    plan(alice)
    claim_and_send()
    _message, body = _received(smtp_server)
    text = body["text/plain"].replace("\r\n", "\n")
    assert (
        "Notes from your consultant\n- Inbox triage (bob@example.com): Try Maria for this" in text
    )
    assert "An old thought" not in text and "data-consultant-notes" in body["text/html"]

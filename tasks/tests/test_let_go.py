"""Drop and automate have a done state (issue 21, Ferriss: eliminate, automate, then delegate):
once the founder dropped a task or a tool does it, its hours count as bought back, at no cost,
on the dashboard's cards, the three lists page and the digest."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from digest.tests.digest_support import claim_and_send, parts, plan
from tasks import services
from tasks.buyback import (
    AUTOMATED,
    DELEGATED,
    DROPPED,
    INVENTORY,
    MoveCandidate,
    Rates,
    TaskFigures,
    compute,
    next_moves,
)
from tasks.classifier import KEEP, TIME, VIRTUAL_ASSISTANT
from tasks.models import Task
from tasks.tests.factories import RATES

D = Decimal


def test_dropped_and_automated_hours_are_bought_back_at_no_cost():
    figures = compute(
        [
            TaskFigures(D("3"), TIME, VIRTUAL_ASSISTANT, DROPPED),
            TaskFigures(D("2"), KEEP, KEEP, AUTOMATED),
            TaskFigures(D("4"), TIME, VIRTUAL_ASSISTANT, DELEGATED, delegate_rate=D("20")),
            TaskFigures(D("10"), TIME, VIRTUAL_ASSISTANT, INVENTORY),
        ],
        RATES,
    )
    assert figures.bought_back_hours == 9 and figures.let_go_hours == 5
    assert figures.delegation_cost == 80  # only the delegation is paid for
    assert figures.bought_back_value == 900 and figures.net == 820
    # The founder no longer does them, and they are nothing left to reclaim.
    assert figures.hours_kept == 10 and figures.reclaimable_hours == 10


def test_at_the_same_net_drop_comes_before_automate_before_delegate():
    free = Rates(D("100"), D("40"), D("1000"), D("0"), D("0"))  # a delegate costs nothing too
    moves = next_moves(
        [
            MoveCandidate(1, "Delegate", D("2"), TIME, VIRTUAL_ASSISTANT, INVENTORY),
            MoveCandidate(2, "Automate", D("2"), TIME, VIRTUAL_ASSISTANT, INVENTORY, "automate"),
            MoveCandidate(3, "Drop", D("2"), KEEP, KEEP, INVENTORY, "drop"),
        ],
        free,
    )
    assert [m.title for m in moves] == ["Drop", "Automate", "Delegate"]


@pytest.fixture
def inbox(alice):
    # The catalogue says: automate the inbox (email filters).
    return services.task_create(owner=alice, title="Inbox triage", time_amount=D("5"))


def test_automating_a_task_buys_its_hours_back_and_keeps_the_founders_word(alice, inbox):
    assert inbox.effective_outcome == "automate" and inbox.can_be_let_go
    task = services.task_let_go(task=inbox, outcome="automate")
    assert task.status == Task.AUTOMATED and task.is_let_go and not task.can_be_let_go
    assert task.outcome == "automate" and task.outcome_tool == "email filters"
    from tasks.selectors import founder_buyback

    figures = founder_buyback(profile=alice.profile)
    assert figures.bought_back_hours == 5 and figures.delegation_cost == 0
    # Taken back, it is the founder's again.
    services.tasks_reopen(owner=alice, ids=[task.pk])
    task.refresh_from_db()
    assert task.status == Task.INVENTORY
    assert founder_buyback(profile=alice.profile).bought_back_hours == 0


def test_the_founder_may_drop_what_the_catalogue_would_automate(inbox):
    task = services.task_let_go(task=inbox, outcome="drop")
    assert (task.status, task.outcome, task.outcome_tool) == (Task.DROPPED, "drop", "")


def test_only_an_open_undelegated_task_can_be_let_go(inbox):
    with pytest.raises(ValidationError):
        services.task_let_go(task=inbox, outcome="delegate")
    Task.objects.filter(pk=inbox.pk).update(status=Task.DONE)
    with pytest.raises(ValidationError):
        services.task_let_go(task=inbox, outcome="drop")


def test_the_task_page_marks_it_done_and_every_page_counts_it(alice_client, alice, inbox):
    page = alice_client.get(f"/tasks/{inbox.pk}/").content.decode()
    assert "A tool does it now" in page and "data-let-go" in page
    response = alice_client.post(f"/tasks/{inbox.pk}/let-go/", {"outcome": "automate"})
    assert response.status_code == 302
    page = alice_client.get(f"/tasks/{inbox.pk}/").content.decode()
    assert "A tool does it now: 5 h a week bought back, at no cost." in page
    # The dashboard's card says where the bought-back hours come from.
    dashboard = alice_client.get("/").content.decode()
    assert "and 5 h a week you dropped or automated, at no cost" in dashboard
    # The three lists page lists it as off the lists for good.
    lists = alice_client.get("/tasks/lists/").content.decode()
    assert "Off your lists for good: 5 h a week bought back" in lists and "Inbox triage" in lists
    # The task list filters them.
    listed = alice_client.get("/tasks/?status=let_go").context["page"]
    assert [t.title for t in listed] == ["Inbox triage"]


def test_the_digest_counts_them_as_bought_back(alice, inbox, smtp_server):
    services.task_let_go(task=inbox, outcome="drop")
    plan(alice)
    claim_and_send()
    [received] = smtp_server.messages
    body = parts(received["message"])
    assert "Bought back: 5 h a week" in body["text/plain"]
    assert "Of these, 5 h a week you dropped or automated, at no cost." in body["text/plain"]
    assert 'data-figure="let-go"' in body["text/html"]


def test_a_bad_outcome_is_a_message_not_a_500(alice_client, inbox):
    response = alice_client.post(f"/tasks/{inbox.pk}/let-go/", {"outcome": "x" * 5000}, follow=True)
    assert response.status_code == 200 and "Choose drop or automate." in response.content.decode()
    assert Task.objects.get(pk=inbox.pk).status == Task.INVENTORY

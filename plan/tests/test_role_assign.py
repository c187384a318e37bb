"""A role given to one delegate (issue 25): the role's tasks move together, in one
transaction, through the handover gate; the tasks that wait for their work instruction are
named, never skipped in silence.

The issue's test founder (tasks/tests/money_support.py): the VA admin role is Data entry (4 h)
and Travel booking (1 h), both a virtual assistant's routine work, so each needs a published
work instruction first. Maria (VA, €9/h) takes it; the specialist role (Podcast editing) is
not hers to take.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from accounts import services as account_services
from sops import services as sops_services
from sops.tests.factories import make_instruction
from tasks import role_services
from tasks.models import Delegate, Task
from tasks.tests.factories import make_delegate
from tasks.tests.money_support import money_founder

ASSIGN = "/plan/roles/virtual_assistant/admin/assign/"


def _publish(owner, task):
    instruction = make_instruction(owner, task=task, title=task.title)
    sops_services.instruction_publish(instruction=instruction, by=owner)


def _status(task):
    task = Task.objects.get(pk=task.pk)
    return task.status, task.delegate.name if task.delegate else None, task.delegate_rate


def test_the_role_moves_together_and_names_what_waits_for_its_instruction(alice_client, alice):
    tasks = money_founder(alice)
    _publish(alice, tasks["Data entry"])
    page = alice_client.get("/plan/roles/virtual_assistant/admin/").content.decode()
    assert f'data-role-task="{tasks["Travel booking"].pk}" data-waits' in page
    assert f'data-role-task="{tasks["Data entry"].pk}" data-waits' not in page
    maria = Delegate.objects.get(owner=alice, name="Maria")

    response = alice_client.post(ASSIGN, {"delegate": maria.pk, "start_date": "2026-12-07"})

    assert response.status_code == 302 and response["Location"] == "/plan/roles/"
    assert _status(tasks["Data entry"])[:2] == ("delegated", "Maria")
    assert str(_status(tasks["Data entry"])[2]) == "9.00"
    assert _status(tasks["Travel booking"])[:2] == ("inventory", None)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        "Handed to Maria: “Data entry”.",
        "Not handed over yet, it needs its published work instruction first: “Travel booking”.",
    ]
    # What moved is no longer in the role; what waits still is.
    roles = alice_client.get("/plan/roles/").content.decode()
    row = re.search(r'data-role="virtual_assistant-admin">.*?</tr>', roles, re.S).group(0)
    assert "Travel booking" in row and "Data entry" not in row


def test_one_task_failing_on_the_way_moves_none(alice, monkeypatch):
    tasks = money_founder(alice)
    _publish(alice, tasks["Data entry"])
    _publish(alice, tasks["Travel booking"])
    maria = Delegate.objects.get(owner=alice, name="Maria")
    calls = []
    real = role_services.delegation_start

    def second_fails(**kwargs):
        calls.append(kwargs["task"].title)
        if len(calls) == 2:
            raise ValidationError("no")
        return real(**kwargs)

    monkeypatch.setattr(role_services, "delegation_start", second_fails)
    with pytest.raises(ValidationError):
        role_services.role_assign(
            owner=alice,
            route="virtual_assistant",
            area="admin",
            delegate=maria,
            start_date=tasks["Data entry"].created_at.date(),
        )
    assert len(calls) == 2
    assert {_status(tasks[t])[0] for t in ("Data entry", "Travel booking")} == {"ready"}


def test_a_delegate_of_another_kind_or_founder_takes_no_role(alice_client, alice, db):
    tasks = money_founder(alice)
    maria = Delegate.objects.get(owner=alice, name="Maria")
    html = alice_client.get("/plan/roles/specialist/marketing/").content.decode()
    assert 'data-assign="no-delegate"' in html
    response = alice_client.post(
        "/plan/roles/specialist/marketing/assign/",
        {"delegate": maria.pk, "start_date": "2026-12-07"},
    )
    assert response.status_code == 400
    assert "Choose one of your delegates who takes this work." in response.content.decode()
    carol = account_services.founder_signup(
        email="carol@example.com", password="carol-password-1", email_confirmed=True
    )
    theirs = make_delegate(carol, name="Theirs", hourly_rate=1)
    response = alice_client.post(ASSIGN, {"delegate": theirs.pk, "start_date": "2026-12-07"})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        role_services.role_assign(
            owner=alice,
            route="virtual_assistant",
            area="admin",
            delegate=theirs,
            start_date=tasks["Data entry"].created_at.date(),
        )
    assert _status(tasks["Podcast editing"])[0] == "inventory"
    assert alice_client.post("/plan/roles/specialist/legal/assign/", {}).status_code == 404
    assert alice_client.get(ASSIGN).status_code == 405


def test_the_role_hand_off_in_german(alice_client, alice):
    tasks = money_founder(alice, language="de")
    _publish(alice, tasks["Data entry"])
    alice_client.cookies["django_language"] = "de"
    maria = Delegate.objects.get(owner=alice, name="Maria")
    page = alice_client.get("/plan/roles/virtual_assistant/admin/").content.decode()
    assert "Gib diese Rolle einem Teammitglied" in page
    response = alice_client.post(ASSIGN, {"delegate": maria.pk, "start_date": "2026-12-07"})
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[0] == "An Maria abgegeben: „Data entry“."
    assert said[1] == (
        "Noch nicht abgegeben, zuerst braucht es eine veröffentlichte Arbeitsanweisung: "
        "„Travel booking“."
    )

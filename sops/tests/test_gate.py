"""The handover gate: a virtual-assistant task is delegated only with a published instruction,
whatever the path (service, view, model save, bulk writes)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sops import services
from sops.tests.factories import make_instruction, published_va_task
from tasks import services as task_services
from tasks.models import Task
from tasks.tests.factories import make_delegate, make_task

GATE = "only with a published work instruction"


def _delegate(task, va):
    return task_services.delegation_start(task=task, delegate=va, start_date=timezone.localdate())


def test_the_service_refuses_a_va_task_without_an_instruction(alice):
    task = make_task(alice)
    assert task.effective_route == "virtual_assistant"
    with pytest.raises(ValidationError, match=GATE):
        _delegate(task, make_delegate(alice))
    task.refresh_from_db()
    assert (task.status, task.delegate) == ("inventory", None)


def test_a_draft_is_not_enough(alice):
    task = make_task(alice)
    make_instruction(alice, task=task)
    with pytest.raises(ValidationError, match=GATE):
        _delegate(task, make_delegate(alice))


def test_a_published_instruction_opens_the_gate(alice):
    task, _instruction, _version = published_va_task(alice)
    task = _delegate(task, make_delegate(alice))
    assert task.status == "delegated"


def test_a_specialist_task_needs_no_instruction(alice):
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    assert _delegate(task, make_delegate(alice, kind="specialist")).status == "delegated"


def test_an_override_to_the_va_route_meets_the_gate(alice, bob):
    task = make_task(alice, title="Monthly bookkeeping", skill=1)
    assert task.route == "specialist"
    task_services.task_override(task=task, category="time", reason="Routine now", by=bob)
    task.refresh_from_db()
    assert task.effective_route == "virtual_assistant"
    with pytest.raises(ValidationError, match=GATE):
        _delegate(task, make_delegate(alice))


def test_the_view_says_why_and_links_to_writing_the_instruction(alice_client, alice):
    task = make_task(alice)
    va = make_delegate(alice)
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert GATE in page
    assert f"/instructions/new/?task={task.pk}" in page
    assert "Write the work instruction" in page
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": va.pk, "start_date": "2026-11-02"}
    )
    assert response.status_code == 400
    assert GATE in response.content.decode()
    task.refresh_from_db()
    assert task.status == "inventory"


def test_model_save_refuses_a_delegated_va_task_without_an_instruction(alice):
    task = make_task(alice)
    task.status = Task.DELEGATED
    task.delegate = make_delegate(alice)
    with pytest.raises(ValidationError, match=GATE):
        task.save()
    assert Task.objects.get(pk=task.pk).status == "inventory"


def test_model_save_accepts_it_with_a_published_instruction(alice):
    task, _i, _v = published_va_task(alice)
    task.status = Task.DELEGATED
    task.save()
    assert Task.objects.get(pk=task.pk).status == "delegated"


def test_queryset_update_refuses_to_delegate_ungated_va_tasks(alice):
    gated, _i, _v = published_va_task(alice, title="Gated")
    ungated = make_task(alice, title="Ungated")
    with pytest.raises(ValidationError, match=GATE):
        Task.objects.filter(owner=alice).update(status=Task.DELEGATED)
    assert set(Task.objects.values_list("status", flat=True)) == {"ready", "inventory"}
    Task.objects.filter(pk=gated.pk).update(status=Task.DELEGATED)
    assert Task.objects.get(pk=gated.pk).status == "delegated"
    assert Task.objects.get(pk=ungated.pk).status == "inventory"


def test_bulk_update_and_bulk_create_meet_the_gate(alice):
    task = make_task(alice)
    task.status = Task.DELEGATED
    with pytest.raises(ValidationError, match=GATE):
        Task.objects.bulk_update([task], ["status"])
    clone = Task(
        owner=alice,
        title="Imported",
        area="admin",
        hours_per_week=2,
        skill=3,
        enjoyment=3,
        category_id="time",
        route="virtual_assistant",
        status=Task.DELEGATED,
    )
    with pytest.raises(ValidationError, match=GATE):
        Task.objects.bulk_create([clone])
    assert Task.objects.filter(status=Task.DELEGATED).count() == 0


def test_publishing_moves_the_task_from_inventory_to_ready(alice):
    task = make_task(alice)
    instruction = make_instruction(alice, task=task)
    task.refresh_from_db()
    assert task.status == "inventory"
    services.instruction_publish(instruction=instruction, by=alice)
    task.refresh_from_db()
    assert task.status == "ready"


def test_taking_a_delegation_back_returns_it_to_ready_when_it_has_an_instruction(alice):
    task, _i, _v = published_va_task(alice)
    task = _delegate(task, make_delegate(alice))
    task = task_services.delegation_end(task=task, done=False)
    assert task.status == "ready"
    plain = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    plain = _delegate(plain, make_delegate(alice, kind="specialist"))
    assert task_services.delegation_end(task=plain, done=False).status == "inventory"


def test_a_running_delegation_stays_editable_when_its_route_becomes_a_va(alice_client, alice):
    from decimal import Decimal

    from tasks import services
    from tasks.tests.factories import make_delegate, make_task

    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    tax = make_delegate(alice, kind="specialist", hourly_rate=Decimal("90"))
    task = services.delegation_start(task=task, delegate=tax, start_date=task.created_at.date())
    # Now recurring and within her skill: the rules route it to a virtual assistant.
    task = services.task_update(task=task, recurring=True, skill=4)
    assert (task.status, task.effective_route) == ("delegated", "virtual_assistant")
    services.task_override(task=task, category="skill", reason="The tax office keeps it", by=alice)


def test_odd_task_ids_in_a_query_string_answer_404(alice_client, alice):
    assert alice_client.get("/instructions/new/", {"task": "abc"}).status_code == 404

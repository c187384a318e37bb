"""Tasks from before the catalogue get its suggestion once (issue 21): the data migration
matches their titles and classifies their founders' tasks again, so no page keeps an old
verdict until the task is edited."""

from decimal import Decimal
from importlib import import_module

from django.apps import apps

from tasks import services
from tasks.models import Task

migration = import_module("tasks.migrations.0007_let_go_and_suggestions_backfill")

BEFORE = {  # what a task from before the catalogue looked like: nothing suggested
    "catalogue_key": "",
    "suggested_core": None,
    "suggested_skill": None,
    "suggested_outcome": "",
    "suggested_tool": "",
    "category_id": "keep",
    "route": "keep",
    "reasons": [{"code": "not_rated", "params": {}}],
}


def _old_task(owner, title, hours="2", **fields):
    task = services.task_create(owner=owner, title=title, time_amount=Decimal(hours), **fields)
    Task.objects.filter(pk=task.pk).update(**BEFORE)
    return task


def test_old_tasks_take_the_catalogues_suggestion_and_a_fresh_verdict(alice, bob):
    coaching = _old_task(alice, "Coaching sessions", "12")
    books = _old_task(alice, "Bookkeeping", time_unit="month")
    inbox = _old_task(alice, "Inbox triage", "5", skill=4)  # rated: the rating still wins
    gnome = _old_task(alice, "Garden gnome census")
    migration.suggest_for_existing_tasks(apps, None)

    coaching.refresh_from_db()
    assert (coaching.catalogue_key, coaching.category_id, coaching.is_core) == (
        "coaching",
        "keep",
        True,
    )
    assert [r["code"] for r in coaching.reasons] == ["core", "suggested"]
    books.refresh_from_db()
    assert books.category_id == "skill" and books.route == "specialist"
    assert books.reasons[-1] == {"code": "suggested", "params": {"entry": "bookkeeping"}}
    inbox.refresh_from_db()
    assert inbox.skill == 4 and inbox.effective_outcome == "automate"
    assert inbox.category_id == "time"
    gnome.refresh_from_db()
    assert gnome.catalogue_key == "" and [r["code"] for r in gnome.reasons] == ["not_rated"]


def test_a_task_that_already_has_its_suggestion_is_left_alone(alice):
    task = services.task_create(owner=alice, title="Bookkeeping", time_amount=Decimal("2"))
    Task.objects.filter(pk=task.pk).update(reasons=[{"code": "marker", "params": {}}])
    migration.suggest_for_existing_tasks(apps, None)
    task.refresh_from_db()
    assert task.reasons == [{"code": "marker", "params": {}}]  # not classified again

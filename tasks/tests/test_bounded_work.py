"""Bounded work per founder (security issue #19, item 3): all tasks, done ones too, are
capped by one check; re-classification leaves done tasks alone; the CSV export runs the same
few queries for 300 tasks as for one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks import services
from tasks.models import Task
from tasks.tests.factories import TASK_DEFAULTS, make_task


def _tasks(owner, count: int, *, status=Task.INVENTORY) -> None:
    rows = [{**TASK_DEFAULTS, "title": f"Task {i}"} for i in range(count)]
    tasks = services._new_tasks(owner, rows)
    for task in tasks:
        task.status = status
    Task.objects.bulk_create(tasks)


def test_done_tasks_count_against_the_limit_of_all_tasks(alice_client, alice, settings):
    settings.TASKS_MAX = 3
    _tasks(alice, 3, status=Task.DONE)
    data = {"title": "One more", "time_amount": "1", "time_unit": "week", "next": "/tasks/"}
    response = alice_client.post("/tasks/quick/", data)
    assert response.status_code == 400
    assert "You have 3 tasks, finished ones included" in response.content.decode()
    assert Task.objects.filter(owner=alice).count() == 3


def test_a_german_founder_reads_the_limit_in_german(alice_client, alice, settings):
    alice.profile.language = "de"
    alice.profile.save()
    settings.TASKS_MAX = 1
    _tasks(alice, 1, status=Task.DONE)
    data = {"title": "Noch eine", "time_amount": "1", "time_unit": "week", "next": "/"}
    page = " ".join(alice_client.post("/tasks/quick/", data).content.decode().split())
    assert "Du hast 1 Aufgaben, erledigte mitgezählt" in page


def test_reclassification_leaves_done_tasks_alone(alice):
    make_task(alice, title="Open")
    _tasks(alice, 50, status=Task.DONE)
    done = Task.objects.filter(owner=alice, status=Task.DONE)
    done.update(reasons=["stale"])
    services.tasks_reclassify(owner=alice)
    assert all(reasons == ["stale"] for reasons in done.values_list("reasons", flat=True))


def _export_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tasks/export.csv")
        b"".join(response.streaming_content if response.streaming else [response.content])
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("status", [Task.INVENTORY, Task.DONE])
def test_the_csv_export_runs_as_many_queries_for_300_tasks_as_for_one(
    alice_client, alice, status, django_assert_max_num_queries
):
    _tasks(alice, 1, status=status)
    one = _export_queries(alice_client)
    _tasks(alice, 299, status=status)
    with django_assert_max_num_queries(one):
        response = alice_client.get("/tasks/export.csv")
        content = response.content.decode()
    assert content.count("\n") == 301

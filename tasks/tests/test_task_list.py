"""The task list: filters in the query string, search, sort, pages, CSV export, bulk actions,
editing in place, and Chris Ducker's three lists."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sops.tests.factories import published_va_task
from tasks import founder_settings, services
from tasks.models import Task
from tasks.tests.factories import make_delegate, make_task
from tasks.tests.test_dashboard import many_tasks


def titles(response) -> list[str]:
    return [task.title for task in response.context["page"]]


@pytest.fixture
def plate(alice):
    """One task of each kind, a delegated one and a done one."""
    tasks = {
        "inbox": make_task(alice, title="Inbox triage", hours_per_week=5),  # time / VA
        "logo": make_task(alice, title="Logo", recurring=False, skill=1, hours_per_week=2),
        "invoices": make_task(alice, title="Invoices", enjoyment=1, hours_per_week=3),  # smart
        "product": make_task(alice, title="Product", core=True, hours_per_week=10),
        "old": make_task(alice, title="Old report", hours_per_week=1),
    }
    services.delegation_end(task=tasks["old"], done=True)
    return tasks


def test_it_needs_a_login(client):
    assert client.get("/tasks/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Product", "Inbox triage", "Invoices", "Logo", "Old report"]),
        ("?kind=smart", ["Invoices"]),
        ("?route=specialist", ["Logo"]),
        ("?status=done", ["Old report"]),
        ("?status=open&sort=title", ["Inbox triage", "Invoices", "Logo", "Product"]),
        ("?area=admin&q=in", ["Inbox triage", "Invoices"]),
        ("?q=LOGO", ["Logo"]),
        ("?list=hate", ["Invoices"]),
        ("?list=cant_do", ["Logo"]),
        ("?list=shouldnt_do&status=open", ["Inbox triage"]),
        # Net value of handing it off: VA 5 × 85, VA 3 × 85, specialist 2 × 40; kept ones last.
        ("?sort=value&status=open", ["Inbox triage", "Invoices", "Logo", "Product"]),
    ],
)
def test_it_filters_searches_and_sorts(alice_client, plate, query, expected):
    response = alice_client.get(f"/tasks/{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query",
    ["?kind=junk", "?sort=%00", "?status=gone&kind=time", f"?q={'x' * 300}", "?list[]=1&route=ceo"],
)
def test_junk_in_the_query_string_gives_the_whole_list_and_a_400(alice_client, plate, query):
    response = alice_client.get(f"/tasks/{query}")
    assert response.status_code == 400
    assert len(titles(response)) == 5
    assert 'class="alert alert-danger"' in response.content.decode()


def test_junk_page_numbers_give_a_page(alice_client, plate):
    for page in ("abc", "-1", "999", "1e9"):
        assert alice_client.get(f"/tasks/?page={page}").status_code == 200


def test_fifty_a_page_and_the_filters_travel_with_the_pages(alice_client, alice):
    many_tasks(alice, 120)
    first = alice_client.get("/tasks/?area=admin&sort=title")
    assert len(titles(first)) == 50 and titles(first)[0] == "Task 0000"
    assert "?area=admin&amp;sort=title&amp;page=2" in first.content.decode()
    last = alice_client.get("/tasks/?area=admin&sort=title&page=3")
    assert titles(last)[-1] == "Task 0119" and len(titles(last)) == 20


def test_the_lists_queries_do_not_grow_with_the_number_of_tasks(alice_client, alice):
    counts = []
    for add in (0, 20, 300):
        many_tasks(alice, add, start=len(counts) * 1000)
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get("/tasks/?status=open").status_code == 200
        counts.append(len(captured))
    # With no task at all the paginator has no rows to read: one query less.
    assert counts[0] + 1 == counts[1] == counts[2], counts


def test_the_export_holds_what_the_filters_show_with_formulas_defused(alice_client, alice, plate):
    make_task(alice, title="=HYPERLINK(1)", hours_per_week=4)
    response = alice_client.get("/tasks/export.csv?status=open&kind=time")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(row["title"] for row in rows) == ["'=HYPERLINK(1)", "Inbox triage"]
    assert alice_client.get("/tasks/export.csv?kind=junk").status_code == 400


def test_bulk_actions_ask_first_then_act_through_the_services(alice_client, alice, plate):
    ids = [plate["inbox"].pk, plate["logo"].pk]
    confirm = alice_client.post(
        "/tasks/bulk/", {"action": "done", "ids": ids, "query": "kind=time"}
    )
    assert confirm.status_code == 200
    assert "Mark 2 tasks done?" in confirm.content.decode()
    assert Task.objects.filter(pk__in=ids, status=Task.DONE).count() == 0
    done = alice_client.post(
        "/tasks/bulk/", {"action": "done", "ids": ids, "confirm": "1", "query": "kind=time"}
    )
    assert done["Location"] == "/tasks/?kind=time"
    assert Task.objects.filter(pk__in=ids, status=Task.DONE).count() == 2
    alice_client.post("/tasks/bulk/", {"action": "reopen", "ids": ids, "confirm": "1"})
    assert Task.objects.filter(pk__in=ids, status=Task.INVENTORY).count() == 2
    alice_client.post("/tasks/bulk/", {"action": "delete", "ids": ids, "confirm": "1"})
    assert not Task.objects.filter(pk__in=ids).exists()


def test_taking_back_in_bulk_ends_the_delegation_and_keeps_the_instruction(alice_client, alice):
    task, _instruction, _version = published_va_task(alice, title="Newsletter")
    services.delegation_start(task=task, delegate=make_delegate(alice), start_date=timezone.now())
    alice_client.post("/tasks/bulk/", {"action": "reopen", "ids": [task.pk], "confirm": "1"})
    task.refresh_from_db()
    assert (task.status, task.delegate_id) == (Task.READY, None)


def test_deleting_in_bulk_reclassifies_what_is_left(alice_client, alice):
    alice.profile.weekly_capacity = Decimal("10")
    founder_settings.profile_update(profile=alice.profile)
    big = make_task(alice, title="Big routine", hours_per_week=9)
    one_off = make_task(alice, title="One-off", recurring=False, hours_per_week="0.5", skill=5)
    assert Task.objects.get(pk=one_off.pk).route == "keep"
    extra = make_task(alice, title="Extra", hours_per_week=3)
    assert Task.objects.get(pk=one_off.pk).route == "project_freelancer"  # over capacity
    alice_client.post("/tasks/bulk/", {"action": "delete", "ids": [extra.pk], "confirm": "1"})
    assert Task.objects.get(pk=one_off.pk).route == "keep"
    assert Task.objects.filter(pk=big.pk).exists()


def test_bulk_actions_touch_only_the_founders_own_tasks(client, alice, charlie, plate):
    client.force_login(charlie)
    ids = [task.pk for task in plate.values()]
    client.post("/tasks/bulk/", {"action": "delete", "ids": ids, "confirm": "1"})
    assert Task.objects.filter(owner=alice).count() == 5


@pytest.mark.parametrize(
    "data",
    [{"action": "done"}, {"action": "burn", "ids": ["1"]}, {"action": "done", "ids": ["x"]}],
)
def test_a_bulk_action_without_tasks_or_action_says_so(alice_client, plate, data):
    response = alice_client.post("/tasks/bulk/", {**data, "confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.content.decode()
    assert Task.objects.count() == 5


def test_editing_in_place_reclassifies_the_task(alice_client, alice, plate):
    inbox = plate["inbox"]
    response = alice_client.post(
        f"/tasks/{inbox.pk}/quick-edit/",
        {"hours_per_week": "2,5", "skill": "4", "enjoyment": "1", "core": "", "query": "q=in"},
    )
    assert response["Location"] == f"/tasks/?q=in#task-{inbox.pk}"
    inbox.refresh_from_db()
    assert (inbox.hours_per_week, inbox.enjoyment, inbox.category_id) == (
        Decimal("2.5"),
        1,
        "smart",
    )
    alice_client.post(
        f"/tasks/{inbox.pk}/quick-edit/",
        {"hours_per_week": "2.5", "skill": "4", "enjoyment": "1", "core": "on"},
    )
    inbox.refresh_from_db()
    assert (inbox.core, inbox.category_id) == (True, "keep")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hours_per_week": "200", "skill": "4", "enjoyment": "3"}, "less than or equal to 168"),
        ({"hours_per_week": "abc", "skill": "4", "enjoyment": "3"}, "Enter a number"),
        ({"hours_per_week": "2", "skill": "9", "enjoyment": "3"}, "Select a valid choice"),
    ],
)
def test_editing_in_place_refuses_bad_values_and_saves_nothing(alice_client, plate, data, message):
    inbox = plate["inbox"]
    response = alice_client.post(f"/tasks/{inbox.pk}/quick-edit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    inbox.refresh_from_db()
    assert (inbox.hours_per_week, inbox.skill) == (Decimal("5"), 4)


def test_nobody_edits_someone_elses_task_in_place(client, charlie, plate):
    client.force_login(charlie)
    data = {"hours_per_week": "1", "skill": "4", "enjoyment": "3"}
    assert client.post(f"/tasks/{plate['inbox'].pk}/quick-edit/", data).status_code == 404


def test_the_three_lists_side_by_side_in_english_and_german(alice_client, alice, plate):
    both = make_task(alice, title="Tax return", enjoyment=1, skill=1, recurring=False)
    response = alice_client.get("/tasks/lists/")
    columns = {column["code"]: column for column in response.context["columns"]}
    assert [t.title for t in columns["hate"]["tasks"]] == ["Tax return", "Invoices"]
    assert [t.title for t in columns["cant_do"]["tasks"]] == ["Tax return", "Logo"]
    assert [t.title for t in columns["shouldnt_do"]["tasks"]] == ["Inbox triage"]
    page = response.content.decode()
    assert f'href="/instructions/new/?task={plate["inbox"].pk}"' in page  # VA: instruction first
    assert both.title in page
    alice_client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert "Die drei Listen" in alice_client.get("/tasks/lists/").content.decode()

"""The task actions do what they say, and only to the consultant's clients' tasks, whatever ids
are posted."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.contrib.admin.models import LogEntry

from accounts.models import Profile
from tasks import services
from tasks.export import EXPORT_COLUMNS
from tasks.models import Delegate, Task
from tasks.tests.factories import make_delegate, make_task

CHANGELIST = "/admin/tasks/task/"


def post_action(client, action, tasks, **extra):
    data = {"action": action, "_selected_action": [str(t.pk) for t in tasks], **extra}
    return client.post(CHANGELIST, data)


def test_the_export_holds_exactly_the_consultants_selected_client_tasks(client, cast):
    client.force_login(cast.consultants["bob"])
    response = post_action(client, "export_csv", Task.objects.all())
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert {row["founder"] for row in rows} == {"alice@example.com", "dora@example.com"}
    inbox = next(row for row in rows if row["title"] == "alice's inbox")
    assert inbox == {
        "title": "alice's inbox",
        "area": "admin",
        "hours_per_week": "6.00",
        "recurring": "yes",
        "skill": "4",
        "enjoyment": "3",
        "core": "no",
        "category": "time",
        "route": "virtual_assistant",
        "status": "inventory",
        "founder": "alice@example.com",
    }


def test_the_export_keeps_a_title_from_running_as_a_spreadsheet_formula(client, cast):
    alice = cast.founders["alice"]
    alice.tasks.filter(title="alice's inbox").update(title="=HYPERLINK(1)")
    client.force_login(cast.consultants["bob"])
    response = post_action(client, "export_csv", alice.tasks.all())
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_reclassifying_reruns_the_rules_for_the_consultants_clients_only(client, cast):
    # The thresholds change behind the services' back; only the action brings tasks up to date.
    Profile.objects.update(time_eater_min_hours=10)
    client.force_login(cast.consultants["erin"])
    response = post_action(client, "reclassify", Task.objects.all())
    assert response.status_code == 302
    inbox = {t.owner.email: t.category_id for t in Task.objects.filter(title__endswith="inbox")}
    assert inbox == {
        "alice@example.com": "time",
        "dora@example.com": "time",
        "frank@example.com": "keep",
        "gina@example.com": "keep",
    }


def test_overriding_asks_for_a_reason_first(client, cast):
    client.force_login(cast.consultants["bob"])
    tasks = cast.founders["alice"].tasks.all()
    page = post_action(client, "override_category", tasks)
    assert page.status_code == 200
    assert "Override the category" in page.content.decode()
    refused = post_action(
        client, "override_category", tasks, apply="1", category="skill", reason=""
    )
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    assert not Task.objects.filter(override_category__isnull=False).exists()


def test_an_override_is_recorded_with_who_why_and_when_for_the_consultants_tasks_only(client, cast):
    bob = cast.consultants["bob"]
    client.force_login(bob)
    response = post_action(
        client,
        "override_category",
        Task.objects.all(),
        apply="1",
        category="skill",
        reason="A bookkeeper does this in half the time",
    )
    assert response.status_code == 302
    overridden = Task.objects.filter(override_category="skill")
    assert {t.owner.email for t in overridden} == {"alice@example.com", "dora@example.com"}
    assert {(t.override_by, t.override_reason) for t in overridden} == {
        (bob, "A bookkeeper does this in half the time")
    }
    assert all(t.override_at for t in overridden)
    assert LogEntry.objects.filter(user=bob).count() == overridden.count()
    task = overridden.get(title="alice's inbox")
    page = client.get(f"/admin/tasks/task/{task.pk}/change/").content.decode()
    assert "by bob@example.com" in page and "A bookkeeper does this in half the time" in page
    history = client.get(f"/admin/tasks/task/{task.pk}/history/").content.decode()
    assert "A bookkeeper does this in half the time" in history


def test_a_consultant_deletes_only_their_clients_tasks(client, cast):
    client.force_login(cast.consultants["bob"])
    post_action(client, "delete_selected", Task.objects.all(), post="yes")
    assert set(Task.objects.values_list("owner__email", flat=True)) == {
        "frank@example.com",
        "gina@example.com",
    }


def test_deleting_tasks_reclassifies_what_the_founder_keeps(client, cast):
    alice = cast.founders["alice"]
    Profile.objects.filter(user=alice).update(weekly_capacity=30)
    relaunch = make_task(alice, title="Relaunch", recurring=False, hours_per_week=Decimal("20"))
    assert relaunch.route == "project_freelancer"  # 36 h planned against 30
    client.force_login(cast.consultants["bob"])
    post_action(
        client, "delete_selected", Task.objects.filter(title="alice's product vision"), post="yes"
    )
    relaunch.refresh_from_db()
    assert (relaunch.category_id, relaunch.route) == ("keep", "keep")  # 26 h now


def test_the_change_list_totals_the_hours_of_what_is_shown(client, cast):
    client.force_login(cast.consultants["bob"])
    response = client.get(CHANGELIST)
    assert response.context["hours_totals"]["hours"] == 32
    assert response.context["hours_totals"]["count"] == 4
    filtered = client.get(CHANGELIST, {"category": "time"})
    assert filtered.context["hours_totals"]["hours"] == 12
    assert 'id="hours-totals"' in filtered.content.decode()


def test_the_list_filters_by_category_route_status_and_override(client, cast):
    alice = cast.founders["alice"]
    inbox = alice.tasks.get(title="alice's inbox")
    inbox.override_category_id, inbox.override_route = "keep", "keep"
    inbox.save()
    client.force_login(cast.consultants["bob"])

    def titles(**query):
        response = client.get(CHANGELIST, query)
        return sorted(t.title for t in response.context["cl"].result_list)

    assert titles(category="time") == ["dora's inbox"]
    assert titles(route="virtual_assistant") == ["dora's inbox"]
    assert titles(overridden="yes") == ["alice's inbox"]
    assert titles(status__exact="inventory", q="alice") == [
        "alice's inbox",
        "alice's product vision",
    ]
    assert titles(q="vision") == ["alice's product vision", "dora's product vision"]


def test_a_delegate_with_delegated_tasks_is_kept_and_the_page_names_them(client, cast):
    alice = cast.founders["alice"]
    delegate = make_delegate(alice, name="Tax advisor", kind="specialist")
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    services.delegation_start(task=task, delegate=delegate, start_date=date(2026, 1, 5))
    client.force_login(cast.consultants["bob"])
    page = client.post(f"/admin/tasks/delegate/{delegate.pk}/delete/", {"post": "yes"}, follow=True)
    assert "Cannot delete delegate" in page.content.decode()
    assert "Annual accounts" in page.content.decode()
    bulk = client.post(
        "/admin/tasks/delegate/",
        {"action": "delete_selected", "_selected_action": [str(delegate.pk)], "post": "yes"},
        follow=True,
    )
    assert "Cannot delete delegate" in bulk.content.decode()
    assert Delegate.objects.filter(pk=delegate.pk).exists()


def test_a_consultant_may_not_delete_a_delegate_with_handover_links_behind_the_founders_back(
    client, cast
):
    delegate = cast.founders["alice"].delegates.get()
    client.force_login(cast.consultants["bob"])
    page = client.post(f"/admin/tasks/delegate/{delegate.pk}/delete/", {"post": "yes"})
    assert page.status_code == 403
    assert Delegate.objects.filter(pk=delegate.pk).exists()


def test_no_exported_cell_can_run_as_a_formula(db):
    from accounts.models import User
    from tasks.export import task_row

    owner = User.objects.create_user(email="=cmd|calc@example.com", password="x-long-secret-1")
    task = make_task(owner, title="@SUM(A1:A9)")
    row = dict(zip(EXPORT_COLUMNS, task_row(task), strict=True))
    assert row["title"] == "'@SUM(A1:A9)"
    assert row["founder"] == "'=cmd|calc@example.com"
    assert (row["hours_per_week"], row["recurring"], row["category"]) == ("5.00", "yes", "time")

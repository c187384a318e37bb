"""A consultant's notes reach the founder; their changes are recorded and shown."""

from decimal import Decimal

from django.test import Client

from accounts.models import Profile
from consultants.models import ChangeRecord
from consultants.tests.admin_cast import change_form_data
from tasks.models import Task, TaskNote


def _task_url(task) -> str:
    return f"/admin/tasks/task/{task.pk}/change/"


def test_a_consultants_note_shows_on_the_founders_task(client, cast):
    bob, alice = cast.consultants["bob"], cast.founders["alice"]
    task = Task.objects.filter(owner=alice).first()
    client.force_login(bob)
    data = change_form_data(client.get(_task_url(task)))
    data["notes-0-text"] = "Hand this to Maria & start on Monday."
    response = client.post(_task_url(task), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    note = TaskNote.objects.get()
    assert (note.task, note.author) == (task, bob)
    founder = Client()
    founder.force_login(alice)
    page = founder.get(f"/tasks/{task.pk}/").content.decode()
    assert "Notes from your consultant" in page
    assert "Hand this to Maria &amp; start on Monday." in page and "bob@example.com" in page


def test_a_consultant_cannot_note_on_someone_elses_client(client, cast):
    erin, alice = cast.consultants["erin"], cast.founders["alice"]
    task = Task.objects.filter(owner=alice).first()
    client.force_login(erin)
    assert client.get(_task_url(task)).status_code == 302  # "not found" in the admin
    assert not TaskNote.objects.exists()


def test_changes_by_a_consultant_are_recorded_and_shown_to_the_founder(client, cast):
    bob, alice = cast.consultants["bob"], cast.founders["alice"]
    task = Task.objects.filter(owner=alice, core=False).first()
    client.force_login(bob)
    data = change_form_data(client.get(_task_url(task))) | {"hours_per_week": "9"}
    assert client.post(_task_url(task), data).status_code == 302
    user_url = f"/admin/accounts/user/{alice.pk}/change/"
    data = change_form_data(client.get(user_url)) | {"profile-0-monthly_budget": "2500"}
    response = client.post(user_url, data)
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).monthly_budget == Decimal("2500")
    records = list(ChangeRecord.objects.filter(founder=alice).order_by("pk"))
    assert [(r.by, r.kind, r.fields) for r in records] == [
        (bob, "task", ["hours_per_week"]),
        (bob, "settings", ["monthly_budget"]),
    ]
    founder = Client()
    founder.force_login(alice)
    page = founder.get("/settings/").content.decode()
    assert "Changes your consultants made" in page
    assert f"bob@example.com changed the task “{task.title}”: hours per week" in page.replace(
        "&#x27;", "'"
    )
    assert "bob@example.com changed your settings: monthly delegation budget" in page


def test_the_founders_own_changes_are_not_listed(alice_client, alice):
    data = {
        "currency": "EUR",
        "hourly_value": "100",
        "weekly_capacity": "40",
        "monthly_budget": "900",
        "default_va_rate": "15",
        "default_specialist_rate": "60",
        "time_zone": "Europe/Berlin",
        "language": "en",
        "digest_weekday": "0",
        "digest_hour": "8",
        "hate_max": "2",
        "skill_gap_max": "2",
        "time_eater_min_hours": "1",
    }
    assert alice_client.post("/settings/", data).status_code == 302
    assert not ChangeRecord.objects.exists()

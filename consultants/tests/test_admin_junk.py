"""The staff-only causes of a 500 in security issue #19, and the admin's hardening: junk
answers a 4xx or a message, an admin formset builds a bounded number of forms, and the admin
runs under the same Content-Security-Policy as the app."""

import pytest

from consultants.tests.admin_cast import change_form_data
from tasks.models import Delegate, Task, TaskNote


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.root)
    return client


@pytest.mark.parametrize(
    "query",
    [
        "review_on__year=9999",
        "review_on__year=9999&review_on__month=12",
        "review_on__year=1&review_on__month=1&review_on__day=1",
        "review_on__year=²",
    ],
)
def test_a_date_drill_down_off_the_calendar_is_a_wrong_lookup(staff, query):
    response = staff.get(f"/admin/sops/instruction/?{query}")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


def test_other_apps_change_lists_take_the_same_drill_down(staff):
    response = staff.get("/admin/axes/accessattempt/?attempt_time__year=9999")
    assert response.status_code == 302 and response["Location"].endswith("?e=1")


@pytest.mark.parametrize("model", ["task", "delegate"])
def test_an_owner_that_is_no_id_on_an_add_form_is_left_out(staff, model):
    response = staff.get(f"/admin/tasks/{model}/add/?owner=%C2%B2")
    assert response.status_code == 200
    assert "²" not in response.content.decode().split('name="owner"')[1][:400]


def test_an_owner_that_is_no_id_in_a_post_is_the_fields_problem(staff):
    response = staff.post("/admin/tasks/delegate/add/", {"owner": "²", "name": "M"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("areas", ["-1", '{"a": 1}', "[1, 2]"])
def test_areas_that_are_no_list_of_areas_are_the_fields_problem(staff, cast, areas):
    delegate = Delegate.objects.filter(owner=cast.founders["alice"]).first()
    data = {
        "owner": delegate.owner_id,
        "name": "Maria",
        "kind": delegate.kind,
        "areas": areas,
        "hourly_rate": "18",
    }
    response = staff.post(f"/admin/tasks/delegate/{delegate.pk}/change/", data)
    assert response.status_code == 200
    assert "Choose the areas from the list." in response.content.decode()


def test_a_note_id_swapped_to_another_tasks_note_changes_neither(client, cast):
    bob = cast.consultants["bob"]
    first, second = Task.objects.filter(owner=cast.founders["alice"])[:2]
    TaskNote.objects.create(task=first, author=bob, text="First")
    other = TaskNote.objects.create(task=second, author=bob, text="Second")
    client.force_login(bob)
    url = f"/admin/tasks/task/{first.pk}/change/"
    data = change_form_data(client.get(url))
    data["notes-0-id"] = str(other.pk)
    data["notes-0-text"] = "Swapped"
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    assert set(TaskNote.objects.values_list("text", flat=True)) == {"First", "Second"}


@pytest.mark.parametrize("prefix", ["profile", "tasks"])
def test_an_inline_formset_builds_no_more_forms_than_its_limit_whatever_total_forms_says(
    client, cast, prefix
):
    client.force_login(cast.consultants["bob"])
    url = f"/admin/accounts/user/{cast.founders['alice'].pk}/change/"
    data = change_form_data(client.get(url))
    data[f"{prefix}-TOTAL_FORMS"] = "100000"
    response = client.post(url, data)
    assert response.status_code == 200
    assert len(response.content) < 500_000
    assert "Please submit at most" in response.content.decode()


def test_the_admin_has_a_content_security_policy_and_no_inline_style(staff):
    response = staff.get("/admin/sops/instruction/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<style" not in response.content.decode()


def test_admin_pages_are_not_cached(staff):
    assert "no-store" in staff.get("/admin/")["Cache-Control"]


def test_a_german_consultant_reads_the_areas_message_in_german(client, cast):
    bob = cast.consultants["bob"]
    client.force_login(bob)
    client.post("/i18n/setlang/", {"language": "de", "next": "/admin/"})
    delegate = Delegate.objects.filter(owner=cast.founders["alice"]).first()
    data = {"owner": delegate.owner_id, "name": "M", "kind": delegate.kind, "areas": "-1"}
    response = client.post(f"/admin/tasks/delegate/{delegate.pk}/change/", data)
    assert "Wähle die Bereiche aus der Liste." in response.content.decode()

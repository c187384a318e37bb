from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tasks.models import Task
from tasks.tests.factories import make_delegate, make_task

VALID = {
    "title": "Bookkeeping receipts",
    "area": "finance",
    "time_amount": "2",
    "time_unit": "week",
    "recurring": "on",
    "skill": "2",
    "enjoyment": "3",
}


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_creates_a_task_and_classifies_it(alice_client, alice):
    response = alice_client.post("/tasks/new/", VALID)
    task = Task.objects.get(owner=alice)
    assert response.status_code == 302
    assert (task.category_id, task.route) == ("smart", "specialist")
    # Core left untouched is not rated: the catalogue's "not core" counts, and says so.
    assert [r["code"] for r in task.reasons] == ["skill_gap", "time_eater", "suggested"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("title", "x" * 201, "at most 200 characters"),
        ("time_amount", "lots", "Enter a number."),
        ("time_amount", "", "This field is required."),
        ("time_amount", "169", "more than the 168 hours of a week"),
        ("time_amount", "34", "more than the 168 hours of a week"),
        ("time_amount", "-1", "greater than or equal to 0"),
        ("time_unit", "fortnight", "Select a valid choice"),
        ("skill", "7", "Select a valid choice"),
        ("enjoyment", "0", "Select a valid choice"),
        ("area", "astrology", "Select a valid choice"),
    ],
)
def test_it_refuses_bad_input_and_says_what_is_wrong(alice_client, alice, field, value, message):
    data = {**VALID, field: value}
    if value == "34":  # 34 h a day is 170 h in a five-day week
        data["time_unit"] = "day"
    response = alice_client.post("/tasks/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    assert not Task.objects.filter(owner=alice).exists()


def test_editing_a_task_reclassifies_it(alice_client, alice):
    task = make_task(alice)
    assert task.category_id == "time"
    alice_client.post(f"/tasks/{task.pk}/edit/", {**VALID, "title": task.title, "core": "on"})
    task.refresh_from_db()
    assert (task.category_id, task.route) == ("keep", "keep")


def test_adding_hours_over_capacity_reclassifies_the_other_tasks(alice_client, alice):
    project = make_task(alice, title="Website relaunch", recurring=False, hours_per_week=10)
    assert project.category_id == "keep"
    alice_client.post("/tasks/new/", {**VALID, "time_amount": "35", "skill": "4"})
    project.refresh_from_db()
    assert (project.category_id, project.route) == ("time", "project_freelancer")
    assert project.reasons[0] == {
        "code": "overloaded",
        "params": {"planned": "45.00", "capacity": "40.0"},
    }


def test_untouched_ratings_are_not_rated_and_give_no_reason(alice_client, alice):
    data = {**VALID, "title": "Garden gnome census", "skill": "", "enjoyment": ""}
    alice_client.post("/tasks/new/", data)
    task = Task.objects.get(owner=alice)
    assert (task.skill, task.enjoyment, task.core) == (None, None, None)
    # Nothing rated and nothing the catalogue knows: not rated yet, neither kept as core nor
    # handed off, even though it recurs.
    assert [r["code"] for r in task.reasons] == ["not_rated"]
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "rate it to sharpen the advice" in page
    assert "You rated" not in page


def test_the_form_starts_unrated(alice_client, alice):
    form = alice_client.get("/tasks/new/").context["form"]
    assert form["skill"].value() in (None, "")
    assert form["enjoyment"].value() in (None, "")


@pytest.mark.parametrize(
    ("amount", "unit", "hours"),
    [("1", "day", "5.00"), ("2", "month", "0.46"), ("8", "year", "0.15"), ("6", "quarter", "0.46")],
)
def test_the_time_is_kept_as_given_and_hours_per_week_derived(
    alice_client, alice, amount, unit, hours
):
    alice_client.post("/tasks/new/", {**VALID, "time_amount": amount, "time_unit": unit})
    task = Task.objects.get(owner=alice)
    assert (task.time_amount, task.time_unit) == (Decimal(amount), unit)
    assert task.hours_per_week == Decimal(hours)


def test_a_yearly_task_shows_both_its_time_and_its_weekly_hours(alice_client, alice):
    alice_client.post("/tasks/new/", {**VALID, "time_amount": "8", "time_unit": "year"})
    task = Task.objects.get(owner=alice)
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "0.15" in page and "8 h a year" in page


def test_deleting_asks_first_then_deletes(alice_client, alice):
    task = make_task(alice)
    assert alice_client.get(f"/tasks/{task.pk}/delete/").status_code == 200
    assert Task.objects.filter(pk=task.pk).exists()
    alice_client.post(f"/tasks/{task.pk}/delete/")
    assert not Task.objects.filter(pk=task.pk).exists()


def test_an_override_needs_a_reason_and_keeps_the_computed_category(alice_client, alice):
    task = make_task(alice)
    response = alice_client.post(f"/tasks/{task.pk}/override/", {"category": "keep"})
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.override_category_id is None

    alice_client.post(
        f"/tasks/{task.pk}/override/", {"category": "keep", "reason": "My clients expect me"}
    )
    task.refresh_from_db()
    assert (task.effective_category_id, task.effective_route) == ("keep", "keep")
    assert task.category_id == "time"
    assert task.override_by == alice
    assert task.override_reason == "My clients expect me"
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "My clients expect me" in page
    assert "We would have said: Time outsourcing" in page


def test_clearing_the_override_brings_back_the_computed_route(alice_client, alice):
    task = make_task(alice)
    alice_client.post(f"/tasks/{task.pk}/override/", {"category": "skill", "reason": "Expert"})
    alice_client.post(f"/tasks/{task.pk}/override/clear/")
    task.refresh_from_db()
    assert (task.override_category_id, task.effective_route) == (None, "virtual_assistant")


def test_delegating_a_specialist_task_records_delegate_date_and_rate(alice_client, alice):
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    tax = make_delegate(alice, name="Tax office", kind="specialist", hourly_rate=Decimal("90"))
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/",
        {"delegate": tax.pk, "start_date": "2026-11-02", "confirm": "1"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "delegated"
    assert (task.delegate, str(task.delegated_on), task.delegate_rate) == (
        tax,
        "2026-11-02",
        Decimal("90"),
    )


def test_a_kept_task_cannot_be_delegated(alice_client, alice):
    task = make_task(alice, core=True)
    va = make_delegate(alice)
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": va.pk, "start_date": "2026-11-02"}
    )
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.status == "inventory"


def test_it_does_not_accept_another_founders_delegate(alice_client, alice, charlie):
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    other = make_delegate(charlie, kind="specialist")
    response = alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": other.pk, "start_date": "2026-11-02"}
    )
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.status == "inventory"


def test_finishing_and_taking_back_a_delegation(alice_client, alice):
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    tax = make_delegate(alice, kind="specialist")
    alice_client.post(
        f"/tasks/{task.pk}/delegate/", {"delegate": tax.pk, "start_date": "2026-11-02"}
    )
    alice_client.post(f"/tasks/{task.pk}/reopen/")
    task.refresh_from_db()
    assert (task.status, task.delegate) == ("inventory", None)
    alice_client.post(f"/tasks/{task.pk}/finish/")
    task.refresh_from_db()
    assert task.status == "done"


def test_every_override_and_its_removal_stays_in_the_trail(alice_client, alice):
    task = make_task(alice)
    alice_client.post(f"/tasks/{task.pk}/override/", {"category": "skill", "reason": "Expert"})
    alice_client.post(f"/tasks/{task.pk}/override/", {"category": "keep", "reason": "Clients"})
    alice_client.post(f"/tasks/{task.pk}/override/clear/")
    trail = list(task.override_records.values_list("category_id", "reason", "by__email"))
    assert trail == [
        (None, "", "alice@example.com"),
        ("keep", "Clients", "alice@example.com"),
        ("skill", "Expert", "alice@example.com"),
    ]
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "Override trail" in page and "Expert" in page and "override removed" in page


def test_a_german_founder_finds_the_start_date_filled_in(alice_client, alice):
    # A date input shows only an ISO value; "27.11.2026" would leave it empty and required.
    alice.profile.language = "de"
    alice.profile.save()
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    make_delegate(alice, kind="specialist")
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    # Today on the founder's clock (Berlin by default), not in UTC.
    today = timezone.localdate(timezone=ZoneInfo(alice.profile.time_zone))
    assert f'name="start_date" value="{today:%Y-%m-%d}"' in page


@pytest.mark.parametrize(("typed", "hours"), [("2,5", "2.5"), ("2.5", "2.5"), ("3", "3")])
def test_hours_take_a_german_decimal_comma(alice_client, alice, typed, hours):
    alice_client.post("/tasks/new/", {**VALID, "time_amount": typed})
    assert Task.objects.get(owner=alice).hours_per_week == Decimal(hours)


def test_a_comma_and_a_point_together_are_refused(alice_client, alice):
    response = alice_client.post("/tasks/new/", {**VALID, "time_amount": "1.000,5"})
    assert response.context["form"].errors["time_amount"]
    assert not Task.objects.filter(owner=alice).exists()

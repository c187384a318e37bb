from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Profile
from tasks import demo
from tasks.tests.factories import make_task


def _queries_for_dashboard(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_the_dashboards_queries_do_not_grow_with_the_number_of_tasks(alice_client, alice):
    make_task(alice)
    few = _queries_for_dashboard(alice_client)
    for i in range(30):
        make_task(alice, title=f"Task {i}", core=bool(i % 2), recurring=bool(i % 3))
    assert _queries_for_dashboard(alice_client) == few


def test_the_demo_founder_sees_all_four_categories_in_english_and_german(client, db):
    demo.seed(founders=1, tasks=20)
    client.post("/accounts/login/", {"username": demo.DEMO_EMAIL, "password": demo.DEMO_PASSWORD})
    english = client.get("/")
    groups = {g["category"].code: len(g["tasks"]) for g in english.context["groups"]}
    assert set(groups) == {"time", "skill", "smart", "keep"}
    assert all(count > 0 for count in groups.values())
    page = english.content.decode()
    for name in ("Time outsourcing", "Skill outsourcing", "Smart outsourcing", "Keep (core work)"):
        assert name in page
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    page = client.get("/").content.decode()
    for name in ("Zeit-Outsourcing", "Skill-Outsourcing", "Smart-Outsourcing", "Kerntätigkeit"):
        assert name in page


@pytest.mark.parametrize(
    ("capacity", "state", "text"),
    [
        ("20", "ok", "You still do 10 of 20 h a week."),
        ("11", "near", "Almost at capacity"),
        ("10", "near", "Almost at capacity"),
        ("9.5", "over", "You are over capacity"),
    ],
)
def test_the_capacity_warning_comes_before_the_founder_is_over(
    alice_client, alice, capacity, state, text
):
    Profile.objects.filter(user=alice).update(weekly_capacity=Decimal(capacity))
    make_task(alice, hours_per_week=10)
    response = alice_client.get("/")
    assert response.context["figures"].capacity_state == state
    assert text in response.content.decode()


def test_it_shows_reclaimable_hours_cost_and_value(alice_client, alice):
    make_task(alice, hours_per_week=5)  # time / VA at the default 15 an hour
    make_task(alice, title="Logo", recurring=False, skill=1, hours_per_week=2)  # skill
    figures = alice_client.get("/").context["figures"]
    assert figures.reclaimable_hours == Decimal("7")
    assert figures.reclaimable_by_kind["time"] == Decimal("5")
    assert figures.reclaimable_cost == Decimal("5") * 15 + Decimal("2") * 60
    assert figures.reclaimable_value == Decimal("7") * 100


def test_tasks_carry_chris_duckers_three_lists(alice_client, alice):
    make_task(alice, title="Invoices", enjoyment=1, skill=2)  # hate + can't do
    make_task(alice, title="Inbox")  # time: shouldn't do it as the leader
    page = alice_client.get("/").content.decode()
    invoices, inbox = page.split("Invoices")[1].split("</li>")[0], page.split(">Inbox<")[1]
    assert "I hate it" in invoices and "I can&#x27;t do it" in invoices
    assert "I shouldn&#x27;t do it" in inbox.split("</li>")[0]

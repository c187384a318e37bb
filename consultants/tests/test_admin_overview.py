"""The consultant's overview and the founder page's summary show the dashboard's numbers."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services as account_services
from accounts.models import Profile, User
from consultants.admin.overview import ClientSummary, need_order
from tasks import buyback, services
from tasks.tests.factories import make_delegate, make_task

OVERVIEW = "/admin/accounts/user/overview/"


def delegate_something(founder):
    task = make_task(founder, title="Annual accounts", recurring=False, skill=1, hours_per_week=3)
    services.delegation_start(
        task=task, delegate=make_delegate(founder, kind="specialist"), start_date=date(2026, 1, 5)
    )


def dashboard_figures(client, founder):
    client.force_login(founder)
    return client.get("/").context["figures"]


def test_the_overview_and_the_founder_page_show_the_dashboards_numbers(client, cast):
    delegate_something(cast.founders["alice"])
    Profile.objects.filter(user=cast.founders["dora"]).update(weekly_capacity=12)
    expected = {name: dashboard_figures(client, cast.founders[name]) for name in ("alice", "dora")}
    assert expected["alice"].bought_back_hours == 3
    client.force_login(cast.consultants["bob"])
    overview = client.get(OVERVIEW)
    shown = {s.founder.email.split("@")[0]: s.figures for s in overview.context["summaries"]}
    assert shown == expected
    for name in ("alice", "dora"):
        page = client.get(f"/admin/accounts/user/{cast.founders[name].pk}/change/")
        assert page.context["summary"].figures == expected[name]
    html = client.get(f"/admin/accounts/user/{cast.founders['alice'].pk}/change/").content.decode()
    assert "16 of 40 h a week" in html
    assert 'data-figure="bought-back">3 h/week' in html


@pytest.mark.parametrize("consultant", ["bob", "erin"])
def test_the_overview_lists_exactly_the_consultants_clients(client, cast, consultant):
    client.force_login(cast.consultants[consultant])
    response = client.get(OVERVIEW)
    assert {s.founder for s in response.context["summaries"]} == cast.clients_of(consultant)
    others = set(cast.founders.values()) - cast.clients_of(consultant)
    for founder in others:
        assert founder.email not in response.content.decode()


def test_a_superuser_sees_every_founder_but_no_staff_in_the_overview(client, cast):
    client.force_login(cast.root)
    response = client.get(OVERVIEW)
    assert {s.founder for s in response.context["summaries"]} == set(cast.founders.values())


def test_founders_and_strangers_do_not_get_the_overview(client, cast):
    client.force_login(cast.founders["alice"])
    assert client.get(OVERVIEW).status_code == 302
    client.logout()
    assert client.get(OVERVIEW).status_code == 302


def test_the_admin_index_links_to_the_overview(client, cast):
    client.force_login(cast.consultants["bob"])
    assert f'href="{OVERVIEW}"' in client.get("/admin/").content.decode()


def test_the_overview_counts_tasks_waiting_for_a_work_instruction(client, cast):
    make_task(cast.founders["alice"], title="Social media scheduling", hours_per_week=2)
    client.force_login(cast.consultants["bob"])
    waiting = {
        s.founder.email: s.waiting_for_instruction
        for s in client.get(OVERVIEW).context["summaries"]
    }
    assert waiting == {"alice@example.com": 2, "dora@example.com": 1}


def _overview_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(OVERVIEW).status_code == 200
    return len(captured)


def test_the_overviews_queries_do_not_grow_with_clients_or_tasks(client, cast):
    bob = cast.consultants["bob"]
    client.force_login(bob)
    _overview_queries(client)  # keeps bob's signed-in copy: the views below read no user
    few = _overview_queries(client)
    for i in range(20):
        make_task(cast.founders["alice"], title=f"Task {i}", recurring=bool(i % 2))
    newcomer = account_services.founder_signup(
        email="hana@example.com", password="hana-pw-1234", email_confirmed=True
    )
    newcomer.profile.consultants.add(bob)
    make_task(newcomer)
    assert _overview_queries(client) == few


def summary(state: str, kept: str, reclaimable: str, waiting: int, email: str) -> ClientSummary:
    figures = buyback.compute(
        [], buyback.Rates(Decimal(100), Decimal(40), Decimal(1000), Decimal(15), Decimal(60))
    )
    figures = type(figures)(
        **{
            **figures.__dict__,
            "capacity_state": state,
            "hours_kept": Decimal(kept),
            "reclaimable_hours": Decimal(reclaimable),
        }
    )
    return ClientSummary(
        founder=User(email=email), profile=None, figures=figures, waiting_for_instruction=waiting
    )


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        (("over", "41", "0", 0, "b"), ("near", "39", "30", 9, "a"), "over capacity comes first"),
        (("over", "50", "0", 0, "b"), ("over", "45", "9", 0, "a"), "further over comes first"),
        (("near", "37", "0", 0, "b"), ("ok", "10", "30", 9, "a"), "near capacity before fine"),
        (("ok", "20", "8", 0, "b"), ("ok", "20", "2", 5, "a"), "more reclaimable first"),
        (("ok", "20", "2", 3, "b"), ("ok", "20", "2", 1, "a"), "more waiting first"),
        (("ok", "20", "2", 1, "a"), ("ok", "20", "2", 1, "b"), "then by email"),
    ],
)
def test_the_neediest_client_comes_first(first, second, why):
    assert need_order(summary(*first)) < need_order(summary(*second)), why

"""The dashboard: next moves, what waits for the founder, pictures, figures — in constant
queries and rows, whatever the number of tasks."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Profile
from digest import chunk_reads as digest_chunk_reads
from digest import content as digest_content
from sops import demo as sops_demo
from sops import services as sops_services
from sops.models import Instruction
from sops.tests.factories import make_instruction, published_va_task
from tasks import buyback, demo, services
from tasks.classifier import TaskInput
from tasks.models import Task
from tasks.selectors import founder_buyback, task_figures
from tasks.tests.factories import make_delegate, make_task


def many_tasks(owner, count, *, start=0):
    """`count` tasks of every kind, created in bulk (as an import does)."""
    rows = [
        TaskInput(
            title=f"Task {start + i:04}",
            area="admin",
            hours_per_week=Decimal(i % 7) + Decimal("0.5"),
            recurring=bool(i % 3),
            skill=1 + i % 5,
            enjoyment=1 + (i * 2) % 5,
            core=i % 11 == 0,
        )
        for i in range(count)
    ]
    services.tasks_import(owner=owner, rows=rows)


def _unmasked(response) -> str:
    """The page without its CSRF tokens (each serve masks the token anew)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_the_dashboards_queries_and_rows_do_not_grow_with_the_number_of_tasks(alice_client, alice):
    maria = make_delegate(alice)
    task, _instruction, _version = published_va_task(alice, title="Delegated inbox")
    services.delegation_start(task=task, delegate=maria, start_date=timezone.localdate())
    alice_client.get("/")  # the first visit writes "last seen"; later ones within minutes don't
    counts, cached = {}, {}
    for total, add in ((1, 0), (21, 20), (321, 300)):
        many_tasks(alice, add, start=total)
        cache.clear()  # computed, not served from the page cache
        counts[total], response = _queries(alice_client, "/")
        # The next view is the same page from the cache, and so are the session and the
        # user with their profile (which holds the version of the founder's data): no query.
        cached[total], again = _queries(alice_client, "/")
        assert _unmasked(again) == _unmasked(response)
        assert len(response.context["moves"]) == (5 if add else 0)
        waiting = response.context["waiting"]["instruction"]
        assert len(waiting.items) <= 5
        va_inventory = [
            task
            for task in Task.objects.filter(owner=alice)
            if buyback.waits_for_instruction(task.effective_route, task.status)
        ]
        assert waiting.count == len(va_inventory)
    assert counts[1] == counts[21] == counts[321], counts
    assert cached[1] == cached[21] == cached[321] == 0, cached


def test_the_figures_summed_in_sql_match_the_figures_task_by_task(alice):
    many_tasks(alice, 40)
    maria = make_delegate(alice, hourly_rate=Decimal("18.35"))
    tax = make_delegate(alice, name="Tax", kind="specialist", hourly_rate=90)
    task, _i, _v = published_va_task(alice, title="Inbox", hours_per_week=Decimal("3.25"))
    services.delegation_start(task=task, delegate=maria, start_date=timezone.localdate())
    logo = make_task(alice, title="Logo", recurring=False, skill=1, hours_per_week=Decimal("2.5"))
    services.delegation_start(task=logo, delegate=tax, start_date=timezone.localdate())
    services.task_override(task=logo, category="smart", reason="I hate it", by=alice)
    services.delegation_end(task=Task.objects.filter(owner=alice).first(), done=True)
    profile = Profile.objects.get(user=alice)
    rows = Task.objects.filter(owner=alice).values_list(
        "hours_per_week",
        "category_id",
        "override_category_id",
        "route",
        "override_route",
        "status",
        "delegate_rate",
    )
    one_by_one = buyback.compute([task_figures(*row) for row in rows], profile.rates())
    assert founder_buyback(profile=profile) == one_by_one


def test_the_next_moves_on_the_dashboard_and_in_the_digest_agree(alice_client, alice):
    many_tasks(alice, 60)
    for title in ("Zebra", "apple", "Apple", "Älter"):  # equal net: the title decides
        make_task(alice, title=title, hours_per_week=8)
    moves = alice_client.get("/").context["moves"]
    on_dashboard = [item["row"].move.title for item in moves]
    tasks = digest_chunk_reads.founders_tasks({alice.pk})[alice.pk].open
    ranked = digest_content.ranked_moves(tasks, Profile.objects.get(user=alice).rates())
    in_digest = digest_content.next_moves_and_total(tasks, ranked=ranked)[0]
    assert [move["title"] for move in in_digest] == on_dashboard[:3]
    assert on_dashboard[:3] == ["Apple", "Zebra", "apple"]


def test_each_move_shows_its_figures_reason_and_the_button_that_starts_it(alice_client, alice):
    make_task(alice, title="Weekly ops checklist", hours_per_week=5)  # VA, no instruction
    make_task(alice, title="Logo", recurring=False, skill=1, hours_per_week=2)  # specialist
    page = alice_client.get("/").content.decode()
    inbox = page.split('data-move="')[1]
    assert "Weekly ops checklist" in inbox
    assert "worth €500.00, costs €75.00: €425.00 net a week" in inbox
    assert "recurring, 5 h a week ≥ your" in inbox and 'data-step="write_instruction"' in inbox
    logo = page.split('data-move="')[2]
    assert "skill 1 ≤ your" in logo and 'data-step="pick_delegate"' in logo
    make_delegate(alice, name="Studio", kind="specialist", hourly_rate=70)
    logo = alice_client.get("/").content.decode().split('data-move="')[2]
    assert 'data-step="delegate"' in logo


def test_what_waits_for_the_founder_links_to_where_it_is_dealt_with(alice_client, alice):
    make_task(alice, title="Inbox triage")  # a VA task without a work instruction
    task, instruction, _version = published_va_task(alice, title="Newsletter")
    services.delegation_start(
        task=task, delegate=make_delegate(alice), start_date=timezone.localdate() - timedelta(20)
    )
    Instruction.objects.filter(pk=instruction.pk).update(
        review_on=timezone.localdate() - timedelta(days=1)
    )
    page = alice_client.get("/").content.decode()
    waiting = page.split("data-waiting>")[1]
    assert "1 task waits for its work instruction" in waiting
    assert "1 delegation without a run for 14 days" in waiting
    assert "1 work instruction is past its review date" in waiting
    assert f"/instructions/{instruction.pk}/edit/" in waiting
    assert "A good week looks like this" not in waiting


def test_a_good_week_has_nothing_waiting(alice_client, alice):
    make_task(alice, title="Product", core=True)
    page = alice_client.get("/").content.decode()
    assert 'data-waiting-kind="none"' in page
    assert "Nothing left to hand off" in page


def test_since_the_last_visit_it_shows_runs_and_acknowledged_versions(alice_client, alice):
    _task, instruction, version = published_va_task(alice, title="Newsletter")
    maria = make_delegate(alice)
    link = sops_services.handover_link_create(instruction=instruction, delegate=maria)
    assert "Since your last visit" not in alice_client.get("/").content.decode()  # first visit
    # Back after a break: the delegate read the new version and recorded a run meanwhile.
    Profile.objects.filter(user=alice).update(
        last_seen_at=timezone.now() - timedelta(hours=3), previous_visit_at=None
    )
    cache.delete(account_services.seen_key(alice.pk))  # last seen three hours ago there too
    sops_services.handover_acknowledge(link=link, version=version)
    sops_services.run_record(
        version=version,
        performed_on=timezone.localdate(),
        performed_by="Maria",
        checked_steps=[0, 1],
        minutes=20,
        link=link,
    )
    page = alice_client.get("/").content.decode()
    since = page.split("data-since>")[1]
    assert "Maria recorded a run of “Inbox triage”" in since
    assert "Maria confirmed reading version 1 of “Inbox triage”" in since
    # Still the same visit a minute later: the same baseline.
    assert "Maria recorded a run" in alice_client.get("/").content.decode()


def test_a_visit_is_written_once_at_its_start(alice):
    profile = Profile.objects.get(user=alice)
    start = timezone.now()
    account_services.founder_visit(profile=profile, now=start)
    profile.refresh_from_db()
    assert (profile.last_seen_at, profile.previous_visit_at) == (start, None)
    # Within the visit no page view writes the database ("last seen" is in the cache).
    with CaptureQueriesContext(connection) as captured:
        for minutes in (2, 30, 50):
            account_services.founder_visit(profile=profile, now=start + timedelta(minutes=minutes))
    assert not [q for q in captured if not q["sql"].startswith("SELECT")]
    later = start + timedelta(minutes=50)
    back = later + account_services.VISIT_GAP
    account_services.founder_visit(profile=profile, now=back)
    profile.refresh_from_db()
    # Back after the gap: the previous visit ended when the founder was last seen.
    assert (profile.last_seen_at, profile.previous_visit_at) == (back, later)


def test_the_dashboard_writes_the_visit_after_its_response(alice_client, alice):
    response = alice_client.get("/")
    # The test client closes the response once read, as gunicorn does once it is sent.
    assert Profile.objects.get(user=alice).last_seen_at is not None
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        alice_client.get("/")
    assert not [q for q in captured if not q["sql"].startswith("SELECT")]


def test_the_demo_founder_sees_the_charts_in_english_and_german(client, db):
    sops_demo.seed(founders=1, tasks=20)
    client.post("/accounts/login/", {"username": demo.DEMO_EMAIL, "password": demo.DEMO_PASSWORD})
    english = client.get("/")
    kinds = {row["kind"]: row for row in english.context["kinds"]["rows"]}
    assert set(kinds) == {"time", "skill", "smart", "keep"}
    page = english.content.decode()
    assert 'data-chart="kinds"' in page and 'data-chart-data="{&quot;labels&quot;' in page
    for name in ("Time outsourcing", "Keep it yourself", "No digest yet, so this is this week"):
        assert name in page
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    page = client.get("/").content.decode()
    for name in (
        "Zeit-Outsourcing",
        "Smart-Outsourcing",
        "Behalten",
        "Deine nächsten Schritte",
    ):
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


def test_a_stranger_sees_none_of_alices_tasks(client, alice, charlie):
    make_task(alice, title="Alice's secret task")
    make_instruction(alice)
    client.force_login(charlie)
    assert "secret" not in client.get("/").content.decode()


def test_a_task_to_automate_comes_before_delegating_the_same_hours(alice_client, alice):
    make_task(alice, title="Weekly ops checklist", hours_per_week=5, skill=3, enjoyment=3)
    make_task(alice, title="Invoicing", hours_per_week=5, skill=3, enjoyment=3)
    page = alice_client.get("/").content.decode()
    first, second = page.split('data-move="')[1:3]
    # Automated, its hours cost no delegate: worth more than the same hours handed to a VA.
    assert "Invoicing" in first and "Automate it" in first
    assert 'data-step="drop_or_automate"' in first
    assert "Weekly ops checklist" in second


def test_with_no_tasks_the_dashboard_says_where_to_start(alice_client, alice):
    page = alice_client.get("/").content.decode()
    assert "Nothing left to hand off" not in page
    assert 'data-empty="no-tasks"' in page and "your inbox and your calendar" in page


def test_an_overridden_move_shows_the_founders_reason_not_the_rules(alice_client, alice):
    from tasks import services

    task = make_task(alice, title="Coaching sessions", hours_per_week=10, skill=5, enjoyment=5)
    services.task_override(task=task, category="time", reason="A colleague covers it", by=alice)
    move = alice_client.get("/").content.decode().split('data-move="')[1]
    assert "A colleague covers it" in move and "core" not in move.lower()


def test_no_chart_is_drawn_without_data(alice_client, alice):
    page = alice_client.get("/").content.decode()
    assert 'data-no-chart="kinds"' in page and 'data-no-chart="trend"' in page
    assert 'data-chart="kinds"' not in page and 'data-chart="trend"' not in page
    # Chart.js is never a script of the page: charts.js fetches it when a chart comes near.
    assert 'src="/static/vendor/chartjs/' not in page

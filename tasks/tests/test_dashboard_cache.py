"""The dashboard is served from a cache per version of the founder's data (dashboard/page_cache.py,
accounts/versions.py): every kind of write of that data shows on the next page view.

Each test views the page (filling the cache), writes one way, and views it again."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import clock, versions
from accounts.models import Profile
from consultants.models import ChangeRecord
from digest import services as digest_services
from digest.models import DigestSlot, WeeklyDigest
from sops import services as sops_services
from sops.models import HandoverEvent, Instruction, NewsHour
from sops.tests.factories import make_instruction, published_va_task
from tasks import founder_settings, services
from tasks.classifier import TaskInput
from tasks.models import Category, Task
from tasks.tests.factories import make_delegate, make_task


def page(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def kinds_summary(client) -> str:
    """The chart's sentence: the open hours of all the founder's tasks."""
    return page(client).split('data-summary="kinds">')[1].split("</p>")[0]


def test_a_page_view_twice_is_served_from_the_cache(alice_client, alice):
    make_task(alice)
    first = page(alice_client)
    page(alice_client)  # the visit's start wrote the profile: its copy is read afresh once
    with CaptureQueriesContext(connection) as captured:
        second = page(alice_client)
    # The session, the signed-in user with their profile (and its version) and the page all
    # come from the cache: no query at all.
    assert len(captured) == 0, [q["sql"][:80] for q in captured]
    assert first.split("csrfmiddlewaretoken")[0] == second.split("csrfmiddlewaretoken")[0]


def test_a_cached_view_reads_the_cache_three_times_session_user_and_page(
    alice_client, alice, monkeypatch
):
    # The user's tokens come with their copy (accounts/signed_in.py), the visit's "last
    # seen" with the page (dashboard/page_cache.py): one read each.
    from django.core.cache import caches

    make_task(alice)
    page(alice_client)
    page(alice_client)
    reads: list[str] = []
    inside = []  # the local-memory cache's get_many calls its own get: count the outer call
    backend = type(caches["default"])
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            if not inside:
                reads.append(_name)
            inside.append(1)
            try:
                return _original(self, *args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, counted)
    page(alice_client)
    assert reads == ["get", "get_many", "get_many"], reads


def test_each_serve_carries_a_valid_csrf_token_of_its_own(alice, client):
    client.force_login(alice)
    client.handler.enforce_csrf_checks = True
    make_task(alice, title="Old title")
    page(client)
    html = page(client)  # from the cache
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token != "csrf-token-placeholder-8c1f0e"
    response = client.post("/tasks/quick/", {"csrfmiddlewaretoken": token, "title": "x"})
    assert response.status_code != 403


@pytest.mark.parametrize(
    "write",
    [
        "create",
        "update",
        "delete_one",
        "delete_many",
        "import",
        "finish",
        "queryset_update",
        "save",
    ],
)
def test_every_kind_of_task_write_shows_on_the_next_view(alice_client, alice, write):
    task = make_task(alice, hours_per_week=Decimal("5"))
    make_task(alice, title="Second", hours_per_week=Decimal("2"))
    before = kinds_summary(alice_client)
    assert "Of 7.0 open hours" in before or "Of 7 open hours" in before, before
    if write == "create":
        make_task(alice, title="Third", hours_per_week=Decimal("3"))
    elif write == "update":
        services.task_update(task=task, hours_per_week=Decimal("8"))
    elif write == "delete_one":
        services.task_delete(task=task)
    elif write == "delete_many":
        services.tasks_delete(queryset=Task.objects.filter(owner=alice))
    elif write == "import":
        row = TaskInput(
            title="Imported",
            area="admin",
            hours_per_week=Decimal("4"),
            recurring=True,
            skill=3,
            enjoyment=3,
            core=False,
        )
        services.tasks_import(owner=alice, rows=[row])
    elif write == "finish":
        services.tasks_finish(owner=alice, ids=[task.pk])
    elif write == "queryset_update":
        Task.objects.filter(pk=task.pk).update(hours_per_week=Decimal("1"))
    elif write == "save":  # a model's save (the admin's, a consultant's)
        task.hours_per_week = Decimal("1")
        task.save()
    assert kinds_summary(alice_client) != before


def test_a_delegate_an_override_and_the_profile_show_on_the_next_view(alice_client, alice):
    task = make_task(alice, title="Bookkeeping", area="finance", skill=1, enjoyment=1)
    html = page(alice_client)
    maria = make_delegate(alice, name="Maria", kind="specialist")
    assert page(alice_client) != html  # the move's button: a fitting delegate now
    html = page(alice_client)
    services.delegate_delete(delegate=maria)
    assert page(alice_client) != html
    html = page(alice_client)
    services.task_override(task=task, category="keep", reason="Mine to keep", by=alice)
    assert page(alice_client) != html
    html = page(alice_client)
    profile = Profile.objects.get(user=alice)
    founder_settings.profile_update(profile=profile, hourly_value=Decimal("321"))
    assert page(alice_client) != html


def test_instructions_runs_and_news_show_on_the_next_view(alice_client, alice):
    task = make_task(alice, title="Inbox triage", skill=2, enjoyment=1)
    html = page(alice_client)
    instruction = make_instruction(alice, task=task)
    after_draft = page(alice_client)
    assert after_draft != html
    version = sops_services.instruction_publish(instruction=instruction, by=alice)
    after_publish = page(alice_client)
    assert after_publish != after_draft
    maria = make_delegate(alice)
    link = sops_services.handover_link_create(instruction=instruction, delegate=maria)
    sops_services.handover_acknowledge(link=link, version=version, notify=False)
    html = page(alice_client)
    assert "News from your team" in html and "1 new" in html
    # Shown once as new, then seen: the next view no longer says "new".
    assert "1 new" not in page(alice_client)
    sops_services.run_record(
        version=version,
        performed_on=timezone.localdate(),
        performed_by="Maria",
        checked_steps=[0, 1],
        minutes=20,
        link=link,
        notify=False,
    )
    assert "1 new" in page(alice_client)


def test_a_sent_digest_and_a_change_record_show_on_the_next_view(alice_client, alice):
    task, _instruction, _version = published_va_task(alice, title="Delegated inbox")
    services.delegation_start(
        task=task, delegate=make_delegate(alice), start_date=timezone.localdate()
    )
    html = page(alice_client)
    assert "No digest yet" in html
    now = timezone.now()
    WeeklyDigest.objects.create(
        founder=alice,
        iso_year=2026,
        iso_week=40,
        state=WeeklyDigest.SENT,
        claimed_at=now,
        sent_at=now,
        snapshot_at=now,
        hours_delegated=Decimal("5"),
        delegation_cost=Decimal("90"),
        bought_back_value=Decimal("500"),
    )
    assert "No digest yet" not in page(alice_client)
    before = versions.current(alice.pk)
    ChangeRecord.objects.create(founder=alice, by=alice, kind=ChangeRecord.TASK_ADDED, label="x")
    assert versions.current(alice.pk) > before


def test_the_catalogue_raises_everyones_version(alice_client, alice):
    make_task(alice)
    html = page(alice_client)
    category = Category.objects.get(code="keep")
    category.name_en = "Keep it, really"
    category.save()
    assert page(alice_client) != html


def test_quiet_fields_raise_nothing_and_a_visit_is_no_write_of_the_data(alice):
    before = versions.current(alice.pk)
    Profile.objects.filter(user=alice).update(last_seen_at=timezone.now())
    HandoverEvent.objects.filter(founder=alice).update(notified_at=timezone.now())
    # The digest's slot and the news email's hour are their apps' rows, on no cached page.
    digest_services.digests_claim(founder_ids=[alice.pk], now=timezone.now())
    assert DigestSlot.objects.filter(founder=alice).exists()
    NewsHour.objects.create(founder=alice, notified_at=timezone.now())
    assert versions.current(alice.pk) == before
    Profile.objects.filter(user=alice).update(hourly_value=Decimal("99"))
    assert versions.current(alice.pk) == before + 1


def test_another_founders_write_leaves_the_cache_alone(alice_client, alice, bob):
    make_task(alice)
    page(alice_client)
    mine = versions.current(alice.pk)
    make_task(bob, title="Bob's")
    assert versions.current(alice.pk) == mine


def test_a_new_day_recomputes_the_page(alice_client, alice):
    today = clock.founder_today(clock.zone_of(alice.pk))
    instruction = make_instruction(alice)
    Instruction.objects.filter(pk=instruction.pk).update(review_on=today)
    assert 'data-waiting-kind="review"' not in page(alice_client)
    # No write at all, only the founder's day changing (within the cache's timeout, within
    # the same visit): the instruction is past its review date.
    zone = ZoneInfo(clock.zone_of(alice.pk) or "UTC")
    tomorrow = datetime.combine(today + timedelta(days=1), time(0, 30), tzinfo=zone)
    with time_machine.travel(tomorrow):
        alice_client.force_login(alice)
        Profile.objects.filter(user=alice).update(
            last_seen_at=timezone.now() - timedelta(minutes=1)
        )
        assert 'data-waiting-kind="review"' in page(alice_client)


def test_the_three_lists_are_cached_and_show_every_write(alice_client, alice):
    task = make_task(alice, title="Bookkeeping", area="finance", skill=1, enjoyment=1)
    first = alice_client.get("/tasks/lists/").content.decode()
    assert "Bookkeeping" in first
    with CaptureQueriesContext(connection) as captured:
        alice_client.get("/tasks/lists/")
    assert len(captured) == 0  # the user, the session and the page from the cache
    services.task_update(task=task, title="Payroll")
    after = alice_client.get("/tasks/lists/").content.decode()
    assert "Payroll" in after and "Bookkeeping" not in after


def test_a_new_release_draws_the_page_anew(alice_client, alice, monkeypatch):
    # A deploy changes the code or a template: a page the old code drew is not served.
    from dashboard import page_cache

    make_task(alice)
    page(alice_client)
    monkeypatch.setattr(page_cache, "release", lambda: "the-next-release")
    with CaptureQueriesContext(connection) as captured:
        page(alice_client)
    assert "tasks_task" in " ".join(q["sql"] for q in captured)


def test_the_task_list_is_cached_per_address_and_shows_every_write(alice_client, alice):
    task = make_task(alice, title="Ledger upkeep", area="finance")
    make_task(alice, title="Zine mailing", area="marketing")
    assert "Ledger upkeep" in alice_client.get("/tasks/").content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = alice_client.get("/tasks/").content.decode()
    assert len(captured) == 0 and "Ledger upkeep" in again
    # Another address (a filter) is another page, not the one above.
    filtered = alice_client.get("/tasks/?q=Zine").content.decode()
    assert "Zine mailing" in filtered and "Ledger upkeep" not in filtered
    services.task_update(task=task, title="Wage run")
    after = alice_client.get("/tasks/").content.decode()
    assert "Wage run" in after and "Ledger upkeep" not in after


def test_junk_filters_are_refused_every_time_and_never_stored(alice_client, alice):
    make_task(alice, title="Ledger upkeep")
    for _ in range(2):
        response = alice_client.get("/tasks/?kind=nonsense")
        assert response.status_code == 400
        assert 'class="alert' in response.content.decode()
    assert alice_client.get("/tasks/").status_code == 200

"""The digest in the consultant's workspace: queue this week's now, see what went out."""

from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts import schedule
from accounts.models import Profile, User
from consultants.tests.admin_cast import LAST_DIGEST, change_form_data
from digest import services as digest_services
from digest.models import DigestSlot, WeeklyDigest

USERS = "/admin/accounts/user/"


def queue(client, users):
    return client.post(
        USERS,
        {"action": "queue_digest", "_selected_action": [str(u.pk) for u in users]},
        follow=True,
    )


def this_weeks(founder) -> bool:
    week = schedule.iso_week(timezone.now(), founder.profile.time_zone)
    return WeeklyDigest.objects.filter(
        founder=founder, iso_year=week.year, iso_week=week.week
    ).exists()


def test_queueing_claims_this_weeks_digest_for_the_consultants_clients_only(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.consultants["bob"])
    with django_capture_on_commit_callbacks() as callbacks:
        queue(client, User.objects.all())
    assert len(callbacks) == 1  # one send task for the claimed rows, after the commit
    assert {name for name, f in cast.founders.items() if this_weeks(f)} == {"alice", "dora"}


# Committed, so the send runs on commit. serialized_rollback spelled out: the root conftest
# adds it only to module-level markers, not to a marker on the function itself.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_queueing_says_queued_once_the_send_task_is_published(
    client, cast, mailoutbox, monkeypatch
):
    from outsourcing.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", True)  # the send runs in this test
    client.force_login(cast.consultants["bob"])
    response = queue(client, User.objects.all())
    assert "Queued this week&#x27;s digest for 2 founders." in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.com", "dora@example.com"]


def test_queueing_twice_sends_nobody_a_second_copy(client, cast):
    client.force_login(cast.consultants["bob"])
    queue(client, User.objects.all())
    again = queue(client, User.objects.all()).content.decode()
    assert "Queued this week&#x27;s digest for 0 founders." in again
    assert "2 founders already had this week&#x27;s digest or turned it off." in again
    assert WeeklyDigest.objects.filter(founder=cast.founders["alice"]).count() == 2


def test_a_founder_who_turned_the_digest_off_gets_none(client, cast):
    Profile.objects.filter(user=cast.founders["dora"]).update(digest_enabled=False)
    client.force_login(cast.consultants["bob"])
    queue(client, [cast.founders["alice"], cast.founders["dora"]])
    assert this_weeks(cast.founders["alice"]) and not this_weeks(cast.founders["dora"])


def test_the_overview_shows_when_the_last_digest_went_out(client, cast):
    alice = cast.founders["alice"]
    WeeklyDigest.objects.create(
        founder=alice, iso_year=2026, iso_week=48, state=WeeklyDigest.FAILED, claimed_at=LAST_DIGEST
    )
    client.force_login(cast.consultants["bob"])
    summaries = client.get("/admin/accounts/user/overview/").context["summaries"]
    assert {s.founder.email: s.last_digest_sent for s in summaries} == {
        "alice@example.com": LAST_DIGEST,
        "dora@example.com": LAST_DIGEST,
    }
    page = client.get(f"/admin/accounts/user/{alice.pk}/change/")
    assert page.context["summary"].last_digest_sent == LAST_DIGEST


def test_the_digest_ledger_is_read_only_for_a_consultant(client, cast):
    sent = WeeklyDigest.objects.get(founder=cast.founders["alice"])
    client.force_login(cast.consultants["bob"])
    url = f"/admin/digest/weeklydigest/{sent.pk}/change/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"state": WeeklyDigest.FAILED}).status_code == 403
    assert client.get(f"/admin/digest/weeklydigest/{sent.pk}/delete/").status_code == 403
    sent.refresh_from_db()
    assert sent.state == WeeklyDigest.SENT


def test_the_ledger_shows_failures_with_attempts_next_try_and_reason(client, cast):
    retrying = WeeklyDigest.objects.get(founder=cast.founders["alice"])
    WeeklyDigest.objects.filter(pk=retrying.pk).update(
        state=WeeklyDigest.CLAIMED,
        attempts=3,
        retry_at=timezone.now(),
        last_error="SMTPDataError: (451, b'4.3.0 Try again later')",
    )
    WeeklyDigest.objects.filter(founder=cast.founders["dora"]).update(
        state=WeeklyDigest.FAILED, attempts=1, last_error="SMTPDataError: (550, b'no mailbox')"
    )
    for user in (cast.consultants["bob"], cast.root):
        client.force_login(user)
        page = client.get("/admin/digest/weeklydigest/").content.decode()
        assert "3 attempts, next at" in page and "4.3.0 Try again later" in page
        assert "1 attempt · SMTPDataError: (550" in page
    client.force_login(cast.consultants["erin"])  # not her clients
    assert "Try again later" not in client.get("/admin/digest/weeklydigest/").content.decode()


def test_changing_a_clients_digest_hour_in_the_admin_replans_the_next_digest(client, cast):
    alice = cast.founders["alice"]
    digest_services.digests_claim(founder_ids=[alice.pk], now=timezone.now())  # planned
    before = DigestSlot.objects.get(founder=alice).next_digest_at
    assert alice.pk not in digest_services.due_founder_ids(now=timezone.now())
    client.force_login(cast.consultants["bob"])
    form = client.get(f"/admin/accounts/user/{alice.pk}/change/")
    data = change_form_data(form) | {"profile-0-digest_hour": "17", "profile-0-digest_weekday": "3"}
    assert client.post(f"/admin/accounts/user/{alice.pk}/change/", data).status_code == 302
    # The change writes nothing of the digest's: its slot, planned for the old schedule, is
    # due at the next beat, whose claim plans it anew.
    assert DigestSlot.objects.get(founder=alice).next_digest_at == before
    assert alice.pk in digest_services.due_founder_ids(now=timezone.now())
    digest_services.digests_claim(founder_ids=[alice.pk], now=timezone.now())
    after = DigestSlot.objects.get(founder=alice).next_digest_at
    assert after.astimezone(ZoneInfo("Europe/Berlin")).hour == 17

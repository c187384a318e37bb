"""`send_digests`: the issue's "done when", and --founder / --dry-run."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Profile
from digest.models import WeeklyDigest
from digest.tests import digest_support
from digest.tests.digest_support import parts, unsubscribe_link

scripted_smtp = digest_support.scripted_smtp  # the fixture, for the SMTP error tests


def _run(*args, **options) -> str:
    out = StringIO()
    call_command("send_digests", *args, stdout=out, **options)
    return out.getvalue()


def test_25_seeded_founders_get_exactly_25_digests_over_two_runs(db, smtp_server):
    call_command("seed_demo", founders=25, stdout=StringIO())
    assert "25 sent, 0 failed" in _run(now=True)
    assert "0 sent, 0 failed" in _run(now=True)
    received = [m["message"] for m in smtp_server.messages]
    assert len(received) == 25
    assert len({m["To"] for m in received}) == 25
    for message in received:
        assert set(parts(message)) == {"text/plain", "text/html"}
    # Every one-click unsubscribe works, with no login.
    mail_client = Client(enforce_csrf_checks=True)
    for message in received:
        url = unsubscribe_link(message).split("://", 1)[1].split("/", 1)[1]
        response = mail_client.post(
            "/" + url,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
    assert not Profile.objects.filter(digest_enabled=True).exists()
    # A German founder got it in German.
    german = next(m for m in received if m["To"] == "founder3@example.com")
    assert "Du bist über deiner Kapazität" in parts(german)["text/plain"]


def test_dry_run_prints_what_would_be_sent_and_changes_nothing(alice, charlie, smtp_server):
    out = _run(now=True, dry_run=True)
    assert "to alice@example.com" in out and "to charlie@example.com" in out
    assert not WeeklyDigest.objects.exists() and smtp_server.messages == []


def test_founder_limits_the_run_to_one_founder(alice, charlie, smtp_server):
    assert "1 sent" in _run(now=True, founder="ALICE@example.com")
    assert [m["to"] for m in smtp_server.messages] == [["alice@example.com"]]


def test_an_unknown_founder_is_an_error(db):
    with pytest.raises(CommandError, match=r"nobody@example\.com"):
        _run(founder="nobody@example.com")


def test_temporary_failures_are_retried_in_process_with_backoff(alice, scripted_smtp, settings):
    settings.DIGEST_RETRY_DELAYS = [0]
    scripted_smtp.replies = ["451 4.3.0 busy", "421 4.7.0 closing"]
    out = _run(now=True, retries=3)
    assert "to retry in 0 s (round 1)" in out and "1 sent, 0 failed, 0 still to retry" in out
    assert len(scripted_smtp.messages) == 1
    assert WeeklyDigest.objects.get(founder=alice).attempts == 3


def test_it_fails_saying_how_many_and_why_and_a_rerun_sends_them(
    alice, charlie, scripted_smtp, settings
):
    settings.DIGEST_RETRY_DELAYS = [0]
    scripted_smtp.replies = ["451 4.3.0 busy"] * 4
    with pytest.raises(CommandError) as failed:
        _run(now=True, retries=1)
    message = str(failed.value)
    assert "2 digest(s) not sent" in message
    assert "2 × SMTPDataError: (451, b'4.3.0 busy') (will be retried)" in message
    assert scripted_smtp.messages == []
    # The server is back: a plain re-run (not --now, their hour has not necessarily come)
    # picks this week's unsent digests up at once, whatever their next attempt time.
    assert "2 sent, 0 failed" in _run(retries=0)
    assert sorted(m["message"]["To"] for m in scripted_smtp.messages) == [
        "alice@example.com",
        "charlie@example.com",
    ]
    assert "0 sent, 0 failed" in _run(now=True)


def test_a_permanent_failure_is_not_retried_and_fails_the_run(alice, scripted_smtp, settings):
    settings.DIGEST_RETRY_DELAYS = [0]
    scripted_smtp.replies = ["550 5.1.1 No such mailbox"]
    with pytest.raises(CommandError, match=r"1 × SMTPDataError: \(550.*\(failed for good\)"):
        _run(now=True)
    assert "0 sent, 0 failed" in _run(now=True)
    assert scripted_smtp.messages == []


def test_retries_must_not_be_negative(db):
    with pytest.raises(CommandError, match="--retries"):
        _run(retries=-1)

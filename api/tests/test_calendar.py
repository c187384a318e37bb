"""The calendar feed: secret, revocable, valid iCalendar that the app's own import reads."""

import warnings
from datetime import date

import icalendar
import pytest
from django.utils import timezone

from api import tokens
from sops.tests.factories import published_va_task
from tasks import calendar_audit
from tasks import services as task_services
from tasks.tests.factories import make_delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_url(alice):
    task, instruction, _version = published_va_task(alice, title="Invoices")
    delegate = make_delegate(alice)
    task_services.delegation_start(task=task, delegate=delegate, start_date=timezone.localdate())
    instruction.review_on = date(2027, 3, 1)
    instruction.save(update_fields=["review_on"])
    return f"/calendar/{tokens.calendar_feed_create(founder=alice)}.ics"


def test_the_feed_parses_without_warnings_and_has_every_kind_of_date(client, feed_url):
    response = client.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Check on the delegation: Invoices" in summaries
    assert "Review the work instruction: Inbox triage" in summaries
    assert "Your weekly digest" in summaries
    assert calendar.walk("VTIMEZONE"), "a time zone for the founder's local times"
    review = next(e for e in calendar.walk("VEVENT") if "Review" in str(e["SUMMARY"]))
    assert review.decoded("DTSTART").date() == date(2027, 3, 1)


def test_the_apps_own_import_reads_it(client, feed_url):
    audit = calendar_audit.read_calendar(
        client.get(feed_url).content,
        today=timezone.localdate(),
        max_occurrences=100_000,
        seconds=5,
    )
    titles = {entry.title for entry in audit.singles} | {s.title for s in audit.series}
    assert {"Check on the delegation: Invoices", "Your weekly digest"} <= titles
    assert audit.counted >= 2


def test_a_revoked_or_replaced_link_is_404(client, alice, feed_url):
    newer = tokens.calendar_feed_create(founder=alice)
    assert client.get(feed_url).status_code == 404
    assert client.get(f"/calendar/{newer}.ics").status_code == 200
    tokens.calendar_feed_revoke(founder=alice)
    assert client.get(f"/calendar/{newer}.ics").status_code == 404
    assert client.get("/calendar/guess.ics").status_code == 404


def test_german_titles(client, alice, feed_url):
    alice.profile.language = "de"
    alice.profile.save()
    text = client.get(feed_url).content.decode()
    assert "Ausgelagerte Aufgabe prüfen: Invoices" in text

"""Files built to break the import (security issue #19): each is refused with a message in the
founder's language, quickly, and nothing is written — never a 500 or a held worker."""

import html
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.models import Task

CLOCKIFY = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
    "End Date,End Time,Duration (h),Duration (decimal)\n"
)


def _clockify(duration="01:00:00", decimal="1.00", day="05/10/2026"):
    row = f"Admin,,Inbox,,Lena,,l@x.org,,No,{day},08:00:00,{day},09:00:00,{duration},{decimal}\n"
    return (CLOCKIFY + row).encode()


def _calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nUID:{n}\r\n{e}END:VEVENT\r\n" for n, e in enumerate(events))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


# 304 bytes, untitled, every minute: it held a worker at 100 % until gunicorn killed it.
MINUTELY = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n"
    b"DTSTAMP:20260101T000000Z\r\nDTSTART:20200101T000000Z\r\nDTEND:20200101T000030Z\r\n"
    b"RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\n"
    b"DTSTART:20261201T090000Z\r\nDTEND:20261201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _upload(client, name, data):
    return client.post("/tasks/import/", {"file": SimpleUploadedFile(name, data)})


HOSTILE = [
    ("header.csv", b"title," + b"x" * 140_000 + b"\nInbox\n", "the file is not valid CSV"),
    ("quotes.csv", b'""', "the file is empty"),
    ("quotes2.csv", b'""\n""\n', "the file is empty"),
    ("clockify.csv", _clockify(decimal="1e30", duration=""), '"1e30" is not a duration'),
    ("clockify.csv", _clockify(duration="9" * 32 + ":00:00"), "is not a duration"),
    ("clockify.csv", _clockify(day="05/10/9999"), "is not a date between 1970 and 2100"),
    ("clockify.csv", _clockify(day="05/10/0001"), "is not a date between 1970 and 2100"),
    (
        "year9999.ics",
        _calendar("DTSTART:99991231T230000Z\r\nDTEND:99991231T233000Z\r\nSUMMARY:Late\r\n"),
        "dated before 1900 or after 2200",
    ),
    (
        "year1.ics",
        _calendar("DTSTART:00010101T090000\r\nDTEND:00010101T100000\r\nSUMMARY:Early\r\n"),
        "dated before 1900 or after 2200",
    ),
    (
        "nested.ics",
        b"BEGIN:VCALENDAR\r\n"
        + b"BEGIN:VEVENT\r\n" * 3000
        + b"END:VEVENT\r\n" * 3000
        + b"END:VCALENDAR\r\n",
        "the calendar has events inside events",
    ),
    ("minutely.ics", MINUTELY, "repeats more often than every hour"),
    (
        "secondly.ics",
        _calendar(
            "DTSTART:20200101T000000Z\r\nDTEND:20200101T000001Z\r\nRRULE:FREQ=SECONDLY\r\n"
            "SUMMARY:Tick\r\n"
        ),
        '"Tick" repeats more often than every hour',
    ),
    (
        "hourly_by_minute.ics",
        _calendar(
            "DTSTART:20200101T000000Z\r\nDTEND:20200101T000001Z\r\n"
            "RRULE:FREQ=HOURLY;BYMINUTE=" + ",".join(map(str, range(60))) + "\r\nSUMMARY:Tick\r\n"
        ),
        "repeats more often than every hour",
    ),
    ("unknown.csv", b"Name,Amount\nRent,900\n", "neither a task list nor an export we know"),
]


@pytest.mark.parametrize(("name", "data", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_quickly_with_a_message(alice_client, alice, name, data, message):
    assert len(MINUTELY) == 304
    # Processor time of this thread (the test client runs the view in it): a shared,
    # busy machine does not make a quick refusal slow.
    started = time.thread_time()
    response = _upload(alice_client, name, data)
    assert time.thread_time() - started < 1
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not Task.objects.filter(owner=alice).exists()


def test_german_founders_read_the_refusal_in_german(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    page = _upload(alice_client, "minutely.ics", MINUTELY).content.decode()
    assert "wiederholt sich öfter als stündlich" in page


def test_every_occurrence_counts_against_the_cap(settings):
    from datetime import date

    from tasks.calendar_audit import read_calendar
    from tasks.csv_rows import CsvError

    hourly = _calendar(
        "DTSTART:20260101T000000Z\r\nDTEND:20260101T000100Z\r\nRRULE:FREQ=HOURLY\r\n"
    )  # untitled: it would make no task, but every occurrence is examined and counted
    with pytest.raises(CsvError, match="more than 1000 times"):
        read_calendar(hourly, today=date(2026, 12, 1), max_occurrences=1000, seconds=5)


def test_the_time_budget_stops_a_slow_calendar():
    from datetime import date

    from tasks.calendar_audit import read_calendar
    from tasks.csv_rows import CsvError

    many = _calendar(
        *[
            f"DTSTART:2026{m:02}01T090000Z\r\nDTEND:2026{m:02}01T100000Z\r\nRRULE:FREQ=HOURLY\r\n"
            "SUMMARY:x\r\n"
            for m in range(1, 13)
        ]
    )
    with pytest.raises(CsvError, match="takes too long to read"):
        read_calendar(many, today=date(2026, 12, 1), max_occurrences=10**7, seconds=0.01)


def test_imports_are_throttled_per_founder(alice_client, alice, charlie):
    from django.test import Client

    from accounts.ratelimit import IMPORT

    data = b"title,area,hours_per_week,recurring,core\nInbox,admin,1,yes,no\n"
    for _ in range(IMPORT.count):
        assert _upload(alice_client, "a.csv", data).status_code == 302
    refused = _upload(alice_client, "a.csv", data)
    assert refused.status_code == 429
    assert f"{IMPORT.count} files in the last hour" in refused.content.decode()
    other = Client()
    other.force_login(charlie)
    assert _upload(other, "a.csv", data).status_code == 302  # per founder


def _preview_with_rows(client, rows: int):
    lines = "".join(f"Task {n},admin,1,yes,no\n" for n in range(rows))
    data = ("title,area,hours_per_week,recurring,core\n" + lines).encode()
    assert _upload(client, "many.csv", data).status_code == 302
    return client.get("/tasks/import/preview/")


def test_a_wrong_total_forms_is_a_message_not_a_500(alice_client, alice):
    from tasks.tests.test_import_view import choices

    preview = _preview_with_rows(alice_client, 3)
    for count in ("1", "5", "1000000", "-1", "x"):
        data = choices(preview, **{"form-TOTAL_FORMS": count})
        response = alice_client.post("/tasks/import/preview/", data)
        assert response.status_code == 400
    assert not Task.objects.filter(owner=alice).exists()


def test_a_preview_of_600_rows_can_be_confirmed(alice_client, alice):
    from tasks.tests.test_import_view import choices

    preview = _preview_with_rows(alice_client, 600)
    response = alice_client.post("/tasks/import/preview/", choices(preview))
    assert response.status_code == 302
    assert Task.objects.filter(owner=alice).count() == 600


def _confirm_queries(client, rows: int) -> int:
    from tasks.tests.test_import_view import choices

    data = choices(_preview_with_rows(client, rows))
    with CaptureQueriesContext(connection) as queries:
        assert client.post("/tasks/import/preview/", data).status_code == 302
    return len(queries)


def test_confirming_an_import_runs_no_query_per_row(alice_client, alice):
    few = _confirm_queries(alice_client, 5)
    Task.objects.filter(owner=alice).delete()
    # Batched writes may add a query or two; a query per row would add 55.
    assert _confirm_queries(alice_client, 60) < few + 10
    assert Task.objects.filter(owner=alice).count() == 60

"""Bad files are refused early, with a clear message in the founder's language, and nothing is
written. Every file is in tasks/tests/files/."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Task

FILES = Path(__file__).parent / "files"


def upload(client, name, data=None):
    data = (FILES / name).read_bytes() if data is None else data
    return client.post("/tasks/import/", {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    "name", ["tasks_utf8_bom.csv", "tasks_comma.csv", "tasks_cp1252.csv"], ids=str
)
def test_utf8_with_or_without_bom_windows_1252_commas_and_semicolons_are_read(
    alice_client, alice, name
):
    response = upload(alice_client, name)
    assert response.status_code == 302
    rows = alice_client.get("/tasks/import/preview/").context["stored"]["rows"]
    assert rows[0].title in ("Inbox triage", "Steuererklärung")


REFUSED = [
    # (file, settings, English, German)
    ("empty.csv", {}, "the file is empty", "die Datei ist leer"),
    (
        "tasks_utf16.csv",
        {},
        "the file is not text in UTF-8 or Windows-1252",
        "die Datei ist kein Text in UTF-8 oder Windows-1252",
    ),
    ("not_text.csv", {}, "the file is not text in UTF-8", "die Datei ist kein Text in UTF-8"),
    (
        "broken.ics",
        {},
        "the file is not an iCalendar (.ics) file that can be read",
        "die Datei ist keine lesbare iCalendar-Datei (.ics)",
    ),
    (
        "toggl_without_durations.csv",
        {},
        "the export has no durations",
        "der Export enthält keine Dauer",
    ),
    (
        "toggl_detailed.csv",
        {"IMPORT_MAX_BYTES": 1024},
        "the file is larger than 1 KB",
        "die Datei ist größer als 1 KB",
    ),
    (
        "clockify_detailed.csv",
        {"IMPORT_MAX_ENTRIES": 10},
        "the file has more than 10 entries",
        "die Datei hat mehr als 10 Einträge",
    ),
    (
        "calendar.ics",
        {"IMPORT_MAX_OCCURRENCES": 5},
        "the calendar repeats its events more than 5 times",
        "der Kalender wiederholt seine Termine mehr als 5-mal",
    ),
    (
        "tasks_comma.csv",
        {"IMPORT_MAX_ROWS": 0},
        "the file has more than 0 tasks",
        "die Datei hat mehr als 0 Aufgaben",
    ),
]


@pytest.mark.parametrize(
    ("name", "limits", "english", "german"), REFUSED, ids=[f"{r[0]}-{r[1]}" for r in REFUSED]
)
def test_a_bad_file_is_refused_in_both_languages_and_nothing_is_written(
    alice_client, alice, settings, name, limits, english, german
):
    for key, value in limits.items():
        setattr(settings, key, value)
    response = upload(alice_client, name)
    assert response.status_code == 400
    assert english in response.content.decode()
    assert alice_client.session.get("task_import") is None
    alice.profile.language = "de"
    alice.profile.save()
    assert german in upload(alice_client, name).content.decode()
    assert not Task.objects.filter(owner=alice).exists()


def test_the_size_is_checked_before_the_file_is_read(settings):
    from tasks.csv_rows import CsvError
    from tasks.imports import read_upload

    class Unreadable:
        name, size = "big.csv", 100

        def read(self, *args):
            raise AssertionError("read although too big")

    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(CsvError) as refused:
        read_upload(Unreadable())
    assert str(refused.value) == "the file is larger than 1 KB"


def test_a_rule_repeating_every_second_stops_at_the_limit(settings):
    from tasks.calendar_audit import read_calendar
    from tasks.csv_rows import CsvError

    flood = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"DTSTART:20261005T090000Z\r\nDTEND:20261005T090001Z\r\nRRULE:FREQ=SECONDLY\r\n"
        b"SUMMARY:Flood\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:y\r\n"
        b"DTSTART:20261030T090000Z\r\nDTEND:20261030T100000Z\r\nSUMMARY:Later\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(CsvError) as refused:
        read_calendar(flood, today=date(2026, 12, 1), max_occurrences=100, seconds=1)
    assert str(refused.value).startswith('"Flood" repeats more often than every hour')

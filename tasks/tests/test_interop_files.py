"""Every real export in ../shared/interop/ reaches a preview or a clear refusal, in English and
German, never a 500 or a hang; where the right answer can be worked out by hand from the file,
the hours a week and "recurring" are checked (figures in the comments)."""

import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Task
from tasks.tests.interop import interop_files

ALL_DAY = ("all-day, not counted as work time", "ganztägig, zählt nicht als Arbeitszeit")
NOTHING = ("no event that counts as work time", "keinen Termin, der als Arbeitszeit zählt")
NO_DURATION = ("no duration, nothing to count", "keine Dauer, nichts zu zählen")
REFUSED = {
    "icaljs_duration_instead_of_dtend.ics": (
        "longer than a working day (24 h)",
        "länger als ein Arbeitstag (24 h)",
    ),
    "icaljs_google_birthday.ics": ALL_DAY,
    "nextcloud_server_event-multiple-recurring.ics": ALL_DAY,
    "ric_Germany.ics": ALL_DAY,
    "ric_issue_28_rrule_with_UTC_endinginZ.ics": ALL_DAY,
    "ric_issue_61_time_zone_error.ics": ALL_DAY,
    "ric_zero_size_event.ics": NO_DURATION,
    "vobject_ms_tzid.ics": NO_DURATION,
    "vobject_tzid_8bit.ics": NO_DURATION,
    "kuskoman_clockify_summary_example-report.csv": (
        "this is a summary report, which has no single entries: export the detailed report",
        "Das ist ein Zusammenfassungsbericht ohne einzelne Einträge: Exportiere stattdessen",
    ),
}

# title: (hours a week, recurring), worked out from the file by hand.
EXPECTED = {
    # Weekday stand-up, 30 min, Fri 3 – Wed 22 July 2015 (Exchange RRULE with spaces):
    # 5 a week × 0.5 h.
    "icalendar_issue_165_missing_event.ics": {"Sprint 25 Daily Standup": ("2.50", True)},
    # Weekday "Daily Sync", 30 min, still running: 260 in the 52 weeks before today.
    "icalendar_x_location.ics": {"Daily Sync": ("2.50", True)},
    # Weekly 30 min, COUNT=8, two deleted: 6 × 0.5 h over 8 weeks = 0.375.
    "ric_each_week_but_two_deleted.ics": {"test6": ("0.38", True)},
    # Tuesdays 1.5 h for 16 weeks, 9 EXDATEs: 7 × 1.5 h / 16 = 0.656.
    "ric_issue_20_exdate_ignored.ics": {"Test": ("0.66", True)},
    # Weekly 1 h, the 15 Aug occurrence moved to the 14th, an all-day series beside it.
    "ric_issue_62_moved_event_2.ics": {"Datetime": ("1.00", True)},
    # Twelve RDATEs about a month apart, 2 h each: 24 h over 12 × 30.5 days = 0.46.
    "ric_rdate_hackerpublicradio.ics": {"HPR Community News": ("0.46", True)},
    # Monthly (first Tuesday) 30 min, still running: 6 h a year.
    "icaljs_recur_instances.ics": {"Crazy Event Thingy!": ("0.11", True)},
    # Weekly 1 h since 2020, the moved occurrences all in 2020: 1 h a week now.
    "nextcloud_server_event-complex-recurrence.ics": {"TEST": ("1.00", True)},
    # A yearly hour: 1/52.
    "ric_issue_151_macos_linux_difference.ics": {
        "Vespers for the Feast of St. Joseph": ("0.02", False)
    },
    # Daily 1 h ×3, the middle one cancelled: 2 h at a pace of 7 a week over 3 days.
    "ric_issue_18_cancel_status.ics": {"one is cancelled": ("4.67", True)},
    # Weekly 1 h on Thursdays, 5 Jan – 8 Jun 2023 (Exchange's "Pacific Standard Time").
    "ric_issue_107_omitting_last_event.ics": {"Untitled event": ("1.00", True)},
    # Weekly 1 h, 9 Oct 2017 – 18 Jun 2018 (37 Mondays), 9 EXDATEs and 2 cancelled: 26 h / 37.
    "vobject_radicale-0827.ics": {"Cours Balboa": ("0.70", True)},
    # Daily 1 h, 23–27 Apr 2025, one occurrence moved by two hours: 5 h over 5 days = 7 a week.
    "ric_issue_223_thunderbird.ics": {"event": ("7.00", True)},
    # "test7": daily 1 h ×3 (one edited) = 7 a week. "New Event": daily from 7 Mar ×4, two
    # moved (2 h and 0.5 h), one made all-day (not counted): 3.5 h over 4 days = 6.125.
    "ric_recurring_events_changed_duration.ics": {
        "test7": ("7.00", True),
        "New Event": ("6.13", True),
    },
    # Google, one title over several series: Event#1 is 15 min Mon, Tue, Thu, Fri, still
    # running (1 h a week; two 2020 leftovers of it ended long before, and do not add up);
    # Event#2 and #3 are one 15-minute series per weekday, side by side: 4 × 0.25; Event#4 2.
    "ric_issue_48_dst.ics": {
        "Event#1": ("1.00", True),
        "Event#2": ("1.00", True),
        "Event#3": ("1.00", True),
        "Event#4": ("0.50", True),
    },
    # Weekly 3 h, a 4-week series in Jan 2018 continued by a 24-week one: 3 a week, not 6.
    # Chaostreff - CCCP: 2 h a week still running (an ended 2019 series beside it is history);
    # the Plenum: 2 h every other week still running, one single in 2017: 1 a week.
    "ric_machbar_16_feb_2019.ics": {
        "#TEC - Jugendlab": ("3.00", True),
        "Chaostreff - CCCP": ("2.00", True),
        "machBar Plenum": ("1.00", True),
    },
    # Three single events, Thu 28 Feb – Sat 11 May 2019 (11 calendar weeks): 7 h, 3.5 h, 3 h;
    # one without an end (no duration) is left out.
    "ric_discourse_no_dtend.ics": {
        "Potsdamer Tag der Wissenschaften 11.5.2019": ("0.64", False),
        "Hanf als nachhaltiges Material -- Workshop in der Machbar": ("0.32", False),
        "Einmietung HACKademy - erste drei Märzwochenenden": ("0.27", False),
    },
    # One event each, in its own week.
    "icalendar_issue_350.ics": {'Termin 4353 und"so"': ("1.00", False)},
    "icalendar_issue_836_do_not_quote_tzid.ics": {"Anonymous Test Event for TZID": ("1.00", False)},
    "icalendar_timezone_same_start.ics": {"Test 4": ("0.50", False)},
    "ric_x_wr_timezone_simple_events_issue_59.ics": {
        "Google Calendar says this is noon to 1PM on 12/22/2021": ("1.00", False),
        "Google says this is 9PM to 10PM on 12/22/2021": ("1.00", False),
    },
    # Toggl, August 2017 (5 calendar weeks): 35.68 h, 26.82 h.
    "floresfdev_toggl-dashboard_Toggl_time_entries_2017-08.csv": {
        "Reproducible analysis report": ("7.14", True),
        "Recurring activity 201708": ("5.36", True),
    },
    "derived_floresfdev_toggl_de_excel_utf8bom.csv": {
        "Reproducible analysis report": ("7.14", True),
    },
    # Clockify DD/MM/YYYY, 19 Jan – 9 Mar 2026 (8 weeks): 113 h, 40.88 h.
    "metaplm_Clockify_Time_Report_Detailed_2026.csv": {
        "Baykar Teknoloji Yerinde Çalışma": ("14.13", True),  # noqa: RUF001 — Turkish
        "STEP & PDF Converter": ("5.11", True),
    },
    # The same report re-saved by a German Excel (semicolons, Windows-1252).
    "derived_metaplm_clockify_de_excel_cp1252.csv": {"STEP & PDF Converter": ("5.11", True)},
    # Harvest, one day: 20,0 h and 0,01 h.
    "solidtime_harvest_time_entries_import_test_1.csv": {
        "Project without Client": ("20.00", False),
        "Working hard": ("0.01", False),
    },
    # Toggl, one day: 1:00:01.
    "solidtime_toggl_time_entries_import_test_1.csv": {"Working hard": ("1.00", False)},
    # Clockify, "10:23 AM" times, Duration (h) 01:00:01 beside a wrong 0.00 decimal.
    "solidtime_clockify_time_entries_import_test_1.csv": {"Working hard": ("1.00", False)},
    "itsViney_toggl-to-freeagent_sample.csv": {"Coding Backend": ("4.25", False)},
    "toggl2html_test_execute_01.csv": {"睡眠": ("8.00", False)},
    "arve0_uubw_test_timeliste.csv": {"beskrivelse1": ("0.25", False)},
}

FILES = interop_files()


@pytest.fixture(autouse=True)
def _read_in_the_request(settings):
    """Every file read in the request, the large ones too (the worker's path has its own
    tests in test_import_background.py): the test times and checks the reading itself."""
    settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_MAX_BYTES


def test_all_52_files_are_here():
    assert len(FILES) == 52


def _upload(client, path):
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post("/tasks/import/", {"file": upload})


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_each_file_reaches_a_preview_or_a_clear_refusal(alice_client, alice, path):
    for language in ("en", "de"):
        alice.profile.language = language
        alice.profile.save()
        # No hang: processor time of this thread (the test client runs the view in it), so a
        # busy shared machine does not fail it; the bench holds the 2 s.
        started = time.thread_time()
        response = _upload(alice_client, path)
        assert time.thread_time() - started < 6
        page = response.content.decode()
        if path.name in REFUSED:
            assert response.status_code == 400
            english, german = REFUSED[path.name]
            assert (english if language == "en" else german) in page
            if path.suffix == ".ics" and path.name != "icaljs_duration_instead_of_dtend.ics":
                assert NOTHING[0 if language == "en" else 1] in page
            continue
        assert response.status_code == 302, page[:2000]
        preview = alice_client.get("/tasks/import/preview/")
        assert preview.status_code == 200
        heading = "Import preview" if language == "en" else "Import-Vorschau"
        assert heading in preview.content.decode()
    assert not Task.objects.filter(owner=alice).exists()


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_hours_a_week_are_the_ones_worked_out_by_hand(alice_client, alice, name):
    [path] = [path for path in FILES if path.name == name]
    assert _upload(alice_client, path).status_code == 302
    rows = {row.title: row for row in alice_client.session and _rows(alice_client)}
    for title, (hours, recurring) in EXPECTED[name].items():
        assert (rows[title].hours_per_week, rows[title].recurring) == (Decimal(hours), recurring)


def _rows(client):
    return client.get("/tasks/import/preview/").context["stored"]["rows"]


def test_the_ten_month_toggl_export_makes_a_few_dozen_tasks(alice_client, alice):
    [path] = [path for path in FILES if path.name == "derived_floresfdev_toggl_x10_2170rows.csv"]
    assert _upload(alice_client, path).status_code == 302
    stored = alice_client.get("/tasks/import/preview/").context["stored"]
    assert len(stored["rows"]) == 72 and stored["counted"] == 2170


def test_dd_mm_dates_are_read_as_such_from_the_whole_column(alice_client, alice):
    [path] = [p for p in FILES if p.name == "metaplm_Clockify_Time_Report_Detailed_2026.csv"]
    _upload(alice_client, path)
    stored = alice_client.get("/tasks/import/preview/").context["stored"]
    assert stored["weeks"] == 8 and stored["alternative"] is None

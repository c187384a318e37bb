"""Import with a preview in a real Chromium: a tracker export and a calendar become proposed
tasks; nothing is written before the confirmation; English and German; axe-core clean."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILES = Path(__file__).parent / "files"
SAMPLES = Path(__file__).parents[2] / "static" / "samples"


def _axe_violations(page) -> str | None:
    from axe_playwright_python.sync_playwright import Axe

    # The page's own content; the shared navigation bar is not this issue's.
    results = Axe().run(page, context="main")
    return None if results.violations_count == 0 else results.generate_report()


def test_a_toggl_export_is_previewed_rated_and_confirmed(page, alice, log_in):
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto("/tasks/import/")
    assert _axe_violations(page) is None
    page.get_by_label("File").set_input_files(str(FILES / "toggl_detailed.csv"))
    page.get_by_role("button", name="Show the preview").click()
    page.get_by_role("heading", name="Import preview").wait_for()
    expect(page.locator("tbody tr")).to_have_count(5)
    expect(page.locator("[data-import-kind]")).to_contain_text("over 4 weeks")
    assert not Task.objects.filter(owner=alice).exists()
    assert _axe_violations(page) is None
    page.get_by_label("Your enjoyment of “Inbox triage”").select_option("1")
    page.get_by_label("What happens to “Podcast interview”").select_option("skip")
    page.get_by_role("button", name="Confirm the import").click()
    page.get_by_text("Imported: 4 new, 0 updated.").wait_for()
    inbox = Task.objects.get(owner=alice, title="Inbox triage")
    assert (inbox.hours_per_week, inbox.recurring, inbox.enjoyment) == (2.5, True, 1)
    assert inbox.category_id == "smart"
    assert not Task.objects.filter(owner=alice, title="Podcast interview").exists()


def test_a_calendar_twice_never_duplicates(page, alice, log_in):
    log_in(page, "alice@example.com", "alice-password-1")
    for _round in range(2):
        page.goto("/tasks/import/")
        page.get_by_label("File").set_input_files(str(FILES / "calendar.ics"))
        page.get_by_role("button", name="Show the preview").click()
        page.get_by_role("button", name="Confirm the import").click()
        page.get_by_text("Imported:").wait_for()
    assert Task.objects.filter(owner=alice).count() == 4
    # The second round found every title on the list and skipped it.
    expect(page.get_by_text("Imported: 0 new, 0 updated.")).to_be_visible()


def test_a_german_founder_imports_the_german_sample(page, alice, log_in):
    alice.profile.language = "de"
    alice.profile.save()
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto("/tasks/import/")
    page.get_by_label("Datei").set_input_files(str(SAMPLES / "tasks-de.csv"))
    page.get_by_role("button", name="Vorschau zeigen").click()
    page.get_by_role("heading", name="Import-Vorschau").wait_for()
    assert _axe_violations(page) is None
    assert not Task.objects.filter(owner=alice).exists()
    page.get_by_role("button", name="Import bestätigen").click()
    page.get_by_text("Importiert: 5 neu, 0 aktualisiert.").wait_for()
    assert Task.objects.filter(owner=alice).count() == 5


def test_a_bad_file_is_named_in_german(page, alice, log_in):
    alice.profile.language = "de"
    alice.profile.save()
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto("/tasks/import/")
    page.get_by_label("Datei").set_input_files(str(FILES / "toggl_without_durations.csv"))
    page.get_by_role("button", name="Vorschau zeigen").click()
    page.get_by_text("der Export enthält keine Dauer").wait_for()
    assert _axe_violations(page) is None
    assert not Task.objects.filter(owner=alice).exists()

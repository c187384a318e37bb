"""The import preview of a real Toggl export in Chromium, at 1366 and 375 px, in English and
German: axe-core clean; at phone width every row is a card with its verdict in view (no
sideways scrolling box); an update shows old → new; a near-duplicate offers merge."""

from decimal import Decimal

import pytest

from e2e.axe import assert_accessible
from tasks.tests.factories import make_task
from tasks.tests.interop import interop_dir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOGGL = "floresfdev_toggl-dashboard_Toggl_time_entries_2017-08.csv"
WORDS = {
    "en": ("File", "Show the preview", "Import preview", "already on your list", "looks like"),
    "de": ("Datei", "Vorschau zeigen", "Import-Vorschau", "schon auf deiner Liste", "sieht aus"),
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_preview_reads_well_at_desktop_and_phone_width(page, alice, log_in, language, tmp_path):
    alice.profile.language = language
    alice.profile.save()
    make_task(alice, title="Misc updates", hours_per_week=Decimal(1), time_unit="day")
    make_task(alice, title="Call with client", hours_per_week=Decimal(2))
    file_label, button, heading, duplicate, similar = WORDS[language]
    log_in(page, "alice@example.com", "alice-password-1")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/tasks/import/")
    page.get_by_label(file_label).set_input_files(str(interop_dir() / TOGGL))
    page.get_by_role("button", name=button).click()
    page.get_by_role("heading", name=heading).wait_for()
    rows = page.locator("tbody tr")
    assert rows.count() == 72
    misc = page.locator("tbody tr", has_text="Misc updates").first
    assert duplicate in misc.inner_text() and "→" in misc.inner_text()
    assert similar in page.locator("main").inner_text()
    assert_accessible(page, where=f"preview {language} 1366", context="main")
    page.screenshot(path=str(tmp_path / f"preview-{language}-1366.png"))

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.get_by_role("heading", name=heading).wait_for()
    box = page.locator(".import-cards")
    # A card per row: nothing hides sideways, the verdict of each row is in the card.
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    first = rows.first
    assert first.evaluate("el => getComputedStyle(el).display") == "block"
    verdict = first.locator("[data-category]")
    card, badge = first.bounding_box(), verdict.bounding_box()
    assert card and badge and badge["x"] + badge["width"] <= card["x"] + card["width"] + 1
    assert badge["x"] + badge["width"] <= 375
    assert_accessible(page, where=f"preview {language} 375", context="main")
    page.screenshot(path=str(tmp_path / f"preview-{language}-375.png"), full_page=False)

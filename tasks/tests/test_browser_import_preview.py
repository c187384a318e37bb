"""The import preview of a real Toggl export in Chromium, at 1366 and 375 px, in English and
German: axe-core clean; at phone width every row is a card with its verdict in view (no
sideways scrolling box); an update shows old → new; a near-duplicate offers merge."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from e2e.axe import assert_accessible
from tasks.tests.factories import make_task
from tasks.tests.interop import interop_dir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOGGL = "floresfdev_toggl-dashboard_Toggl_time_entries_2017-08.csv"
# Each row at phone width: shown as a block (a card), its verdict badge visible, with text,
# and within both its card and the 375 px screen.
CARDS = """rows => rows.map(row => {
    const card = row.getBoundingClientRect();
    const badge = row.querySelector("[data-category]");
    const box = badge && badge.getBoundingClientRect();
    return {
        block: getComputedStyle(row).display === "block",
        verdict: !!box && box.width > 0 && box.height > 0 && badge.textContent.trim() !== ""
            && box.left >= card.left - 1 && box.right <= card.right + 1 && box.right <= 375,
    };
})"""
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
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(72)
    misc = page.locator("tbody tr", has_text="Misc updates").first
    expect(misc).to_contain_text(duplicate)
    expect(misc).to_contain_text("→")
    expect(page.locator("main")).to_contain_text(similar)
    assert_accessible(page, where=f"preview {language} 1366", context="main")
    page.screenshot(path=str(tmp_path / f"preview-{language}-1366.png"))

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(rows).to_have_count(72)
    box = page.locator(".import-cards")
    # A card per row: nothing hides sideways, the verdict of every row is inside its card
    # and inside the screen's width, shown and not empty.
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    cards = rows.evaluate_all(CARDS)
    assert len(cards) == 72
    assert all(card["block"] for card in cards), cards[:3]
    assert all(card["verdict"] for card in cards), [c for c in cards if not c["verdict"]][:3]
    expect(rows.first.locator("[data-category]")).to_be_visible()
    assert_accessible(page, where=f"preview {language} 375", context="main")
    page.screenshot(path=str(tmp_path / f"preview-{language}-375.png"), full_page=False)

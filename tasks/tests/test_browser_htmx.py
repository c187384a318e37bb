"""htmx in a real Chromium through the data-hx-* attributes (valid HTML; htmx reads both): a
row of "rate your week" saves as it is changed and comes back without a page load, and a
large import's progress page opens the preview by itself once the worker is done. (Quick
capture has its own, test_browser_capture.py.)"""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tasks import services
from tasks import tasks as celery_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILES = Path(__file__).parent / "files"


def test_a_rated_row_saves_without_a_page_load(page, alice, log_in):
    task = services.task_create(
        owner=alice, title="Invoicing", time_amount=Decimal(1), time_unit="week"
    )
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto("/tasks/rate/")
    page.evaluate("window.stillTheSamePage = true")  # a page load would forget this
    row = page.locator(f"#rate-{task.pk}")
    choice = row.locator("input[name$='-enjoyment'][value='1']")
    row.locator(f"label[for='{choice.get_attribute('id')}']").click()
    expect(row.locator("[data-saved]")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    task.refresh_from_db()
    assert task.enjoyment == 1


def test_a_large_import_opens_its_preview_by_itself(page, alice, log_in, settings, monkeypatch):
    settings.IMPORT_BACKGROUND_BYTES = 10
    queued = []
    monkeypatch.setattr(celery_tasks.import_read_file, "delay", lambda **kw: queued.append(kw))
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto("/tasks/import/")
    page.get_by_label("File").set_input_files(str(FILES / "toggl_detailed.csv"))
    page.get_by_role("button", name="Show the preview").click()
    expect(page.get_by_role("heading", name="Reading your file")).to_be_visible()
    celery_tasks.import_read_file(**queued[0])  # the worker's part, done
    expect(page.get_by_role("heading", name="Import preview")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(5)

"""The dashboard, the task list and the three lists in a real Chromium: charts drawn under the
CSP, bulk actions and editing in place, 375 px without sideways scrolling, axe-core clean."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from sops import demo as sops_demo
from tasks import demo
from tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ("/", "/tasks/", "/tasks/lists/")


@pytest.fixture
def demo_page(page, log_in):
    sops_demo.seed(founders=1, tasks=20)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, demo.DEMO_EMAIL, demo.DEMO_PASSWORD)
    page.problems = problems
    return page


def _no_sideways_scrolling(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def _axe_clean(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _drawn(page, canvas):
    """Chart.js sizes the canvas (width and height attributes) when it draws on it; the page's
    CSP forbids the eval that wait_for_function would need."""
    expect(page.locator(canvas)).to_have_attribute("width", re.compile(r"^\d+$"))


def test_the_dashboard_draws_its_charts_under_the_content_security_policy(demo_page):
    page = demo_page
    page.get_by_role("heading", name="Your next moves").wait_for()
    page.locator("#kinds-chart").scroll_into_view_if_needed()
    _drawn(page, "#kinds-chart")
    drawn = page.evaluate("Chart.getChart('kinds-chart').data.datasets.map(d => d.label)")
    assert drawn == ["You still do", "Ready", "Delegated"]
    assert page.evaluate("Chart.getChart('trend-chart') !== undefined")
    page.get_by_text("The figures as a table").first.click()
    assert (
        page.get_by_role("cell", name="Time outsourcing").is_visible()
        or page.get_by_role("rowheader", name="Time outsourcing").is_visible()
    )
    assert page.problems == []


def test_a_phone_fetches_chart_js_only_when_it_scrolls_to_the_charts(demo_page):
    page = demo_page
    fetched = []
    page.on("request", lambda request: "chart.umd" in request.url and fetched.append(request.url))
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert fetched == [] and page.evaluate("typeof Chart") == "undefined"
    page.locator("#trend-chart").scroll_into_view_if_needed()
    _drawn(page, "#trend-chart")
    assert page.evaluate("Chart.getChart('trend-chart') !== undefined")
    assert len(fetched) == 1
    assert page.problems == []


@pytest.mark.parametrize("language", ["English", "Deutsch"])
def test_the_new_pages_fit_375_px_and_pass_axe(demo_page, language):
    page = demo_page
    if language == "Deutsch":
        page.get_by_role("button", name="Deutsch").click()
        page.get_by_role("heading", name="Dein Outsourcing-Plan").wait_for()
    for path in PAGES:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        _axe_clean(page)
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(path)
        _no_sideways_scrolling(page)
    assert page.problems == []


def test_a_founder_marks_two_tasks_done_after_confirming(demo_page):
    page = demo_page
    page.goto("/tasks/?kind=time&sort=title")
    rows = page.locator("[data-task]")
    first, second = rows.nth(0), rows.nth(1)
    ids = [int(first.get_attribute("data-task")), int(second.get_attribute("data-task"))]
    first.get_by_role("checkbox").check()
    second.get_by_role("checkbox").check()
    page.get_by_label("With the selected tasks").select_option("done")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Mark 2 tasks done?").wait_for()
    assert Task.objects.filter(pk__in=ids, status=Task.DONE).count() == 0
    page.get_by_role("button", name="Mark them done").click()
    page.get_by_text("2 tasks marked done.").wait_for()
    expect(page).to_have_url(re.compile(r"kind=time"))
    assert Task.objects.filter(pk__in=ids, status=Task.DONE).count() == 2


def test_a_founder_edits_a_task_in_place_and_sees_its_new_kind(demo_page):
    page = demo_page
    page.goto("/tasks/?q=Customer+support")
    row = page.locator("[data-task]").first
    row.get_by_text("Edit in place").click()
    row.get_by_label("Enjoyment").select_option("1")
    row.get_by_role("button", name="Save").click()
    page.get_by_text("Saved “Customer support replies”: now Smart outsourcing").wait_for()
    expect(page.locator("[data-task] [data-kind]").first).to_have_attribute("data-kind", "smart")
    row = page.locator("[data-task]").first
    row.get_by_text("Edit in place").click()
    row.get_by_label("Hours per week").fill("500")
    row.get_by_role("button", name="Save").click()
    page.get_by_text("less than or equal to 168").wait_for()
    assert Task.objects.get(title="Customer support replies").hours_per_week < 168

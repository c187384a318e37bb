"""After a quick capture the dashboard's headline figures, capacity bar, charts and next moves
show the new week without a reload (issue 21: the region fetches itself again on the
server's "tasks-changed" event)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_quick_capture_updates_the_figures_and_charts_without_a_reload(page, alice, log_in):
    alice.profile.weekly_capacity = 10
    alice.profile.save()
    log_in(page, "alice@example.com", "alice-password-1")
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto("/")
    page.evaluate("window.stillTheSamePage = true")  # a page load would forget this
    capacity = page.locator(".capacity-bar .progress-bar")
    expect(capacity).to_contain_text("0 / 10")
    expect(page.locator("[data-no-chart=kinds]")).to_be_visible()
    expect(page.locator("[data-figure=plan-hours]")).to_contain_text("0 h/week")

    # 12 h of inbox a week: over capacity, and time outsourcing (to automate first).
    page.get_by_label("Task", exact=True).fill("Inbox triage")
    page.get_by_label("Hours", exact=True).fill("12")
    page.get_by_label("How often").select_option("week")
    page.get_by_role("button", name="Add", exact=True).click()

    expect(capacity).to_contain_text("12 / 10")
    expect(page.locator("[data-capacity=over]")).to_be_visible()
    expect(page.locator("[data-figure=plan-hours]")).to_contain_text("12 h/week")
    expect(page.locator("[data-summary=kinds]")).to_contain_text("Of 12 open hours")
    expect(page.locator("canvas#kinds-chart")).to_be_visible()
    expect(page.locator("[data-moves] [data-move]")).to_have_count(1)
    expect(page.locator("[data-moves]")).to_contain_text("Inbox triage")
    # The chart is drawn on the swapped-in canvas once it nears the screen (Chart.js is
    # fetched only then).
    page.locator("canvas#kinds-chart").scroll_into_view_if_needed()
    page.wait_for_function(
        "() => typeof Chart !== 'undefined'"
        " && !!Chart.getChart(document.getElementById('kinds-chart'))"
    )
    assert page.evaluate("window.stillTheSamePage") is True
    assert problems == []

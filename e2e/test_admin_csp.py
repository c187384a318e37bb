"""The admin under the app's Content-Security-Policy (security issue #19, item 6): its pages
load with no script or style refused, and its scripts still work (the date hierarchy,
the actions bar, the autocomplete box)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = (
    "/admin/",
    "/admin/tasks/task/",
    "/admin/tasks/category/",  # a change list without actions: its style moved to a file
    "/admin/sops/instruction/",
    "/admin/sops/template/add/",
    "/admin/tasks/delegate/add/",
)


def test_admin_pages_load_without_a_csp_violation(open_as, cast):
    page = open_as(cast.root)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for path in PAGES:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert refused == []
    # The scripts run: the autocomplete box of the add form is Select2's.
    page.goto("/admin/tasks/delegate/add/")
    expect(page.locator(".select2-container").first).to_be_visible()

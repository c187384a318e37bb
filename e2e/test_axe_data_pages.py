"""The founder's data pages in every state a founder sees them (a token or calendar link just
made, a download ready, the deletion form with its errors, a used download link, the privacy
pages with and without text) are axe-clean in both languages at both widths."""

import pytest
from playwright.sync_api import expect

from accounts import services as account_services
from e2e.walk import LANGUAGES, Walk
from privacy.models import LegalPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def founder(db):
    return account_services.founder_signup(
        email="data@example.com", password="data-password-1", email_confirmed=True
    )


def test_the_data_pages_are_accessible(open_as, live_server, founder):
    LegalPage.objects.create(
        kind="privacy", text_en="We store your tasks.\n\nAsk us anything.", text_de="Wir speichern."
    )
    walk = Walk(page=open_as(founder), origin=live_server.url)
    page = walk.page
    for language in LANGUAGES:
        page.goto("/settings/")
        walk.switch_language(language)
        for path in ("/settings/", "/settings/data/", "/settings/api/", "/privacy/", "/imprint/"):
            walk.check(path, language=language)
        # A token and a calendar link just made: the secrets shown once.
        page.goto("/settings/api/")
        page.locator("input[name=name]").fill(f"Zapier {language}")
        with page.expect_navigation():
            page.locator("form[action$='/tokens/'] button[type=submit]").click()
        page.locator("[data-new-token]").wait_for()
        walk.check_here(f"/settings/api/ with a new token [{language}]")
        with page.expect_navigation():
            page.locator("form[action$='/calendar/'] button[type=submit]").click()
        page.locator("[data-new-feed]").wait_for()
        walk.check_here(f"/settings/api/ with a new calendar link [{language}]")
        # The export asked for (built at once in the demo): the ready download.
        page.goto("/settings/data/")
        with page.expect_navigation():
            page.locator("form[action$='/export/'] button[type=submit]").click()
        walk.check_here(f"/settings/data/ after asking for the export [{language}]")
        # The deletion form sent empty: its errors.
        page.goto("/settings/delete/")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.locator(".invalid-feedback").first.wait_for()
        walk.check_here(f"/settings/delete/ with errors [{language}]")
        walk.check("/settings/data/download/not-a-link/", language=language)
    if walk.problems:
        pytest.fail(walk.report(), pytrace=False)


def test_the_api_docs_are_accessible(open_as, live_server):
    """Our page around Swagger UI (templates/api/swagger_ui.html, static/js/api-docs.js,
    static/css/api-docs.css) as it opens, every operation listed: in both languages, at both
    widths, under the site's Content-Security-Policy (nothing of Swagger UI is refused)."""
    walk = Walk(page=open_as(None), origin=live_server.url)
    refused: list[str] = []
    walk.page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for language in LANGUAGES:
        walk.page.goto("/accounts/login/")
        walk.switch_language(language)
        walk.check("/api/docs/", language=language)  # waits until Swagger UI is drawn
        expect(walk.page.locator(".swagger-ui .opblock-tag")).to_have_count(5)
    assert refused == []
    policy = walk.page.request.get("/api/docs/").headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    if walk.problems:
        pytest.fail(walk.report(), pytrace=False)


def test_the_api_docs_unfolded_are_accessible(open_as, live_server):
    """An operation with parameters and one with a body unfolded, a schema opened, and the
    Authorize dialog: static/js/api-docs.js mends what Swagger UI leaves unnamed."""
    walk = Walk(page=open_as(None), origin=live_server.url)
    page = walk.page
    walk.check("/api/docs/", language="en")
    for operation in ("tasks-tasks_create", "tasks-tasks_list"):
        page.locator(f"#operations-{operation} .opblock-summary-control").click()
        page.locator(f"#operations-{operation} .opblock-body").wait_for()
    page.locator(".models .model-box-control").first.click()
    walk.check_here("/api/docs/ with operations unfolded")
    page.locator(".btn.authorize").click()
    page.locator(".dialog-ux .modal-ux").wait_for()
    walk.check_here("/api/docs/ with the Authorize dialog")
    if walk.problems:
        pytest.fail(walk.report(), pytrace=False)

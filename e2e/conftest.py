"""Browser fixtures for the axe walk and the journey: one Chromium for the session (the root
conftest's `browser`), a context per person."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

RESULTS = Path(__file__).resolve().parent.parent / "test-results"


@pytest.fixture
def open_as(browser, live_server, eager_celery):
    """`open_as(user)` → a page in a fresh context, logged in as `user` (or anonymous for None).

    The session is made server-side, as a login would make it; the login form itself is
    exercised by the journey."""
    contexts = []

    def _open_as(user=None):
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open_as
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request):
    """`screenshot(page)` → test-results/<test name>.png, full page, for a reviewer to look at."""

    def _screenshot(page, suffix: str = "") -> Path:
        RESULTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "-").rstrip("]")
        path = RESULTS / f"{name}{suffix}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot

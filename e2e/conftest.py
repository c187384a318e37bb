"""Browser fixtures for the axe walk and the journey: one Chromium for the session (the root
conftest's `browser`), a context per person."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

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
            client.force_login(user, backend="accounts.backends.ModelBackend")
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


@pytest.fixture
def demo_founder(db):
    """The demo's founder: 20 tasks of every kind, delegates, instructions, runs."""
    from accounts.models import User
    from sops import demo as sops_demo
    from tasks import demo

    sops_demo.seed(founders=1, tasks=20)
    return User.objects.get(email=demo.DEMO_EMAIL)


@pytest.fixture
def handover_paths(demo_founder):
    """A delegate's handover page in its three states: "read" (acknowledged: the run form),
    "unread" and "gone" (revoked), as paths."""
    from sops import services as sops_services
    from sops.models import HandoverLink
    from tasks.models import Delegate

    read = HandoverLink.objects.get(instruction__owner=demo_founder)
    other = Delegate.objects.filter(owner=demo_founder).exclude(pk=read.delegate_id).first()
    unread = sops_services.handover_link_create(instruction=read.instruction, delegate=other)
    gone = sops_services.handover_link_create(instruction=read.instruction, delegate=other)
    gone.revoked_at = timezone.now()
    gone.save()
    links = {"read": read, "unread": unread, "gone": gone}
    return {state: sops_services.handover_path(link) for state, link in links.items()}

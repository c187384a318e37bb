"""Shared fixtures: the cast (Alice the founder, Bob her consultant, Charlie a stranger) and a
real SMTP server on loopback."""

import socket
import uuid
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import translation

from accounts import services as account_services

# The admin's cast (two consultants with two clients each) as the `cast` fixture.
pytest_plugins = ["consultants.tests.admin_cast"]


def pytest_configure(config):
    # CI sets REQUIRE_SERVICES=1: the suite must then run on PostgreSQL, not on a fallback.
    if settings.REQUIRE_SERVICES:
        engine = settings.DATABASES["default"]["ENGINE"]
        assert "postgresql" in engine, f"REQUIRE_SERVICES is set but the database is {engine}"
        assert settings.REDIS_URL, "REQUIRE_SERVICES is set but REDIS_URL is not"
    # Hashing passwords the slow, safe way was most of the suite's time; tests need no safety.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    config.pluginmanager.register(_LongFirst(), "long-first")
    # pytest-xdist hands each worker tests in chunks of up to a quarter of what is left: with
    # the long tests first, one chunk could hold them all. One at a time, the worker that is
    # free takes the next (an explicit --maxschedchunk wins).
    if config.pluginmanager.hasplugin("xdist") and config.getoption("maxschedchunk") is None:
        config.option.maxschedchunk = 1


# The slow markers' tests, the walks of e2e/ first: under pytest-xdist the long ones start
# early and the short ones fill the end, so no worker waits alone for a long one at the end.
_LONG_MARKERS = ("browser", "fuzz", "api", "html")


def _database_order(item) -> int:
    """pytest-django's order, kept (pytest_django.plugin.pytest_collection_modifyitems): tests
    in a transaction first, then transactional ones (which flush the tables after them), then
    tests without a database."""
    from pytest_django.plugin import validate_django_db

    fixtures = getattr(item, "fixturenames", [])
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in fixtures or "live_server" in fixtures
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        transactional = transactional or transaction or reset_sequences
    if transactional:
        return 1
    return 0 if marker or "db" in fixtures else 2


def _run_order(item) -> tuple[int, int]:
    if not any(item.get_closest_marker(name) for name in _LONG_MARKERS):
        speed = 2
    else:
        speed = 0 if item.nodeid.startswith("e2e/") else 1
    return _database_order(item), speed


class _LongFirst:
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        # Stable: within the same database order and speed, the order of collection.
        items.sort(key=_run_order)


def pytest_collection_modifyitems(items):
    # A transactional test (live server, Celery worker) flushes every table after itself,
    # the data migrations' rows too (categories, templates, groups): serialized rollback
    # puts them back before each such test.
    for item in items:
        # A test that drives Chromium is a browser test, marked or not: `make test-fast`
        # leaves them out by the marker.
        if "browser" in item.fixturenames and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            kwargs = {"serialized_rollback": True, **marker.kwargs}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs))


@pytest.fixture
def alice(db):
    return account_services.founder_signup(
        email="alice@example.com", password="alice-password-1", email_confirmed=True
    )


@pytest.fixture
def bob(db, alice):
    """Alice's consultant."""
    from accounts.models import User

    bob = User.objects.create_user(email="bob@example.com", password="bob-password-1")
    bob.is_staff = True
    bob.save()
    alice.profile.consultants.add(bob)
    return bob


@pytest.fixture
def charlie(db):
    """A founder who must never see Alice's things."""
    return account_services.founder_signup(
        email="charlie@example.com", password="charlie-password-1", email_confirmed=True
    )


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(
            {"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message}
        )
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def eager_celery(monkeypatch):
    """Tasks run in the test's thread even when REDIS_URL is set (as in the demo)."""
    from outsourcing.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", True)


@pytest.fixture
def commit_at_once(monkeypatch, eager_celery):
    """The test's transaction never commits: what waits for the commit runs at once, and the
    Celery tasks in this process even where REDIS_URL names a broker (browser tests cover a
    real commit and worker)."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def smtp_server(settings, monkeypatch, eager_celery):
    """A real SMTP server on loopback; Django sends to it. `.messages` holds what it received.
    Inside a test's own transaction, which never commits, the outbox sends at once; in a
    transactional test (a live server) it sends on the real commit, as in production (the
    outbox's on-commit behaviour has tests of its own, in mail/tests)."""
    from django.db import connection, transaction

    from mail import outbox

    def after_commit(callback):
        blocks = connection.atomic_blocks
        if blocks and getattr(blocks[0], "_from_testcase", False):
            callback()
        else:
            transaction.on_commit(callback)

    monkeypatch.setattr(outbox, "after_commit", after_commit)
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    import os
    import shutil

    path = os.getenv("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        if settings.REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES is set but chromium is not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in tests are
    # still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections

    saved = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # Playwright's sync API runs the rest of the session in another greenlet context,
        # where Django hands out fresh connection objects: give them the serialized test
        # data that transactional tests restore (categories, templates, groups).
        for alias, contents in saved.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, eager_celery):
    """A fresh browser context on the live server; `page.goto("/")` works. Celery tasks (the
    outbox's mail among them) run in the server's thread, as in the demo, so a test can read
    the mail a page caused even when REDIS_URL points at a broker no worker listens to."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def log_in():
    """Log a page in through the real login form."""

    def _log_in(page, email, password):
        page.goto("/accounts/login/")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/")

    return _log_in


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A German founder's request activates German in the test's own thread (the middleware
    sets it per request and never resets it); the next test must not inherit it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per test: one test's attempts never refuse another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def redis_cache(settings):
    """Production's cache backend (outsourcing/redis_cache.py) on the real Redis, under a
    prefix of the test's own; changing CACHES makes Django open it on the next use."""
    if not settings.REDIS_URL:
        if settings.REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES is set but REDIS_URL is not")
        pytest.skip("REDIS_URL is not set")
    settings.CACHES = {
        "default": {
            "BACKEND": "outsourcing.redis_cache.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4()}",
        }
    }

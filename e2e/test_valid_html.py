"""Valid HTML: every page a founder, a delegate and a consultant reaches, the pages anyone can
open, the error pages and the emails' HTML parts have no error in the Nu HTML checker.

The pages are found as the axe walk finds them (e2e/walk.py: the same starts, links, bounds
and data), through Django's test client instead of Chromium, each in English and German;
then the checker runs once over all of them (one JVM start, e2e/vnu.py)."""

import re
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone, translation

from digest.preview import preview_message
from e2e import vnu
from e2e.emails import EMAILS, heard_back, plain
from e2e.walk import ANYONE, CONSULTANT, FOUNDER, LANGUAGES, ClientWalk, Reach
from outsourcing import errors

pytestmark = [pytest.mark.html, pytest.mark.django_db]


@pytest.fixture
def checker(settings):
    reason = vnu.missing()
    if reason and settings.REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}")
    if reason:
        pytest.skip(reason)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="accounts.backends.ModelBackend")
    return client


def _walked(who: str, reach: Reach, user=None) -> tuple[list[str], dict[str, str]]:
    """The pages `who` reaches (found in their language), then each in both languages."""
    walk = ClientWalk(_client(user), reach)
    paths, documents = walk.discover(), {}
    for language in LANGUAGES:
        walk.switch_language(language)
        for path in paths:
            fetched = walk.fetch(path)
            assert fetched is not None, path
            documents[f"{who} {path} [{language}]"] = fetched[1]
    return paths, documents


# Forms sent empty or wrong, as a founder (or anyone) sees them with their errors:
# (who, path, what is sent, a mark of the state on the page).
SENT = [
    ("anyone", "/accounts/login/", {"username": "x@example.com"}, "invalid-feedback"),
    ("anyone", "/accounts/signup/", {"email": "not an address"}, "invalid-feedback"),
    ("founder", "/tasks/new/", {"title": ""}, "invalid-feedback"),
    ("founder", "/delegates/new/", {"name": ""}, "invalid-feedback"),
    ("founder", "/instructions/new/", {"title": ""}, "invalid-feedback"),
    ("founder", "/settings/delete/", {"password": ""}, "invalid-feedback"),
    (
        "founder",
        "/welcome/",
        # The VA rate above what the founder's hour is worth: the form asks to confirm it.
        {
            "hourly_value": "45",
            "weekly_capacity": "40",
            "monthly_budget": "500",
            "default_va_rate": "150",
            "default_specialist_rate": "60",
            "currency": "EUR",
        },
        "id_va_rate_above_buyback",
    ),
]


def _sent(clients: dict[str, Client]) -> dict[str, str]:
    documents = {}
    for language in LANGUAGES:
        for who, path, data, mark in SENT:
            client = clients[who]
            ClientWalk(client, ANYONE).switch_language(language)
            response = client.post(path, data)
            html = response.content.decode()
            assert mark in html, (path, response.status_code, mark)
            documents[f"{who} {path} sent with errors [{language}]"] = html
    return documents


def _htmx_pages(founder, settings, monkeypatch) -> dict[str, str]:
    """The pages that poll or swap with htmx, in the state where they do: rate your week
    with tasks to rate, and a large import's progress page while the worker reads it."""
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tasks import services
    from tasks import tasks as celery_tasks

    for title in ("Invoicing", "Garden gnome census"):
        services.task_create(owner=founder, title=title, time_amount=Decimal(1), time_unit="week")
    settings.IMPORT_BACKGROUND_BYTES = 10
    monkeypatch.setattr(celery_tasks.import_read_file, "delay", lambda **kwargs: None)
    client, documents = _client(founder), {}
    upload = SimpleUploadedFile("big.csv", b"title,area,hours_per_week,recurring,core\n")
    progress = client.post("/tasks/import/", {"file": upload})["Location"]
    for language in LANGUAGES:
        ClientWalk(client, FOUNDER).switch_language(language)
        for path, mark in [("/tasks/rate/", "data-rate-task"), (progress, "data-import-progress")]:
            html = client.get(path).content.decode()
            assert mark in html, path
            documents[f"founder {path} (htmx) [{language}]"] = html
    return documents


def _action_forms(client: Client) -> dict[str, str]:
    """Each admin action that asks for more input (its label ends in "…"), opened on the first
    row of the change lists that have them: its form, as the axe walk opens it."""
    documents = {}
    for language in LANGUAGES:
        ClientWalk(client, CONSULTANT).switch_language(language)
        for changelist in ("/admin/tasks/task/", "/admin/sops/instruction/"):
            html = client.get(changelist).content.decode()
            row = re.search(r'name="_selected_action" value="(\d+)"', html)
            for action, label in re.findall(r'<option value="(\w+)">([^<]*…)</option>', html):
                assert row, changelist
                sent = {"action": action, "_selected_action": row[1], "index": "0"}
                form = client.post(changelist, sent).content.decode()
                assert 'name="apply"' in form, (changelist, action)
                documents[f"consultant {changelist} action {label!r} [{language}]"] = form
        # The label's pattern found the actions that ask for more (else nothing was checked).
        assert any(name.endswith(f"[{language}]") for name in documents), language
    return documents


def _delegate(handover_paths: dict[str, str]) -> dict[str, str]:
    """The handover page unread, read (the run form), gone, and its two forms sent empty."""
    walk, documents = ClientWalk(_client(), ANYONE), {}
    read = handover_paths["read"]
    for language in LANGUAGES:
        walk.switch_language(language)
        for state, path in handover_paths.items():
            documents[f"delegate handover {state} [{language}]"] = _html(walk.fetch(path))
        sent = {"run form with errors": {"performed_on": ""}, "question with errors": {"ask": ""}}
        for state, data in sent.items():
            documents[f"delegate handover {state} [{language}]"] = _html(walk.fetch(read, **data))
    return documents


def _error_pages(settings) -> dict[str, str]:
    """Our 404 (and the delegate's), 403, CSRF failure, 400, 500 and the last-resort 500."""
    debug, settings.DEBUG = settings.DEBUG, False  # with DEBUG on, Django's technical pages
    documents = {}
    for language in LANGUAGES:
        client = _client()
        client.cookies["django_language"] = language
        for path in ("/no-such-page/", "/instructions/handover/not-a-link/"):
            documents[f"error 404 {path} [{language}]"] = client.get(path).content.decode()
        csrf = Client(enforce_csrf_checks=True)
        csrf.cookies["django_language"] = language
        response = csrf.post("/accounts/login/", {"username": "a@example.com"})
        documents[f"error CSRF failure [{language}]"] = response.content.decode()
        request = RequestFactory().get("/somewhere/")
        request.user = AnonymousUser()
        with translation.override(language):
            for name, handler in [
                ("403", errors.permission_denied),
                ("400", errors.bad_request),
                ("500", errors.server_error),
            ]:
                documents[f"error {name} [{language}]"] = handler(request).content.decode()
            documents[f"error 500.html, the last resort [{language}]"] = render_to_string(
                "500.html", {"heading": "Something went wrong", "explanation": ["Try again."]}
            )
    settings.DEBUG = debug
    return documents


def _emails(founder) -> dict[str, str]:
    """Each email's HTML part; the digest as the demo founder's would go out this week."""
    documents = {}
    for language in LANGUAGES:
        for name in EMAILS:
            if name == "digest":
                message = preview_message(
                    profile=founder.profile, now=timezone.now(), language=language
                )
                html = message.alternatives[0][0]
            elif name == "heard_back":
                html = heard_back(language)
            else:
                html = plain(name, language)
            documents[f"email {name} [{language}]"] = html
    return documents


def _html(fetched: tuple[str, str] | None) -> str:
    assert fetched is not None
    return fetched[1]


def test_every_page_and_email_is_valid_html(
    checker, demo_founder, handover_paths, cast, settings, monkeypatch
):
    anyone, documents = _walked("anyone", ANYONE)
    assert {"/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"} <= set(anyone)
    founder, found = _walked("founder", FOUNDER, demo_founder)
    assert len(founder) >= 10 and {"/plan/drip/", "/plan/roles/"} <= set(founder), founder
    documents |= found
    consultant, found = _walked("consultant", CONSULTANT, cast.consultants["bob"])
    assert f"/admin/accounts/user/{cast.founders['alice'].pk}/change/" in consultant, consultant
    documents |= found
    documents |= _action_forms(_client(cast.consultants["bob"]))
    documents |= _sent({"anyone": _client(), "founder": _client(demo_founder)})
    documents |= _htmx_pages(demo_founder, settings, monkeypatch)
    documents |= _delegate(handover_paths)
    documents |= _error_pages(settings)
    documents |= _emails(demo_founder)
    started = time.monotonic()
    errors_found = vnu.check(documents)
    took = time.monotonic() - started
    print(f"{len(documents)} documents, the checker took {took:.1f} s")  # noqa: T201 — with -s
    if errors_found:
        pytest.fail(vnu.describe(errors_found), pytrace=False)


def test_no_template_uses_bare_hx_attributes():
    """htmx through data-hx-* only (hx-* is invalid HTML): the fragments too, which the check
    above sees only inside the pages that include them."""
    from pathlib import Path

    from django.conf import settings

    bare = re.compile(r"\shx-[a-z]")
    found = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        if bare.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"hx-* attributes (write data-hx-*) in {found}"

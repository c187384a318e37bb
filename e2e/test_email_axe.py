"""Every HTML email the app sends, opened in Chromium, has no axe-core violation.

The test is parametrized over templates/emails/*-body.html, so an email added later is checked
too. An email with a sample below is checked as a real SMTP server received it; one without is
rendered with a plain context (its fixed parts: colours, landmarks) until someone adds one."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from digest.tests.digest_support import claim_and_send, parts, plan
from e2e import axe
from sops import demo as sops_demo
from tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Django's email templates, and the digest's Jinja2 ones (templates/jinja2/emails).
EMAILS = sorted(
    path.name.removesuffix("-body.html")
    for folder in ("templates", "templates/jinja2")
    for path in (Path(settings.BASE_DIR) / folder / "emails").glob("*-body.html")
)


def _digest(smtp_server, language: str) -> str:
    """The weekly digest of a founder with tasks of every kind, over capacity."""
    sops_demo.seed(founders=1, tasks=20)
    founder = Task.objects.first().owner
    plan(founder, language=language, weekly_capacity=10)
    claim_and_send()
    (received,) = smtp_server.messages
    return parts(received["message"])["text/html"]


def _heard_back(_smtp_server, language: str) -> str:
    """News from a delegate: an urgent note on a run with unchecked steps, and a question."""
    from datetime import date

    item = {
        "delegate": "Maria",
        "title": "Inbox triage",
        "version": 2,
        "url": "https://example.com/i/1",
    }
    ctx = {
        "profile": {"language": language},
        "urgent": True,
        "settings_url": "https://example.com/settings/",
        "items": [
            {
                **item,
                "kind": "run",
                "urgent": True,
                "performed_on": date(2026, 12, 1),
                "checked": 1,
                "total": 3,
                "minutes": 50,
                "unchecked": ["Answer routine mail", "Flag urgent mail"],
                "notes": "A lawyer wrote about the Weber contract, please read today",
            },
            {**item, "kind": "question", "question": "Shall I forward it to you?"},
            {**item, "kind": "acknowledged"},
        ],
    }
    with translation.override(language):
        return render_to_string("emails/heard_back-body.html", ctx)


SAMPLES = {"digest": _digest, "heard_back": _heard_back}
# What the other emails need to render at all (a count must be a number); their text is
# tested where they are sent, their accessibility here.
PERSON = {"email": "alice@example.com", "name": "Maria", "language": "en", "get_full_name": ""}
PLAIN_CONTEXT = {
    "days": 3,
    "hours": 24,
    "count": 2,
    "title": "Inbox triage",
    "url": "https://example.com/x",
    "founder": PERSON,
    "consultant": PERSON,
    "delegate": PERSON,
}


@pytest.fixture
def email_page(browser):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("name", EMAILS)
def test_the_email_is_accessible(name, language, email_page, smtp_server, request):
    if name in SAMPLES:
        html = SAMPLES[name](smtp_server, language)
    else:
        with translation.override(language):
            html = render_to_string(f"emails/{name}-body.html", PLAIN_CONTEXT)
    for width in (600, 375):
        email_page.set_viewport_size({"width": width, "height": 900})
        email_page.set_content(html)
        axe.assert_accessible(email_page, where=f"email {name} [{language}] @{width}px")
        scroll, inner = email_page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"email {name} is {scroll} px wide at {width} px"

"""Every HTML email the app sends, opened in Chromium, has no axe-core violation.

The test is parametrized over templates/emails/*-body.html (e2e/emails.py), so an email added
later is checked too. The digest is checked as a real SMTP server received it."""

import pytest

from digest.tests.digest_support import claim_and_send, parts, plan
from e2e import axe
from e2e.emails import EMAILS, heard_back, plain
from sops import demo as sops_demo
from tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _digest(smtp_server, language: str) -> str:
    """The weekly digest of a founder with tasks of every kind, over capacity."""
    sops_demo.seed(founders=1, tasks=20)
    founder = Task.objects.first().owner
    plan(founder, language=language, weekly_capacity=10)
    claim_and_send()
    (received,) = smtp_server.messages
    return parts(received["message"])["text/html"]


SAMPLES = {"digest": _digest, "heard_back": lambda _smtp_server, language: heard_back(language)}


@pytest.fixture
def email_page(browser):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("name", EMAILS)
def test_the_email_is_accessible(name, language, email_page, smtp_server, request):
    html = SAMPLES[name](smtp_server, language) if name in SAMPLES else plain(name, language)
    for width in (600, 375):
        email_page.set_viewport_size({"width": width, "height": 900})
        email_page.set_content(html)
        axe.assert_accessible(email_page, where=f"email {name} [{language}] @{width}px")
        scroll, inner = email_page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"email {name} is {scroll} px wide at {width} px"

"""The HTML part of every email the app sends, rendered for a check (axe in Chromium,
e2e/test_email_axe.py; the Nu HTML checker, e2e/test_valid_html.py).

EMAILS is read from templates/emails/*-body.html, so an email added later is checked too. One
with a sample here is rendered with realistic content; the others with a plain context (their
fixed parts: colours, landmarks) until someone adds one."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# Django's email templates, and the digest's Jinja2 ones (templates/jinja2/emails).
EMAILS = sorted(
    path.name.removesuffix("-body.html")
    for folder in ("templates", "templates/jinja2")
    for path in (Path(settings.BASE_DIR) / folder / "emails").glob("*-body.html")
)

# What the other emails need to render at all (a count must be a number); their text is
# tested where they are sent.
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


def heard_back(language: str) -> str:
    """News from a delegate: an urgent note on a run with unchecked steps, and a question."""
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


def plain(name: str, language: str) -> str:
    with translation.override(language):
        return render_to_string(f"emails/{name}-body.html", PLAIN_CONTEXT)

"""The German walk in a real Chromium (issue 27): a German founder follows links from the
dashboard to every page they reach (the axe walk's crawl), a delegate opens the handover page,
a German consultant walks the admin, and anyone meets the error pages. Each page's *visible*
text (the body's inner text, as a reader sees it) has no English word outside the allowed
list, no "Sie"-form and none of the terms the glossary rules out. The emails are read in
tasks/tests/test_german_emails.py."""

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from accounts.consultants import consultant_create
from accounts.models import User
from e2e.walk import CONSULTANT, FOUNDER, Walk, language_cookie, open_error_pages
from sops import demo as sops_demo
from sops import services as sops_services
from sops.models import HandoverLink
from tasks import demo as tasks_demo
from tasks.tests.german_support import (
    english_words,
    forbidden_words,
    formal_address,
    make_german_founder,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a reader sees, without the parts that are English on purpose: the language switch's
# "English" (marked lang="en") and, in the admin, the English side of bilingual content (the
# columns and fields named *_en: a template's English title next to its German one).
VISIBLE_TEXT = """() => {
  const english = [...document.body.querySelectorAll(
    '[lang]:not([lang^="de"]), [class*="field-"][class$="_en"], [class*="_en "]')]
    .map(element => element.innerText);
  let text = document.body.innerText;
  for (const part of english) { if (part) text = text.split(part).join(' '); }
  return text;
}"""


def _problems(page) -> list:
    expect(page.locator("html")).to_have_attribute("lang", "de")
    text = page.evaluate(VISIBLE_TEXT)
    return english_words(text) + forbidden_words(text) + formal_address(text)


def _read(walk: Walk, paths: list[str], found: dict) -> None:
    for path in paths:
        walk.page.goto(path)
        _note(walk, path, found)


def _note(walk: Walk, path: str, found: dict) -> None:
    if problems := _problems(walk.page):
        found[path] = problems


def _discover_reading(walk: Walk, *starts: str, found: dict) -> list[str]:
    """The pages the walk reaches, each read as the discovery opens it (not opened twice)."""
    walk.on_page = lambda path, response: _note(walk, path, found)
    return walk.discover(*starts)


@pytest.fixture(params=["hand-made", "demo"])
def german_founder(request, alice):
    """A German founder with a few German tasks, a delegate and a shared work instruction; and
    the German demo founder (seed_demo --language de), with runs, news and a delegation."""
    if request.param == "demo":
        sops_demo.seed(founders=1, tasks=20, language="de")
        return User.objects.get(email=tasks_demo.DEMO_EMAIL)
    make_german_founder(alice)
    return alice


def test_a_german_founder_delegate_and_consultant_read_german_everywhere(
    open_as, live_server, german_founder
):
    found: dict[str, list] = {}

    # Further than the axe walk's founder: every page is read in German.
    founder = Walk.of(open_as(german_founder), live_server.url, replace(FOUNDER, limit=80))
    pages = _discover_reading(founder, *FOUNDER.starts, found=found)
    assert len(pages) >= 10, pages

    delegate = Walk(page=open_as(None), origin=live_server.url)
    language_cookie(delegate.page, live_server.url, "de")  # the switch a delegate would click
    links = HandoverLink.objects.filter(instruction__owner=german_founder)
    _read(delegate, [sops_services.handover_path(link) for link in links], found)

    consultant = consultant_create(email="berta@example.com", password="berta-password-1")
    consultant.first_name, consultant.last_name = "Berta", "Beraterin"
    consultant.save()
    german_founder.profile.consultants.add(consultant)
    admin = Walk.of(open_as(consultant), live_server.url, CONSULTANT)
    language_cookie(admin.page, live_server.url, "de")
    admin_pages = _discover_reading(admin, *CONSULTANT.starts, found=found)
    assert f"/admin/accounts/user/{german_founder.pk}/change/" in admin_pages, admin_pages

    anyone = open_as(None)
    language_cookie(anyone, live_server.url, "de")
    for page, where in open_error_pages(anyone, founder.page):
        if problems := _problems(page):
            found[where] = problems

    print(f"read {len(pages)} founder, {len(admin_pages)} admin pages")  # noqa: T201
    assert not found, found


def test_the_walk_reads_what_is_on_screen(open_as, live_server, alice):
    """The check would pass on a page it cannot read: an English word shown on a German page
    is found."""
    make_german_founder(alice)
    page = open_as(alice)
    page.goto("/")
    page.evaluate("document.querySelector('main').append('Save your tasks')")
    assert _problems(page) == ["Save", "tasks", "your"]

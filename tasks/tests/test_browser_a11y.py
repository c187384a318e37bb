"""axe-core (4.14.1, vendored under tasks/tests/vendor, MPL-2.0) finds no violations on the
pages this round added or changed, in English and German, in a real Chromium."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from accounts.models import Profile, User
from consultants import consulting
from sops import services as sops_services
from sops.tests.factories import published_va_task
from tasks.models import TaskNote
from tasks.tests.factories import make_delegate, make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def _violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    # The page's own content; the shared layout (navigation, language switch) is not ours here.
    result = page.evaluate("async () => (await axe.run('main')).violations")
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result]


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_new_and_changed_pages_have_no_axe_violations(
    browser, live_server, alice, language, settings
):
    settings.SITE_URL = live_server.url
    Profile.objects.filter(user=alice).update(language=language)
    _task, instruction, _version = published_va_task(alice)
    maria = make_delegate(alice, name="Maria", email="maria@example.com")
    sops_services.handover_link_create(instruction=instruction, delegate=maria)
    accounts = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    make_delegate(alice, name="Weber", kind="specialist", hourly_rate=Decimal("95"))
    dan = User.objects.create_user(email="dan@example.com", password="dan-password-1")
    dan.is_staff = True
    dan.save()
    dan.groups.add(Group.objects.get(name="Consultants"))
    TaskNote.objects.create(task=accounts, author=dan, text="Ask for a fixed price.")
    invite = consulting.consultant_invite(consultant=dan, email="alice@example.com")

    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill("alice@example.com")
    page.locator("input[name=password]").fill("alice-password-1")
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    pages = [
        f"/instructions/{instruction.pk}/",
        f"/tasks/{accounts.pk}/",
        "/welcome/",
        "/settings/",
        consulting.invite_url(invite)[len(live_server.url) :],
    ]
    found = {}
    for path in pages:
        page.goto(path)
        found[path] = _violations(page)
    # The warnings before a delegation (a specialist above the buyback rate).
    page.goto(f"/tasks/{accounts.pk}/")
    page.locator("form[action$='/delegate/'] select[name=delegate]").select_option(
        label=None, index=1
    )
    page.locator("form[action$='/delegate/'] button[type=submit]").click()
    page.locator("[data-delegation-warnings]").wait_for()
    found["warnings"] = _violations(page)
    context.close()
    problems = {path: v for path, v in found.items() if v}
    assert problems == {}

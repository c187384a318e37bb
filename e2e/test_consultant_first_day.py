"""The consultant's first day in a real Chromium, in both languages: the demo consultant logs
in → lands on the overview with the demo founder → invites a founder → the founder accepts →
the consultant sees them (issue 27, item 6)."""

import re

import pytest
from playwright.sync_api import expect

from e2e import journey
from sops import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^/\s]+(/invitations/[^\s\"<>]+/)")
WORDS = {
    "en": {"clients": "Your clients", "accept": "Accept", "invite": "Invite a founder"},
    "de": {"clients": "Deine Klienten", "accept": "Annehmen", "invite": "Gründer einladen"},
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_demo_consultant_invites_a_founder_who_accepts(
    browser, live_server, smtp_server, alice, language, screenshot
):
    demo.seed(founders=1, tasks=3)
    alice.profile.language = language
    alice.profile.save()
    words = WORDS[language]
    locale = "de-DE" if language == "de" else "en-US"

    coach = browser.new_context(base_url=live_server.url, locale=locale).new_page()
    journey.log_in(coach, demo.DEMO_CONSULTANT_EMAIL, demo.DEMO_CONSULTANT_PASSWORD)
    expect(coach).to_have_url(re.compile(r"/admin/accounts/user/overview/$"))
    overview = coach.locator("#client-overview")
    expect(overview.locator("[data-founder='demo@example.com']")).to_be_visible()
    expect(coach.get_by_role("link", name=words["invite"]).first).to_be_visible()
    screenshot(coach, "-1-overview")

    coach.get_by_role("link", name=words["invite"]).first.click()
    coach.locator("input[name=email]").fill("alice@example.com")
    coach.locator("main form[method=post] [type=submit]").click()
    expect(coach.locator("[data-invites]")).to_contain_text("alice@example.com")

    founder = browser.new_context(base_url=live_server.url, locale=locale).new_page()
    journey.log_in(founder, "alice@example.com", "alice-password-1")
    link = _invite_link(smtp_server)
    founder.goto(link)
    founder.get_by_role("button", name=words["accept"]).click()
    expect(founder).to_have_url(re.compile(r"/settings/$"))

    coach.goto("/admin/accounts/user/overview/")
    expect(coach.locator("[data-founder='alice@example.com']")).to_be_visible()
    # Back in the app, the navigation leads the consultant to their clients.
    coach.goto("/tasks/")
    expect(coach.get_by_role("link", name=words["clients"])).to_be_visible()
    screenshot(coach, "-2-clients")


def _invite_link(inbox) -> str:
    for message in inbox.messages:
        if message["to"] == ["alice@example.com"]:
            body = message["message"].get_body(preferencelist=("plain",)).get_content()
            match = LINK.search(body)
            if match:
                return match.group(1)
    raise AssertionError(f"no invitation in {len(inbox.messages)} messages")

"""In a real Chromium: a consultant invites a founder by email; before the founder accepts,
the consultant's overview shows nothing of them; after, it does."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import User
from digest.tests.digest_support import LINK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_invites_and_the_founder_accepts(
    page, browser, live_server, alice, log_in, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    dan = User.objects.create_user(email="dan@example.com", password="dan-password-1")
    dan.is_staff = True
    dan.save()
    dan.groups.add(Group.objects.get(name="Consultants"))

    log_in(page, "dan@example.com", "dan-password-1")
    page.goto("/consultants/invite/")
    page.get_by_label("The founder's email address").fill("alice@example.com")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to alice@example.com.").wait_for()
    page.goto("/admin/accounts/user/overview/")
    page.get_by_role("heading", name="Your clients at a glance").wait_for()
    expect(page.locator('[data-founder="alice@example.com"]')).to_have_count(0)

    (received,) = smtp_server.messages
    text = received["message"].get_body(("plain",)).get_content()
    url = next(u for u in LINK.findall(text) if "/invitations/" in u)

    context = browser.new_context(base_url=live_server.url, locale="en-US")
    founder = context.new_page()
    founder.set_default_timeout(10_000)
    founder.goto(url)  # not logged in: the login page, then back to the invitation
    founder.get_by_label("Email address").fill("alice@example.com")
    founder.get_by_label("Password").fill("alice-password-1")
    founder.get_by_role("button", name="Log in").click()
    founder.get_by_text("dan@example.com would like to coach you.").wait_for()
    founder.get_by_role("button", name="Accept").click()
    founder.get_by_text("dan@example.com is now your consultant.").wait_for()
    context.close()

    page.reload()
    expect(page.locator('[data-founder="alice@example.com"]')).to_have_count(1)

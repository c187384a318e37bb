"""Settings → API and calendar: a token is shown once, listed with its last use, revoked."""

import pytest

from api.models import AccessToken, CalendarFeed

pytestmark = pytest.mark.django_db
PAGE = "/settings/api/"


def test_a_new_token_is_shown_once_then_listed(alice_client, alice):
    response = alice_client.post(
        "/settings/api/tokens/", {"name": "Zapier", "scope": "read_write"}, follow=True
    )
    page = response.content.decode()
    token = AccessToken.objects.get(founder=alice)
    shown = page.split('<code class="user-select-all text-break text-body">')[1]
    secret = shown.split("</code>")[0]
    assert secret.startswith("bbt_") and token.prefix in secret
    again = alice_client.get(PAGE).content.decode()
    assert secret not in again and "Zapier" in again and "never" in again


def test_a_token_needs_a_name(alice_client, alice):
    response = alice_client.post("/settings/api/tokens/", {"name": " ", "scope": "read"})
    assert response.status_code == 400
    assert not AccessToken.objects.exists()


def test_revoking_someone_elses_token_is_404(alice_client, charlie):
    from api import tokens

    token, _secret = tokens.token_create(founder=charlie, name="x", scope="read")
    assert alice_client.post(f"/settings/api/tokens/{token.pk}/revoke/").status_code == 404
    mine, _secret = tokens.token_create(
        founder=charlie.__class__.objects.get(email="alice@example.com"), name="mine", scope="read"
    )
    assert alice_client.post(f"/settings/api/tokens/{mine.pk}/revoke/").status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None


def test_the_calendar_link_is_shown_once(alice_client, alice):
    page = alice_client.post("/settings/api/calendar/", follow=True).content.decode()
    assert "/calendar/" in page and ".ics" in page
    assert CalendarFeed.objects.filter(founder=alice).exists()
    assert ".ics" not in alice_client.get(PAGE).content.decode()
    alice_client.post("/settings/api/calendar/revoke/")
    assert not CalendarFeed.objects.exists()

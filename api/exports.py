"""The API app's part of "download my data" (privacy.exports): the founder's tokens and their
calendar feed, described, never their secrets (no hash, no first characters)."""

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from api.models import AccessToken, CalendarFeed
from privacy.exports import Kind


def _calendar_feed(user: User) -> list[dict]:
    """One row either way: whether a feed is active, and since when."""
    feed = CalendarFeed.objects.filter(founder=user).first()
    return [{"active": feed is not None, "created_at": feed.created_at if feed else None}]


KINDS = [
    Kind(
        "api_tokens",
        AccessToken,
        lambda u: AccessToken.objects.filter(founder=u),
        _("Your API tokens: name, scope, when made, last used and revoked (never the token)."),
        values=("id", "name", "scope", "created_at", "last_used_at", "revoked_at"),
    ),
    Kind(
        "calendar_feed",
        CalendarFeed,
        lambda u: CalendarFeed.objects.filter(founder=u),
        _("Whether your calendar link is active, and since when (never the link itself)."),
        values=("active", "created_at"),
        table=_calendar_feed,
    ),
]

"""Personal access tokens and calendar keys: random, shown once, stored as SHA-256 only.

A SHA-256 rather than a slow password hash: the tokens are 32 random bytes, so nobody can
guess one from its hash, and every API request looks one up."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from api.models import AccessToken, CalendarFeed

TOKEN_PREFIX = "bbt_"  # noqa: S105 — a public marker, not a secret
# A founder needs a few (Zapier, a script); more is a leak waiting to happen.
TOKENS_MAX = 20
# "Last used" is written at most this often: a busy script costs no write per request.
LAST_USED_EVERY = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, founder: User, name: str, scope: str) -> tuple[AccessToken, str]:
    """A new token and its secret (the only time the secret exists outside the request)."""
    User.objects.select_for_update().filter(pk=founder.pk).first()
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the tool that uses it.")})
    if scope not in dict(AccessToken.SCOPE_CHOICES):
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    live = AccessToken.objects.filter(founder=founder, revoked_at__isnull=True)
    if live.count() >= TOKENS_MAX:
        raise ValidationError(
            _("You have %(n)s tokens; revoke one you no longer use first.") % {"n": TOKENS_MAX}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(
        founder=founder, name=name[:80], scope=scope, prefix=secret[:10], key_hash=digest(secret)
    )
    token.full_clean()
    token.save()
    return token, secret


def token_revoke(*, token: AccessToken) -> None:
    AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def token_resolve(*, secret: str) -> AccessToken | None:
    """The live token with this secret, its "last used" brought up to date."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        AccessToken.objects.select_related("founder")
        .filter(key_hash=digest(secret), revoked_at__isnull=True, founder__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def calendar_feed_create(*, founder: User) -> str:
    """A new secret feed key (the old URL stops working); returns the key."""
    key = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(founder=founder).delete()
    CalendarFeed.objects.create(founder=founder, key_hash=digest(key))
    return key


def calendar_feed_revoke(*, founder: User) -> None:
    CalendarFeed.objects.filter(founder=founder).delete()


def calendar_feed_founder(*, key: str) -> User | None:
    if len(key) > 100:
        return None
    feed = CalendarFeed.objects.select_related("founder").filter(key_hash=digest(key)).first()
    return feed.founder if feed and feed.founder.is_active else None

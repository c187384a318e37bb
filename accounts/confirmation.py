"""Confirming a founder's email address (security issue #8, hole 3).

Sign-up is open, so an address is only mailed (digests, password resets) once its owner
opened the signed, expiring link sent to it. The link's GET only shows a button, and the
POST confirms: mail scanners follow links, and must not confirm an address for an attacker
who signed up with someone else's.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts import mailing
from accounts.models import Profile, User
from mail.messages import make_message
from mail.outbox import mail_enqueue

log = logging.getLogger(__name__)

SALT = "accounts.confirm"
VALID_FOR = timedelta(days=3)
# A new confirmation mail at most this often: nobody mail-bombs an address through us.
RESEND_AFTER = timedelta(minutes=10)


class LinkInvalid(Exception):
    """Tampered with, or for an address the account no longer has: 404."""


class LinkExpired(Exception):
    """Older than VALID_FOR: 410, and the founder asks for a new one."""


def confirmation_path(user: User) -> str:
    # The address is signed in: a link for an old address does not confirm a new one.
    token = signing.dumps({"user": user.pk, "email": user.email}, salt=SALT)
    return reverse("email_confirm", args=[token])


@transaction.atomic
def confirmation_send(*, user: User) -> bool:
    """Queue the link in the outbox (sent once this transaction commits), unless the address
    is confirmed or a link went out moments ago. Returns whether a mail was queued."""
    now = timezone.now()
    # Compare-and-swap on the last sending time: two quick clicks send one mail.
    claimed = (
        Profile.objects.filter(user=user, email_confirmed_at__isnull=True)
        .filter(
            Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=now - RESEND_AFTER)
        )
        .update(confirmation_sent_at=now)
    )
    if not claimed:
        return False
    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    ctx = {
        "url": settings.SITE_URL + confirmation_path(user),
        "days": VALID_FOR.days,
        "email": user.email,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        message = make_message("confirm", user.email, ctx)
    mail_enqueue(message=message, kind="confirm", caused_by=user)
    mailing.sent(who=user, to=user.email, why="address confirmation")
    return True


def email_confirm(*, token: str) -> User:
    """Mark the address in the token as confirmed; returns its user."""
    user = token_user(token=token)
    Profile.objects.filter(user=user, email_confirmed_at__isnull=True).update(
        email_confirmed_at=timezone.now()
    )
    return user


def token_user(*, token: str) -> User:
    """The user whose current address the token confirms, or LinkInvalid / LinkExpired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.SignatureExpired as err:
        raise LinkExpired from err
    except signing.BadSignature as err:
        raise LinkInvalid from err
    user = User.objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise LinkInvalid
    return user


def unconfirmed_stale(*, now) -> list[int]:
    """The founder accounts nobody confirmed while their last link worked (security issue #19,
    squatting): an address typed in by someone else frees itself. Founders only (never
    staff). privacy.services.unconfirmed_remove deletes them the way every account goes."""
    expired = now - VALID_FOR
    stale = User.objects.filter(
        is_staff=False,
        is_superuser=False,
        date_joined__lt=expired,
        profile__isnull=False,
        profile__email_confirmed_at__isnull=True,
    ).filter(
        Q(profile__confirmation_sent_at__isnull=True) | Q(profile__confirmation_sent_at__lt=expired)
    )
    return list(stale.values_list("pk", flat=True))


def is_confirmed(user) -> bool:
    profile = getattr(user, "profile", None)
    return profile is not None and profile.email_confirmed_at is not None

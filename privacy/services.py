"""Deleting an account: every row of the founder goes (privacy.deletion says how each kind is
treated), their handover links and invitations stop working at once, their unsent mail is
never sent, every session ends, and one last email confirms it."""

import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone, translation

from accounts import confirmation
from accounts.models import Profile, User
from consultants.models import ConsultantInvite
from mail.messages import make_message
from mail.outbox import mail_enqueue, unsent_forget
from sops.models import Instruction, Run
from tasks.models import Task

log = logging.getLogger(__name__)


def _end_sessions(user_id: int) -> None:
    """Every session logged in as this user, on any device."""
    live = Session.objects.filter(expire_date__gt=timezone.now())
    mine = [s.pk for s in live.iterator() if s.get_decoded().get("_auth_user_id") == str(user_id)]
    Session.objects.filter(pk__in=mine).delete()


def account_deleted_mail(*, email: str, language: str) -> None:
    """The last email to the address: the account and its data are gone. Queued in the
    deletion's transaction; the row outlives the account and holds nothing of it but the
    address (no cause, no reference)."""
    with translation.override(language):
        message = make_message("account_deleted", email, {"email": email})
    mail_enqueue(message=message, kind="account_deleted", caused_by=None)


def account_delete(*, user: User, farewell: bool = True) -> None:
    """Delete the account and everything of it. The password and the typed word are the
    view's to check; this runs once they were right. `farewell`: the goodbye email (never to
    an address nobody confirmed)."""
    language = (
        Profile.objects.filter(user=user).values_list("language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    email, user_id = user.email, user.pk
    with transaction.atomic():
        # Runs protect the versions they followed, and tasks their delegate: they go first,
        # then the instructions take their versions, steps, handover links and events along.
        Run.objects.filter(instruction__owner=user).delete()
        Task.objects.filter(owner=user).delete()
        Instruction.objects.filter(owner=user).delete()
        # Invitations to the address that were never answered (no founder key yet).
        ConsultantInvite.objects.filter(email__iexact=email, founder__isnull=True).delete()
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username=email).delete()
        _end_sessions(user_id)
        unsent_forget(user=user, email=email)
        user.delete()
        if farewell:
            account_deleted_mail(email=email, language=language)


def unconfirmed_remove(*, now) -> int:
    """The beat: sign-ups nobody confirmed while their link worked go, the same way as an
    account deleted by hand (runs before the versions they protect), without a goodbye.
    One at a time, so one account's cascade never holds the others' rows. Idempotent."""
    removed = 0
    for user_id in confirmation.unconfirmed_stale(now=now):
        # Confirmed since the list was read: it stays.
        user = User.objects.filter(pk=user_id, profile__email_confirmed_at__isnull=True).first()
        if user is not None:
            account_delete(user=user, farewell=False)
            removed += 1
    if removed:
        log.info("removed %s unconfirmed accounts", removed)
    return removed

"""A consultant invites a founder; the founder accepts, declines, or later removes them.

Services (every write goes through here). Accepting adds the consultant to the founder's
`Profile.consultants` (through accounts.consultants, which owns the relation), which is what
the admin's scoping reads (consultants/admin/scoping.py), so a founder appears in the
consultant's workspace only once they said yes. Superusers still assign consultants by hand in
the admin.

The link carries the invite's random token, signed with a timestamp: tampered links are
unknown, old ones expire (INVITE_DAYS) both by signature age and by the row's expiry.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts import consultants as account_consultants
from accounts import mailing
from accounts.consultants import is_consultant
from accounts.models import Profile, User, normalize_email
from consultants.models import ChangeRecord, ConsultantInvite
from mail.messages import make_message
from mail.outbox import mail_enqueue
from tasks.models import Task, TaskNote

INVITE_DAYS = 14
INVITE_SALT = "tasks.consultant.invite"


class InviteNotFound(Exception):
    """Tampered, unknown or expired: the page says the invitation no longer works."""


def invite_url(invite: ConsultantInvite) -> str:
    signed = signing.dumps(invite.token, salt=INVITE_SALT)
    return f"{settings.SITE_URL}{reverse('invite_answer', args=[signed])}"


@transaction.atomic
def consultant_invite(*, consultant: User, email: str) -> ConsultantInvite:
    email = normalize_email(email)
    if not is_consultant(consultant):
        raise ValidationError(_("Only consultants can invite founders."))
    # One open invitation per (consultant, address): the consultant's row is locked, so two
    # quick clicks cannot both pass the check below.
    User.objects.select_for_update().filter(pk=consultant.pk).first()
    open_invite = (
        ConsultantInvite.objects.filter(
            consultant=consultant,
            email=email,
            state=ConsultantInvite.PENDING,
            expires_at__gt=timezone.now(),
        )
        .order_by("-expires_at")
        .first()
    )
    if open_invite is not None:
        raise ValidationError(
            {
                "email": _(
                    "You invited this address already; the invitation is open until %(date)s."
                )
                % {"date": formats.date_format(open_invite.expires_at, "SHORT_DATE_FORMAT")}
            }
        )
    if email == consultant.email:
        raise ValidationError({"email": _("Invite a founder, not yourself.")})
    if Profile.objects.filter(user__email__iexact=email, consultants=consultant).exists():
        raise ValidationError({"email": _("This founder is already your client.")})
    invite = ConsultantInvite.objects.create(
        consultant=consultant,
        email=email,
        token=secrets.token_urlsafe(24),
        expires_at=timezone.now() + timedelta(days=INVITE_DAYS),
    )
    ctx = {"consultant": consultant, "url": invite_url(invite), "days": INVITE_DAYS}
    founder = User.objects.filter(email__iexact=email).select_related("profile").first()
    language = getattr(getattr(founder, "profile", None), "language", None)
    language = language or translation.get_language()
    # Queued with the invitation: sent once it is committed, never for a rolled-back one.
    with translation.override(language):
        message = make_message("invite", email, ctx)
    mail_enqueue(message=message, kind="invite", caused_by=consultant)
    mailing.sent(who=consultant, to=email, why="consultant invitation")
    return invite


def invite_resolve(*, signed: str) -> ConsultantInvite:
    try:
        token = signing.loads(signed, salt=INVITE_SALT, max_age=timedelta(days=INVITE_DAYS))
    except signing.BadSignature as err:
        raise InviteNotFound from err
    invite = ConsultantInvite.objects.select_related("consultant").filter(token=token).first()
    if invite is None or not invite.is_open():
        raise InviteNotFound
    return invite


@transaction.atomic
def invite_answer(*, invite: ConsultantInvite, founder: User, accept: bool) -> ConsultantInvite:
    """The invited founder says yes or no; only the account with the invited address can."""
    invite = ConsultantInvite.objects.select_for_update().get(pk=invite.pk)
    if not invite.is_open():
        raise ValidationError(_("This invitation is no longer open."))
    if founder.email.lower() != invite.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s. Log in with that address to answer it.")
            % {"email": invite.email}
        )
    invite.state = ConsultantInvite.ACCEPTED if accept else ConsultantInvite.DECLINED
    invite.answered_at = timezone.now()
    invite.founder = founder
    invite.save(update_fields=["state", "answered_at", "founder"])
    if accept:
        account_consultants.consultant_add_client(consultant=invite.consultant, founder=founder)
    return invite


@transaction.atomic
def consultant_remove(*, founder: User, consultant: User) -> None:
    account_consultants.consultant_remove_client(consultant=consultant, founder=founder)


def task_note_add(*, task: Task, author: User, text: str) -> TaskNote:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note first.")})
    note = TaskNote(task=task, author=author, text=text)
    note.full_clean()
    note.save()
    return note


def change_record(
    *, founder: User, by: User, kind: str, label: str = "", fields=()
) -> ChangeRecord | None:
    """Keep who changed a founder's tasks or settings, when it was someone else."""
    if by is None or by.pk == founder.pk:
        return None
    return ChangeRecord.objects.create(
        founder=founder, by=by, kind=kind, label=label[:200], fields=list(fields)
    )

"""Mail around a handover: the link sent to a delegate, and the founder hearing back.

Services (writes), called from views and from the thin Celery tasks in sops/tasks.py. Every
mail is built by the one message builder, `make_message`, in the recipient's language,
currency and time zone.

- "Send to delegate": the link row moves "" → queued and its email goes to the outbox (in the
  view's transaction; sent on commit under the outbox's lease, retried, recovered by its beat);
  the outbox's outcome moves the link to sent or failed (`link_mail_state`).
- Hearing back: acknowledging a version or recording a run through a link records a
  HandoverEvent. At most one email an hour per founder: a compare-and-swap on the
  founder's NewsHour row claims the hour (only if an event waits), and the email carries every
  event not yet notified; it is queued in the outbox in that transaction, so no SMTP
  conversation happens while the events' rows are locked. Events that arrive within the hour
  wait for the beat — except an urgent note, and everything in the demo
  (settings.HEARD_BACK_AT_ONCE: no beat runs there), which go out at once the same way.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts import clock, mailing, money, ratelimit
from accounts.models import Profile
from mail.messages import make_message
from mail.models import OutgoingMail
from mail.outbox import mail_enqueue, outbox_deliver
from sops.models import NOTE_MAX, HandoverEvent, HandoverLink, NewsHour

NOTIFY_EVERY = timedelta(hours=1)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# --- the link, to the delegate --------------------------------------------------------------


def handover_mail_queue(*, link: HandoverLink, note: str) -> bool:
    """Queue the link for its delegate in the outbox, in the caller's transaction (sent once it
    commits); False when it can't go (no address, not active, or a founder whose address is
    not confirmed). The limits are the caller's (sops/views/sharing.py)."""
    if not link.delegate.email or not link.is_active():
        return False
    if not mailing.may_cause_mail(link.instruction.owner):
        return False
    link.mail_note = note.strip()[:NOTE_MAX]
    HandoverLink.objects.filter(pk=link.pk).update(
        mail_note=link.mail_note, mail_state=HandoverLink.MAIL_QUEUED
    )
    link = HandoverLink.objects.select_related("instruction__owner__profile", "delegate").get(
        pk=link.pk
    )
    mail_enqueue(
        message=_handover_message(link),
        kind="handover",
        caused_by=link.instruction.owner,
        subject_ref=_link_ref(link.pk),
    )
    return True


def handover_mail_deliver(*, link_id: int) -> bool:
    """Send the link's queued outbox mail now (a send task queued before the outbox, or a
    redelivery); True when this call sent it."""
    ids = list(
        OutgoingMail.objects.filter(
            subject_ref=_link_ref(link_id), state=OutgoingMail.QUEUED
        ).values_list("pk", flat=True)
    )
    return bool(ids) and outbox_deliver(mail_ids=ids).get("sent", 0) > 0


def handover_mail_recover() -> int:
    """Links left "queued" or "sending" by the send path before the outbox (its worker died
    and they stayed so for good): their mail goes to the outbox now, or fails when the link
    can no longer be sent. For the beat; returns how many were queued."""
    stuck = list(
        HandoverLink.objects.filter(
            mail_state__in=(HandoverLink.MAIL_QUEUED, HandoverLink.MAIL_SENDING)
        ).select_related("delegate")
    )
    queued = set(
        OutgoingMail.objects.filter(
            subject_ref__in=[_link_ref(link.pk) for link in stuck]
        ).values_list("subject_ref", flat=True)
    )
    count = 0
    for link in stuck:
        if _link_ref(link.pk) in queued:
            continue  # the outbox has it: its own beat recovers it
        with transaction.atomic():
            if handover_mail_queue(link=link, note=link.mail_note):
                count += 1
            else:
                HandoverLink.objects.filter(pk=link.pk).update(mail_state=HandoverLink.MAIL_FAILED)
    return count


def _handover_message(link: HandoverLink):
    # sops.services imports this module: import its link builder when it is needed.
    from sops.services import handover_path

    delegate, founder = link.delegate, link.instruction.owner
    ctx = {
        "delegate": delegate,
        "founder_name": founder.profile.introduction(),
        "for_delegation": link.for_delegation,
        "title": link.instruction.latest_version().title,
        "note": link.mail_note,
        "url": _absolute(handover_path(link)),
        "expires_at": link.expires_at,
    }
    profile = getattr(founder, "profile", None)
    zone = profile.time_zone if profile else None
    with translation.override(delegate.language), clock.founder_time(zone):
        message = make_message("handover", delegate.email, ctx)
    # Replies go to the founder only from a confirmed address: never to an address someone
    # merely typed in at sign-up.
    if founder.email and mailing.may_cause_mail(founder):
        message.reply_to = [founder.email]
    mailing.sent(who=founder, to=delegate.email, why="handover link")
    return message


def _link_ref(link_id: int) -> str:
    return f"sops.handoverlink:{link_id}"


# The outbox's outcome shows on the founder's page: sent (a "maybe sent" too: most likely it
# arrived), failed; a retry stays queued. Connected in SopsConfig.ready.
LINK_STATES = {
    OutgoingMail.SENT: HandoverLink.MAIL_SENT,
    OutgoingMail.MAYBE_SENT: HandoverLink.MAIL_SENT,
    OutgoingMail.FAILED: HandoverLink.MAIL_FAILED,
}


def link_mail_state(sender, *, mail: OutgoingMail, state: str, **kwargs) -> None:
    if mail.kind != "handover" or state not in LINK_STATES:
        return
    link_id = int(mail.subject_ref.rsplit(":", 1)[1])
    fields: dict[str, object] = {"mail_state": LINK_STATES[state]}
    if LINK_STATES[state] == HandoverLink.MAIL_SENT:
        fields["mailed_at"] = timezone.now()
    HandoverLink.objects.filter(pk=link_id).update(**fields)


# --- hearing back, to the founder -----------------------------------------------------------


def event_record(
    *,
    link: HandoverLink,
    kind: str,
    version_number: int,
    run=None,
    question=None,
    notify: bool = True,
) -> HandoverEvent:
    """A delegate did something through their link: note it, and try to tell the founder.
    notify=False (the demo's seed) records the news without ever mailing it."""
    founder_id = link.instruction.owner_id
    urgent = bool(run is not None and run.urgent)
    event = HandoverEvent.objects.create(
        founder_id=founder_id,
        link=link,
        kind=kind,
        version_number=version_number,
        run=run,
        question=question,
        needs_attention=question is not None
        or (run is not None and bool(run.notes or run.unchecked_steps())),
        urgent=urgent,
        notified_at=None if notify else timezone.now(),
    )
    if not notify:
        return event
    from sops.tasks import notifications_send

    # An urgent note skips the hour, a few times an hour per link; beyond that it is batched.
    at_once = settings.HEARD_BACK_AT_ONCE or (
        urgent and ratelimit.hit(ratelimit.URGENT_NOTE, f"link:{link.pk}")
    )
    notifications_send.delay_on_commit(founder_id, at_once=at_once)
    return event


def founders_waiting(*, now: datetime) -> list[int]:
    """Founders with news not yet mailed whose hour has passed (for the beat)."""
    return list(_claimable(now).values_list("user_id", flat=True).order_by("user_id"))


# Who may get a news email: they asked for it, and their address is confirmed (no news to an
# address its founder has not confirmed, security issue #19). On Profile.
WANTS_NEWS = Q(notify_enabled=True, email_confirmed_at__isnull=False)


def _hour_passed(now: datetime) -> Q:
    """On NewsHour: no news email within NOTIFY_EVERY (an empty time: never sent)."""
    return Q(notified_at__isnull=True) | Q(notified_at__lte=now - NOTIFY_EVERY)


def _claimable(now: datetime):
    """Founders with news waiting whose hour has passed (no row: never sent)."""
    pending = HandoverEvent.objects.filter(founder_id=OuterRef("user_id"), notified_at=None)
    within_the_hour = NewsHour.objects.filter(founder_id=OuterRef("user_id")).exclude(
        _hour_passed(now)
    )
    return Profile.objects.filter(WANTS_NEWS, ~Exists(within_the_hour), Exists(pending))


@transaction.atomic
def notifications_deliver(
    *, founder_id: int, now: datetime | None = None, at_once: bool = False
) -> int:
    """One email with everything the founder has not heard yet, if their hour has passed (or
    at once: an urgent note, the demo); returns how many events it carried (0: nothing sent)."""
    now = now or timezone.now()
    # The compare-and-swap: of two workers, only one moves notified_at into this hour. The
    # founder's row is made first if missing (empty: never sent), so there is one to swap;
    # a second worker's INSERT waits for the first's and then does nothing.
    if not NewsHour.objects.filter(founder_id=founder_id).exists():
        if not Profile.objects.filter(user_id=founder_id).exists():
            return 0  # the founder's account is gone
        NewsHour.objects.bulk_create([NewsHour(founder_id=founder_id)], ignore_conflicts=True)
    pending = HandoverEvent.objects.filter(founder_id=OuterRef("founder_id"), notified_at=None)
    wants = Profile.objects.filter(WANTS_NEWS, user_id=OuterRef("founder_id"))
    hour = NewsHour.objects.filter(Exists(pending), Exists(wants), founder_id=founder_id)
    if not at_once:
        hour = hour.filter(_hour_passed(now))
    if not hour.update(notified_at=now):
        return 0
    profile = Profile.objects.select_related("user").get(user_id=founder_id)
    events = list(
        HandoverEvent.objects.select_for_update(of=("self",))
        .filter(founder_id=founder_id, notified_at=None)
        .select_related("link__delegate", "link__instruction", "run__version", "question")
        .order_by("-urgent", "-needs_attention", "created_at", "pk")
    )
    if not events:
        return 0
    HandoverEvent.objects.filter(pk__in=[e.pk for e in events]).update(notified_at=now)
    ctx = {
        "profile": profile,
        "urgent": any(event.urgent for event in events),
        "items": [_item(event) for event in events],
        "settings_url": _absolute(reverse("settings")),
    }
    with (
        translation.override(profile.language),
        money.override(profile.currency),
        clock.founder_time(profile.time_zone),
    ):
        message = make_message("heard_back", profile.user.email, ctx)
    # Queued with the marks, in this transaction; SMTP only after the commit, with no row
    # lock held (the outbox retries a failure; the news is not lost).
    mail_enqueue(message=message, kind="heard_back", caused_by=None)
    mailing.sent(who="a delegate's link", to=profile.user.email, why="news from delegates")
    return len(events)


def _item(event: HandoverEvent) -> dict:
    instruction = event.link.instruction
    item = {
        "kind": event.kind,
        "delegate": event.link.delegate.name,
        "title": instruction.title,
        "version": event.version_number,
        "at": event.created_at,
        "url": _absolute(reverse("instruction_detail", args=[instruction.pk])),
        "urgent": event.urgent,
        "question": event.question.text if event.question else "",
    }
    run = event.run
    if run is not None:
        item.update(
            performed_on=run.performed_on,
            checked=len(run.checked_steps),
            total=len(run.version.steps),
            unchecked=run.unchecked_steps(),
            notes=run.notes,
            minutes=run.minutes,
        )
    return item

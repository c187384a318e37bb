"""The weekly "buy back your time" digest: claim, snapshot, build, send, unsubscribe.

Exactly once per founder per ISO week (the founder's week, in their time zone):

1. claim — in one transaction, a compare-and-swap on Profile.next_digest_at (only the process
   whose UPDATE still saw the old value goes on) and the WeeklyDigest row, whose unique
   (founder, ISO year, ISO week) constraint stops a second one whatever races;
2. send — under a row lock the row moves claimed → sending before anyone talks to SMTP, so a
   redelivered or retried task finds nothing to do; then sent, or back to claimed on a
   transient SMTP error (retried with backoff), or failed on a permanent one;
3. recover — a row left in claimed or sending for CLAIM_TIMEOUT (a worker killed between
   claim and send) is handed to a sender again by the next beat.

The content lives in digest/content.py; every email goes through outsourcing.emails.make_message.
"""

import smtplib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Case, DateTimeField, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from accounts.models import Profile
from digest import content as digest_content
from digest import schedule
from digest.content import digest_context
from digest.models import WeeklyDigest
from outsourcing.emails import make_message

CHUNK_SIZE = 100
# A claim older than this is taken to be orphaned (its worker died); well above the time a
# chunk takes, and above the longest retry backoff.
CLAIM_TIMEOUT = timedelta(minutes=30)
MAX_ATTEMPTS = 5
UNSUBSCRIBE_SALT = "tasks.digest.unsubscribe"
SNAPSHOT_FIELDS = list(digest_content.SNAPSHOT_FIELDS)


@dataclass
class SendResult:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)


def chunks(ids: list[int], size: int = CHUNK_SIZE) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# --- scheduling -----------------------------------------------------------------------------


def digest_next_at(*, profile: Profile, now: datetime) -> datetime | None:
    """When this founder's next digest is due; None when they turned it off."""
    if not profile.digest_enabled:
        return None
    week = schedule.iso_week(now, profile.time_zone)
    taken = WeeklyDigest.objects.filter(
        founder_id=profile.user_id, iso_year=week.year, iso_week=week.week
    ).exists()
    return schedule.next_digest_at(now, profile.digest_schedule(), sent_this_week=taken)


def due_founder_ids(*, now: datetime, force: bool = False, email: str = "") -> list[int]:
    """Founders (user ids) to look at, in one query: those whose next digest time has come,
    or whose time is not computed yet; with `force`, everyone with the digest on."""
    profiles = Profile.objects.filter(digest_enabled=True)
    if email:
        profiles = profiles.filter(user__email__iexact=email)
    if not force:
        profiles = profiles.filter(Q(next_digest_at__lte=now) | Q(next_digest_at__isnull=True))
    return list(profiles.order_by("user_id").values_list("user_id", flat=True))


def stale_digest_ids(*, now: datetime) -> list[int]:
    """Claims nobody finished within CLAIM_TIMEOUT: their worker died or their task was lost."""
    return list(
        WeeklyDigest.objects.filter(
            state__in=(WeeklyDigest.CLAIMED, WeeklyDigest.SENDING),
            claimed_at__lt=now - CLAIM_TIMEOUT,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- claim ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    profile: Profile
    week: schedule.IsoWeek
    due: bool
    new_next: datetime


def digests_claim(*, founder_ids: Iterable[int], now: datetime, force: bool = False) -> list[int]:
    """Claim this week's digest for each founder whose slot has come (all of them with
    `force`); returns the ids of the WeeklyDigest rows this call created."""
    profiles = Profile.objects.filter(user_id__in=list(founder_ids), digest_enabled=True).only(
        "user_id", "time_zone", "digest_weekday", "digest_hour", "next_digest_at"
    )
    return claim_profiles(list(profiles.order_by("user_id")), now=now, force=force)


def claim_profiles(profiles: list[Profile], *, now: datetime, force: bool = False) -> list[int]:
    """The claim for profiles as read (their next_digest_at is the compare-and-swap's
    expected value), in one transaction and a constant number of queries: one UPDATE swaps
    every founder's next time, and only if it swapped all of them; after a lost race (another
    claimer moved one) it is undone and each founder is claimed on their own, as before."""
    claims = [_plan_claim(profile, now=now, force=force) for profile in profiles]
    if not claims:
        return []
    with transaction.atomic():
        if not _swap_all(claims):
            claimed = [_claim_one(profile, now=now, force=force) for profile in profiles]
            return [digest_id for digest_id in claimed if digest_id is not None]
        return _insert_rows([_ledger_row(claim) for claim in claims if claim.due])


def _plan_claim(profile: Profile, *, now: datetime, force: bool) -> _Claim:
    plan = profile.digest_schedule()
    week = schedule.iso_week(now, profile.time_zone)
    due = force or schedule.is_due(now, plan)
    # Due: the next one is next week's. Not due yet (first computation, or a whole week
    # missed): wait for this week's slot.
    new_next = schedule.slot(week.next() if due else week, plan)
    return _Claim(profile, week, due, new_next)


def _expected(profile: Profile) -> Q:
    """The compare of the compare-and-swap: next_digest_at still as this process read it."""
    old = profile.next_digest_at
    same = Q(next_digest_at=old) if old else Q(next_digest_at__isnull=True)
    return Q(pk=profile.pk) & same


def _swap_all(claims: list[_Claim]) -> bool:
    expected = Q()
    for claim in claims:
        expected |= _expected(claim.profile)
    new_next = Case(
        *(When(pk=claim.profile.pk, then=Value(claim.new_next)) for claim in claims),
        output_field=DateTimeField(),
    )
    try:
        with transaction.atomic():
            swapped = Profile.objects.filter(expected).update(next_digest_at=new_next)
            if swapped != len(claims):
                raise _LostRace
    except _LostRace:
        return False
    return True


class _LostRace(Exception):
    """Another claimer moved a founder's next time first: undo the bulk swap."""


def _ledger_row(claim: _Claim) -> WeeklyDigest:
    return WeeklyDigest(
        founder_id=claim.profile.user_id,
        iso_year=claim.week.year,
        iso_week=claim.week.week,
        claimed_at=timezone.now(),
    )


def _insert_rows(rows: list[WeeklyDigest]) -> list[int]:
    """Create the ledger rows in one INSERT; the weeks already claimed (a second run, a forced
    one) are left out first, and a race the check missed falls back to one at a time, where
    the unique constraint turns the loser away."""
    if not rows:
        return []
    taken = set(
        WeeklyDigest.objects.filter(
            founder_id__in={row.founder_id for row in rows},
            iso_year__in={row.iso_year for row in rows},
            iso_week__in={row.iso_week for row in rows},
        ).values_list("founder_id", "iso_year", "iso_week")
    )
    rows = [row for row in rows if (row.founder_id, row.iso_year, row.iso_week) not in taken]
    try:
        with transaction.atomic():
            return [row.pk for row in WeeklyDigest.objects.bulk_create(rows)]
    except IntegrityError:
        return [row.pk for row in rows if _insert_one(row)]


def _insert_one(row: WeeklyDigest) -> bool:
    row.pk = None
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        return False  # this week's digest was claimed already (a second run, a race)
    return True


def _claim_one(profile: Profile, *, now: datetime, force: bool) -> int | None:
    """One founder's claim on its own: the compare-and-swap, then the ledger row."""
    claim = _plan_claim(profile, now=now, force=force)
    with transaction.atomic():
        swapped = Profile.objects.filter(_expected(profile)).update(next_digest_at=claim.new_next)
        if not swapped or not claim.due:
            return None
        row = _ledger_row(claim)
        return row.pk if _insert_one(row) else None


# --- send -----------------------------------------------------------------------------------


def digests_send(*, digest_ids: Iterable[int], now: datetime | None = None) -> SendResult:
    """Send the claimed digests over one SMTP connection; skip any another sender has."""
    now = now or timezone.now()
    result = SendResult()
    digests = _start_sending(list(digest_ids))
    if not digests:
        return result
    reads = digest_content.chunk_reads(digests)
    connection = get_connection()
    try:
        _open(connection)
        # One language at a time: the catalogue is switched once per group, not per digest.
        for language, group in _by_language(digests):
            with translation.override(language):
                for digest in group:
                    outcome = _send_one(digest, reads=reads, connection=connection, now=now)
                    getattr(result, outcome).append(digest.pk)
    finally:
        connection.close()
    return result


def _by_language(digests: list[WeeklyDigest]) -> list[tuple[str, list[WeeklyDigest]]]:
    groups: dict[str, list[WeeklyDigest]] = {}
    for digest in digests:
        groups.setdefault(digest.founder.profile.language, []).append(digest)
    return list(groups.items())


def _start_sending(digest_ids: list[int]) -> list[WeeklyDigest]:
    """claimed → sending under row locks, for the whole chunk in one transaction; rows another
    sender has (or that are done) are left out. An orphaned sending row counts as claimed."""
    started = timezone.now()
    with transaction.atomic():
        digests = list(
            WeeklyDigest.objects.select_for_update(of=("self",))
            .select_related("founder__profile")
            .filter(pk__in=digest_ids)
            .filter(
                Q(state=WeeklyDigest.CLAIMED)
                | Q(state=WeeklyDigest.SENDING, claimed_at__lt=started - CLAIM_TIMEOUT)
            )
            .order_by("pk")  # the same lock order in every sender: no deadlocks
        )
        if digests:
            WeeklyDigest.objects.filter(pk__in=[d.pk for d in digests]).update(
                state=WeeklyDigest.SENDING, attempts=F("attempts") + 1, claimed_at=started
            )
    for digest in digests:
        digest.state, digest.attempts, digest.claimed_at = (
            WeeklyDigest.SENDING,
            digest.attempts + 1,
            started,
        )
    return digests


def _send_one(digest: WeeklyDigest, *, reads, connection, now: datetime) -> str:
    profile = digest.founder.profile
    if not profile.digest_enabled:
        _finish(digest, WeeklyDigest.FAILED, error="The founder turned the digest off.")
        return "failed"
    try:
        ctx = digest_context(
            digest=digest,
            profile=profile,
            now=now,
            unsubscribe_url=unsubscribe_url(founder_id=profile.user_id),
            reads=reads,
        )
        message = make_message(
            "digest", digest.founder.email, ctx, headers=unsubscribe_headers(ctx)
        )
        for name, value in ctx["snapshot"].items():
            setattr(digest, name, value)
        digest.snapshot_at = now
        connection.send_messages([message])
    except Exception as err:  # noqa: BLE001 — recorded on the row, visible in the admin
        if isinstance(err, OSError):
            _reopen(connection)  # a broken session must not fail the rest of the chunk
        if is_transient(err) and digest.attempts < MAX_ATTEMPTS:
            _finish(digest, WeeklyDigest.CLAIMED, error=_describe(err))
            return "retry"
        _finish(digest, WeeklyDigest.FAILED, error=_describe(err))
        return "failed"
    _finish(digest, WeeklyDigest.SENT)
    return "sent"


def _open(connection) -> None:
    # Opened here, the connection carries the whole chunk; Django's backend would otherwise
    # connect and quit around every message. If the server is down, each send below tries
    # again on its own and records the error.
    try:
        connection.open()
    except OSError:
        connection.close()


def _reopen(connection) -> None:
    connection.close()
    _open(connection)


def _finish(digest: WeeklyDigest, state: str, *, error: str = "") -> None:
    digest.state = state
    digest.last_error = error
    if state == WeeklyDigest.SENT:
        digest.sent_at = timezone.now()
    if state == WeeklyDigest.CLAIMED:
        digest.claimed_at = timezone.now()
    digest.save(
        update_fields=[
            *SNAPSHOT_FIELDS,
            "snapshot_at",
            "state",
            "last_error",
            "sent_at",
            "claimed_at",
        ]
    )


def is_transient(err: Exception) -> bool:
    """4xx replies and lost connections are worth another try; 5xx replies are not."""
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in err.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    code = getattr(err, "smtp_code", None)
    if isinstance(code, int) and code > 0:
        return 400 <= code < 500
    return isinstance(err, OSError)  # refused, reset, timed out, disconnected


def _describe(err: Exception) -> str:
    return f"{type(err).__name__}: {err}"[:2000]


def retry_delay(retries: int) -> int:
    """Seconds before the next try: 1, 2, 4, 8 minutes (the claim timeout is above them)."""
    return 60 * 2 ** min(retries, 3)


# --- email ----------------------------------------------------------------------------------


def unsubscribe_headers(ctx: dict) -> dict:
    # RFC 8058: a mail client POSTs "List-Unsubscribe=One-Click" to this URL.
    return {
        "List-Unsubscribe": f"<{ctx['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- unsubscribe ----------------------------------------------------------------------------


def unsubscribe_token(*, founder_id: int) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(founder_id))


def unsubscribe_url(*, founder_id: int) -> str:
    query = urlencode({"token": unsubscribe_token(founder_id=founder_id)})
    return f"{settings.SITE_URL}{reverse('digest_unsubscribe')}?{query}"


def profile_for_token(token: str) -> Profile | None:
    """The founder a signed token names; None for a tampered or unknown one."""
    try:
        founder_id = int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    return Profile.objects.select_related("user").filter(user_id=founder_id).first()


def digest_unsubscribe(*, profile: Profile) -> Profile:
    profile.digest_enabled = False
    profile.next_digest_at = None
    profile.save(update_fields=["digest_enabled", "next_digest_at"])
    return profile


# --- reads for the command and the dashboard ------------------------------------------------


def pending(*, founder_ids: list[int], now: datetime, force: bool = False) -> list[tuple]:
    """(email, ISO week) of the digests a claim would create now; changes nothing."""
    profiles = Profile.objects.filter(user_id__in=founder_ids, digest_enabled=True)
    taken = set(
        WeeklyDigest.objects.filter(
            founder_id__in=founder_ids, claimed_at__gte=now - timedelta(days=8)
        ).values_list("founder_id", "iso_year", "iso_week")
    )
    rows = []
    for profile in profiles.select_related("user").order_by("user_id"):
        week = schedule.iso_week(now, profile.time_zone)
        if (profile.user_id, week.year, week.week) in taken:
            continue
        if force or schedule.is_due(now, profile.digest_schedule()):
            rows.append((profile.user.email, week))
    return rows


def founder_trend(*, founder_id: int, weeks: int = 8) -> list[WeeklyDigest]:
    """The founder's last weekly snapshots, oldest first, for the dashboard's trend."""
    rows = WeeklyDigest.objects.filter(
        founder_id=founder_id, state=WeeklyDigest.SENT, snapshot_at__isnull=False
    )[:weeks]
    return list(reversed(rows))

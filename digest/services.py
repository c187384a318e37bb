"""The weekly "buy back your time" digest: scheduling, the claim, the email, unsubscribe.

Exactly once per founder per ISO week (the founder's week, in their time zone): in one
transaction, a compare-and-swap on Profile.next_digest_at (only the process whose UPDATE still
saw the old value goes on) and the WeeklyDigest row, whose unique (founder, ISO year, ISO week)
constraint stops a second one whatever races. Sending it — under a lease per digest, with
retries and recovery — lives in digest/sending.py, the content in digest/content.py;
every email goes through mail.messages.make_message.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Case, DateTimeField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts import schedule
from accounts.models import Profile
from digest.models import WeeklyDigest

UNSUBSCRIBE_SALT = "tasks.digest.unsubscribe"
# An unsubscribe link works for a year after its digest (security issue #19).
UNSUBSCRIBE_VALID_FOR = timedelta(days=365)
# Links mailed before they carried a timestamp keep working until a year after the change,
# then stop: digests already in inboxes keep a working unsubscribe (a mail's unsubscribe must
# not break days after it arrived), and from that date none of those links is younger than a
# year, the age at which a new one stops too. A stolen old link could only turn a digest off.
UNSUBSCRIBE_UNTIMED_UNTIL = datetime(2027, 12, 5, tzinfo=UTC)


def chunks(ids: list[int], size: int | None = None) -> Iterator[list[int]]:
    """Founders or digests in chunks of DIGEST_CHUNK_SIZE (100): one task, one SMTP session."""
    size = size or settings.DIGEST_CHUNK_SIZE
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# --- scheduling -----------------------------------------------------------------------------


def due_founder_ids(*, now: datetime, force: bool = False, email: str = "") -> list[int]:
    """Founders (user ids) to look at, in one query: those whose next digest time has come,
    or whose time is not computed yet; with `force`, everyone with the digest on."""
    profiles = Profile.objects.filter(digest_enabled=True, email_confirmed_at__isnull=False)
    if email:
        profiles = profiles.filter(user__email__iexact=email)
    if not force:
        profiles = profiles.filter(Q(next_digest_at__lte=now) | Q(next_digest_at__isnull=True))
    return list(profiles.order_by("user_id").values_list("user_id", flat=True))


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
    # Only confirmed addresses get mail (security issue #8).
    profiles = Profile.objects.filter(
        user_id__in=list(founder_ids), digest_enabled=True, email_confirmed_at__isnull=False
    ).only("user_id", "time_zone", "digest_weekday", "digest_hour", "next_digest_at")
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
    claimed_at = timezone.now()
    return WeeklyDigest(
        founder_id=claim.profile.user_id,
        iso_year=claim.week.year,
        iso_week=claim.week.week,
        claimed_at=claimed_at,
        # The claim's own send task takes it at once; if that task is lost, the recovery
        # beat hands the row to a sender a lease later.
        retry_at=claimed_at + timedelta(seconds=settings.DIGEST_LEASE_SECONDS),
        retry_until=schedule.retry_until(
            claim.week,
            claim.profile.time_zone,
            claimed_at=claimed_at,
            late=timedelta(seconds=settings.DIGEST_LATE_SECONDS),
        ),
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


# --- email ----------------------------------------------------------------------------------


def unsubscribe_headers(ctx: dict) -> dict:
    # RFC 8058: a mail client POSTs "List-Unsubscribe=One-Click" to this URL.
    return {
        "List-Unsubscribe": f"<{ctx['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- unsubscribe ----------------------------------------------------------------------------


def unsubscribe_token(*, founder_id: int) -> str:
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign(str(founder_id))


def unsubscribe_url(*, founder_id: int) -> str:
    query = urlencode({"token": unsubscribe_token(founder_id=founder_id)})
    return f"{settings.SITE_URL}{reverse('digest_unsubscribe')}?{query}"


def profile_for_token(token: str) -> Profile | None:
    """The founder a signed token names; None for a tampered, unknown or expired one."""
    timed = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)
    founder_id: int | None
    try:
        founder_id = int(timed.unsign(token or "", max_age=UNSUBSCRIBE_VALID_FOR))
    except signing.SignatureExpired:
        return None
    except (signing.BadSignature, ValueError):
        founder_id = _untimed_founder_id(token)
    if founder_id is None:
        return None
    return Profile.objects.select_related("user").filter(user_id=founder_id).first()


def _untimed_founder_id(token: str) -> int | None:
    """A link from before the timestamp (see UNSUBSCRIBE_UNTIMED_UNTIL)."""
    if timezone.now() >= UNSUBSCRIBE_UNTIMED_UNTIL:
        return None
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None


def digest_unsubscribe(*, profile: Profile) -> Profile:
    profile.digest_enabled = False
    profile.next_digest_at = None
    profile.save(update_fields=["digest_enabled", "next_digest_at"])
    return profile


# --- reads for the command and the dashboard ------------------------------------------------


def pending(*, founder_ids: list[int], now: datetime, force: bool = False) -> list[tuple]:
    """(email, ISO week) of the digests a claim would create now; changes nothing."""
    profiles = Profile.objects.filter(
        user_id__in=founder_ids, digest_enabled=True, email_confirmed_at__isnull=False
    )
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

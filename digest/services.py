"""The weekly "buy back your time" digest: scheduling, the claim, the email, unsubscribe.

Exactly once per founder per ISO week (the founder's week, in their time zone): in one
transaction, a compare-and-swap on the founder's DigestSlot (only the process whose UPDATE
still saw the slot as it read it, or whose INSERT of a first plan won, goes on) and the
WeeklyDigest row, whose unique (founder, ISO year, ISO week) constraint stops a second one
whatever races. Sending it — under a lease per digest, with
retries and recovery — lives in digest/sending.py, the content in digest/content.py;
every email goes through mail.messages.make_message.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    Field,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts import schedule
from accounts import services as account_services
from accounts.models import Profile
from digest.models import DigestSlot, WeeklyDigest

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
    """Founders (user ids) to look at, in one query: everyone with the digest on but those
    whose next digest is planned, for their current schedule, after `now` — so a founder
    whose time has come, who was never planned, or who changed their schedule since is
    looked at; with `force`, everyone with the digest on."""
    profiles = Profile.objects.filter(digest_enabled=True, email_confirmed_at__isnull=False)
    if email:
        profiles = profiles.filter(user__email__iexact=email)
    if not force:
        waiting = DigestSlot.objects.filter(
            founder_id=OuterRef("user_id"),
            next_digest_at__gt=now,
            weekday=OuterRef("digest_weekday"),
            hour=OuterRef("digest_hour"),
            time_zone=OuterRef("time_zone"),
        )
        profiles = profiles.filter(~Exists(waiting))
    return list(profiles.order_by("user_id").values_list("user_id", flat=True))


def slots_reset(*, founder_ids: Iterable[int]) -> None:
    """Mark these founders' next digest as not computed, planned for their schedule as it is:
    the next claim computes it and claims this week's digest if its slot has come (and it is
    not out yet: the ledger). For the tests and the benches ("due now"); the app needs none."""
    profiles = Profile.objects.filter(user_id__in=list(founder_ids)).values_list(
        "user_id", "digest_weekday", "digest_hour", "time_zone"
    )
    DigestSlot.objects.bulk_create(
        [DigestSlot(founder_id=u, weekday=d, hour=h, time_zone=z) for u, d, h, z in profiles],
        update_conflicts=True,
        unique_fields=["founder"],
        update_fields=["next_digest_at", "weekday", "hour", "time_zone"],
    )


# --- claim ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    profile: Profile
    slot: DigestSlot | None  # as read with the profile: the compare-and-swap's expected value
    week: schedule.IsoWeek
    due: bool
    new_next: datetime


def digests_claim(*, founder_ids: Iterable[int], now: datetime, force: bool = False) -> list[int]:
    """Claim this week's digest for each founder whose slot has come (all of them with
    `force`); returns the ids of the WeeklyDigest rows this call created."""
    # Only confirmed addresses get mail (security issue #8).
    profiles = Profile.objects.filter(
        user_id__in=list(founder_ids), digest_enabled=True, email_confirmed_at__isnull=False
    )
    return claim_profiles(list(with_slots(profiles).order_by("user_id")), now=now, force=force)


def with_slots(profiles):
    """Profiles read with their digest slot in the same query (the claim's expected values)."""
    return profiles.select_related("user__digest_slot").only(
        "user_id",
        "time_zone",
        "digest_weekday",
        "digest_hour",
        "user__id",
        "user__digest_slot__founder_id",
        "user__digest_slot__next_digest_at",
        "user__digest_slot__weekday",
        "user__digest_slot__hour",
        "user__digest_slot__time_zone",
    )


def _slot_of(profile: Profile) -> DigestSlot | None:
    try:
        return profile.user.digest_slot
    except DigestSlot.DoesNotExist:
        return None


def claim_profiles(profiles: list[Profile], *, now: datetime, force: bool = False) -> list[int]:
    """The claim for profiles as read with their slots (`with_slots`: the compare-and-swap's
    expected values), in one transaction and a constant number of queries: one UPDATE swaps
    every planned founder's slot and one INSERT plans those without one, and only if both
    took all of them; after a lost race (another claimer moved or created one) it is undone
    and each founder is claimed on their own, as before."""
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
    slot = _slot_of(profile)
    if slot is None and not force:
        # Never planned: the first digest is this week's slot if it is still ahead, else
        # next week's — planned now, claimed when it comes.
        first = schedule.next_digest_at(now, plan, sent_this_week=schedule.is_due(now, plan))
        return _Claim(profile, slot, week, False, first)
    due = force or schedule.is_due(now, plan)
    # Due: the next one is next week's. Not due yet (first computation, a changed schedule,
    # or a whole week missed): wait for this week's slot.
    new_next = schedule.slot(week.next() if due else week, plan)
    return _Claim(profile, slot, week, due, new_next)


def _expected(slot: DigestSlot) -> Q:
    """The compare of the compare-and-swap: the slot still as this process read it."""
    old = slot.next_digest_at
    same = Q(next_digest_at=old) if old else Q(next_digest_at__isnull=True)
    planned = Q(weekday=slot.weekday, hour=slot.hour, time_zone=slot.time_zone)
    return Q(pk=slot.pk) & same & planned


def _new_slot(claim: _Claim) -> DigestSlot:
    plan = claim.profile.digest_schedule()
    return DigestSlot(
        founder_id=claim.profile.user_id,
        next_digest_at=claim.new_next,
        weekday=plan.weekday,
        hour=plan.hour,
        time_zone=plan.time_zone,
    )


def _swap_all(claims: list[_Claim]) -> bool:
    planned = [claim for claim in claims if claim.slot is not None]
    fresh = [claim for claim in claims if claim.slot is None]
    try:
        with transaction.atomic():
            if planned and _swap(planned) != len(planned):
                raise _LostRace
            # Another claimer's row for the same founder: the primary key turns this away.
            DigestSlot.objects.bulk_create([_new_slot(claim) for claim in fresh])
    except (_LostRace, IntegrityError):
        return False
    return True


# The slot's columns the swap writes, with their types for the CASE of each.
_SWAPPED: dict[str, Field] = {
    "next_digest_at": DateTimeField(),
    "weekday": IntegerField(),
    "hour": IntegerField(),
    "time_zone": CharField(),
}


def _swap(claims: list[_Claim]) -> int:
    """One UPDATE: each founder's slot, if still as read, to its new time and schedule."""
    expected = Q()
    for claim in claims:
        expected |= _expected(claim.slot)  # type: ignore[arg-type]  # planned: a slot
    rows = [_new_slot(claim) for claim in claims]
    values = {
        name: Case(
            *(When(pk=row.pk, then=Value(getattr(row, name))) for row in rows),
            output_field=field,
        )
        for name, field in _SWAPPED.items()
    }
    return DigestSlot.objects.filter(expected).update(**values)


class _LostRace(Exception):
    """Another claimer moved a founder's slot first: undo the bulk swap."""


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
    """One founder's claim on its own: the compare-and-swap (or the first plan's INSERT),
    then the ledger row."""
    claim = _plan_claim(profile, now=now, force=force)
    with transaction.atomic():
        if claim.slot is not None:
            swapped = _swap([claim])
        else:
            try:
                with transaction.atomic():
                    _new_slot(claim).save(force_insert=True)
                swapped = 1
            except IntegrityError:
                swapped = 0  # another claimer planned this founder first
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
    """The founder's choice is their profile's (accounts writes it); their slot stays: the
    due query and the claim leave a founder with the digest off alone, and turning it on
    again claims this week's digest if its slot has come and it is not out yet."""
    return account_services.profile_digest_off(profile=profile)


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

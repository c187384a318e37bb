"""Every write to a founder's account and profile: sign-up, settings, language, visits.

A profile change that moves the figures (hourly value, capacity, thresholds) must re-run the
classification of the founder's tasks: tasks.founder_settings does both in one transaction.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import numbers, zones
from accounts.models import FIT_ORDER_CHOICES, Profile, User


def founder_signup(
    *,
    email: str,
    password: str,
    language: str = "en",
    time_zone: str = "",
    email_confirmed: bool = False,
) -> User:
    """A new founder. Their address gets no mail but the confirmation until they confirm it;
    `email_confirmed` is for founders whose address is known good (the demo, tests)."""
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password)
        profile = Profile(user=user, language=language)
        if time_zone in zones.TIME_ZONES:
            profile.time_zone = time_zone
        if email_confirmed:
            profile.email_confirmed_at = timezone.now()
        # The digest plans the first one at its next beat (this week's slot if it is still
        # ahead, else next week's): digest.models.DigestSlot.
        profile.save()
    return user


# A new visit starts after this long away; in between, "last seen" is kept in the cache,
# refreshed this often, and kept this long (past it, the database's start of the visit counts).
VISIT_GAP = timedelta(hours=1)
SEEN_EVERY = timedelta(minutes=5)
SEEN_KEPT = timedelta(days=60)


def seen_key(user_id: int) -> str:
    """Where the cache keeps the founder's "last seen" within a visit."""
    return f"visit:seen:{user_id}"


# `founder_visit(seen=...)` not given: read the cache here.
UNREAD = object()


def founder_visit(
    *,
    profile: Profile,
    now: datetime,
    write: Callable[[Callable[[], None]], None] | None = None,
    seen: object = UNREAD,
) -> Profile:
    """Note that the founder is here. Returning after VISIT_GAP starts a new visit: the end
    of the previous one becomes what "since your last visit" counts from (set on `profile` at
    once). The database is written once a visit, at its start — by `write(fn)` when given
    (the dashboard runs it after the response is sent), else here; within a visit "last seen"
    lives in the cache, so a page view writes no row. `seen`: the cache's value under
    `seen_key` when the caller read it already (the dashboard reads it with its page)."""
    key = seen_key(profile.user_id)
    cached = cache.get(key) if seen is UNREAD else seen
    times = [t for t in (cached, profile.last_seen_at) if isinstance(t, datetime)]
    last = max(times) if times else None
    if last is not None and now - last < VISIT_GAP:
        if now - last >= SEEN_EVERY:
            cache.set(key, now, SEEN_KEPT.total_seconds())
        return profile
    changes: dict[str, datetime | None] = {"last_seen_at": now, "previous_visit_at": last}
    for name, value in changes.items():
        setattr(profile, name, value)
    cache.set(key, now, SEEN_KEPT.total_seconds())

    def record() -> None:
        Profile.objects.filter(pk=profile.pk).update(**changes)

    (write or _now)(record)
    return profile


def _now(fn: Callable[[], None]) -> None:
    fn()


def profile_write(*, profile: Profile, **fields) -> Profile:
    """Write the founder's settings, validated. The rules that read them run above this app:
    tasks.founder_settings re-classifies the tasks in the same transaction, and the digest
    notices a changed schedule at its next beat and plans its next slot anew (it keeps the
    schedule it planned for: digest.models.DigestSlot); nothing of the digest's is written
    here."""
    for key, value in fields.items():
        setattr(profile, key, value)
    if profile.yearly_income is not None:
        # Given an income, the hourly value is Martell's: income ÷ 2,000 hours.
        profile.hourly_value = numbers.hourly_value_from_income(profile.yearly_income)
    profile.full_clean(exclude=["user", "consultants"])
    profile.save()
    return profile


def profile_digest_off(*, profile: Profile) -> Profile:
    """The digest's unsubscribe link: only this choice changes, so nothing is re-classified."""
    profile.digest_enabled = False
    profile.save(update_fields=["digest_enabled"])
    return profile


def profile_set_language(*, profile: Profile, language: str) -> Profile:
    """The language switch: only the language changes, so nothing is re-classified."""
    profile.language = language
    profile.save(update_fields=["language"])
    return profile


def profile_set_fit_order(*, profile: Profile, order: str) -> Profile:
    """Which next moves come first when the plan is over budget: the dashboard and the digest
    both read it. Only this field changes, so nothing is re-classified."""
    if order not in dict(FIT_ORDER_CHOICES):
        raise ValidationError({"fit_order": _("Choose one of the orders offered.")})
    profile.fit_order = order
    profile.save(update_fields=["fit_order"])
    return profile


# What the first run asks, beside the currency (accounts.forms.FirstRunForm).
FIRST_RUN_FIELDS = (
    "hourly_value",
    "yearly_income",
    "weekly_capacity",
    "monthly_budget",
    "default_va_rate",
    "default_specialist_rate",
)

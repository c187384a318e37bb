"""The claim's compare-and-swap: a claimer that read a founder's profile before the founder
changed their digest settings must not overwrite the new next time with its stale plan."""

from datetime import timedelta

from accounts.models import Profile
from digest import services as digest
from digest.models import WeeklyDigest
from digest.tests.digest_support import MONDAY, plan


def test_a_settings_change_between_read_and_swap_keeps_the_new_next_time(alice):
    plan(alice, next_at=MONDAY - timedelta(hours=2))  # Monday's slot: due at MONDAY
    stale = list(Profile.objects.filter(user=alice))  # the claimer reads ...
    thursday = MONDAY + timedelta(days=3)
    # ... then the founder moves their digest to Thursday before the claimer swaps.
    Profile.objects.filter(user=alice).update(digest_weekday=3, next_digest_at=thursday)

    claimed = digest.claim_profiles(stale, now=MONDAY)

    assert claimed == []
    assert not WeeklyDigest.objects.exists()
    assert Profile.objects.get(user=alice).next_digest_at == thursday


def test_the_same_claim_goes_through_when_nothing_changed_in_between(alice):
    plan(alice, next_at=MONDAY - timedelta(hours=2))
    fresh = list(Profile.objects.filter(user=alice))
    assert len(digest.claim_profiles(fresh, now=MONDAY)) == 1
    assert Profile.objects.get(user=alice).next_digest_at > MONDAY

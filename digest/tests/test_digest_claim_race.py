"""The claim's compare-and-swap: a claimer that read a founder's profile and slot before the
founder changed their digest settings must not overwrite the new next time with its stale plan."""

from datetime import timedelta

from accounts.models import Profile
from digest import services as digest
from digest.models import DigestSlot, WeeklyDigest
from digest.tests.digest_support import MONDAY, as_read, next_at, plan


def test_a_settings_change_between_read_and_swap_keeps_the_new_next_time(alice):
    plan(alice, next_at=MONDAY - timedelta(hours=2))  # Monday's slot: due at MONDAY
    stale = as_read([alice])  # the claimer reads ...
    thursday = MONDAY + timedelta(days=3)
    # ... then the founder moves their digest to Thursday, and another claimer plans it,
    # before the claimer swaps.
    Profile.objects.filter(user=alice).update(digest_weekday=3)
    DigestSlot.objects.filter(founder=alice).update(weekday=3, next_digest_at=thursday)

    claimed = digest.claim_profiles(stale, now=MONDAY)

    assert claimed == []
    assert not WeeklyDigest.objects.exists()
    assert next_at(alice) == thursday


def test_a_claim_that_read_the_old_schedule_is_planned_anew_at_the_next_beat(alice):
    """The settings write nothing of the digest's: a claimer that read the profile just before
    the founder's change claims as it read (the change came after it), and its slot, planned
    for the old schedule, is due again at the next beat and planned for the new one — this
    week's digest not sent twice."""
    plan(alice, next_at=MONDAY - timedelta(hours=2))
    stale = as_read([alice])
    Profile.objects.filter(user=alice).update(digest_weekday=3)  # the founder picks Thursday
    assert len(digest.claim_profiles(stale, now=MONDAY)) == 1
    beat = MONDAY + timedelta(minutes=1)
    assert digest.due_founder_ids(now=beat) == [alice.pk]
    assert digest.digests_claim(founder_ids=[alice.pk], now=beat) == []
    thursday = MONDAY + timedelta(days=3, hours=-2)
    assert next_at(alice) == thursday
    assert digest.digests_claim(founder_ids=[alice.pk], now=thursday) == []  # this week's is out
    assert next_at(alice) == thursday + timedelta(days=7)
    assert WeeklyDigest.objects.count() == 1


def test_two_claimers_of_a_founder_never_planned_insert_one_slot(alice, charlie):
    """No row yet (a new founder): the first claimer's INSERT plans it, the second one's
    loses to the primary key and claims nothing."""
    plan(charlie)
    stale = as_read([alice, charlie])
    assert digest.claim_profiles(as_read([alice]), now=MONDAY) == []  # planned: next week
    claimed = digest.claim_profiles(stale, now=MONDAY, force=True)
    assert [WeeklyDigest.objects.get(pk=pk).founder for pk in claimed] == [charlie]
    assert DigestSlot.objects.filter(founder=alice).count() == 1


def test_the_same_claim_goes_through_when_nothing_changed_in_between(alice):
    plan(alice, next_at=MONDAY - timedelta(hours=2))
    assert len(digest.claim_profiles(as_read([alice]), now=MONDAY)) == 1
    assert next_at(alice) > MONDAY

"""accounts/signed_in.py: the signed-in user and profile come from the cache until any write of
their rows, whoever writes and however; a copy read before a write committed is never used."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import services, signed_in, versions
from accounts.backends import user_with_profile
from accounts.models import Profile, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["local memory", "Redis"])
def backend(request):
    """Every rule on the demo's cache and on production's (the real Redis)."""
    if request.param == "Redis":
        request.getfixturevalue("redis_cache")


class Loads:
    """A loader that counts its database reads."""

    def __init__(self):
        self.count = 0

    def __call__(self, user_id):
        self.count += 1
        return user_with_profile(user_id)


@pytest.fixture
def anna(db):
    return services.founder_signup(
        email="anna@example.com", password="long-enough-1", email_confirmed=True
    )


def test_the_second_read_is_the_cached_copy_without_a_query(anna):
    load = Loads()
    signed_in.user(anna.pk, load)
    with CaptureQueriesContext(connection) as captured:
        again = signed_in.user(anna.pk, load)
    assert load.count == 1 and len(captured) == 0
    assert again.email == "anna@example.com" and again.profile.user_id == anna.pk
    # Each read is an instance of its own: a request's changes never reach another's.
    assert signed_in.user(anna.pk, load) is not again


@pytest.mark.parametrize(
    "write",
    [
        lambda anna: Profile.objects.filter(user=anna).update(display_name="Anna"),
        lambda anna: Profile.objects.update(display_name="Anna"),  # every row
        lambda anna: Profile.objects.bulk_update(
            [Profile(pk=anna.profile.pk, user_id=anna.pk, display_name="Anna")], ["display_name"]
        ),
        lambda anna: Profile.objects.filter(pk=anna.profile.pk).update(last_seen_at=timezone.now()),
        lambda anna: User.objects.filter(pk=anna.pk).update(first_name="Anna"),
        lambda anna: versions.bump([anna.pk]),
        lambda anna: versions.bump([versions.EVERYONE]),
    ],
    ids=[
        "profile update",
        "every profile",
        "bulk update",
        "quiet field",
        "user update",
        "version",
        "everyone's version",
    ],
)
def test_any_bulk_write_of_the_rows_is_read_afresh(anna, write):
    load = Loads()
    signed_in.user(anna.pk, load)
    write(User.objects.get(pk=anna.pk))
    after = signed_in.user(anna.pk, load)
    assert load.count == 2
    fresh = User.objects.select_related("profile").get(pk=anna.pk)
    assert after.first_name == fresh.first_name and after.profile.display_name == (
        fresh.profile.display_name
    )
    assert after.profile.data_version == fresh.profile.data_version
    assert after.profile.last_seen_at == fresh.profile.last_seen_at


def test_a_save_of_the_user_or_the_profile_is_read_afresh(anna):
    load = Loads()
    copy = signed_in.user(anna.pk, load)
    copy.profile.hourly_value = Decimal("250")
    copy.profile.save()
    assert signed_in.user(anna.pk, load).profile.hourly_value == Decimal("250")
    copy.set_password("another-long-one-2")
    copy.save()
    assert signed_in.user(anna.pk, load).check_password("another-long-one-2")
    assert load.count == 3


def test_a_reactivated_or_deleted_user_is_seen_at_once(anna):
    # (Deactivated: accounts/tests/test_backends.py.)
    from accounts.backends import ModelBackend

    User.objects.filter(pk=anna.pk).update(is_active=False)
    assert ModelBackend().get_user(anna.pk) is None
    User.objects.filter(pk=anna.pk).update(is_active=True)
    assert ModelBackend().get_user(anna.pk) is not None
    User.objects.get(pk=anna.pk).delete()
    assert ModelBackend().get_user(anna.pk) is None


def test_a_copy_read_while_a_write_was_under_way_is_never_used(anna):
    # The race: the tokens are read, a write changes the row, and only then the reader's copy
    # (read before the write) is stored. It is stored under the old token: nobody takes it.
    def load_then_written(user_id):
        copy = user_with_profile(user_id)
        Profile.objects.filter(user_id=user_id).update(display_name="Written meanwhile")
        return copy

    assert signed_in.user(anna.pk, load_then_written).profile.display_name == ""
    load = Loads()
    assert signed_in.user(anna.pk, load).profile.display_name == "Written meanwhile"
    assert load.count == 1


def test_a_copy_read_before_the_write_committed_is_not_used_after_the_commit(
    anna, django_capture_on_commit_callbacks
):
    load = Loads()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.forget([anna.pk])  # a write, not yet committed
        # Another request reads the row as it was before the commit, and keeps its copy.
        signed_in.user(anna.pk, load)
    signed_in.user(anna.pk, load)
    assert load.count == 2


def test_lost_tokens_or_a_new_release_read_afresh(anna, monkeypatch):
    from django.core.cache import cache

    load = Loads()
    signed_in.user(anna.pk, load)
    cache.delete(signed_in.EVERYONE)  # Redis evicted it
    signed_in.user(anna.pk, load)
    signed_in.user(anna.pk, load)
    assert load.count == 2
    monkeypatch.setattr(signed_in, "release", lambda: "the-next-release")
    signed_in.user(anna.pk, load)
    assert load.count == 3


def test_unknown_users_are_not_kept(anna):
    load = Loads()
    assert signed_in.user(anna.pk + 1000, load) is None
    assert signed_in.user(anna.pk + 1000, load) is None
    assert load.count == 2

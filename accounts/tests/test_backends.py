"""accounts/backends.py: the signed-in user and their profile in one statement built once,
the same instances the ORM's queryset would make."""

import socket
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import services
from accounts.backends import ModelBackend, user_with_profile
from accounts.models import Profile, User

pytestmark = pytest.mark.django_db


def field_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_user_and_profile_are_the_orms_field_by_field():
    founder = services.founder_signup(
        email="anna@example.com", password="long-enough-1", email_confirmed=True
    )
    Profile.objects.filter(user=founder).update(
        hourly_value=Decimal("123.45"),
        yearly_income=Decimal("90000.50"),
        weekly_capacity=Decimal("37.5"),
        last_seen_at=timezone.now() - timedelta(days=2),
        time_zone="Pacific/Auckland",
        language="de",
        data_version=41,
    )
    User.objects.filter(pk=founder.pk).update(last_login=timezone.now())
    expected = User.objects.select_related("profile").get(pk=founder.pk)
    with CaptureQueriesContext(connection) as captured:
        user = user_with_profile(founder.pk)
        profile = user.profile
    assert len(captured) == 1
    assert field_values(user) == field_values(expected)
    assert field_values(profile) == field_values(expected.profile)
    assert profile.user is user
    # The values are the ORM's Python types (SQLite's converters applied), not raw columns.
    assert isinstance(profile.hourly_value, Decimal) and profile.last_seen_at.tzinfo is not None
    assert user.is_active is True and profile.hourly_value_confirmed is False
    # Saved as loaded: an existing row, updated in place.
    profile.display_name = "Anna"
    profile.save()
    assert Profile.objects.get(pk=profile.pk).display_name == "Anna"
    assert Profile.objects.count() == 1


def test_a_user_without_a_profile_reads_none_without_a_query():
    user = User.objects.create_user(email="staff@example.com", password="long-enough-1")
    loaded = user_with_profile(user.pk)
    with CaptureQueriesContext(connection) as captured, pytest.raises(Profile.DoesNotExist):
        loaded.profile  # noqa: B018 — the attribute read is the test
    assert len(captured) == 0


def test_unknown_and_inactive_users_are_nobody():
    founder = services.founder_signup(email="ben@example.com", password="long-enough-1")
    assert ModelBackend().get_user(founder.pk + 1000) is None
    assert ModelBackend().get_user(founder.pk).email == "ben@example.com"
    User.objects.filter(pk=founder.pk).update(is_active=False)
    assert ModelBackend().get_user(founder.pk) is None


def test_an_unreachable_cache_fails_no_request_and_no_write(settings):
    # The signed-in copy (accounts/signed_in.py) on production's backend, on a port where no
    # Redis listens: the client's own errors, and the database answers.
    founder = services.founder_signup(email="cleo@example.com", password="long-enough-1")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "outsourcing.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    assert ModelBackend().get_user(founder.pk).email == "cleo@example.com"
    Profile.objects.filter(user=founder).update(display_name="Cleo")  # the write stands
    assert ModelBackend().get_user(founder.pk).profile.display_name == "Cleo"

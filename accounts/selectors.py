"""Reads of a founder's account."""

from accounts.models import Profile, User


def founder_profile(*, user: User) -> Profile:
    """The user's profile, created on first use (consultants and superusers may lack one)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def request_profile(*, user: User) -> Profile:
    """The profile of a request's user: the one the language middleware loaded this request
    (no second query), else founder_profile's. Not for a user object held across writes."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return founder_profile(user=user)
